"""Page SVG → PDF (vector, fonts embedded, text searchable, pinned dates) and PNG, via cairosvg.

Imported only when a PDF or PNG is asked for: cairosvg costs about a quarter of a second.
"""

from __future__ import annotations

import io
import re
from typing import Any

import cairocffi
import cairosvg
import cairosvg.surface

from ..layout.engine import pin_fonts
from .png_limits import check_png_size

_SVG_SIZE = re.compile(r'<svg[^>]* width="([\d.]+)pt" height="([\d.]+)pt"')

# A fixed date: the same input gives the same PDF bytes on every run.
PDF_DATE = "2000-01-01T00:00:00Z"
CREATOR = "flowdiag"


def _pdf_surface(title: str) -> type[cairosvg.surface.PDFSurface]:
    class PinnedPDFSurface(cairosvg.surface.PDFSurface):  # type: ignore[misc]  # cairosvg is untyped
        def _create_surface(self, width: float, height: float) -> tuple[Any, float, float]:
            surface, w, h = super()._create_surface(width, height)
            surface.set_metadata(cairocffi.PDF_METADATA_TITLE, title)
            surface.set_metadata(cairocffi.PDF_METADATA_CREATOR, CREATOR)
            surface.set_metadata(cairocffi.PDF_METADATA_CREATE_DATE, PDF_DATE)
            surface.set_metadata(cairocffi.PDF_METADATA_MOD_DATE, PDF_DATE)
            return surface, w, h

    return PinnedPDFSurface


def svg_to_pdf(svg: str, title: str) -> bytes:
    pin_fonts()
    out = io.BytesIO()
    tree = cairosvg.parser.Tree(bytestring=svg.encode("utf-8"), unsafe=False)
    surface = _pdf_surface(title)(tree, out, 72)
    surface.finish()
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
