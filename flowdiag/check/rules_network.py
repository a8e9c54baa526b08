"""Network lines and cloud services: encryption judged per line and per step, the system measures asked of
the ends that run servers, and contractors on LGWAN."""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from ..diagnostics import Severity
from ..load.yaml_source import Path_
from .context import Context
from .facts import channels, claims, link_encrypted, say_where, step_encrypted
from .findings import WARD_AND_CONTRACTOR as _ACTORS
from .findings import Finding, rule
from .holding import sensitive_keys
from .meaning import ACTOR_KINDS, SERVER_PLACES, carried, mentions_asp

NETWORK = {
    "network-partner-only": ("sys_partner_only", "特定相手以外の通信不可"),
    "network-access-log": ("sys_monitoring", "アクセスログ取得"),
    "network-domestic-law": ("sys_domestic_law", "国内法が適用されるサーバ環境"),
}
OPEN_NETWORKS = frozenset({"internet", "web", "email"})
_NO_ENC = "[特定相手以外の通信不可, アクセスログ取得, 国内法が適用されるサーバ環境]"


@dataclass(frozen=True)
class Connection:
    """A network line (links) or a step that goes over one."""

    path: Path_
    ends: frozenset[str]  # actor ids
    order: tuple[str, ...]  # the same, as drawn (from → to, or as the line lists them)
    encrypted: bool  # said on the line or step itself
    channels: frozenset[str]
    data: frozenset[str]  # what it carries (a line: nothing known)
    label: str  # how to name it in a message
    step: int | None = None  # the index of the step, for a step


_CACHE: weakref.WeakKeyDictionary[Context, list[Connection]] = weakref.WeakKeyDictionary()


def connections(ctx: Context) -> list[Connection]:
    """Every network line and every step over a network channel (found once per context)."""
    if ctx not in _CACHE:
        _CACHE[ctx] = _connections(ctx)
    return _CACHE[ctx]


def _connections(ctx: Context) -> list[Connection]:
    out: list[Connection] = []
    for li, link in enumerate(ctx.flow.links):
        e = ctx.catalog.channel_meaning(link.channel)
        ends = frozenset(a for a in (ctx.actor_of(n) for n in link.between) if a is not None)
        if e is None or e.network:
            order = tuple(dict.fromkeys(a for a in (ctx.actor_of(n) for n in link.between) if a is not None))
            out.append(Connection(("links", li), ends, order, link_encrypted(ctx, li), frozenset({e.id} if e else ()),
                                  frozenset(), f"回線「{link.label or (e.label if e else link.channel)}」"))
    for si, step in enumerate(ctx.flow.steps):
        chans = [c for c in channels(ctx, step) if c.network]
        if not chans or step.from_ is None or step.to is None:
            continue
        order = tuple(dict.fromkeys(a for a in (ctx.actor_of(step.from_), ctx.actor_of(step.to)) if a is not None))
        out.append(Connection(("steps", si), frozenset(order), order, step_encrypted(ctx, si), frozenset(c.id for c in chans),
                              frozenset(carried(step)), f"{ctx.step_label(step)}（{'・'.join(c.label for c in chans)}）", si))
    return out


def hosts_server(ctx: Context, actor: str) -> bool:
    """Does the actor run a server the data is kept on: a cloud service; an actor with a server place
    (kind system or storage); a contractor that receives personal data from people over a line (a web form)?
    A contractor that only reaches a service as its user does not."""
    kind = ctx.kind(actor)
    if ACTOR_KINDS[kind].server:
        return True
    a = ctx.owner[actor]
    if any(p.kind in SERVER_PLACES for p in a.places):
        return True
    if not ACTOR_KINDS[kind].contractor:
        return False
    for c in connections(ctx):
        if actor in c.ends and any(ctx.kind(o) == "person" for o in c.ends - {actor}):
            step = ctx.flow.steps[c.step] if c.step is not None else None
            if step is None or ctx.actor_of(step.to) == actor:
                return True
    return False


