"""Page SVGs → PDF (vector, fonts embedded, text searchable, pinned dates, one page each) and PNG,
via cairosvg.

Imported only when a PDF or PNG is asked for: cairosvg costs about a quarter of a second.
"""

from __future__ import annotations

import io
import re
from typing import Any

import cairocffi
import cairosvg
import cairosvg.surface

from .fonts import pin_fonts
from .png_limits import check_png_size

_SVG_SIZE = re.compile(r'<svg[^>]* width="([\d.]+)pt" height="([\d.]+)pt"')

# A fixed date: the same input gives the same PDF bytes on every run.
PDF_DATE = "2000-01-01T00:00:00Z"
CREATOR = "flowdiag"


def _pdf_surface(title: str, shared: list[Any]) -> type[cairosvg.surface.PDFSurface]:
    """A cairosvg PDF surface that draws every page into one cairo PDF: the first page creates it
    (with pinned metadata), the next ones start a new page of their own size on it."""

    class PagedPDFSurface(cairosvg.surface.PDFSurface):  # type: ignore[misc]  # cairosvg is untyped
        def _create_surface(self, width: float, height: float) -> tuple[Any, float, float]:
            if shared:
                surface = shared[0]
                surface.show_page()
                surface.set_size(width, height)
                return surface, width, height
            surface, w, h = super()._create_surface(width, height)
            surface.set_metadata(cairocffi.PDF_METADATA_TITLE, title)
            surface.set_metadata(cairocffi.PDF_METADATA_CREATOR, CREATOR)
            surface.set_metadata(cairocffi.PDF_METADATA_CREATE_DATE, PDF_DATE)
            surface.set_metadata(cairocffi.PDF_METADATA_MOD_DATE, PDF_DATE)
            shared.append(surface)
            return surface, w, h

        def finish(self) -> None:  # the whole document is finished once, after its last page
            pass

    return PagedPDFSurface


def svg_to_pdf(svgs: list[str] | str, title: str) -> bytes:
    """One PDF page per SVG page (points as points: 72 per inch)."""
    pin_fonts()
    pages = [svgs] if isinstance(svgs, str) else svgs
    out = io.BytesIO()
    shared: list[Any] = []
    cls = _pdf_surface(title, shared)
    for svg in pages:
        tree = cairosvg.parser.Tree(bytestring=svg.encode("utf-8"), unsafe=False)
        cls(tree, out, 72)
    shared[0].finish()
    return out.getvalue()


def svg_to_png(svg: str, dpi: float = 144.0, file: str = "PNG") -> bytes:
    """PNG at ``dpi`` (144 = 2× of the 72 pt/inch page)."""
    size = _SVG_SIZE.search(svg)
    if size:
        check_png_size(float(size.group(1)), float(size.group(2)), dpi, file)
    pin_fonts()
    # cairosvg turns pt into px at 96 px/inch: scale that to the asked dpi
    png: bytes = cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=dpi / 96.0, unsafe=False,
                                  background_color="white")
    return png
