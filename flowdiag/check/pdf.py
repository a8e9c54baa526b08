"""Checklist sheets as A4 SVG pages and one PDF, drawn with cairosvg in the bundled font.

Text stays text (the published PDFs must be searchable). Long sheets continue on the next page
with the header repeated.

>>> wrap_em("個人情報は、施錠できる金庫又はキャビネット等に保管する。", 10)
['個人情報は、施錠でき', 'る金庫又はキャビネッ', 'ト等に保管する。']
"""

from __future__ import annotations

import io
from html import escape
from typing import Any

from ..layout.font import char_em
from ..render.fonts import pin_fonts
from ..resolve.sheets import Sheet, SheetRow
from ..wording import GROUP_LABELS

PAGE_W, PAGE_H = 595.28, 841.89  # A4 portrait in pt
MARGIN = 42.0
FONT = "BIZ UDGothic"
SIZE = 9.0
LEAD = 13.0
PAD = 4.0
COL_GROUP, COL_MARK = 128.0, 44.0
PDF_DATE = "2000-01-01T00:00:00Z"
COL_TEXT = PAGE_W - 2 * MARGIN - COL_GROUP - COL_MARK

_NO_START = set("、。，．,.)）】」』・:;!?ーぁぃぅぇぉっゃゅょァィゥェォッャュョ々")


def wrap_em(text: str, max_em: float) -> list[str]:
    """Greedy line breaking by width, never starting a line with closing punctuation."""
    lines: list[str] = []
    cur, width = "", 0.0
    for ch in text:
        w = char_em(ch)
        if cur and width + w > max_em and ch not in _NO_START:
            lines.append(cur)
            cur, width = "", 0.0
        cur += ch
        width += w
    if cur:
        lines.append(cur)
    return lines


def _text(x: float, y: float, s: str, size: float = SIZE, weight: str = "normal", anchor: str = "start") -> str:
    return (f'<text x="{x:.2f}" y="{y:.2f}" font-family="{FONT}" font-size="{size}" font-weight="{weight}" '
            f'text-anchor="{anchor}">{escape(s)}</text>')


def _rect(x: float, y: float, w: float, h: float, fill: str = "none") -> str:
    return f'<rect x="{x:.2f}" y="{y:.2f}" width="{w:.2f}" height="{h:.2f}" fill="{fill}" stroke="#000" stroke-width="0.6"/>'


def svg_pages(sheets: list[Sheet]) -> list[str]:
    """One SVG document per A4 page."""
    pages: list[str] = []
    for sheet in sheets:
        pages += _sheet_pages(sheet)
    return pages


def _sheet_pages(sheet: Sheet) -> list[str]:
    text_em = (COL_TEXT - 2 * PAD) / SIZE
    rows = [(r, wrap_em(r.text, text_em)) for r in sheet.rows]
    pages: list[str] = []
    i = 0
    cont = False
    while i < len(rows):
        parts, y = _page_head(sheet, cont)
        start_y = y
        placed: list[tuple[SheetRow, list[str], float, float]] = []
        while i < len(rows):
            row, lines = rows[i]
            h = max(len(lines), 1) * LEAD + 2 * PAD
            if y + h > PAGE_H - MARGIN and placed:
                break
            placed.append((row, lines, y, h))
            y += h
            i += 1
        x0 = MARGIN
        for row, lines, ry, h in placed:
            xm = x0 + COL_GROUP
            xt = xm + COL_MARK
            fill = "#fff3c4" if not row.mark else "none"
            parts.append(_rect(xm, ry, COL_MARK, h, fill))
            parts.append(_rect(xt, ry, COL_TEXT, h))
            if row.mark:
                parts.append(_text(xm + COL_MARK / 2, ry + h / 2 + 4.5, row.mark, 12, anchor="middle"))
            for k, line in enumerate(lines):
                parts.append(_text(xt + PAD, ry + PAD + SIZE + k * LEAD, line))
        # group cells spanning their rows on this page
        k = 0
        while k < len(placed):
            group = placed[k][0].group
            j = k
            while j < len(placed) and placed[j][0].group == group:
                j += 1
            gy = placed[k][2]
            gh = sum(p[3] for p in placed[k:j])
            parts.append(_rect(x0, gy, COL_GROUP, gh))
            label = wrap_em(sheet.template.parties[sheet.party], (COL_GROUP - 2 * PAD) / SIZE)
            label.append(GROUP_LABELS[group])
            ty = gy + gh / 2 - (len(label) * LEAD) / 2 + SIZE
            for n, line in enumerate(label):
                parts.append(_text(x0 + PAD, ty + n * LEAD, line))
            k = j
        del start_y
        pages.append(_svg(parts))
        cont = True
    return pages


def _page_head(sheet: Sheet, cont: bool) -> tuple[list[str], float]:
    parts = []
    y = MARGIN + 12
    title = sheet.heading + ("（続き）" if cont else "")
    parts.append(_text(MARGIN, y, title, 12, "bold"))
    y += 18
    if sheet.template.subtitle:
        parts.append(_text(MARGIN, y, sheet.template.subtitle))
        y += LEAD
    parts.append(_text(PAGE_W - MARGIN, MARGIN - 14, f"様式: {sheet.version.name}", 7, anchor="end"))
    y += 4
    legend = list(sheet.legend)
    h = max(len(legend), 1) * LEAD + 2 * PAD
    parts.append(_rect(MARGIN, y, COL_GROUP + COL_MARK, h, "#f2f2f2"))
    parts.append(_rect(MARGIN + COL_GROUP + COL_MARK, y, COL_TEXT, h, "#f2f2f2"))
    for n, line in enumerate(legend):
        parts.append(_text(MARGIN + PAD, y + PAD + SIZE + n * LEAD, line))
    parts.append(_text(MARGIN + COL_GROUP + COL_MARK + COL_TEXT / 2, y + h / 2 + 3, sheet.template.column,
                       anchor="middle"))
    return parts, y + h


def _svg(parts: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{PAGE_W}pt" height="{PAGE_H}pt" '
            f'viewBox="0 0 {PAGE_W} {PAGE_H}">\n<rect width="100%" height="100%" fill="#fff"/>\n'
            + "\n".join(parts) + "\n</svg>\n")


def pdf_bytes(sheets: list[Sheet], title: str = "個人情報保護対策チェックリスト") -> bytes:
    """All sheets as one PDF (A4 portrait, one or more pages per sheet)."""
    pin_fonts()
    import cairocffi
    from cairosvg.parser import Tree
    from cairosvg.surface import PDFSurface

    buf = io.BytesIO()
    target = cairocffi.PDFSurface(buf, PAGE_W, PAGE_H)
    try:
        target.set_metadata(cairocffi.PDF_METADATA_TITLE, title)
        target.set_metadata(cairocffi.PDF_METADATA_CREATOR, "flowdiag")
        # a fixed date, as for the charts: the same flow gives the same PDF bytes on every run
        target.set_metadata(cairocffi.PDF_METADATA_CREATE_DATE, PDF_DATE)
        target.set_metadata(cairocffi.PDF_METADATA_MOD_DATE, PDF_DATE)
    except (AttributeError, cairocffi.CairoError):  # older cairo: no metadata
        pass

    class _Page(PDFSurface):  # type: ignore[misc]  # cairosvg is untyped
        def _create_surface(self, width: float, height: float) -> tuple[Any, float, float]:
            target.set_size(width, height)
            return target, width, height

    for svg in svg_pages(sheets):
        _Page(Tree(bytestring=svg.encode("utf-8")), None, 72)
        target.show_page()
    target.finish()
    return buf.getvalue()
