"""Subcontracting (再委託) and sensitive data (要配慮個人情報, 特定個人情報, DV等支援措置)."""

from __future__ import annotations

from .context import HOLDER_KINDS, Context
from .findings import Finding, rule
from .rules_lifecycle import holdings
from .rules_transport import ELECTRONIC, HANDOVER, NETWORK, PHYSICAL_DATA, _media

_SUB = """flowdiag: 1
document: {number: 資料1-1, title: 例}
actors:
  - {id: ward, name: 新宿区, kind: ward}
  - {id: contractor, name: 委託事業者, kind: contractor, measures: {operational: [特記事項等の遵守, データの暗号化]}}
  - {id: sub, name: 再委託先, kind: subcontractor, measures: {operational: [%s]}}
steps:
  - {number: 1, from: ward, to: contractor, text: 業務フローの共有}
  - {number: 2, from: contractor, to: sub, text: 印字の再委託}
"""


@rule("subcontract-consent", "error", "subcontract", "再委託に区の承諾が示されていない",
      "再委託先がある図なのに、付議事項（packet）の種類に「再委託」が無いか、再委託の様式で承諾を得ない"
      "（consent: false）となっています。再委託には区の承諾が要ります。packet.kinds に 再委託 を加え、"
      "再委託の様式を書いてください。packet を書いていないフローでは警告です。",
      _SUB % "特記事項等の遵守, データの暗号化" + "packet: {kinds: [業務委託]}\n",
      _SUB % "特記事項等の遵守, データの暗号化"
      + "packet:\n  kinds: [業務委託, 再委託]\n  forms:\n    - {kind: 再委託, partner: 未定, consent: true}\n")
def consent(ctx: Context) -> list[Finding]:
    subs = [a for a in ctx.flow.actors if a.kind == "subcontractor"]
    if not subs:
        return []
    out = []
    for a in subs:
        path = ctx.actor_path(a.id)
        if ctx.packet is None:
            out.append(ctx.finding("subcontract-consent", path,
                                   f"再委託先「{a.name}」がありますが、再委託の付議（packet）が書かれていません",
                                   "packet: の kinds に 再委託 を書き、再委託の様式（forms）を加えてください",
                                   (a.id,), "warning"))
            continue
        refused = [(i, f) for i, f in ctx.forms("再委託") if f.consent is False]
        if "再委託" not in ctx.kinds():
            out.append(ctx.finding("subcontract-consent", path,
                                   f"再委託先「{a.name}」がありますが、付議事項の種類に「再委託」がありません",
                                   "packet.kinds に 再委託 を加え、再委託の様式を書いてください（区の承諾が要ります）",
                                   (a.id,)))
        elif refused:
            out.append(ctx.finding("subcontract-consent", ("packet", "forms", refused[0][0], "consent"),
                                   f"再委託先「{a.name}」への再委託に区の承諾が無い（consent: false）ことになっています",
                                   "承諾を得てから再委託してください", (a.id,)))
    return out


# Duties of the contractor towards its subcontractor: the subcontractor does not take them on.
CONTRACTOR_ONLY = frozenset({"itaku.subcontractor_inspection"})


@rule("subcontract-measures", "warning", "subcontract", "再委託先に委託事業者と同じ対策が無い",
      "再委託先には、委託事業者に求めるのと同じ保護対策を求めます。委託事業者に書いた対策のうち、"
      "再委託先に無いものを再委託先の measures に書いてください。委託事業者が再委託先に対して行うこと"
      "（再委託先への立入調査等）は求めません。",
      _SUB % "特記事項等の遵守" + "packet: {kinds: [業務委託, 再委託]}\n",
      _SUB % "特記事項等の遵守, データの暗号化" + "packet: {kinds: [業務委託, 再委託]}\n")
def same_measures(ctx: Context) -> list[Finding]:
    contractors = [a for a in ctx.flow.actors if a.kind == "contractor"]
    want: dict[str, str] = {}
    for c in contractors:
        for b in ctx.bullets_of(c.id):
            if b.entry is not None and b.step is None and b.entry.id not in CONTRACTOR_ONLY:
                want.setdefault(b.entry.id, b.entry.label)
    out = []
    for a in ctx.flow.actors:
        if a.kind != "subcontractor" or not want:
            continue
        have = ctx.chart_measures(a.id)
        missing = [label for mid, label in want.items() if mid not in have]
        if missing:
            out.append(ctx.finding("subcontract-measures", ctx.actor_path(a.id),
                                   f"再委託先「{a.name}」に、委託事業者と同じ対策のうち {len(missing)} 件がありません: "
                                   + "、".join(missing),
                                   "再委託先の measures に同じ対策を書いてください", (a.id,)))
    return out


@rule("subcontract-inspection", "error", "subcontract", "再委託先への立入り調査の行が「－」",
      "再委託先があるのに、チェックリスト5（令和7年度の様式）の「再委託先がある場合には、…立入り調査等を実施」の行が"
      "「－」です。「○」にしてください。",
      _SUB % "特記事項等の遵守, データの暗号化"
      + "packet:\n  kinds: [業務委託, 再委託]\n  checklists:\n    - checklist: 業務委託\n"
        "      ward: {operational: {\"*\": ○, op_sub_inspection: －}, system: {\"*\": ○}}\n",
      _SUB % "特記事項等の遵守, データの暗号化"
      + "packet:\n  kinds: [業務委託, 再委託]\n  checklists:\n    - checklist: 業務委託\n"
        "      ward: {operational: {\"*\": ○}, system: {\"*\": ○}}\n"
        "      partner: {operational: {\"*\": ○}, system: {\"*\": ○}}\n")
