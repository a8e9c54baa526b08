"""Subcontracting (再委託): consent, the same measures, inspection, and a contractor's member businesses."""

from __future__ import annotations

from .context import Context
from .findings import Finding, rule
from .meaning import CONTRACTOR_KINDS, HOLDER_KINDS, looks_union

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
    subs = [a for a in ctx.flow.actors if a.kind == "subcontractor"
            or (a.members is not None and a.members.data and a.members.entity == "separate")]
    if not subs:
        return []
    out = []
    for a in subs:
        path = ctx.actor_path(a.id)
        if a.kind != "subcontractor":  # the members of a contractor, stated as separate businesses
            a = a.model_copy(update={"name": f"{a.name}の構成員（{a.members.name if a.members else ''}）"})
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
            if b.entry is None or b.step is not None or "places" in b.path or b.entry.id in CONTRACTOR_ONLY:
                continue  # a place's measures (a device, a server) belong to that place, not to the business
            if b.entry.id.split(".")[0] in ("device", "phone"):
                continue
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
    if not any(a.kind == "subcontractor" or (a.members and a.members.data and a.members.entity == "separate")
               for a in ctx.flow.actors):
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


_UNION = """flowdiag: 1
document: {number: 資料1-1, title: 例}
actors:
  - {id: ward, name: 新宿区, kind: ward}
  - id: union
    name: 区内弁当事業協同組合
    kind: contractor
    members: {name: 組合員の弁当店%s}
  - {id: users, name: 利用者, kind: person}
data:
  - {id: list, title: 配達先情報, items: [氏名, 住所], at: ward}
steps:
  - {number: 1, from: ward, to: union, text: 配達先情報の提供, data: list, medium: encrypted_usb, channel: hand,
     measures: [sets.handover]}
  - {number: 2, from: union, to: users, text: 組合員の店舗による配達}
  - {number: 3, from: union, to: ward, text: 契約終了後、配達先情報とUSBメモリの返却, returns: true, data: list,
     medium: encrypted_usb, channel: hand, measures: [sets.handover]}
"""


@rule("members-subcontract", "warning", "subcontract", "構成員が個人情報を扱うのに再委託かどうかが示されていない",
      "委託事業者が組合・共同企業体などで、構成員（加盟店・組合員）が個人情報を扱います。構成員が別の事業者なら"
      "再委託で、区の承諾が要ります（members の entity: separate と書き、packet に 再委託 と承諾を書く）。"
      "構成員が同じ法人の支店・営業所や、全員が契約の当事者なら entity: one と書いてください。構成員の書かれていない"
      "組合などには、構成員が個人情報を扱うかを情報として尋ねます。",
      _UNION % "",
      _UNION % ", entity: one")
def members_subcontract(ctx: Context) -> list[Finding]:
    out = []
    for ai, a in enumerate(ctx.flow.actors):
        if a.kind not in CONTRACTOR_KINDS:
            continue
        m = a.members
        if m is None:
            if looks_union(a.name):
                out.append(ctx.finding(
                    "members-subcontract", ("actors", ai, "name"),
                    f"「{a.name}」は構成員からなる事業者のようですが、構成員（加盟店・組合員）が個人情報を扱うかが"
                    "示されていません",
                    "構成員が業務を行うなら members: {name: …, entity: separate または one} を書き、扱わないなら "
                    "members: {name: …, data: false} と書いてください", (a.id,), "info"))
            continue
        if not m.data or m.entity is not None:
            continue  # no data, or stated: one entity (nothing to ask) / separate (subcontract-consent asks)
        out.append(ctx.finding(
            "members-subcontract", ("actors", ai, "members"),
            f"「{a.name}」の構成員（{m.name}）が個人情報を扱いますが、構成員への再委託にあたるかが示されていません",
            "構成員が別の事業者なら再委託です: members に entity: separate と書き、packet に 再委託 と区の承諾（consent: true）"
            "を書いてください。同じ法人の支店・営業所や、全員が契約の当事者なら entity: one と書いてください",
            (a.id,), key=True))
    return out


__all__ = ["HOLDER_KINDS"]