@rule("network-encryption", "error", "network", "回線の通信が暗号化されていない",
      "インターネット・WEB・電子メールで個人情報をやり取りするステップや回線に、通信の暗号化が書かれていません。"
      "ステップか回線（links）に encrypted: true を書くか、VPN など暗号化する経路にしてください。"
      "主体の【システム上の対策】の「通信内容の暗号化」やチェックリストの「○」は主体全体の約束で、そのステップの"
      "暗号化を示さないので、そのときは警告として両方の位置を示します。LGWAN・閉域網では一段軽く、"
      "要配慮・特定個人情報を運ぶときは一段重くします。",
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
    sensitive = set(sensitive_keys(ctx))
    for c in connections(ctx):
        if c.encrypted:
            continue
        machines = sorted(a for a in c.ends if ACTOR_KINDS[ctx.kind(a)].network)
        promised = [x for a in machines for x in claims(ctx, a, {"sys_encryption"})]
        dashed = any(cell.value == "dash" for a in machines for _, cell in ctx.marks_for(a, "sys_encryption"))
        open_ = bool(c.channels & OPEN_NETWORKS)
        levels: list[Severity] = ["info", "warning", "error"]
        level = (1 if promised else 2) if open_ else (0 if promised else 1)
        if dashed and not promised:
            level = 2
        if c.data & sensitive:
            level = min(2, level + 1)
        names = "と".join(ctx.name(a) for a in c.order)
        message = f"{c.label}で{names}の間の通信の暗号化が、{'このステップにも回線にも' if c.path[0] == 'steps' else 'この回線に'}書かれていません"
        if promised:
            message += f"（{say_where(ctx, promised)}は主体全体の約束で、この通信の暗号化を示しません）"
        elif dashed:
            message += "（チェックリストでは「－」）"
        out.append(ctx.finding(
            "network-encryption", c.path, message,
            ("ステップか回線に encrypted: true を書いてください（図の経路の文字に「通信暗号化」と出ます）"
             if c.path[0] == "steps" else "回線に encrypted: true を書いてください"),
            tuple(sorted(c.ends)) + (ctx.step_targets(ctx.flow.steps[c.step]) if c.step is not None else ()),
            levels[level]))
    return out


def _asked(ctx: Context, rule_id: str, actor: str, peers: set[str]) -> bool:
    kind = ctx.kind(actor)
    if not ACTOR_KINDS[kind].network:
        return False  # people, other bodies and public systems: not the ward's to ask
    if rule_id == "network-access-log":
        return True
    if rule_id == "network-domestic-law":
        return kind != "ward" and hosts_server(ctx, actor)
    # partner-only: the ward's side, and a server that others (not the public) reach
    if kind == "ward":
        return True
    return hosts_server(ctx, actor) and (not peers or any(ctx.kind(p) != "person" for p in peers))


def _network_rule(rule_id: str, ctx: Context) -> list[Finding]:
    slug, label = NETWORK[rule_id]
    endpoints: dict[str, set[str]] = {}
    for c in connections(ctx):
        for a in c.ends:
            endpoints.setdefault(a, set()).update(c.ends - {a})
    for actor in ctx.flow.actors:
        if actor.kind == "cloud":
            endpoints.setdefault(actor.id, set())
    out = []
    for a, peers in endpoints.items():
        if not _asked(ctx, rule_id, a, peers):
            continue
        ev = ctx.evidence(a, {slug})
        if ev in ("chart", "checklist"):
            continue
        kind = ctx.kind(a)
        sev: Severity = "error" if ev == "dash" else "warning"
        what = f"クラウドサービス「{ctx.name(a)}」" if kind == "cloud" else ctx.name(a)
        why = "サーバを置いています" if rule_id == "network-domestic-law" else "回線でつながっています"
        out.append(ctx.finding(
            rule_id, ctx.actor_path(a),
            f"{what}は{why}が、「{label}」が"
            + ("チェックリストで「－」です" if ev == "dash" else "図にもチェックリストにもありません"),
            f"{ctx.name(a)}の measures の system に「{label}」を書くか、チェックリストの該当行を「○」にしてください",
            (a,), sev))
    return out


_NET_ACTORS = """flowdiag: 1
document: {number: 資料1-1, title: 例}
actors:
  - {id: ward, name: 新宿区, kind: ward, measures: {system: [sets.system]}}
  - {id: box, name: Box, kind: cloud%s}
links:
  - {between: [ward, box], channel: lgwan, encrypted: true}
"""


@rule("network-partner-only", "warning", "network", "回線に「特定相手以外の通信不可」が無い",
      "回線でつながる区と、区・委託事業者などがつなぐサーバ（クラウドサービス、サーバを置く委託事業者）には、"
      "特定相手以外との通信を不可とする対策が要ります。図の主体の【システム上の対策】に書くか、チェックリストの行を"
      "「○」にしてください（「－」ならエラー）。サービスの利用者として接続するだけの事業者、公的機関の外部システム、"
      "区民が申し込む WEB だけを受けるサーバには求めません。",
      _NET_ACTORS % ", measures: {system: [通信内容の暗号化, アクセスログ取得, 国内法が適用されるサーバ環境]}",
      _NET_ACTORS % ", measures: {system: [sets.system]}")
def partner_only(ctx: Context) -> list[Finding]:
    return _network_rule("network-partner-only", ctx)


@rule("network-access-log", "warning", "network", "回線に「アクセスログ取得」が無い",
      "回線でつながる区・委託事業者・再委託先・クラウドには、アクセスログ等の取得と定期的な分析が要ります。"
      "図かチェックリストで示してください。",
      _NET_ACTORS % ", measures: {system: [特定相手以外の通信不可, 国内法が適用されるサーバ環境]}",
      _NET_ACTORS % ", measures: {system: [sets.system]}")
def access_log(ctx: Context) -> list[Finding]:
    return _network_rule("network-access-log", ctx)


@rule("network-domestic-law", "warning", "network", "サーバが国内法の下にあることが示されていない",
      "個人情報を置くサーバ（クラウドサービス、サーバの場所を持つか WEB で申込みを受ける委託事業者）は、"
      "日本国内の法が適用される環境であることが要ります。「国内法が適用されるサーバ環境」を図に書くか、"
      "チェックリストの行を「○」にしてください。サーバを持たずサービスを利用するだけの事業者には求めません。",
      _NET_ACTORS % ", measures: {system: [特定相手以外の通信不可, アクセスログ取得]}",
      _NET_ACTORS % ", measures: {system: [sets.system]}")
def domestic_law(ctx: Context) -> list[Finding]:
    return _network_rule("network-domestic-law", ctx)


_LGWAN = """flowdiag: 1
document: {number: 資料1-1, title: 例}
actors:
  - {id: ward, name: 新宿区, kind: ward, measures: {system: [sets.system]}}
  - {id: vendor, name: %s, kind: %s, measures: {system: [sets.system]}}
links:
  - {between: [ward, vendor], channel: lgwan, encrypted: true}
"""


@rule("network-lgwan-contractor", "warning", "network", "委託事業者が LGWAN につながっている",
      "LGWAN（総合行政ネットワーク）には、自治体と LGWAN-ASP のサービスしかつながりません。委託事業者・再委託先・"
      "区民などが【LGWAN回線】でつながる図は、実際の経路を確かめてください。LGWAN-ASP のサービスなら主体を "
      "kind: cloud にして名前か注記に LGWAN-ASP と書き、区の端末で作業するならステップを区の中に描きます。",
      _LGWAN % ("入力業務の委託事業者", "contractor"),
      _LGWAN % ("電子申請サービス（LGWAN-ASP）", "cloud"))
def lgwan_contractor(ctx: Context) -> list[Finding]:
    out = []
    seen: set[str] = set()
    for c in connections(ctx):
        if "lgwan" not in c.channels:
            continue
        for a in sorted(c.ends):
            kind = ctx.kind(a)
            if a in seen or kind in ("ward", "cloud", "system"):
                continue
            actor = ctx.owner[a]
            texts = [actor.name, *actor.caption, *actor.notes] + [t for p in actor.places for t in (p.name, *p.caption)]
            if mentions_asp(texts):
                continue
            seen.add(a)
            out.append(ctx.finding(
                "network-lgwan-contractor", c.path,
                f"{ACTOR_KINDS[kind].label}「{ctx.name(a)}」が【LGWAN回線】でつながっていますが、LGWAN には自治体と "
                "LGWAN-ASP のサービスしかつながりません",
                "LGWAN-ASP のサービスなら kind: cloud にして名前か注記に LGWAN-ASP と書き、区の端末で作業するなら"
                "ステップを区の中に描いてください（インターネット回線なら channel: internet）", (a,)))
    return out
