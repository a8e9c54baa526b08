"""The packet as a Word document (python-docx): real tables, the chart as a picture, Japanese fonts named.

Wards assemble and edit packets in Word, so everything stays editable: the forms and checklists are
Word tables, the chart is a picture of its page (SVG for Word 2016 and later, a 300 dpi PNG for the
others: :mod:`flowdiag.packet.picture`), and every run names
BIZ UDゴシック for Latin and East Asian text alike. The bytes are the same on every run: the core
properties carry a fixed date and the zip entries a fixed time.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from .doc import PacketDoc, Para, Part, Table, styled
from .picture import ChartPage, add_page_picture, chart_pages

FONT_JA = "BIZ UDゴシック"
MARK_RGB = RGBColor(0xD0, 0x00, 0x00)
FIXED_DATE = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
SHEET_PT = 9.0  # checklist rows, as in the PDF
CELL_MARGINS = {"top": 57, "left": 108, "bottom": 57, "right": 108}  # twips: 1 mm above and below the text
TEXT_WIDTH_MM = 170.0  # A4 portrait with 20 mm margins
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}


def _fonts(rpr_owner: Any, size: float | None = None, bold: bool | None = None) -> None:
    """Name the Japanese font for every script of a style or run (w:rFonts ascii/hAnsi/eastAsia/cs)."""
    font = rpr_owner.font
    font.name = FONT_JA
    rpr = rpr_owner.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT_JA)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold


def _setup(document: Any) -> None:
    styles = document.styles
    _fonts(styles["Normal"], 10.5)
    normal = styles["Normal"].paragraph_format
    normal.space_after = Pt(2)
    normal.line_spacing = 1.15
    normal.widow_control = True  # never one line of a paragraph alone at a page's end or start
    for name, size in (("Heading 1", 14.0), ("Heading 2", 12.0), ("Header", 10.5), ("Footer", 9.0)):
        _fonts(styles[name], size, name.startswith("Heading"))
        styles[name].font.color.rgb = RGBColor(0, 0, 0)
        styles[name].font.italic = False
    for name in ("Heading 1", "Heading 2"):
        fmt = styles[name].paragraph_format
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(6)
    section = document.sections[0]
    _page(section, landscape=False)


def _page(section: Any, landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    margin = Mm(12) if landscape else Mm(20)
    section.left_margin = section.right_margin = margin
    section.top_margin = section.bottom_margin = Mm(15) if landscape else Mm(20)
    section.header_distance = section.footer_distance = Mm(8)


def _header_footer(section: Any, number: str) -> None:
    section.header.is_linked_to_previous = False
    head = section.header.paragraphs[0]
    head.text = ""
    head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if number:
        head.add_run(number)
    section.footer.is_linked_to_previous = False
    foot = section.footer.paragraphs[0]
    foot.text = ""
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    foot.add_run("- ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    foot._p.append(field)
    foot.add_run(" -")


def _runs(paragraph: Any, p: Para, doc: PacketDoc, bold: bool = False) -> None:
    if p.bold:  # a heading stays on the page of the text under it
        paragraph.paragraph_format.keep_with_next = True
    for text, marked in styled(p.runs, doc.marks):
        run = paragraph.add_run(text)
        run.bold = bold or p.bold or marked or None
        if marked:
            run.underline = True
            run.font.color.rgb = MARK_RGB
        if p.size != 10.5:
            run.font.size = Pt(p.size)


def _paragraph(container: Any, p: Para, doc: PacketDoc, style: str | None = None) -> None:
    paragraph = container.add_paragraph(style=style)
    paragraph.alignment = ALIGN[p.align]
    _runs(paragraph, p, doc)


def _shade(cell: Any, fill: str = "F2F2F2") -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _fill(cell: Any, paras: tuple[Para, ...] | list[Para], doc: PacketDoc) -> None:
    first = True
    for p in paras:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        paragraph.alignment = ALIGN[p.align]
        _runs(paragraph, p, doc)


def _cell_margins(table: Any) -> None:
    """Room between a cell's text and its borders (w:tblCellMar), so glyphs never touch a rule."""
    tbl_pr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side, twips in CELL_MARGINS.items():
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(twips))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    look = tbl_pr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(margins)
    else:
        tbl_pr.append(margins)


def _row_flags(row: Any, header: bool) -> None:
    """Keep a table row on one page (w:cantSplit); a header row repeats on each page (w:tblHeader)."""
    tr_pr = row._tr.get_or_add_trPr()
    for name in ("w:cantSplit", "w:tblHeader") if header else ("w:cantSplit",):
        tr_pr.append(OxmlElement(name))


