"""Handing over physical media: the protections reviewers ask for, a step that contradicts its actor's
measure, and what becomes of the medium itself after the data is taken off it."""

from __future__ import annotations

import re
import unicodedata

from ..diagnostics import Severity
from ..load.yaml_source import Path_
from ..model.flow import Step
from .context import ChartBullet, Context
from .facts import actor_bullets, channels, link_encrypted, media, say_where, siblings, step_bullets, step_encrypted
from .findings import WARD_AND_CONTRACTOR as _ACTORS
from .findings import Finding, rule
from .meaning import HOLDER_KINDS, carried, is_certificate

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
        if any(c.id == "hand" for c in channels(ctx, step)) or not step.channel:
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
        via = "・".join(e.label for e in (ctx.catalog.medium_meaning(m) for m in step.medium) if e is not None)
        parts = []
        if missing:
            parts.append("".join(f"「{m}」" for m in missing) + "が図にもチェックリストにもありません")
        if dashed:
            parts.append("".join(f"「{m}」" for m in dashed) + "はチェックリストで「－」です")
        sev: Severity = "error" if dashed else "warning"
        out.append(ctx.finding(
            "media-protection", ("steps", si), f"{ctx.step_label(step)}で{ctx.name(carrier)}が{via}で個人情報を渡しますが、"
            + "。".join(parts),
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

    def conflict(path: Path_, head: str, pairs: list[tuple[str, ChartBullet]], hint: str,
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
        posted = [c for c in channels(ctx, step) if c.id in ("mail", "post")]
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


# ------------------------------------------------------------------ the medium itself after the upload

_FAMILY = {"usb": "usb", "encrypted_usb": "usb", "dvd": "disc", "cd": "disc", "paper": "paper"}
_FAMILY_WORDS = {"usb": ("USB", "媒体"), "disc": ("DVD", "CD", "媒体"), "paper": ("紙", "書類", "原本", "申請書")}
_DONE = re.compile(r"返却|返還|消去|初期化|破棄|廃棄|回収|削除")
_UPLOAD = """flowdiag: 1
document: {number: 資料1-1, title: 例}
actors:
  - {id: ward, name: 新宿区, kind: ward}
  - {id: contractor, name: 委託事業者, kind: contractor, measures: {system: [sets.system]}}
  - {id: saas, name: 申込管理サービス, kind: cloud, measures: {system: [sets.system]}}
data:
  - {id: list, title: 対象者情報, items: [氏名, 住所], at: ward}
steps:
  - {number: 1, from: ward, to: contractor, text: 対象者情報の提供, data: list, medium: encrypted_usb, channel: hand,
     measures: [sets.handover]}
  - {number: 2, from: contractor, to: saas, text: 対象者情報の取込み, data: list, channel: internet, encrypted: true}
  - {number: 3, at: contractor, text: 契約終了後、対象者情報の消去, returns: true, data: list}
  - {number: 4, at: saas, text: 契約終了後、対象者情報の消去, returns: true, data: list}
"""


def _mentions(texts: list[str], family: str) -> bool:
    return any(_DONE.search(t) and any(w in t for w in _FAMILY_WORDS[family]) for t in (_nfkc(x) for x in texts))


Order = tuple[int, int]


def _settling(ctx: Context) -> dict[tuple[str, str, str], Order]:
    """What later steps say about the media an actor holds, indexed once: (actor, family, how) → the
    latest step order that says it. ``how`` is ``to:<actor>`` (the medium goes back to that actor),
    ``returns`` (a return/erasure step on that medium), ``named`` (a return/erasure step, a note or a
    bullet names the medium being returned or erased), ``out:<data>`` (printed papers of that data go
    out to the people)."""
    out: dict[tuple[str, str, str], Order] = {}

    def say(key: tuple[str, str, str], order: Order) -> None:
        if key not in out or out[key] < order:
            out[key] = order

    for li, later in enumerate(ctx.flow.steps):
        actor = ctx.actor_of(later.from_ if later.from_ is not None else later.at)
        if actor is None:
            continue
        order = ctx.step_order(later)
        families = {_FAMILY[m] for m in media(ctx, later) if m in _FAMILY}
        texts = list(later.notes) + [b.label for b in step_bullets(ctx, li) if b.step == li]
        if later.returns or is_certificate(later):
            texts.append(later.text)
        for family in _FAMILY_WORDS:
            if _mentions(texts, family):
                say((actor, family, "named"), order)
        if is_certificate(later):
            continue  # a certificate on paper is another paper
        for family in families:
            if later.to is not None:
                to = ctx.actor_of(later.to) or ""
                say((actor, family, "to:" + ("ward" if ctx.kind(later.to) == "ward" else to)), order)
            if later.returns:
                say((actor, family, "returns"), order)
        if ctx.kind(later.to) == "person":
            for d in carried(later):
                say((actor, "paper", "out:" + d), order)
    return out


def _medium_settled(ctx: Context, index: dict[tuple[str, str, str], Order], si: int, sender: str, receiver: str,
                    family: str) -> bool:
    """Does the chart say what becomes of the medium handed over at step ``si``?"""
    step = ctx.flow.steps[si]
    own = siblings(ctx, si)
    if _mentions([t for i in own for t in ctx.flow.steps[i].notes] + [b.label for b in step_bullets(ctx, si)], family):
        return True
    if any(b.entry is not None and b.entry.id == "handover.media_returned" for b in actor_bullets(ctx, receiver)):
        return True
    start = ctx.step_order(step)
    hows = ["to:ward", "to:" + sender, "returns", "named"] + (["out:" + d for d in step.data] if family == "paper" else [])
    return any(index.get((receiver, family, how), (0, 0)) > start for how in hows)


@rule("media-return", "warning", "lifecycle", "渡した媒体そのものの返却・消去が図に無い",
      "USBメモリ・DVD-R・紙で委託事業者に個人情報を渡した後、その媒体がどうなるか（区へ返すか、消去・廃棄するか）が"
      "図にありません。データをパソコンやクラウドに取り込んだ後の媒体も、返却・消去が要ります。媒体で区へ返す"
      "ステップを描くか、返却・消去のステップの文言・注記で媒体に触れるか、ステップの measures に"
      "「取込み後の媒体の返却・消去」を書いてください。",
      _UPLOAD,
      _UPLOAD.replace("     measures: [sets.handover]}", "     measures: [sets.handover, handover.media_returned]}"))
def media_return(ctx: Context) -> list[Finding]:
    out = []
    done: set[tuple[str, str]] = set()
    index: dict[tuple[str, str, str], Order] | None = None
    for si, step in enumerate(ctx.flow.steps):
        if step.from_ is None or step.to is None or not carried(step) or step.returns:
            continue
        sender, receiver = ctx.actor_of(step.from_), ctx.actor_of(step.to)
        if sender is None or receiver is None or sender == receiver:
            continue
        if ctx.kind(sender) not in ("ward", "contractor") or ctx.kind(receiver) not in HOLDER_KINDS:
            continue
        for mid in sorted(media(ctx, step) & set(_FAMILY)):
            family = _FAMILY[mid]
            if (receiver, family) in done:
                continue
            index = _settling(ctx) if index is None else index
            if _medium_settled(ctx, index, si, sender, receiver, family):
                continue
            done.add((receiver, family))
            label = ctx.catalog.media[mid].label
            out.append(ctx.finding(
                "media-return", ("steps", si, "medium"),
                f"{ctx.step_label(step)}で{ctx.name(receiver)}に渡した{label}を、その後返却するか消去するかが図にありません",
                f"{label}を区へ返すステップを描くか、返却・消去のステップの文言か注記で{label}に触れるか、"
                "ステップの measures に handover.media_returned（取込み後の媒体の返却・消去）を書いてください",
                ctx.step_targets(step) + (receiver,), key=True))
    return out
