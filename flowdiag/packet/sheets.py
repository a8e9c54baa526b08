"""The filled checklists on A4 pages, in the ward's layout: a group column (区が行う… 【運用上の対策】)
spanning its rows, the mark (○ / － as submitted) and the row's sentence.

Sized so that a whole sheet of 24 rows fits on one page, as in the submitted packets; a longer
one continues on the next page with its header repeated, never with one row alone on either side.
"""

from __future__ import annotations

from typing import Any

from ..wording import GROUP_LABELS
from .layout import Line, line_svg, rect, wrap_segments
from .paginate import Piece, break_at, fit

PAGE_W, PAGE_H = 595.28, 841.89
LEFT = 50.0
TOP = 58.0
BOTTOM = 50.0
COL_GROUP, COL_MARK = 104.0, 30.0
COL_TEXT = PAGE_W - 2 * LEFT - COL_GROUP - COL_MARK
SIZE = 8.5
LEAD = 1.42
PAD = 3.2


def _lines(text: str, width: float, size: float = SIZE) -> list[Line]:
    return wrap_segments([(text, False)], (width - 2 * PAD) / size)


def sheet_pages(sheet: Any) -> list[str]:
    """SVG bodies (in pt, A4 portrait) of one checklist sheet (a :class:`flowdiag.check.printing.Sheet`)."""
    rows = [(r, _lines(r.text, COL_TEXT)) for r in sheet.rows]
    pages: list[str] = []
    i = 0
    while i < len(rows):
        parts, y = _head(sheet, bool(pages))
        placed: list[tuple[Any, list[Line], float, float]] = []
        heights = [Piece(len(lines) * SIZE * LEAD + 2 * PAD, n) for n, (_, lines) in enumerate(rows[i:])]
        room = PAGE_H - BOTTOM - y
        end = len(rows) if fit(heights, room) == len(heights) else i + break_at(heights, room, fresh=True)
        for (row, lines), piece in zip(rows[i:end], heights, strict=False):
            placed.append((row, lines, y, piece.height))
            y += piece.height
        i = end
        for row, lines, ry, h in placed:
            xm = LEFT + COL_GROUP
            xt = xm + COL_MARK
            parts.append(rect(xm, ry, COL_MARK, h, "none" if row.mark else "#fff3c4"))
            parts.append(rect(xt, ry, COL_TEXT, h))
            if row.mark:
                parts.append(line_svg([(row.mark, False)], xm + COL_MARK / 2, ry + h / 2 + 3.8, 11.0, anchor="middle"))
            for k, line in enumerate(lines):
                parts.append(line_svg(line, xt + PAD, ry + PAD + SIZE * (1.05 + k * LEAD), SIZE))
        k = 0
        while k < len(placed):  # the group cells, each spanning its rows on this page
            j = k
            while j < len(placed) and placed[j][0].group == placed[k][0].group:
                j += 1
            gy = placed[k][2]
            gh = sum(p[3] for p in placed[k:j])
            parts.append(rect(LEFT, gy, COL_GROUP, gh))
            label = _lines(sheet.template.parties[sheet.party], COL_GROUP, SIZE)
            label += _lines(GROUP_LABELS[placed[k][0].group], COL_GROUP, SIZE)
            ty = gy + gh / 2 - len(label) * SIZE * LEAD / 2 + SIZE
            for n, line in enumerate(label):
                parts.append(line_svg(line, LEFT + PAD, ty + n * SIZE * LEAD, SIZE))
            k = j
        pages.append("\n".join(parts))
    return pages


def _head(sheet: Any, cont: bool) -> tuple[list[str], float]:
    parts = [line_svg([(sheet.heading + ("（続き）" if cont else ""), False)], LEFT, TOP, 11.5, bold=True)]
    y = TOP + 8
    if sheet.template.subtitle:
        parts.append(line_svg([(sheet.template.subtitle, False)], LEFT, y + SIZE + 4, SIZE))
        y += SIZE * 1.6 + 4
    y += 4
    legend = [line for text in sheet.legend for line in _lines(text, COL_GROUP + COL_MARK)]
    h = max(len(legend), 1) * SIZE * LEAD + 2 * PAD
    parts.append(rect(LEFT, y, COL_GROUP + COL_MARK, h, "#f2f2f2"))
    parts.append(rect(LEFT + COL_GROUP + COL_MARK, y, COL_TEXT, h, "#f2f2f2"))
    for n, line in enumerate(legend):
        parts.append(line_svg(line, LEFT + PAD, y + PAD + SIZE * (1.05 + n * LEAD), SIZE))
    parts.append(line_svg([(sheet.template.column, False)], LEFT + COL_GROUP + COL_MARK + COL_TEXT / 2,
                          y + h / 2 + SIZE * 0.35, SIZE, anchor="middle"))
    return parts, y + h
