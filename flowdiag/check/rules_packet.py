"""Across the packet: the kinds and the forms present, referenced attachments, blank rows, the
periods (in order, within the contract, not already over at the meeting), counts, subcontracting."""

from __future__ import annotations

import datetime
import re
import unicodedata

from ..model.dates import DateSpan, fiscal_year, parse_date, wareki
from .context import Context
from .findings import Finding, rule
from .packet_facts import ROW_JA, SCHEDULE_JA, Dated, blank_rows, counts, form_name, periods, unreadable

BASE = """flowdiag: 1
document: {number: 資料1-1, title: 【例の事業の個人情報の流れ】, business: 例の事業, version: 令和7年度第1回}
actors:
  - {id: ward, name: 新宿区, kind: ward}
  - {id: contractor, name: 委託事業者, kind: contractor}
steps:
  - {number: 1, from: ward, to: contractor, text: 業務フローの共有}
packet:
"""
"""The head of the packet rules' examples (the packet's keys follow)."""

CHECKLIST_OF = {"業務委託": "業務委託", "外部結合": "外部結合", "電算処理": "電算処理", "再委託": "業務委託"}
MEASURE_KEYS = ("ward_measures", "partner_measures", "measures")


def _day(d: datetime.date) -> str:
    return wareki(d)


# ---------------------------------------------------------------- kinds and attachments

@rule("packet-kinds", "error", "packet", "要綱の根拠の種類と様式が合わない",
      "様式があるのに表紙の要綱の根拠（packet.kinds）に書かれていない種類を指摘します（表紙と様式が食い違います）。"
      "付議事項を表紙（cover）から書いたとき（flowdiag packet で出すもの）は、kinds に書いた種類の様式が"
      "無いことも指摘します（点検のためだけに様式の一部を書いたフローでは指摘しません）。",
      BASE + "  kinds: [業務委託, 外部結合]\n  cover: {subject: 例の事業に係る業務の委託について}\n"
      "  forms:\n    - {kind: 業務委託, partner: 未定}\n",
      BASE + "  kinds: [業務委託]\n  forms:\n    - {kind: 業務委託, partner: 未定}\n")
def kinds(ctx: Context) -> list[Finding]:
    packet = ctx.packet
    if packet is None or not packet.forms or not packet.kinds:
        return []
    out = []
    present = {f.kind for f in packet.forms}
    for i, kind in enumerate(packet.kinds):
        if kind not in present and packet.cover is not None:
            out.append(ctx.finding("packet-kinds", ("packet", "kinds", i), f"要綱の根拠に「{kind}」がありますが、{kind}の様式がありません",
                                   f"{kind}の様式を forms に加えるか、kinds から{kind}を除いてください", (kind,)))
    for fi, form in ctx.forms():
        if form.kind not in packet.kinds:
            out.append(ctx.finding("packet-kinds", ("packet", "forms", fi, "kind"),
                                   f"{form_name(form)}がありますが、要綱の根拠（kinds）に「{form.kind}」がありません",
                                   f"packet.kinds に {form.kind} を加えてください（表紙の「◇第3条第1項第3号（…）」に出ます）",
                                   (form.kind,)))
    return out


@rule("packet-attachment", "error", "packet", "参照している別紙・資料が付議事項に無い",
      "様式の「別紙チェックリストのとおり」には、その種類のチェックリスト（業務委託・再委託は5、外部結合は4、"
      "電算処理は3）の印が packet.checklists に要ります。事業の概要の「※個人情報の流れは、資料X-1のとおり」の"
      "資料番号は、図の資料番号（document.number）と同じでなければなりません。",
      BASE + "  kinds: [業務委託]\n  summary: {business: 例の事業, flow_note: ※個人情報の流れは、資料2-1のとおり}\n"
      "  forms:\n    - {kind: 業務委託, ward_measures: 別紙チェックリストのとおり}\n",
      BASE + "  kinds: [業務委託]\n  summary: {business: 例の事業, flow_note: ※個人情報の流れは、資料1-1のとおり}\n"
      "  forms:\n    - {kind: 業務委託, ward_measures: 契約に特記事項を付す。}\n")
