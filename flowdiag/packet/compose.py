"""A loaded flow → the packet's parts in the ward's order (cover, 事業の概要, forms, chart, checklists).

>>> from flowdiag.load.validate import load_flow
>>> doc = compose_packet(load_flow("samples/004-ikiiki-hiking.yaml"))
>>> [(p.title, p.number, p.kind) for p in doc.parts]   # doctest: +NORMALIZE_WHITESPACE
[('付議事項（表紙）', '資料39', 'text'), ('事業の概要', '資料39', 'text'), ('様式（外部結合）', '資料39', 'text'),
 ('様式（業務委託）', '資料39', 'text'), ('資料39-1 個人情報の流れ', '資料39-1', 'chart'),
 ('チェックリスト', '資料39', 'checklists')]
"""

from __future__ import annotations

import re

from ..load.validate import LoadedFlow
from ..model.marks import NO_MARKS, Marks
from ..model.packet import Form, Packet
from ..resolve import resolve
from ..resolve.sheets import sheets_of
from .doc import PacketDoc, Para, Part, Row, Run, Table, para
from .forms import form_rows

TITLE_PT = 16.0
HEAD_PT = 13.0
SUMMARY_SECTIONS = (("overview", "1 概要"), ("agenda", "2 個人情報保護管理運営会議への付議内容"), ("count", "3 対象者数"))


def packet_number(lf: LoadedFlow) -> str:
    """The 付議事項's 資料番号: ``packet.number``, else the chart's without its ``-1``.

    >>> from flowdiag.load.validate import load_flow
    >>> packet_number(load_flow("samples/000-keitai-toilet.yaml"))
    '資料19'
    """
    packet = lf.flow.packet
    if packet is not None and packet.number:
        return packet.number
    return re.sub(r"\s*[-－‐―ー]\s*\d+\s*$", "", lf.flow.document.number) or lf.flow.document.number


def compose_packet(lf: LoadedFlow, marks: Marks = NO_MARKS, chart_marks: Marks = NO_MARKS) -> PacketDoc:
    """Every part of the packet; ``marks`` are the packet's change marks (``--since``)."""
    packet = lf.flow.packet or Packet()
    number = packet_number(lf)
    parts = [_cover(lf, packet, number)]
    if packet.summary is not None:
        parts.append(_summary(lf, packet, number))
    for fi, form in enumerate(packet.forms):
        parts.append(_form(packet, form, fi, number, marks))
    doc = lf.flow.document
    parts.append(Part(f"{doc.number} 個人情報の流れ", doc.number, "chart"))
    resolved = resolve(lf)
    drawn = resolved.drawn
    sheets = sheets_of(resolved) if packet.checklists else []
    if sheets:
        parts.append(Part("チェックリスト", number, "checklists"))
    if packet.special_terms:
        parts.append(Part("特記事項", number, blocks=[
            para("特記事項", bold=True, size=HEAD_PT, align="center"),
            *[para(t, ("packet", "special_terms", i)) for i, t in enumerate(packet.special_terms)]]))
    title = (packet.cover.subject if packet.cover and packet.cover.subject else None) or doc.title
    return PacketDoc(title, parts, marks, drawn, chart_marks, list(sheets))


def _cover(lf: LoadedFlow, packet: Packet, number: str) -> Part:
    cover = packet.cover
    base = ("packet", "cover")
    committee = cover.committee if cover else "個人情報保護管理運営会議"
    subject = cover.subject if cover and cover.subject else ""
    kinds = "、".join(packet.kinds) or "、".join(dict.fromkeys(f.kind for f in packet.forms))
    basis = cover.basis if cover else "第3条第1項第3号"
    dept = (cover.department if cover and cover.department else None) or lf.flow.document.department or ""
    dept_path = base + ("department",) if cover and cover.department else ("document", "department")
    blocks: list[Para | Table] = [
        para(f"{committee} 付議事項", bold=True, size=TITLE_PT, align="center"),
        Table((Row("件名", (para(subject, base + ("subject",)),)),), 0.16),
        para(cover.content if cover else "内容は別紙のとおり", base + ("content",)),
        para("要綱の根拠", bold=True),
        Para((Run("◇"), Run(basis, base + ("basis",)), Run("（"), Run(kinds, ("packet", "kinds")), Run("）"))),
    ]
    if dept:
        blocks.append(Para((Run("（担当部課："), Run(dept, dept_path), Run("）")), align="right"))
    return Part("付議事項（表紙）", number, blocks=blocks)


def _summary(lf: LoadedFlow, packet: Packet, number: str) -> Part:
    s = packet.summary
    assert s is not None
    base = ("packet", "summary")

    def lines(key: str) -> tuple[Para, ...]:
        return tuple(para(t, base + (key, i)) for i, t in enumerate(getattr(s, key)))

    business = s.business or lf.flow.document.business or ""
    content: list[Para] = []
    for key, heading in SUMMARY_SECTIONS:
        if getattr(s, key):
            content.append(para(heading, bold=True))
            content += lines(key)
    note = s.flow_note or f"※個人情報の流れは、{lf.flow.document.number}のとおり"
    content.append(para(note, base + ("flow_note",)))
    rows = (Row("事業名", (para(business, base + ("business",) if s.business else ("document", "business")),)),
            Row("担当課", (para(s.department or "", base + ("department",)),)),
            Row("目的", lines("purpose")), Row("対象者", lines("subjects")), Row("事業内容", tuple(content)))
    return Part("事業の概要", number, blocks=[para("事業の概要", bold=True, size=HEAD_PT, align="center"),
                                             Table(rows, 0.16)])


def _form(packet: Packet, form: Form, fi: int, number: str, marks: Marks) -> Part:
    base = ("packet", "forms", fi)
    subject_path = base + ("subject",) if form.subject else ("packet", "cover", "subject")
    subject = form.subject or (packet.cover.subject if packet.cover and packet.cover.subject else "")
    blocks: list[Para | Table] = [Para((Run("件名　"), Run(subject, subject_path)), bold=True)]
    note = form.change_note or packet.change_note
    if note:
        path = base + ("change_note",) if form.change_note else ("packet", "change_note")
        blocks.append(para(note, path, size=9.0))
    elif marks.since_label:
        blocks.append(para(f"※{marks.since_label}本管理運営会議承認済の内容からの変更箇所は、赤太字下線部", size=9.0))
    blocks.append(Table(tuple(form_rows(form, base))))
    return Part(form.label(), number, blocks=blocks)


