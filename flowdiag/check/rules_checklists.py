"""Chart vs checklists: blank or unknown marks, measures on rows marked －, ○ rows not on the chart,
drifted wording, missing checklists, and marks that do not fit the template."""

from __future__ import annotations

from ..wording import GROUP_LABELS
from .context import Context, Submitted
from .findings import Finding, rule
from .meaning import is_certificate
from .wording import drift_pairs, similarity, tolerant

_FLOW = """flowdiag: 1
document: {number: 資料1-1, title: 例}
actors:
  - {id: ward, name: 新宿区, kind: ward}
  - id: contractor
    name: 委託事業者
    kind: contractor
    measures: {operational: [sets.itaku_contractor], system: [sets.system]}
steps:
  - {number: 1, from: ward, to: contractor, text: 業務フローの共有}
packet:
  kinds: 業務委託
  version: 令和6年度
  checklists:
    - checklist: 業務委託
      ward: {operational: {"*": ○}, system: {"*": %s}}
      partner: {operational: {"*": ○}, system: {"*": ○%s}}
"""


@rule("checklist-blank", "error", "checklists", "チェックリストの印が空欄",
      "チェックリストの行に「○」も「－」もありません（提出された様式の記入漏れ）。"
      "対策をとるなら「○」、必要がないなら「－」を記入してください。図に同じ対策があれば、そのことも示します。",
      _FLOW % ("－", ", sys_partner_only: null"),
      _FLOW % ("－", ""))
def blank(ctx: Context) -> list[Finding]:
    out = []
    for sub in ctx.submitted:
        for (party, _), cell in sub.cells.items():
            if cell.value != "blank":
                continue
            actors = _party_actors(ctx, sub, party)
            shown = [ctx.name(a) for a in actors if cell.row.slug in ctx.chart_slugs(a)]
            hint = (f"図の{'、'.join(shown)}に「{cell.row.short()}」があるので「○」ではありませんか" if shown
                    else "「○」か「－」を記入してください")
            out.append(ctx.finding(
                "checklist-blank", cell.path,
                f"{sub.label(party)}{GROUP_LABELS[cell.row.group]} {cell.number}行目「{_start(cell.row.text(party))}」"
                "の印が空欄です", hint, (sub.template.kind, cell.row.id, f"{party}.{cell.row.slug}")))
    return out


@rule("checklist-unknown-mark", "error", "checklists", "チェックリストの印が読めない",
      "印は「○」（対策をとる）か「－」（必要がない）で書きます（-、ー、〇 も同じ意味に読みます）。それ以外の文字は読めません。",
      _FLOW % ("－", ", sys_partner_only: ×"),
      _FLOW % ("－", ""))
def unknown_mark(ctx: Context) -> list[Finding]:
    out = []
    for sub in ctx.submitted:
        for (party, _), cell in sub.cells.items():
            if cell.value == "unknown":
                out.append(ctx.finding("checklist-unknown-mark", cell.path,
                                       f"{sub.label(party)} {cell.number}行目の印「{cell.raw}」を読めません",
                                       "「○」か「－」で書いてください", (sub.template.kind, cell.row.id)))
    return out


@rule("checklist-dash-on-chart", "error", "checklists", "図にある対策がチェックリストでは「－」",
      "図の主体・ステップに書いた対策が、チェックリストのその主体の行では「－」（必要がない）になっています。"
      "図とチェックリストのどちらかが間違っています。チェックリストを「○」にするか、図から対策を外してください。",
      _FLOW.replace("measures: {operational: [sets.itaku_contractor], system: [sets.system]}",
                    "measures: {operational: [sets.itaku_contractor]}").replace(
          "kind: ward}", "kind: ward, measures: {system: [特定相手以外の通信不可]}}") % ("－", ""),
      _FLOW % ("－", ""))