def attachments(ctx: Context) -> list[Finding]:
    packet = ctx.packet
    if packet is None:
        return []
    out = []
    have = {sub.template.kind for sub in ctx.submitted}
    for fi, form in ctx.forms():
        for key in MEASURE_KEYS:
            for i, text in enumerate(getattr(form, key)):
                if "別紙" in text and "チェックリスト" in text and CHECKLIST_OF[form.kind] not in have:
                    need = CHECKLIST_OF[form.kind]
                    out.append(ctx.finding("packet-attachment", ("packet", "forms", fi, key, i),
                                           f"{form_name(form)}の{ROW_JA[key]}は「{text}」ですが、{need}のチェックリストが"
                                           "付議事項にありません",
                                           f"packet.checklists に {need} のチェックリストの印を書いてください（docs/check.md）",
                                           (form.kind,)))
                    break
    s = packet.summary
    if s is not None and s.flow_note:
        m = re.search(r"資料\s*[0-9０-９]+\s*[-－‐ー―]\s*[0-9０-９]+", s.flow_note)
        number = ctx.flow.document.number
        if m and _squash(m.group(0)) != _squash(number):
            out.append(ctx.finding("packet-attachment", ("packet", "summary", "flow_note"),
                                   f"事業の概要は個人情報の流れを「{m.group(0)}」としていますが、図の資料番号は「{number}」です",
                                   "どちらかを直して揃えてください", (number,)))
    return out


def _squash(text: str) -> str:
    t = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", "", t).replace("ー", "-").replace("‐", "-").replace("―", "-")


@rule("packet-blank", "warning", "packet", "付議事項の欄が空",
      "表紙（cover）を書いた付議事項は、そのまま印刷して出すもの（flowdiag packet）として、空の欄を"
      "知らせます: 表紙の件名、事業の概要の事業名・目的・対象者、各様式の欄（件名は様式か表紙のどちらか）。"
      "様式に書かない欄があるなら「該当なし」など、様式に書いた言葉を入れてください。",
      BASE + "  kinds: [業務委託]\n  cover: {subject: 例の事業に係る業務の委託について}\n"
      "  forms:\n    - {kind: 業務委託, department: 例課, business: 例の事業, partner: 未定}\n",
      BASE + "  kinds: [業務委託]\n  cover: {subject: 例の事業に係る業務の委託について}\n"
      "  forms:\n    - kind: 業務委託\n      department: 例課\n      business: 例の事業\n      partner: 未定\n"
      "      items: [氏名, 住所]\n      media: 紙\n      reason: 効率化のため。\n      content: 発送業務\n"
      "      period: 令和8年4月1日から令和9年3月31日まで\n      ward_measures: 特記事項を付す。\n"
      "      partner_measures: 特記事項を遵守させる。\n")
def blanks(ctx: Context) -> list[Finding]:
    packet = ctx.packet
    if packet is None or packet.cover is None:
        return []
    out = []
    if not packet.cover.subject:
        out.append(ctx.finding("packet-blank", ("packet", "cover"), "表紙の件名（cover.subject）がありません",
                               "件名（…に係る業務の委託について）を書いてください", ("cover",), key=True))
    s = packet.summary
    if s is not None:
        for key, name in (("purpose", "目的"), ("subjects", "対象者")):
            if not getattr(s, key):
                out.append(ctx.finding("packet-blank", ("packet", "summary"), f"事業の概要の{name}（{key}）がありません",
                                       f"{name}を書いてください", ("summary",), key=True))
    for fi, form in ctx.forms():
        empty = blank_rows(form)
        if not form.subject and not packet.cover.subject:
            empty.insert(0, "subject")
        if empty:
            names = "、".join(ROW_JA[k] for k in empty)
            out.append(ctx.finding("packet-blank", ("packet", "forms", fi), f"{form_name(form)}の欄が空です: {names}",
                                   f"様式に書いた内容を {'、'.join(empty)} に書いてください（docs/packet.md）",
                                   (form.kind, *(form.id or "",)), key=True))
    return out


# ---------------------------------------------------------------- periods

