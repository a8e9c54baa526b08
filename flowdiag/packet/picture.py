"""The chart in the Word packet: a picture as large as its page, SVG for Word with a PNG fallback.

Word 2016 and later (Microsoft 365) draw the SVG, which keeps the chart's text as text when the
ward saves the packet as PDF; Word before 2016 and LibreOffice draw the PNG (rendered at
:data:`PNG_DPI`, sharp when printed). The SVG is declared the way Office itself writes it: the
picture's blip points at the PNG and carries an ``asvg:svgBlip`` extension that points at the SVG
part. The picture sits behind the text at the page's top left corner, the size of the page, like
the chart's page in the PDF packet (its 資料番号 box is part of the chart, so the section's header
stays empty).

>>> page_box(842.0, 595.0)        # A4 landscape: the page is the chart's
(842.0, 595.0, 300.0)
>>> page_box(3000.0, 1000.0)      # wider than Word's largest page (22 in): scaled down, dpi kept per print inch
(1584.0, 528.0, 158.4)
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

from .doc import PacketDoc

PNG_DPI = 300.0
"""Pixels per printed inch of the PNG fallback."""

WORD_MAX_PT = 1584.0
"""Word's largest page side: 22 inches."""

SVG_EXT = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
ASVG = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_SIZE = re.compile(rb'<svg[^>]*\swidth="([\d.]+)(?:pt)?"\s+height="([\d.]+)(?:pt)?"')


@dataclass(frozen=True)
class ChartPage:
    """One page the render stage drew: its SVG, its PNG and the size it takes in Word (pt)."""

    svg: bytes
    png: bytes
    width: float
    height: float


def page_box(width: float, height: float) -> tuple[float, float, float]:
    """The page size in Word for a chart page of ``width`` × ``height`` pt, and the PNG's dpi for it."""
    scale = min(1.0, WORD_MAX_PT / max(width, height))
    return round(width * scale, 2), round(height * scale, 2), round(PNG_DPI * scale, 2)


def svg_size(svg: bytes) -> tuple[float, float]:
    """The page size of a chart SVG, in pt.

    >>> svg_size(b'<svg xmlns="http://www.w3.org/2000/svg" width="842pt" height="595pt">')
    (842.0, 595.0)
    """
    m = _SIZE.search(svg)
    assert m is not None, "the chart SVG names its size"
    return float(m.group(1)), float(m.group(2))


def chart_pages(doc: PacketDoc) -> list[ChartPage]:
    """The chart's pages (its page, and the 保護対策一覧 page when it has one), laid out once."""
    from ..render.pipeline import RenderOptions, layout, render

    assert doc.drawn is not None
    opts = RenderOptions(marks=doc.chart_marks)
    laid = layout(doc.drawn, opts)
    svg = render(doc.drawn, "svg", opts, laid)
    doc.warnings += [w for w in svg.warnings if w not in doc.warnings]
    pages = []
    for k, data in enumerate([svg.data, *svg.more]):
        width, height, dpi = page_box(*svg_size(data))
        png = render(doc.drawn, "png", RenderOptions(marks=doc.chart_marks, dpi=dpi), laid)
        pages.append(ChartPage(data, [png.data, *png.more][k], width, height))
    return pages


def add_page_picture(document: Any, page: ChartPage, descr: str, n: int) -> None:
    """A paragraph holding ``page`` as a picture behind the text, covering the page from its corner."""
    paragraph = document.add_paragraph()
    run = paragraph.add_run()
    run.add_picture(io.BytesIO(page.png), width=Pt(page.width), height=Pt(page.height))
    inline = run._r.find(".//" + qn("wp:inline"))
    blip = inline.find(".//" + qn("a:blip"))
    part = document.part
    svg_part = Part(PackURI(f"/word/media/chart{n}.svg"), "image/svg+xml", page.svg, part.package)
    rid = part.relate_to(svg_part, RT.IMAGE)
    blip.append(parse_xml(f'<a:extLst {nsdecls("a")}><a:ext uri="{SVG_EXT}">'
                          f'<asvg:svgBlip xmlns:asvg="{ASVG}" xmlns:r="{R_NS}" r:embed="{rid}"/></a:ext></a:extLst>'))
    doc_pr = inline.find(qn("wp:docPr"))
    doc_pr.set("descr", descr)
    extent = inline.find(qn("wp:extent"))
    anchor = parse_xml(
        f'<wp:anchor {nsdecls("wp")} distT="0" distB="0" distL="0" distR="0" simplePos="0" '
        f'relativeHeight="{251658240 + n}" behindDoc="1" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="page"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="page"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{extent.get("cx")}" cy="{extent.get("cy")}"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/></wp:anchor>')
    for child in (doc_pr, inline.find(qn("wp:cNvGraphicFramePr")), inline.find(qn("a:graphic"))):
        if child is not None:
            anchor.append(child)
    inline.getparent().replace(inline, anchor)

