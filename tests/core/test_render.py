"""Rendering the samples: golden DOT and SVG, determinism, PDF checked with poppler, page fit."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from flowdiag.layout.dot_build import LayoutParams, build_dot
from flowdiag.layout.engine import dot_version, fonts_dir, resolved_font_files
from flowdiag.load.validate import load_flow
from flowdiag.render.pipeline import RenderOptions, render
from tests.conftest import ROOT, SAMPLES, golden, run_cli

GOLDEN = Path(__file__).parent / "golden"
SAMPLE_IDS = [p.stem for p in SAMPLES]


@pytest.fixture(scope="module", params=SAMPLES, ids=SAMPLE_IDS)
def sample(request: pytest.FixtureRequest) -> Path:
    return request.param  # type: ignore[no-any-return]


@pytest.mark.parametrize("params", [LayoutParams(), LayoutParams(stack_measures=True, narrow=True)],
                         ids=["side", "stacked-narrow"])
def test_golden_dot(sample: Path, params: LayoutParams) -> None:
    """The DOT we generate is exact everywhere (it does not depend on the Graphviz version)."""
    lf = load_flow(sample)
    suffix = "" if params == LayoutParams() else ".stacked-narrow"
    golden(GOLDEN / f"{sample.stem}{suffix}.dot", build_dot(lf.flow, lf.catalog, params=params))


def test_golden_svg(sample: Path) -> None:
    """The page SVG byte for byte, where dot is the version the goldens were made with."""
    recorded = (GOLDEN / "DOT_VERSION").read_text().strip() if (GOLDEN / "DOT_VERSION").exists() else None
    current = dot_version()
    if recorded is not None and recorded != current:
        pytest.skip(f"goldens made with {recorded}, this machine has {current}")
    svg = render(load_flow(sample), "svg").data
    golden(GOLDEN / f"{sample.stem}.svg", svg)
    if recorded is None:
        (GOLDEN / "DOT_VERSION").write_text(current + "\n")


@pytest.mark.parametrize("fmt", ["svg", "pdf", "png"])
def test_two_renders_identical(sample: Path, fmt: str, tmp_path: Path) -> None:
    a, b = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
    for out in (a, b):
        r = run_cli("render", str(sample), "-o", str(out))
        assert r.returncode == 0, r.stderr
    assert a.read_bytes() == b.read_bytes()


def test_fonts_are_the_bundled_ones() -> None:
    files = resolved_font_files()
    assert files, "dot -v did not report a font"
    assert all(f.startswith(str(fonts_dir())) for f in files), files
    assert any("BIZUDGothic-Regular.ttf" in f for f in files)


def _texts(svg: bytes) -> list[tuple[str, float, float, float, float]]:
    """Text runs of a page SVG with their boxes, from the bundled font's fixed advances."""
    from flowdiag.layout.text import em_width

    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    chart = root.find(f".//{ns}g[@id='chart']")
    assert chart is not None
    m = re.match(r"translate\(([\d.]+) ([\d.]+)\) scale\(([\d.]+)\)", chart.get("transform", ""))
    assert m
    tx, ty, s = (float(v) for v in m.groups())
    graph = chart.find(f"{ns}g")
    assert graph is not None
    gm = re.search(r"translate\(0 ([\d.]+)\)", graph.get("transform", ""))
    gy = float(gm.group(1)) if gm else 0.0
    out = []
    for t in chart.iter(f"{ns}text"):
        text = "".join(t.itertext())
        if not text.strip():
            continue
        size = float(t.get("font-size", "10"))
        w = em_width(text) * size
        x, y = float(t.get("x", "0")), float(t.get("y", "0"))
        anchor = t.get("text-anchor", "start")
        x0 = x - w / 2 if anchor == "middle" else x - w if anchor == "end" else x
        out.append((text, tx + x0 * s, ty + (y + gy - 0.85 * size) * s, tx + (x0 + w) * s, ty + (y + gy + 0.1 * size) * s))
    return out


def test_no_text_overlaps(sample: Path) -> None:
    boxes = _texts(render(load_flow(sample), "svg").data)
    assert len(boxes) > 10
    clashes = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            w = min(a[3], b[3]) - max(a[1], b[1])
            h = min(a[4], b[4]) - max(a[2], b[2])
            if w > 0.5 and h > 0.5:
                clashes.append((a[0], b[0]))
    assert not clashes, clashes[:5]


SEED_SAMPLES = [p for p in SAMPLES if re.match(r"^\d{3}-[a-z-]+$", p.stem) and not p.stem.endswith("-r7")]


@pytest.mark.parametrize("seed", SEED_SAMPLES, ids=[p.stem for p in SEED_SAMPLES])
def test_seed_samples_fit_a4_with_readable_text(seed: Path) -> None:
    """Each seed sample fits one A4 landscape page with no text under 7 pt, like the hand-drawn original."""
    result = render(load_flow(seed), "svg")
    assert result.page is not None
    assert (result.page.width, result.page.height) == (842.0, 595.0)
    assert result.page.min_text_pt >= 7.0, f"smallest text {result.page.min_text_pt:.2f} pt"
    assert not result.warnings