def _before(a: DateSpan, b: DateSpan) -> bool:
    """``a`` is surely before ``b`` (every day ``a`` may mean is before every day of ``b``)."""
    return a.last < b.first


@rule("packet-date-order", "error", "packet", "時期の順序が逆",
      "期間の始まりが終わりより後になっているもの、電算処理の時期が「開発 → テスト → 本稼働」の順になって"
      "いないものを知らせます（和暦: 令和6年7月22日、令和7年9月下旬、R6.7.1 を読みます）。",
      BASE + "  kinds: [電算処理]\n  forms:\n    - kind: 電算処理\n      schedule:\n"
      "        development: 令和8年4月1日から令和8年9月30日まで\n        test: 令和8年8月1日から令和8年9月30日まで\n"
      "        go_live: 令和8年7月1日\n",
      BASE + "  kinds: [電算処理]\n  forms:\n    - kind: 電算処理\n      schedule:\n"
      "        development: 令和8年4月1日から令和8年7月31日まで\n        test: 令和8年8月1日から令和8年9月30日まで\n"
      "        go_live: 令和8年10月1日\n")
def date_order(ctx: Context) -> list[Finding]:
    out = []
    found = periods(ctx)
    for d in found:
        p = d.period
        if p.start is not None and p.end is not None and _before(p.end, p.start):
            out.append(ctx.finding("packet-date-order", d.path, f"{d.what}の終わり（{p.end.text}）が始まり（{p.start.text}）より前です",
                                   "期間の始まりと終わりを確かめてください", (d.key,)))
    by_form: dict[int, dict[str, Dated]] = {}
    for d in found:
        if d.key in SCHEDULE_JA and d.form is not None:
            by_form.setdefault(d.form, {})[d.key] = d
    for steps in by_form.values():
        order = [k for k in SCHEDULE_JA if k in steps]
        for a, b in zip(order, order[1:], strict=False):
            da, db = steps[a], steps[b]
            sa, sb = da.period.start or da.period.end, db.period.start or db.period.end
            if sa is not None and sb is not None and _before(sb, sa):
                out.append(ctx.finding("packet-date-order", db.path,
                                       f"{SCHEDULE_JA[b]}の時期（{sb.text}）が{SCHEDULE_JA[a]}の時期（{sa.text}）より前に始まります"
                                       f"（{form_name(ctx.flow.packet.forms[db.form or 0]) if ctx.flow.packet else ''}）",
                                       "開発 → テスト → 本稼働 の順になるよう時期を確かめてください", (b,)))
    return out


@rule("packet-date-contract", "warning", "packet", "再委託・開発の時期が委託の期間の外",
      "再委託は委託の期間の中でしか行えません。委託先が開発する電算処理（業務委託の様式と電算処理の様式が"
      "ある付議事項）の開発・テストの時期も、委託の期間の中に入るはずです。",
      BASE + "  kinds: [業務委託, 再委託]\n  forms:\n    - {kind: 業務委託, period: 令和8年4月1日から令和9年3月31日まで}\n"
      "    - {kind: 再委託, period: 令和8年4月1日から令和9年6月30日まで, consent: true}\n",
      BASE + "  kinds: [業務委託, 再委託]\n  forms:\n    - {kind: 業務委託, period: 令和8年4月1日から令和9年3月31日まで}\n"
      "    - {kind: 再委託, period: 令和8年5月1日から令和9年3月31日まで, consent: true,"
      " ward_measures: 特記事項を付す。, partner_measures: 委託先と同じ対策を行わせる。}\n")
