"""The packet as one PDF: A4 pages drawn as SVG and put through cairo, like the chart.

Every page carries its 資料番号 at the top right and ``- n -`` at the bottom; each part (and each
checklist sheet) is a bookmark; the bundled BIZ UDGothic is embedded as a subset, so the text
stays searchable; the dates are fixed, so the same flow gives the same bytes.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from html import escape

from ..model.marks import Marks
from ..render.fonts import pin_fonts
from .doc import PacketDoc, Para, Part, Row, Table, styled
from .layout import FONT, Line, line_svg, rect, text_em, wrap_segments
from .paginate import break_at
from .sheets import sheet_pages

PAGE_W, PAGE_H = 595.28, 841.89  # A4 portrait, pt
MARGIN_X = 56.0
TOP = 66.0
BOTTOM = 64.0
PAD = 5.0
LEAD = 1.45  # line height in em
PDF_DATE = "2000-01-01T00:00:00Z"
NUMBER_Y = 30.0  # baseline of the 資料番号 at the top right
LABEL_PT = 10.0  # the table's label column
CONTINUED = "（続き）"  # after a row's label on the page it continues on


@dataclass
class Page:
    width: float
    height: float
    body: str  # SVG content in pt
    number: str  # 資料番号 shown at the top right ("" when the body draws its own)
    outline: list[tuple[int, str]] = field(default_factory=list)  # (level, title) of bookmarks starting here


@dataclass(frozen=True)
class _Line:
    line: Line
    size: float
    bold: bool
    gap: float = 0.0  # space before the line
    align: str = "left"
    para: int = 0  # the paragraph it belongs to, within its row or part

    @property
    def height(self) -> float:
        return self.gap + self.size * LEAD

    @property
    def heading(self) -> bool:
        return self.bold  # a bold paragraph is a heading: it stays with the text under it


def _para_lines(p: Para, width: float, marks: Marks, gap: float, index: int = 0) -> list[_Line]:
    lines = wrap_segments(styled(p.runs, marks), width / p.size)
    return [_Line(line, p.size, p.bold, gap if k == 0 else 0.0, p.align, index) for k, line in enumerate(lines)]


def _label_lines(label: str, width: float, continued: bool) -> list[_Line]:
    """A row's label; on the page it continues on, （続き） is added whole (after it or on a line of its own).

    >>> [["".join(t for t, _ in ln.line)] for ln in _label_lines("事業内容", 67.0, True)]
    [['事業内容'], ['（続き）']]
    >>> [["".join(t for t, _ in ln.line)] for ln in _label_lines("目的", 67.0, True)]
    [['目的（続き）']]
    """
    lines = wrap_segments([(label, False)], width / LABEL_PT)
    if continued:
        last = lines[-1]
        if text_em("".join(t for t, _ in last) + CONTINUED) * LABEL_PT <= width:
            lines[-1] = [*last, (CONTINUED, False)]
        else:
            lines.append([(CONTINUED, False)])
    return [_Line(line, LABEL_PT, False) for line in lines]


class _Flow:
    """Places blocks top to bottom on A4 portrait pages, starting a new page when one is full."""

    def __init__(self, number: str) -> None:
        self.number = number
        self.pages: list[list[str]] = []
        self.y = 0.0
        self.new_page()

    def new_page(self) -> None:
        self.pages.append([])
        self.y = TOP

    @property
    def room(self) -> float:
        return PAGE_H - BOTTOM - self.y

    @property
    def fresh(self) -> bool:
        return self.y <= TOP + 1

    def paragraph(self, p: Para, marks: Marks, keep: float = 0.0) -> None:
        """Lines of a paragraph, broken across pages by the widow and orphan rules; ``keep`` is the
        height of what must follow on the same page (the start of the block under a heading)."""
        lines = _para_lines(p, PAGE_W - 2 * MARGIN_X, marks, 0.0)
        while lines:
            if _height(lines) + keep <= self.room:
                k = len(lines)
            else:
                k = break_at(lines, self.room, self.fresh)
                if k == 0 or (k == len(lines) and not self.fresh):
                    self.new_page()
                    continue
            for ln in lines[:k]:
                x = {"left": MARGIN_X, "center": PAGE_W / 2, "right": PAGE_W - MARGIN_X}[ln.align]
                anchor = {"left": "start", "center": "middle", "right": "end"}[ln.align]
                self.pages[-1].append(line_svg(ln.line, x, self.y + ln.size * 1.1, ln.size, ln.bold, anchor))
                self.y += ln.height
            lines = lines[k:]
            if lines:
                self.new_page()
        self.y += p.size * 0.6

    def table(self, t: Table, marks: Marks) -> None:
        width = PAGE_W - 2 * MARGIN_X
        lw = width * t.label_width
        vw = width - lw
        for row in t.rows:
            self._row(row, lw, vw, marks)
        self.y += 10.0

    def _row(self, row: Row, lw: float, vw: float, marks: Marks) -> None:
        value: list[_Line] = []
        for k, p in enumerate(row.paras):
            value += _para_lines(p, vw - 2 * PAD, marks, 3.0 if k else 0.0, k)
        first = True
        continued = False
        while True:
            label = _label_lines(row.label, lw - 2 * PAD, continued)
            need = max(_height(label), _height(value)) + 2 * PAD
            if need <= self.room:
                self._cells(label, value, lw, vw, need)
                return
            fits = break_at(value, self.room - 2 * PAD, self.fresh)
            if fits == 0 or (first and fits < len(value) // 3 and self.y > TOP + 40):  # too little here: move on
                if not self.fresh:
                    self.new_page()
                    first = False
                    continue
                fits = max(fits, 1)
            self._cells(label, value[:fits], lw, vw, self.room)
            self.new_page()
            first = False
            continued = True
            value = [_Line(v.line, v.size, v.bold, 0.0, v.align, v.para) if i == 0 else v
                     for i, v in enumerate(value[fits:])]

    def _cells(self, label: list[_Line], value: list[_Line], lw: float, vw: float, h: float) -> None:
        out = self.pages[-1]
        x0, y0 = MARGIN_X, self.y
        out.append(rect(x0, y0, lw, h, "#f2f2f2"))
        out.append(rect(x0 + lw, y0, vw, h))
        y = y0 + PAD
        for ln in label:
            out.append(line_svg(ln.line, x0 + PAD, y + ln.size * 1.1, ln.size, ln.bold))
            y += ln.height
        y = y0 + PAD
        for ln in value:
            y += ln.gap
            out.append(line_svg(ln.line, x0 + lw + PAD, y + ln.size * 1.1, ln.size, ln.bold))
            y += ln.size * LEAD
        self.y += h


def _height(lines: list[_Line]) -> float:
    return sum(ln.height for ln in lines)


def _keep(block: Para | Table | None) -> float:
    """The height of the start of ``block`` (two lines), which a heading above it keeps on its page."""
    if block is None:
        return 0.0
    if isinstance(block, Table):
        return 2 * PAD + 2 * 10.5 * LEAD
    return 2 * block.size * LEAD


def _text_part(part: Part, marks: Marks) -> list[Page]:
    flow = _Flow(part.number)
    for k, block in enumerate(part.blocks):
        if isinstance(block, Table):
            flow.table(block, marks)
        else:
            after = part.blocks[k + 1] if block.bold and k + 1 < len(part.blocks) else None
            flow.paragraph(block, marks, _keep(after))
    return [Page(PAGE_W, PAGE_H, "\n".join(body), part.number) for body in flow.pages if body]


_ROOT = re.compile(r"<svg\b[^>]*>")
_SIZE = re.compile(r'width="([\d.]+)(?:pt)?" height="([\d.]+)(?:pt)?"')


def _nested(svg: str) -> tuple[float, float, str]:
    """A whole SVG document as an element to place on a page in pt (its size, and the element).

    >>> _nested('<?xml version="1.0"?> <svg xmlns="http://www.w3.org/2000/svg" width="842pt" height="595pt"></svg>')
    (842.0, 595.0, '<svg xmlns="http://www.w3.org/2000/svg" x="0" y="0" width="842.0" height="595.0"></svg>')
    """
    svg = re.sub(r"<\?xml[^>]*\?>\s*", "", svg)
    svg = re.sub(r"<!DOCTYPE[^>]*>\s*", "", svg)
    root = _ROOT.search(svg)
    assert root is not None
    size = _SIZE.search(root.group(0))
    assert size is not None
    w, h = float(size.group(1)), float(size.group(2))
    tag = _SIZE.sub(f'x="0" y="0" width="{w}" height="{h}"', root.group(0), count=1)
    return w, h, svg[:root.start()] + tag + svg[root.end():]


def _chart_pages(doc: PacketDoc) -> list[Page]:
    """The chart as the render stage draws it: its page, and the 保護対策一覧 page when it has one."""
    from ..render.pipeline import RenderOptions, render

    assert doc.drawn is not None
    result = render(doc.drawn, "svg", RenderOptions(marks=doc.chart_marks))
    doc.warnings += [w for w in result.warnings if w not in doc.warnings]
    pages = []
    for data in [result.data, *result.more]:
        w, h, body = _nested(data.decode("utf-8"))
        pages.append(Page(w, h, body, ""))
    return pages


def _frame(page: Page, n: int) -> str:
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{page.width}pt" height="{page.height}pt" '
             f'viewBox="0 0 {page.width} {page.height}">', '<rect width="100%" height="100%" fill="#ffffff"/>',
             page.body]
    if page.number:
        parts.append(f'<text x="{page.width - MARGIN_X + 14:.2f}" y="{NUMBER_Y}" font-family="{FONT}" font-size="10.5" '
                     f'text-anchor="end">{escape(page.number)}</text>')
    parts.append(f'<text x="{page.width / 2:.2f}" y="{page.height - 12:.2f}" font-family="{FONT}" font-size="9" '
                 f'text-anchor="middle" xml:space="preserve">- {n} -</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def packet_pages(doc: PacketDoc) -> list[Page]:
    """Every page of the packet in order, with the bookmarks that start on it."""
    pages: list[Page] = []
    for part in doc.parts:
        if part.kind == "chart":
            got = _chart_pages(doc)
        elif part.kind == "checklists":
            got = []
            for sheet in doc.sheets:
                first = len(got)
                got += [Page(PAGE_W, PAGE_H, body, part.number) for body in sheet_pages(sheet)]
                got[first].outline.append((1, f"{sheet.heading} {sheet.template.parties[sheet.party]}"))  # type: ignore[attr-defined]
        else:
            got = _text_part(part, doc.marks)
        if got:
            got[0].outline.insert(0, (0, part.title))
        pages += got
    return pages


def packet_svgs(doc: PacketDoc) -> list[str]:
    """Each page as a standalone SVG (what goes into the PDF; also handy to look at)."""
    return [_frame(p, n) for n, p in enumerate(packet_pages(doc), 1)]


def packet_pdf(doc: PacketDoc) -> bytes:
    """The whole packet as one PDF."""
    pin_fonts()
    import cairocffi
    from cairosvg.parser import Tree
    from cairosvg.surface import PDFSurface

    pages = packet_pages(doc)
    buf = io.BytesIO()
    target = cairocffi.PDFSurface(buf, pages[0].width, pages[0].height)
    target.set_metadata(cairocffi.PDF_METADATA_TITLE, doc.title)
    target.set_metadata(cairocffi.PDF_METADATA_CREATOR, "flowdiag")
    target.set_metadata(cairocffi.PDF_METADATA_CREATE_DATE, PDF_DATE)
    target.set_metadata(cairocffi.PDF_METADATA_MOD_DATE, PDF_DATE)

    class _Page(PDFSurface):  # type: ignore[misc]  # cairosvg draws each page onto the one shared surface
        def _create_surface(self, width: float, height: float):  # type: ignore[no-untyped-def]
            target.set_size(width, height)
            return target, width, height

    parents: dict[int, int] = {}
    for n, page in enumerate(pages, 1):
        _Page(Tree(bytestring=_frame(page, n).encode("utf-8"), unsafe=False), None, 72)
        for level, title in page.outline:
            parent = parents.get(level - 1, cairocffi.PDF_OUTLINE_ROOT) if level else cairocffi.PDF_OUTLINE_ROOT
            flags = cairocffi.PDF_OUTLINE_FLAG_OPEN if level == 0 else 0
            parents[level] = target.add_outline(parent, title, f"page={n}", flags)
        target.show_page()
    target.finish()
    return buf.getvalue()
