"""Handing over physical media: the protections reviewers ask for, and a step that contradicts its actor's
measure."""

from __future__ import annotations

import unicodedata

from ..model.flow import Step
from .context import ChartBullet, Context
from .facts import actor_bullets, link_encrypted, media, say_where, step_bullets, step_encrypted
from .findings import WARD_AND_CONTRACTOR as _ACTORS
from .findings import Finding, Severity, rule
from .meaning import carried, is_certificate

ELECTRONIC = frozenset({"usb", "encrypted_usb", "dvd", "cd"})
PHYSICAL_DATA = ELECTRONIC | {"paper"}

# protection → (row slug, how to say it)
HANDOVER = {
    "locked_bag": ("op_locked_bag", "鍵付きカバン等による運搬"),
    "ledger": ("op_ledger", "受渡しの管理簿への記載"),
    "encryption": ("op_encryption", "データの暗号化とパスワード通知書の別送"),
}

_RETURN = ("  - {number: 2, from: contractor, to: ward, text: 返却, returns: true, data: list,\n"
           "     medium: usb, channel: hand, measures: [sets.handover]}\n")


def _media(ctx: Context, step: Step) -> set[str]:
    return media(ctx, step)


def _channels(ctx: Context, step: Step) -> list:
    return [e for e in (ctx.catalog.find_channel(c) for c in step.channel) if e is not None]


@rule("media-protection", "warning", "media", "媒体の手渡しに保護対策が無い",
      "USBメモリ・DVD-R・紙で個人情報を受け渡すステップに、鍵付きカバン等による運搬、管理簿への記載、"
      "（電磁的媒体なら）データの暗号化とパスワード通知書の別送が、図にもチェックリストにもありません。"
      "図のステップか運ぶ主体に対策を書くか、チェックリストの行を「○」にしてください。"
      "チェックリストで「－」にしている場合はエラーです。媒体の暗号化は、ステップ自身（encrypted: true、"
      "暗号化機能付きUSBメモリ、ステップの対策）か、運ぶ主体のデータの暗号化の対策で示します。",
      _ACTORS + "steps:\n  - {number: 1, from: ward, to: contractor, text: 提供, data: list, medium: usb, channel: hand}\n"
      + _RETURN,
      _ACTORS + "steps:\n  - {number: 1, from: ward, to: contractor, text: 提供, data: list, medium: usb, channel: hand,\n"
      "     measures: [sets.handover, handover.password_separately]}\n" + _RETURN)
def media_protection(ctx: Context) -> list[Finding]:
    out = []
    for si, step in enumerate(ctx.flow.steps):
        found = _media(ctx, step)
        if not (found & PHYSICAL_DATA) or not carried(step) or step.from_ is None or step.to is None:
            continue
        carrier = ctx.carrier(step)
        if carrier is None or ctx.kind(carrier) in ("person", "organization", "other"):
            continue
        needed = ["ledger"]
        if any(c.id == "hand" for c in _channels(ctx, step)) or not step.channel:
            needed.insert(0, "locked_bag")
        if found & ELECTRONIC and not step_encrypted(ctx, si):
            needed.append("encryption")
        missing, dashed = [], []
        for p in needed:
            slug, label = HANDOVER[p]
            ev = ctx.evidence(carrier, {slug}, si)
            if ev == "dash":
                dashed.append(label)
            elif ev == "none":
                missing.append(label)
        if not missing and not dashed:
            continue
        via = "・".join(e.label for e in (ctx.catalog.find_medium(m) for m in step.medium) if e is not None)
        parts = []
        if dashed:
            parts.append(f"チェックリストでは「－」の {'、'.join(dashed)}")
        if missing:
            parts.append(f"図にもチェックリストにも無い {'、'.join(missing)}")
        sev: Severity = "error" if dashed else "warning"
        out.append(ctx.finding(
            "media-protection", ("steps", si), f"{ctx.step_label(step)}で{ctx.name(carrier)}が{via}で個人情報を渡しますが、"
            + "、".join(parts) + "があります",
            "ステップか運ぶ主体の measures に対策を書くか、チェックリストの該当行を「○」にしてください",
            ctx.step_targets(step), sev, key=True))
    return out


# ------------------------------------------------------------------ a step against its actor's measure