def date_contract(ctx: Context) -> list[Finding]:
    found = periods(ctx)
    contracts = [d for d in found if d.key == "period" and ctx.packet and ctx.packet.forms[d.form or 0].kind == "業務委託"]
    if len(contracts) != 1 or contracts[0].period.start is None or contracts[0].period.end is None:
        return []  # several contracts: which one a subcontract belongs to is not written
    c = contracts[0]
    cs, ce = c.period.start, c.period.end
    assert cs is not None and ce is not None
    out = []
    for d in found:
        if d is c or d.form is None or ctx.packet is None:
            continue
        kind = ctx.packet.forms[d.form].kind
        if not (kind == "再委託" and d.key == "period") and not (kind == "電算処理" and d.key in ("development", "test")):
            continue
        s, e = d.period.start, d.period.end
        if s is not None and _before(s, cs):
            out.append(ctx.finding("packet-date-contract", d.path, f"{d.what}（{s.text}〜）は委託の期間（{c.period.text}）より前に始まります",
                                   "委託の期間の中に収まるよう時期を確かめてください", (d.key,)))
        elif e is not None and _before(ce, e):
            out.append(ctx.finding("packet-date-contract", d.path, f"{d.what}（〜{e.text}）は委託の期間（{c.period.text}）の後まで続きます",
                                   "委託の期間の中に収まるよう時期を確かめてください", (d.key,)))
    return out


def meeting_day(ctx: Context) -> tuple[datetime.date, str] | None:
    """The meeting's date (cover.date or document.date), else the first day of its fiscal year (version)."""
    packet = ctx.packet
    for text in ((packet.cover.date if packet and packet.cover else None), ctx.flow.document.date):
        if text:
            d = parse_date(text)
            if d is not None:
                return d.first, f"会議の日（{text}）"
    if ctx.flow.document.version:
        fy = fiscal_year(ctx.flow.document.version)
        if fy is not None:
            return fy[0], f"会議の年度（{ctx.flow.document.version}）の初め（{_day(fy[0])}）"
    return None


@rule("packet-date-past", "warning", "packet", "会議の時点で始まっている・終わっている期間",
      "付議は始める前に行います。会議の日（cover.date か document.date。無ければ document.version の年度の初め）"
      "の時点で、もう終わっている期間はエラー、もう始まっている期間は警告です（前年度の様式を写したまま"
      "年を直し忘れた、がよくある原因です）。",
      BASE.replace("version: 令和7年度第1回", "date: 令和7年6月20日") + "  kinds: [業務委託]\n"
      "  forms:\n    - {kind: 業務委託, period: 令和6年7月22日から令和7年2月28日まで}\n",
      BASE.replace("version: 令和7年度第1回", "date: 令和7年6月20日") + "  kinds: [業務委託]\n"
      "  forms:\n    - {kind: 業務委託, period: 令和7年7月22日から令和8年2月28日まで}\n")
def date_past(ctx: Context) -> list[Finding]:
    meeting = meeting_day(ctx)
    if meeting is None:
        return []
    day, said = meeting
    out = []
    for d in periods(ctx):
        s, e = d.period.start, d.period.end
        if e is not None and e.last < day:
            out.append(ctx.finding("packet-date-past", d.path, f"{d.what}は{e.text}までで、{said}にはもう終わっています",
                                   "年の書き間違いか、前回の様式の写し忘れでないか確かめてください", (d.key,), "error"))
        elif s is not None and s.last < day:
            out.append(ctx.finding("packet-date-past", d.path, f"{d.what}は{s.text}からで、{said}にはもう始まっています",
                                   "会議の承認の前に始めることになります。時期を確かめてください", (d.key,)))
    return out


@rule("packet-date-unreadable", "info", "packet", "期間が日付として読めない",
      "様式の期間・時期に日付が読み取れないと、期間の点検（順序・委託の期間・会議の日）ができません。"
      "「令和8年4月1日から令和9年3月31日まで」「契約締結日から令和9年3月31日まで」のように和暦で書いてください。",
      BASE + "  kinds: [業務委託]\n  forms:\n    - {kind: 業務委託, period: 契約締結日から1年間}\n",
      BASE + "  kinds: [業務委託]\n  forms:\n    - {kind: 業務委託, period: 契約締結日から令和9年3月31日まで}\n")
def date_unreadable(ctx: Context) -> list[Finding]:
    return [ctx.finding("packet-date-unreadable", path, f"{what}「{text}」から日付を読み取れません",
                        "令和8年4月1日 のように和暦の年月日で書くと、期間を点検できます", ())
            for what, text, path in unreadable(ctx)]


# ---------------------------------------------------------------- counts and subcontracting