def test_every_step_number_on_the_page_in_order(sample: Path) -> None:
    lf = load_flow(sample)
    svg = render(lf, "svg").data.decode()
    labels = [n.label() for s in lf.flow.steps for n in s.number]
    for label in labels:
        assert label in svg, label


needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")


@needs_poppler
def test_pdf_is_a4_searchable_with_embedded_fonts(sample: Path, tmp_path: Path) -> None:
    lf = load_flow(sample)
    pdf = tmp_path / "x.pdf"
    r = run_cli("render", str(sample), "-o", str(pdf))
    assert r.returncode == 0, r.stderr
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+842 x 595 pts", info), info
    assert re.search(r"Pages:\s+1\n", info), info
    assert f"Title:           {lf.flow.document.title}" in info
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line for line in fonts.splitlines()[2:] if line.strip()]
    assert rows and all("BIZUDGothic" in line for line in rows), fonts
    assert any("BIZUDGothic-Bold" in line for line in rows), fonts
    assert all(re.search(r"\syes\s+yes\s+yes\s", line) for line in rows), fonts  # embedded, subset, unicode
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", "", text)
    assert lf.flow.document.number in flat
    assert re.sub(r"\s+", "", lf.flow.document.title) in flat
    for step in lf.flow.steps:
        for n in step.number:
            assert unicodedata.normalize("NFC", n.label()) in flat, n.label()
    for actor in lf.flow.actors:
        assert actor.name.replace(" ", "") in flat


def test_png_is_2x_by_default(sample: Path) -> None:
    data = render(load_flow(sample), "png").data
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(data[16:20], "big")
    height = int.from_bytes(data[20:24], "big")
    assert (width, height) == (1684, 1190)  # A4 landscape at 144 dpi


def test_dpi_option(tmp_path: Path) -> None:
    out = tmp_path / "x.png"
    r = run_cli("render", str(SAMPLES[0]), "-o", str(out), "--dpi", "72")
    assert r.returncode == 0, r.stderr
    data = out.read_bytes()
    assert int.from_bytes(data[16:20], "big") == 842


def test_page_fit_and_a3(tmp_path: Path) -> None:
    lf = load_flow(SAMPLES[0])
    a3 = render(lf, "svg", RenderOptions(page="A3")).page
    fit = render(lf, "svg", RenderOptions(page="fit")).page
    assert a3 is not None and fit is not None
    assert (a3.width, a3.height) == (1191.0, 842.0)
    assert fit.scale == 1.0
    portrait = render(lf, "svg", RenderOptions(portrait=True)).page
    assert portrait is not None and (portrait.width, portrait.height) == (595.0, 842.0)


def test_header_has_title_and_number() -> None:
    lf = load_flow(SAMPLES[0])
    svg = render(lf, "svg").data.decode()
    assert 'id="document_number"' in svg and lf.flow.document.number in svg
    assert f"<title>{lf.flow.document.title}</title>" in svg


def test_samples_exist_and_sort_by_seed() -> None:
    names = [p.name for p in SAMPLES]
    assert names == sorted(names)
    assert any(n.startswith("000-") for n in names)
    assert any(n.startswith("001-") for n in names)
    assert any(n.startswith("004-") for n in names)
    assert ROOT.joinpath("flowdiag/fonts/OFL.txt").exists()


def test_numbers_past_50_are_drawn_in_a_circle(tmp_path: Path) -> None:
    from flowdiag.load.validate import load_flow_text

    lf = load_flow_text("flowdiag: 1\ndocument: {number: 資料1, title: 番号}\n"
                        "actors: [{id: a, name: 区}, {id: b, name: 委託先}]\nsteps:\n"
                        "  - {number: 50, from: a, to: b, text: 送付}\n"
                        "  - {number: [51, \"51'\"], at: b, text: 確認}\n"
                        "  - {number: 120, from: b, to: a, text: 返却}\n", "n.yaml")
    svg = render(lf, "svg", RenderOptions(page="A4")).data.decode()
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    circled = [t.text for t in root.iter(f"{ns}text") if t.text in ("51", "120")]
    assert circled == ["51", "51", "120"] or sorted(circled) == ["120", "51", "51"]
    assert len(list(root.iter(f"{ns}ellipse"))) == 3  # one drawn circle per number past ㊿
    assert "㊿" in svg and "text-decoration" not in svg  # ㊿ is a character; no decoration left for cairosvg
    if shutil.which("pdftotext"):
        pdf = tmp_path / "n.pdf"
        pdf.write_bytes(render(lf, "pdf", RenderOptions(page="A4")).data)
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "51" in text and "120" in text and "㊿" in text
