"""The Word packet as LibreOffice prints it: read back with pdftotext and measured on the rasterised pages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import SAMPLES
from .pages import image_pages, ink_touching_rules, rasterise

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
DPI = 150


@needs_soffice
@pytest.mark.parametrize("name", SAMPLES)
def test_cell_text_keeps_clear_of_the_rules(docx_pdfs: dict[str, tuple[Path, Path]], name: str) -> None:
    """Every table cell has room above and below its text: no glyph within 1 pt of a rule (the chart's
    pages, a picture, are not tables)."""
    pdf = docx_pdfs[name][1]
    charts = image_pages(pdf)
    assert charts
    rows = 0
    touching = {}
    for n, page in enumerate(rasterise(pdf, DPI), 1):
        if n in charts:
            continue
        count, found = ink_touching_rules(page, DPI)
        rows += count
        if found:
            touching[n] = found
    assert rows >= 40  # the forms and the checklists were measured
    assert touching == {}