_WORDS = {"usb": "USB", "dvd": "DVD", "cd": "CD"}
_ENC_SLUGS = {"op_encryption", "sys_encryption"}
_CONFLICT = """flowdiag: 1
document: {number: 資料1-1, title: 例}
actors:
  - {id: ward, name: 新宿区, kind: ward, measures: {operational: [暗号化機能付きUSBメモリを利用し、管理簿に記載]}}
  - {id: contractor, name: 委託事業者, kind: contractor}
data:
  - {id: list, title: 対象者情報, items: [氏名, 住所], at: ward}
steps:
  - {number: 1, from: ward, to: contractor, text: 提供, data: list, medium: %s, channel: hand,
     measures: [handover.locked_bag]}
  - {number: 2, from: contractor, to: ward, text: 返却, returns: true, data: list,
     medium: usb, channel: hand, measures: [sets.handover]}
"""


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text).upper()


@rule("step-measure-conflict", "warning", "media", "ステップが主体の対策と食い違う",
      "ステップの媒体・暗号化が、そのステップを行う主体の対策と食い違っています（主体の対策は「暗号化機能付き"
      "USBメモリ」なのにステップは暗号化の書かれていない USBメモリ、主体は「通信内容の暗号化」なのにステップや回線は "
      "encrypted: false など）。両方の位置を示すので、どちらが正しいか確かめて揃えてください。",
      _CONFLICT % "usb",
      _CONFLICT % "encrypted_usb")
def step_measure_conflict(ctx: Context) -> list[Finding]:
    out = []

    def conflict(path: tuple, head: str, pairs: list[tuple[str, ChartBullet]], hint: str,
                 targets: tuple[str, ...]) -> None:
        quoted = say_where(ctx, [(f"{ctx.name(a)}の対策「{b.label}」", b.path) for a, b in pairs])
        out.append(ctx.finding("step-measure-conflict", path, f"{head}ですが、{quoted}とあります", hint, targets, key=True))

    for si, step in enumerate(ctx.flow.steps):
        carrier = ctx.carrier(step)
        if step.from_ is None or step.to is None or is_certificate(step) or carrier is None:
            continue
        bullets = actor_bullets(ctx, carrier)
        targets = ctx.step_targets(step)
        if not step_encrypted(ctx, si):
            for mid in sorted(media(ctx, step) & set(_WORDS)):
                named = [(carrier, b) for b in bullets if _WORDS[mid] in _nfkc(b.label) and "暗号化" in b.label]
                if named:
                    conflict(("steps", si, "medium"),
                             f"{ctx.step_label(step)}の媒体は暗号化の書かれていない「{ctx.catalog.media[mid].label}」", named,
                             "暗号化した媒体なら medium: encrypted_usb（または encrypted: true）にし、そうでないなら主体の対策を"
                             "直してください", targets)
                    break
        posted = [c for c in _channels(ctx, step) if c.id in ("mail", "post")]
        if posted:
            own = [(carrier, b) for b in step_bullets(ctx, si) if b.step == si and ("手渡し" in b.label or "運搬" in b.label)]
            password = "パスワード" in step.text
            theirs = [(carrier, b) for b in bullets if password and "パスワード" in b.label and "手渡し" in b.label]
            if own + theirs:
                conflict(("steps", si, "channel"), f"{ctx.step_label(step)}は{posted[0].label}で送ります", own + theirs,
                         "手渡しするなら channel: hand に、送るなら対策の文言を直してください", targets)
        if step.encrypted is False:
            ends = [a for a in dict.fromkeys((carrier, ctx.actor_of(step.to))) if a]
            pairs = [(a, b) for a in ends for b in actor_bullets(ctx, a) if b.slugs & _ENC_SLUGS]
            if pairs:
                conflict(("steps", si, "encrypted"), f"{ctx.step_label(step)}は encrypted: false（暗号化しない）", pairs,
                         "暗号化するなら encrypted: true に、しないなら主体の対策を確かめてください", targets)
    for li, link in enumerate(ctx.flow.links):
        if link.encrypted is not False or link_encrypted(ctx, li):
            continue
        ends = [a for a in dict.fromkeys(ctx.actor_of(n) for n in link.between) if a]
        pairs = [(a, b) for a in ends for b in actor_bullets(ctx, a) if b.slugs & {"sys_encryption"}]
        if pairs:
            conflict(("links", li, "encrypted"), "回線は encrypted: false（暗号化しない）", pairs,
                     "暗号化するなら encrypted: true に、しないなら主体の対策を確かめてください", tuple(ends))
    return out
