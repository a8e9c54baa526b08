"""The Word packet: its chart picture, and the pages as LibreOffice prints them (read back with pdftotext,
measured on the rasterised pages)."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document

from flowdiag.load.validate import load_flow

from ..conftest import ROOT, run_cli
from .conftest import SAMPLES
from .pages import image_pages, ink_touching_rules, rasterise
from .seeds import norm

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
DPI = 150
EMU_PER_IN = 914400
SVG_BLIP = "{http://schemas.microsoft.com/office/drawing/2016/SVG/main}svgBlip"
R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"


def _chart_text(svg: bytes) -> str:
    """The text of a chart SVG, in document order."""
    return "".join(re.findall(r">([^<>]+)</tspan>", svg.decode("utf-8")))


def _pdftotext(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", "-layout", *pages, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.mark.parametrize("name", [*SAMPLES, "juki"])
def test_the_chart_is_a_whole_page_of_svg_with_a_sharp_png(tmp_path: Path, name: str) -> None:
    src = ROOT / "tests" / "packet" / "flows" / "juki-kaishu.yaml" if name == "juki" else ROOT / "samples" / f"{name}.yaml"
    path = tmp_path / "p.docx"
    proc = run_cli("packet", str(src), "-o", str(path))
    assert proc.returncode == 0, proc.stderr
    flow = load_flow(src).flow
    document = Document(str(path))
    pictures = document.element.body.findall(".//{*}anchor")
    assert len(pictures) >= 1
    with zipfile.ZipFile(path) as z:
        types = z.read("[Content_Types].xml").decode("utf-8")
        for k, anchor in enumerate(pictures):
            # behind the text, from the page's top left corner, as large as the page of its section
            assert anchor.get("behindDoc") == "1"
            assert [p.get("relativeFrom") for p in anchor.findall("{*}positionH") + anchor.findall("{*}positionV")] \
                == ["page", "page"]
            assert {o.text for o in anchor.findall(".//{*}posOffset")} == {"0"}
            extent = anchor.find("{*}extent")
            assert extent is not None
            section = next(s for s in document.sections if s.page_width == int(extent.get("cx", 0))
                           and s.page_height == int(extent.get("cy", 0)))
            assert not "".join(p.text for p in section.header.paragraphs).strip()  # the chart has its 資料番号
            blip = anchor.find(".//{*}blip")
            assert blip is not None
            png = document.part.related_parts[blip.get(R_EMBED)].blob
            svg_blip = blip.find(f".//{SVG_BLIP}")
            assert svg_blip is not None
            svg_part = document.part.related_parts[svg_blip.get(R_EMBED)]
            assert svg_part.content_type == "image/svg+xml" and f'PartName="{svg_part.partname}"' in types
            width_px = struct.unpack(">I", png[16:20])[0]
            assert width_px / (int(extent.get("cx", 0)) / EMU_PER_IN) >= 299  # a 300 dpi fallback
            if k == 0:  # the chart's own page: its text is text in the SVG, its 資料番号 once
                text = norm(_chart_text(svg_part.blob))
                assert [a.name for a in flow.actors if norm(a.name) not in text] == []
                assert text.count(norm(flow.document.number)) == 1
                assert norm(flow.document.title) in text


@needs_soffice
def test_word_pages_carry_their_number_and_page_number(docx_pdfs: dict[str, tuple[Path, Path]]) -> None:
    pdf = docx_pdfs["004-ikiiki-hiking"][1]
    pages = [p for p in _pdftotext(pdf).split("\f") if p.strip()]
    charts = image_pages(pdf)
    assert len(pages) >= 8 and len(charts) == 1
    for n, page in enumerate(pages, 1):
        assert re.search(rf"-\s*{n}\s*-", page), (n, page[:200])
        if n not in charts:
            assert re.search(r"資料\s*39", page), (n, page[:200])


@needs_soffice
@pytest.mark.parametrize("name", SAMPLES)
def test_libreoffice_shows_the_chart_on_a_page_of_its_size_once(docx_pdfs: dict[str, tuple[Path, Path]],
                                                                 name: str) -> None:
    """LibreOffice draws the SVG where it reads ``svgBlip`` (its text is then found, the 資料番号 once),
    else the 300 dpi PNG over the whole page, with nothing but the page number as text."""
    pdf = docx_pdfs[name][1]
    flow = load_flow(ROOT / "samples" / f"{name}.yaml").flow
    charts = image_pages(pdf)
    assert len(charts) == 1
    n = charts[0]
    info = subprocess.run(["pdfinfo", "-f", str(n), "-l", str(n), str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    size = re.search(rf"Page\s+{n} size:\s+([\d.]+) x ([\d.]+)", info)
    assert size is not None and abs(float(size.group(1)) - 842) < 1 and abs(float(size.group(2)) - 595) < 1
    text = norm(_pdftotext(pdf, n))
    if all(norm(a.name) in text for a in flow.actors):
        assert text.count(norm(flow.document.number)) == 1
    else:
        assert text == norm(f"- {n} -")
        images = subprocess.run(["pdfimages", "-f", str(n), "-l", str(n), "-list", str(pdf)], capture_output=True,
                                text=True, check=True).stdout.splitlines()[2:]
        assert len(images) == 1
        cols = images[0].split()
        assert int(cols[3]) >= 842 / 72 * 300 * 0.99 and int(cols[12]) >= 299, images  # width px, x-ppi


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


@needs_soffice
@pytest.mark.parametrize("name", SAMPLES)
def test_each_checklist_sheet_takes_one_page(docx_pdfs: dict[str, tuple[Path, Path]], name: str) -> None:
    """As in the submitted packets (the legend row repeats on a next page, so a sheet that runs over
    shows its legend twice)."""
    from flowdiag.resolve import resolve
    from flowdiag.resolve.sheets import sheets_of

    sheets = sheets_of(resolve(load_flow(ROOT / "samples" / f"{name}.yaml")))
    pages = _pdftotext(docx_pdfs[name][1]).split("\f")
    assert len([p for p in pages if "対策が可能であれば" in p]) == len(sheets) >= 2