@rule("packet-counts", "warning", "packet", "人数・件数が対象者数と合わない",
      "事業の概要の「3 対象者数」に書いた人数・世帯数・件数と、事業内容や図に書いた同じ単位の数が違うものを"
      "知らせます（「約8,500世帯（9,500人）」と「約9,500人（8,500世帯）」は同じです）。",
      BASE.replace("- {id: contractor, name: 委託事業者, kind: contractor}",
                   "- {id: contractor, name: 委託事業者, kind: contractor, caption: '約9,000人分'}")
      + "  summary:\n    business: 例の事業\n    purpose: 通知のため\n    subjects: 受給者\n    count: 約9,500人\n",
      BASE.replace("- {id: contractor, name: 委託事業者, kind: contractor}",
                   "- {id: contractor, name: 委託事業者, kind: contractor, caption: '約9,500人分'}")
      + "  summary:\n    business: 例の事業\n    purpose: 通知のため\n    subjects: 受給者\n    count: 約9,500人\n")
def count_match(ctx: Context) -> list[Finding]:
    found = counts(ctx)
    stated: dict[str, set[int]] = {}
    for c in found:
        if c.source == "対象者数":
            stated.setdefault(c.unit, set()).add(c.number)
    out = []
    for c in found:
        if c.source == "対象者数" or c.unit not in stated or c.number in stated[c.unit]:
            continue
        shown = "、".join(f"{n:,}{c.unit}" for n in sorted(stated[c.unit]))
        out.append(ctx.finding("packet-counts", c.path, f"{c.source}の「{c.text}」は、対象者数（{shown}）と違います",
                               "どちらが正しいか確かめて揃えてください", (c.text,)))
    return out


@rule("packet-subcontract", "warning", "packet", "再委託の様式に対策かチェックリストが無い",
      "再委託の様式には、再委託にあたり区が行う対策と再委託先に行わせる対策（ふつうは「別紙チェックリストの"
      "とおり」）が要ります。「別紙チェックリストのとおり」なら、業務委託のチェックリストの相手方に再委託先の"
      "主体が入っていること（checklists[].actors）も確かめます。対策の欄が空かどうかは、付議事項を表紙（cover）から"
      "書いたときに見ます。",
      BASE + "  kinds: [業務委託, 再委託]\n  cover: {subject: 例の事業に係る業務の委託について}\n"
      "  forms:\n    - {kind: 業務委託, partner: 未定}\n"
      "    - {kind: 再委託, partner: 未定, consent: true}\n",
      BASE + "  kinds: [業務委託, 再委託]\n  forms:\n    - {kind: 業務委託, partner: 未定}\n"
      "    - {kind: 再委託, partner: 未定, consent: true, ward_measures: 特記事項を付す。,"
      " partner_measures: 委託先と同じ対策を行わせる。}\n")
def subcontract(ctx: Context) -> list[Finding]:
    out = []
    subs = {a.id for a in ctx.flow.actors if a.kind == "subcontractor"}
    covered = any(sub.template.kind == "業務委託" and sub.partner_actors & subs for sub in ctx.submitted)
    for fi, form in ctx.forms("再委託"):
        base = ("packet", "forms", fi)
        missing = [k for k in ("ward_measures", "partner_measures") if not getattr(form, k)]
        if missing and ctx.packet is not None and ctx.packet.cover is not None:
            out.append(ctx.finding("packet-subcontract", base, f"{form_name(form)}に"
                                   f"{'・'.join(ROW_JA[k] for k in missing)}がありません",
                                   "再委託先に行わせる対策を書くか「別紙チェックリストのとおり」としてチェックリストを付けてください",
                                   ("再委託", *(form.id or "",)), key=True))
            continue
        refers = any("チェックリスト" in t for t in form.partner_measures)
        if refers and subs and not covered:
            out.append(ctx.finding("packet-subcontract", base + ("partner_measures",),
                                   f"{form_name(form)}は「別紙チェックリストのとおり」ですが、チェックリストの相手方に"
                                   "再委託先が入っていません",
                                   "業務委託のチェックリストに actors: [contractor, 再委託先の id] と書くか、"
                                   "再委託先のチェックリストを加えてください", ("再委託",)))
    return out