def dash_on_chart(ctx: Context) -> list[Finding]:
    out = []
    seen = set()
    for b in ctx.bullets:
        for slug in sorted(b.slugs):
            cells = ctx.marks_for(b.actor, slug)
            if not cells or not all(c.value == "dash" for _, c in cells):
                continue
            key = (b.path, slug)
            if key in seen:
                continue
            seen.add(key)
            sub, cell = cells[0]
            party = ctx.party_of(sub, b.actor) or "ward"
            where = "、".join(f"{s.label(ctx.party_of(s, b.actor))} {c.number}行目" for s, c in cells)
            out.append(ctx.finding("checklist-dash-on-chart", b.path,
                                   f"図の{ctx.name(b.actor)}の対策「{b.label}」は、チェックリストでは「{cell.raw}」です（{where}）",
                                   "チェックリストを「○」にするか、図から対策を外してください",
                                   (b.label, b.actor, f"{party}.{slug}")))
    return out


@rule("checklist-untraced", "info", "checklists", "「○」の行が図に無い",
      "チェックリストで「○」にした行のうち、図のその主体に短い形（・特記事項等の遵守 など）が無いものを、"
      "チェックリスト・主体・区分ごとにまとめて示します。図に全部を書く決まりはないので情報です。",
      _FLOW.replace("measures: {operational: [sets.itaku_contractor], system: [sets.system]}",
                    "measures: {system: [sets.system]}") % ("－", ""),
      _FLOW.replace("[sets.itaku_contractor]", "[sets.itaku_contractor, itaku.locked_storage, handover.locked_bag,"
                    " handover.ledger]").replace('ward: {operational: {"*": ○}', 'ward: {operational: {"*": －}') % ("－", ""))
def untraced(ctx: Context) -> list[Finding]:
    out = []
    for sub in ctx.submitted:
        for party in sub.parties:
            actors = _party_actors(ctx, sub, party)
            traced: set[str] = set()
            for a in actors:
                traced |= ctx.chart_slugs(a)
            if any(s.returns or is_certificate(s) for s in ctx.flow.steps):
                traced |= {"op_return_erase", "op_erase"}
            for group in ("operational", "system"):
                if (party, group) in sub.broken:
                    continue
                rows = [r for r in sub.version.rows_in(group)
                        if (c := sub.cells.get((party, r.id))) and c.value == "yes" and r.slug not in traced]
                if not rows:
                    continue
                nums = "、".join(f"{sub.version.number_of(r.id)} {r.short()}" for r in rows)
                who = "、".join(ctx.name(a) for a in actors) or "（対応する主体が図にありません）"
                out.append(ctx.finding(
                    "checklist-untraced", sub.path + (party, group),
                    f"{sub.label(party)}{GROUP_LABELS[group]}で「○」の {len(rows)} 行が図（{who}）にありません: {nums}",
                    "図に書く対策を選んで主体の measures に加えるか、packet.derive_measures で図の対策をチェックリストから作れます",
                    (sub.template.kind, f"{sub.template.kind}.{party}.{group}", f"{party}.{group}"), key=True))
    return out


@rule("checklist-wording", "info", "checklists", "チェックリストの文言がひな形と違う",
      "提出されたチェックリストの行の文言（text:）が、ひな形（stencils/checklists/）と違います。"
      "表記の揺れ（コンピュータ/コンピューター、ウイルス/ウィルス など）だけなら情報、内容が違えば警告です。",
      _FLOW.replace('ward: {operational: {"*": ○}', 'ward: {operational: {"*": ○, op_clauses: {mark: ○, text: 特記事項を付す。}}') % ("－", ""),
      _FLOW % ("－", ""))
