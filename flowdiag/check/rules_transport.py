"""Handing over physical media, and network lines / cloud services: the protections reviewers ask for."""

from __future__ import annotations

from typing import Any

from ..catalog import MediumEntry
from ..model.flow import Step
from .context import Context
from .findings import WARD_AND_CONTRACTOR as _ACTORS
from .findings import Finding, Severity, rule

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
    out = set()
    for m in step.medium:
        e = ctx.catalog.find_medium(m)
        if e is not None:
            out.add(e.id)
    return out


def _channels(ctx: Context, step: Step) -> list[MediumEntry]:
    return [e for e in (ctx.catalog.find_channel(c) for c in step.channel) if e is not None]


@rule("media-protection", "warning", "media", "媒体の手渡しに保護対策が無い",
      "USBメモリ・DVD-R・紙で個人情報を受け渡すステップに、鍵付きカバン等による運搬、管理簿への記載、"
      "（電磁的媒体なら）データの暗号化とパスワード通知書の別送が、図にもチェックリストにもありません。"
      "図のステップか運ぶ主体に対策を書くか、チェックリストの行を「○」にしてください。"
      "チェックリストで「－」にしている場合はエラーです。",
      _ACTORS + "steps:\n  - {number: 1, from: ward, to: contractor, text: 提供, data: list, medium: usb, channel: hand}\n"
      + _RETURN,
      _ACTORS + "steps:\n  - {number: 1, from: ward, to: contractor, text: 提供, data: list, medium: usb, channel: hand,\n"
      "     measures: [sets.handover, handover.password_separately]}\n" + _RETURN)
def media_protection(ctx: Context) -> list[Finding]:
    out = []
    for si, step in enumerate(ctx.flow.steps):
        media = _media(ctx, step)
        if not (media & PHYSICAL_DATA) or not step.data or step.from_ is None or step.to is None:
            continue
        carrier = ctx.carrier(step)
        if carrier is None or ctx.kind(carrier) in ("person", "organization", "other"):
            continue
        needed = ["ledger"]
        if any(c.id == "hand" for c in _channels(ctx, step)) or not step.channel:
            needed.insert(0, "locked_bag")
        if media & ELECTRONIC and not step.encrypted and "encrypted_usb" not in media:
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


# ------------------------------------------------------------------ network

NETWORK = {
    "network-partner-only": ("sys_partner_only", "特定相手以外の通信不可"),
    "network-access-log": ("sys_monitoring", "アクセスログ取得"),
    "network-domestic-law": ("sys_domestic_law", "国内法が適用されるサーバ環境"),
}
OPEN_NETWORKS = frozenset({"internet", "web", "email"})
_NO_ENC = "[特定相手以外の通信不可, アクセスログ取得, 国内法が適用されるサーバ環境]"


def connections(ctx: Context) -> list[tuple[tuple[Any, ...], set[str], bool, set[str]]]:
    """(path, actor ids at both ends, encrypted?, channel ids) of every network link and network step."""
    out: list[tuple[tuple[Any, ...], set[str], bool, set[str]]] = []
    links: dict[frozenset[str], bool] = {}
    for li, link in enumerate(ctx.flow.links):
        e = ctx.catalog.find_channel(link.channel)
        ends = {a for a in (ctx.actor_of(n) for n in link.between) if a is not None}
        ids = {e.id} if e else set()
        enc = bool(link.encrypted) or bool(e and e.encrypted)
        links[frozenset(ends)] = enc
        if e is None or e.network:
            out.append((("links", li), ends, enc, ids))
    for si, step in enumerate(ctx.flow.steps):
        chans = [c for c in _channels(ctx, step) if c.network]
        if not chans or step.from_ is None or step.to is None:
            continue
        ends = {a for a in (ctx.actor_of(step.from_), ctx.actor_of(step.to)) if a is not None}
        enc = bool(step.encrypted) or all(c.encrypted for c in chans) or links.get(frozenset(ends), False)
        out.append((("steps", si), ends, enc, {c.id for c in chans}))
    return out