def _widths(table: Any, widths: tuple[Any, ...]) -> None:
    """Fixed column widths (the grid and every cell), so Word and LibreOffice lay it out alike."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _table(container: Any, t: Table, doc: PacketDoc) -> None:
    table = container.add_table(rows=len(t.rows), cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _cell_margins(table)
    _widths(table, (Mm(TEXT_WIDTH_MM * t.label_width), Mm(TEXT_WIDTH_MM * (1 - t.label_width))))
    for row, cells in zip(t.rows, table.rows, strict=True):
        label, value = cells.cells
        label.paragraphs[0].add_run(row.label)
        _shade(label)
        _fill(value, row.paras, doc)
    container.add_paragraph()


def _text_part(document: Any, part: Part, doc: PacketDoc) -> None:
    for k, block in enumerate(part.blocks):
        if isinstance(block, Table):
            _table(document, block, doc)
        else:
            _paragraph(document, block, doc, "Heading 1" if k == 0 else None)


def _checklists(document: Any, doc: PacketDoc) -> None:
    from ..wording import GROUP_LABELS

    for k, sheet in enumerate(doc.sheets):
        s: Any = sheet
        if k:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        document.add_paragraph(s.heading, style="Heading 2")
        if s.template.subtitle:
            document.add_paragraph(s.template.subtitle)
        table = document.add_table(rows=1 + len(s.rows), cols=3)
        table.style = "Table Grid"
        _cell_margins(table)
        _widths(table, (Mm(38), Mm(14), Mm(118)))
        for n, tr in enumerate(table.rows):  # a row is never split; the legend row repeats on a next page
            _row_flags(tr, header=n == 0)
        head = table.rows[0].cells
        legend = head[0].merge(head[1])
        legend.paragraphs[0].add_run("\n".join(s.legend)).font.size = Pt(SHEET_PT)
        head[2].paragraphs[0].add_run(s.template.column)
        head[2].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        for c in (legend, head[2]):
            _shade(c)
        start = 1
        for i, r in enumerate(s.rows, 1):
            cells = table.rows[i].cells
            cells[1].paragraphs[0].add_run(r.mark)
            cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            if not r.mark:
                _shade(cells[1], "FFF3C4")
            cells[2].paragraphs[0].add_run(r.text).font.size = Pt(SHEET_PT)
            last = i == len(s.rows) or s.rows[i].group != r.group
            if last:
                group = table.cell(start, 0).merge(table.cell(i, 0)) if i > start else table.cell(start, 0)
                label = group.paragraphs[0].add_run(f"{s.template.parties[s.party]}\n{GROUP_LABELS[r.group]}")
                label.font.size = Pt(SHEET_PT)
                start = i + 1
        for row in table.rows:  # single-spaced like the PDF's sheet: the cell margins keep the rows apart
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.space_after = Pt(0)
                    paragraph.paragraph_format.line_spacing = 1.0


def _chart_section(document: Any, page: ChartPage) -> None:
    """A section the size of a chart page; the chart carries its own 資料番号, so the header is empty."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if page.width > page.height else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Pt(page.width), Pt(page.height)
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Mm(10)
    section.header_distance = Mm(8)
    section.footer_distance = Mm(3)  # the page number in the chart's bottom margin, as in the PDF
    _header_footer(section, "")


def _new_section(document: Any, landscape: bool, number: str) -> None:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    _page(section, landscape)
    _header_footer(section, number)


def packet_docx(doc: PacketDoc) -> bytes:
    """The whole packet as .docx bytes."""
    document = Document()
    _setup(document)
    _drop_thumbnail(document)
    first = True
    landscape = False
    for part in doc.parts:
        if part.kind == "chart":  # a section per chart page, of the page's own size
            assert doc.drawn is not None
            title = doc.drawn.flow.document
            for n, page in enumerate(chart_pages(doc), 1):
                _chart_section(document, page)
                add_page_picture(document, page, f"{title.number} {title.title}", n)
            landscape = True
            continue
        if first:
            _header_footer(document.sections[0], part.number)
        elif landscape or part.number != doc.parts[0].number:
            _new_section(document, False, part.number)
        else:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        first = False
        landscape = False
        if part.kind == "checklists":
            _checklists(document, doc)
        else:
            _text_part(document, part, doc)
    props = document.core_properties
    props.title = doc.title
    props.author = props.last_modified_by = "flowdiag"
    props.created = props.modified = props.last_printed = FIXED_DATE
    props.revision = 1
    buf = io.BytesIO()
    document.save(buf)
    return _fixed_zip(buf.getvalue())


def _drop_thumbnail(document: Any) -> None:
    """The template's thumbnail shows another document: leave it out."""
    rels = document.part.package.rels
    for rid, rel in list(rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            rels.pop(rid)


def _fixed_zip(data: bytes) -> bytes:
    """The same entries with a fixed time, so the same packet gives the same bytes.

    >>> buf = io.BytesIO()
    >>> with zipfile.ZipFile(buf, "w") as z:
    ...     z.writestr("a.xml", "<a/>")
    >>> [i.date_time for i in zipfile.ZipFile(io.BytesIO(_fixed_zip(buf.getvalue()))).infolist()]
    [(1980, 1, 1, 0, 0, 0)]
    """
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