def sub_inspection(ctx: Context) -> list[Finding]:
    if not any(a.kind == "subcontractor" for a in ctx.flow.actors):
        return []
    out = []
    for sub in ctx.submitted:
        for party in sub.parties:
            cell = sub.mark(party, "op_sub_inspection")
            if cell is not None and cell.value == "dash":
                out.append(ctx.finding("subcontract-inspection", cell.path,
                                       f"再委託先がありますが、{sub.label(party)} の{cell.number}行目（再委託先への立入り調査等）が"
                                       f"「{cell.raw}」です", "この行を「○」にしてください", (sub.template.kind, cell.row.id)))
    return out


# ------------------------------------------------------------------ sensitive data

_SENS = """flowdiag: 1
document: {number: 資料1-1, title: 例}
actors:
  - {id: ward, name: 新宿区, kind: ward}
  - {id: contractor, name: 委託事業者, kind: contractor}
data:
  - {id: list, title: 対象者情報, items: [氏名, 住所], at: ward}
  - {id: dv, title: 支援措置対象者, items: [氏名], at: ward, sensitive: [DV等支援措置]}
steps:
  - {number: 1, at: ward, text: 支援措置対象者を除いて抽出, data: [list, dv]}
  - {number: 2, from: ward, to: contractor, text: 提供, data: %s, medium: usb, channel: hand,
     measures: [sets.handover, handover.password_separately]}
  - {number: 3, from: contractor, to: ward, text: 返却, returns: true, data: %s, medium: usb, channel: hand,
     measures: [sets.handover, handover.password_separately]}
"""


@rule("sensitive-outsourced", "error", "subcontract", "DV等支援措置の対象者の情報が区の外に出ている",
      "DV等支援措置の対象者など、居所を知られてはならない人の情報は、委託事業者・クラウドに渡さず区で扱います。"
      "データを分けて区の中だけで扱うか、渡さない手順（抽出時に除く等）を図に描いてください。",
      _SENS % ("[list, dv]", "[list, dv]"),
      _SENS % ("list", "list"))
def outsourced(ctx: Context) -> list[Finding]:
    out = []
    sensitive = {d.id: d for d in ctx.flow.data if "DV等支援措置" in d.sensitive}
    for actor, held in holdings(ctx).items():
        for did in held:
            if did in sensitive:
                di = ctx.flow.data.index(sensitive[did])
                out.append(ctx.finding("sensitive-outsourced", ("data", di, "sensitive"),
                                       f"DV等支援措置の対象者の「{sensitive[did].title}」が{ctx.name(actor)}に渡っています",
                                       "区の中だけで扱うか、抽出のときに除く手順を図に描いてください", (did, actor)))
    return out


@rule("sensitive-handling", "error", "subcontract", "要配慮・特定個人情報の受け渡しの対策が図に無い",
      "sensitive を付けたデータ（要配慮個人情報・特定個人情報など）を媒体や回線で渡すステップ、またはクラウドに"
      "置く場合は、チェックリストの「○」だけでなく、図そのものに対策（鍵付きカバン・管理簿・暗号化、"
      "通信の暗号化・国内法が適用されるサーバ環境）を書いてください。",
      _SENS.replace("sensitive: [DV等支援措置]", "sensitive: [要配慮個人情報]").replace(
          "measures: [sets.handover, handover.password_separately]}\n  - {number: 3", "}\n  - {number: 3", 1)
      % ("[list, dv]", "[list, dv]"),
      _SENS.replace("sensitive: [DV等支援措置]", "sensitive: [要配慮個人情報]") % ("[list, dv]", "[list, dv]"))
def handling(ctx: Context) -> list[Finding]:
    sensitive = {d.id for d in ctx.flow.data if d.sensitive and set(d.sensitive) != {"その他"}}
    if not sensitive:
        return []
    out = []
    for si, step in enumerate(ctx.flow.steps):
        carried = sensitive & set(step.data)
        media = _media(ctx, step)
        if not carried or not (media & PHYSICAL_DATA) or step.from_ is None or step.to is None:
            continue
        carrier = ctx.carrier(step)
        if carrier is None or ctx.kind(carrier) in ("person", "organization", "other"):
            continue
        needed = ["locked_bag", "ledger"] + (["encryption"] if media & ELECTRONIC and not step.encrypted
                                             and "encrypted_usb" not in media else [])
        missing = [HANDOVER[p][1] for p in needed if not ctx.chart_slugs(carrier, si) & {HANDOVER[p][0]}]
        if missing:
            out.append(ctx.finding("sensitive-handling", ("steps", si),
                                   f"{ctx.step_label(step)}は要配慮・特定個人情報を含むのに、図に {'、'.join(missing)} がありません",
                                   "ステップの measures に対策を書いてください（チェックリストの「○」だけでは足りません）",
                                   ctx.step_targets(step), key=True))
    held = holdings(ctx)
    for actor, data in held.items():
        if ctx.kind(actor) != "cloud" or not (sensitive & set(data)):
            continue
        slug, label = NETWORK["network-domestic-law"]
        if not ctx.chart_slugs(actor) & {slug}:
            out.append(ctx.finding("sensitive-handling", ctx.actor_path(actor),
                                   f"クラウドサービス「{ctx.name(actor)}」に要配慮・特定個人情報がありますが、図に「{label}」がありません",
                                   f"{ctx.name(actor)}の measures の system に「{label}」を書いてください", (actor,)))
    return out


__all__ = ["HOLDER_KINDS"]