@rule("network-encryption", "error", "network", "回線の通信が暗号化されていない",
      "インターネット・WEB・電子メールで個人情報をやり取りするのに、通信の暗号化が図に無く、チェックリストでも"
      "「○」になっていません。回線（links）やステップに encrypted: true を書くか、「通信内容の暗号化」を書いてください。"
      "LGWAN・閉域網では警告です。",
      _ACTORS.replace("kind: ward}", "kind: ward, measures: {system: " + _NO_ENC + "}}").replace(
          "kind: contractor}", "kind: contractor, measures: {system: " + _NO_ENC + "}}") + """links:
  - {between: [ward, contractor], channel: internet}
""",
      _ACTORS.replace("kind: ward}", "kind: ward, measures: {system: " + _NO_ENC + "}}").replace(
          "kind: contractor}", "kind: contractor, measures: {system: " + _NO_ENC + "}}") + """links:
  - {between: [ward, contractor], channel: internet, encrypted: true}
""")
def network_encryption(ctx: Context) -> list[Finding]:
    out = []
    for path, ends, enc, chans in connections(ctx):
        if enc:
            continue
        machines = [a for a in ends if ctx.kind(a) not in ("person", "other")]
        evs = [ctx.evidence(a, {"sys_encryption"}) for a in machines]
        if evs and all(e in ("chart", "checklist") for e in evs):
            continue
        dashed = any(e == "dash" for e in evs)
        sev: Severity = "error" if (chans & OPEN_NETWORKS or dashed) else "warning"
        names = "と".join(ctx.name(a) for a in sorted(ends))
        out.append(ctx.finding(
            "network-encryption", path, f"{names}の間の回線で、通信の暗号化が図にもチェックリストにもありません"
            + ("（チェックリストでは「－」）" if dashed else ""),
            "links またはステップに encrypted: true を書くか、「通信内容の暗号化」を対策に書いてください",
            tuple(sorted(ends)), sev))
    return out


def _network_rule(rule_id: str, ctx: Context) -> list[Finding]:
    slug, label = NETWORK[rule_id]
    endpoints: dict[str, tuple[Any, ...]] = {}
    for path, ends, _, _ in connections(ctx):
        for a in ends:
            endpoints.setdefault(a, path)
    for actor in ctx.flow.actors:
        if actor.kind == "cloud":
            endpoints.setdefault(actor.id, ctx.actor_path(actor.id))
    out = []
    for a in endpoints:
        kind = ctx.kind(a)
        if kind in ("person", "other", "organization"):
            continue
        if rule_id == "network-domestic-law" and kind not in ("cloud", "system", "contractor", "subcontractor"):
            continue
        ev = ctx.evidence(a, {slug})
        if ev in ("chart", "checklist"):
            continue
        sev: Severity = "error" if ev == "dash" else RULES_SEVERITY[rule_id]
        what = f"クラウドサービス「{ctx.name(a)}」" if kind == "cloud" else ctx.name(a)
        out.append(ctx.finding(
            rule_id, ctx.actor_path(a),
            f"{what}は回線でつながっていますが、「{label}」が"
            + ("チェックリストで「－」です" if ev == "dash" else "図にもチェックリストにもありません"),
            f"{ctx.name(a)}の measures の system に「{label}」を書くか、チェックリストの該当行を「○」にしてください",
            (a,), sev))
    return out


RULES_SEVERITY: dict[str, Severity] = {"network-partner-only": "warning", "network-access-log": "warning",
                                       "network-domestic-law": "warning"}

_NET_ACTORS = """flowdiag: 1
document: {number: 資料1-1, title: 例}
actors:
  - {id: ward, name: 新宿区, kind: ward, measures: {system: [sets.system]}}
  - {id: box, name: Box, kind: cloud%s}
links:
  - {between: [ward, box], channel: lgwan, encrypted: true}
"""


@rule("network-partner-only", "warning", "network", "回線に「特定相手以外の通信不可」が無い",
      "回線でつながる区・委託事業者・クラウド・結合先には、特定相手以外との通信を不可とする対策が要ります。"
      "図の主体の【システム上の対策】に書くか、チェックリストの行を「○」にしてください（「－」ならエラー）。",
      _NET_ACTORS % ", measures: {system: [通信内容の暗号化, アクセスログ取得, 国内法が適用されるサーバ環境]}",
      _NET_ACTORS % ", measures: {system: [sets.system]}")
def partner_only(ctx: Context) -> list[Finding]:
    return _network_rule("network-partner-only", ctx)


@rule("network-access-log", "warning", "network", "回線に「アクセスログ取得」が無い",
      "回線でつながる主体には、アクセスログ等の取得と定期的な分析が要ります。図かチェックリストで示してください。",
      _NET_ACTORS % ", measures: {system: [特定相手以外の通信不可, 国内法が適用されるサーバ環境]}",
      _NET_ACTORS % ", measures: {system: [sets.system]}")
def access_log(ctx: Context) -> list[Finding]:
    return _network_rule("network-access-log", ctx)


@rule("network-domestic-law", "warning", "network", "サーバが国内法の下にあることが示されていない",
      "クラウドサービス・結合先・委託事業者のサーバは、日本国内の法が適用される環境であることが要ります"
      "（特にクラウド）。「国内法が適用されるサーバ環境」を図に書くか、チェックリストの行を「○」にしてください。",
      _NET_ACTORS % ", measures: {system: [特定相手以外の通信不可, アクセスログ取得]}",
      _NET_ACTORS % ", measures: {system: [sets.system]}")
def domestic_law(ctx: Context) -> list[Finding]:
    return _network_rule("network-domestic-law", ctx)