def wording(ctx: Context) -> list[Finding]:
    out = []
    for sub in ctx.submitted:
        for (party, _), cell in sub.cells.items():
            if not cell.text:
                continue
            standard = cell.row.text(party)
            if cell.text.strip() == standard:
                continue
            if tolerant(cell.text) == tolerant(standard):
                pairs = drift_pairs(standard, cell.text)
                out.append(ctx.finding("checklist-wording", cell.path + ("text",),
                                       f"{sub.label(party)} {cell.number}行目の文言に表記の揺れがあります"
                                       + (f"（{'、'.join(pairs)}）" if pairs else ""),
                                       "同じ行として扱いました", (sub.template.kind, cell.row.id)))
            else:
                score = similarity(cell.text, standard)
                out.append(ctx.finding("checklist-wording", cell.path + ("text",),
                                       f"{sub.label(party)} {cell.number}行目の文言がひな形（{sub.version.name}）と違います"
                                       f"（一致度 {score:.0%}）",
                                       f"ひな形: {standard}", (sub.template.kind, cell.row.id), "warning"))
    return out


@rule("checklist-missing", "warning", "checklists", "種類に対応するチェックリストが無い",
      "packet.kinds に業務委託・外部結合・電算処理があるのに、対応するチェックリスト（5・4・3）の印が書かれていない、"
      "または区・相手方の片方が無いか、種類に無いチェックリストがあります（チェックリストを1つも書いていない場合は点検しません）。",
      _FLOW.replace("kinds: 業務委託", "kinds: [業務委託, 外部結合]") % ("－", ""),
      _FLOW % ("－", ""))
def missing(ctx: Context) -> list[Finding]:
    if not ctx.packet or not ctx.packet.checklists:
        return []
    out = []
    have = {s.template.kind for s in ctx.submitted}
    kinds = ctx.kinds()
    for kind in ("業務委託", "外部結合", "電算処理"):
        if kind in kinds and kind not in have:
            out.append(ctx.finding("checklist-missing", ("packet", "kinds"),
                                   f"付議事項の種類に{kind}がありますが、{ctx.templates[kind].label}がありません",
                                   "packet.checklists に提出したチェックリストの印を書いてください", (kind,)))
    for sub in ctx.submitted:
        if sub.template.kind not in kinds:
            out.append(ctx.finding("checklist-missing", sub.path + ("checklist",),
                                   f"{sub.template.label}がありますが、付議事項の種類に{sub.template.kind}がありません",
                                   "packet.kinds を確かめてください", (sub.template.kind,)))
        for party in ("ward", "partner"):
            if party not in sub.parties:
                out.append(ctx.finding("checklist-missing", sub.path,
                                       f"{sub.template.label}の「{sub.template.parties[party]}」の印がありません",
                                       f"{party}: を書いてください", (sub.template.kind,), key=True))
    return out


@rule("checklist-rows", "error", "checklists", "チェックリストの行の数・id が様式と合わない",
      "印をリストで書くときは、提出した様式の行の数だけ上から順に書きます。行の数が様式の版と合わないか、"
      "行の id が無いものです。version（令和6年度 など）を確かめてください。",
      _FLOW.replace('partner: {operational: {"*": ○}', "partner: {operational: [○, ○, ○]") % ("－", ""),
      _FLOW % ("－", ""))
def rows(ctx: Context) -> list[Finding]:
    return [f for f in ctx.problems if f.rule == "checklist-rows"]


@rule("checklist-version", "error", "checklists", "チェックリストの様式の版が無い",
      "version に書いた版が、そのチェックリストのひな形にありません。年度（令和6年度、R7 など）で書けば、"
      "その年度に使われていた版を選びます。",
      _FLOW.replace("version: 令和6年度", "version: 新様式") % ("－", ""),
      _FLOW % ("－", ""))
def version(ctx: Context) -> list[Finding]:
    return [f for f in ctx.problems if f.rule == "checklist-version"]


def _party_actors(ctx: Context, sub: Submitted, party: str) -> list[str]:
    if party == "ward":
        return [a.id for a in ctx.flow.actors if a.kind == "ward"]
    return [a.id for a in ctx.flow.actors if a.id in sub.partner_actors]


def _start(text: str, n: int = 20) -> str:
    return text if len(text) <= n else text[:n] + "…"
