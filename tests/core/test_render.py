"""Rendering the samples: golden arrangement and SVG, determinism, PDF checked with poppler, page fit."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from flowdiag.layout.quality import measure
from flowdiag.load.validate import load_flow, load_flow_text
from flowdiag.render.pipeline import RenderOptions, layout, render
from tests.conftest import ROOT, SAMPLES, golden, run_cli

GOLDEN = Path(__file__).parent / "golden"
SAMPLE_IDS = [p.stem for p in SAMPLES]
NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module", params=SAMPLES, ids=SAMPLE_IDS)
def sample(request: pytest.FixtureRequest) -> Path:
    return request.param  # type: ignore[no-any-return]


def arrangement(path: Path) -> str:
    """The layout stage's decisions for a flow, as text a reviewer can read in a diff."""
    laid = layout(load_flow(path), RenderOptions())
    lines = [f"page: {laid.page} pages: {len(laid.pages)} smallest text: {laid.min_text_pt:.2f} pt",
             f"arrangement: {laid.tree}"]
    lines += [f"note: {w}" for w in laid.warnings]
    return "\n".join(lines) + "\n"


def test_golden_arrangement(sample: Path) -> None:
    """Which arrangement each sample gets (the layout stage's golden, independent of drawing)."""
    golden(GOLDEN / f"{sample.stem}.layout.txt", arrangement(sample))


def test_golden_svg(sample: Path) -> None:
    """The page SVG byte for byte (the layout is flowdiag's own: no external program to vary)."""
    golden(GOLDEN / f"{sample.stem}.svg", render(load_flow(sample), "svg").data)


@pytest.mark.parametrize("fmt", ["svg", "pdf", "png"])
def test_two_renders_identical(sample: Path, fmt: str, tmp_path: Path) -> None:
    a, b = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
    for out in (a, b):
        r = run_cli("render", str(sample), "-o", str(out))
        assert r.returncode == 0, r.stderr
    assert a.read_bytes() == b.read_bytes()


def test_chart_reads_cleanly(sample: Path) -> None:
    """No text on text, no text under a box or an arrow, no arrow detouring or through another actor, few crossings."""
    laid = layout(load_flow(sample), RenderOptions())
    for page in laid.pages:
        q = measure(page)
        assert q.text_overlaps == 0 and q.under_shapes == 0 and q.struck == 0, q.examples[:5]
        assert not q.detours and not q.foreign, (q.detours, q.foreign)
        assert q.crossings <= max(1, q.steps // 5), q.crossings


def test_every_sample_fits_a4_at_7pt(sample: Path) -> None:
    """Every sample: A4 landscape, no text under 7 pt — on one page, or with the fallback announced."""
    result = render(load_flow(sample), "svg")
    assert result.laid is not None
    page = result.laid.pages[0]
    assert (page.width, page.height) == (842.0, 595.0)
    assert result.laid.min_text_pt >= 7.0, f"smallest text {result.laid.min_text_pt:.2f} pt"
    if len(result.laid.pages) > 1:
        assert any("保護対策一覧" in w for w in result.warnings), result.warnings
    else:
        assert not result.warnings, result.warnings


SEED_SAMPLES = [p for p in SAMPLES if re.match(r"^00\d-[a-z-]+$", p.stem) and not p.stem.endswith("-r7")]


@pytest.mark.parametrize("seed", SEED_SAMPLES, ids=[p.stem for p in SEED_SAMPLES])
def test_seed_samples_fit_one_a4_page(seed: Path) -> None:
    """The seed packets fit one A4 page with their measure lists, as the hand-drawn originals do."""
    laid = layout(load_flow(seed), RenderOptions())
    assert len(laid.pages) == 1 and laid.page == "A4" and laid.min_text_pt >= 7.0


def test_every_step_number_on_the_page(sample: Path) -> None:
    lf = load_flow(sample)
    svg = render(lf, "svg").data.decode()
    text = "".join(ET.fromstring(svg).itertext())
    for s in lf.flow.steps:
        for n in s.number:
            assert n.label() in text or str(n.base) in text, n.label()


def test_regions_and_arrows_keep_their_ids(sample: Path) -> None:
    """Review tools read each actor as <g id="cluster_ACTOR"> whose first path is its outline, and each
    step's arrow as <g id="e_STEP_1"> holding a path from its start to its arrowhead."""
    lf = load_flow(sample)
    root = ET.fromstring(render(lf, "svg").data)
    groups = {g.get("id"): g for g in root.iter(f"{NS}g")}
    for actor in lf.flow.actors:
        g = groups[f"cluster_{actor.id}"]
        first = next(iter(g))
        assert first.tag == f"{NS}path" and first.get("d", "").endswith("Z")
    moving = [s for s in lf.flow.steps if s.at is None]
    edges = [k for k in groups if k and re.match(r"^e_.+_1$", k)]
    assert len(edges) >= len([s for s in moving if s.from_ != s.to]) - 0  # every movement drawn
    for k in edges:
        paths = list(groups[k].iter(f"{NS}path"))
        assert paths and paths[0].get("d", "").startswith("M")


needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")


@needs_poppler
def test_pdf_is_a4_searchable_with_embedded_fonts(sample: Path, tmp_path: Path) -> None:
    lf = load_flow(sample)
    pdf = tmp_path / "x.pdf"
    r = run_cli("render", str(sample), "-o", str(pdf))
    assert r.returncode == 0, r.stderr
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+842 x 595 pts", info), info
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


@needs_poppler
def test_smallest_word_in_the_pdf_is_7pt(sample: Path, tmp_path: Path) -> None:
    """Measured the way a reviewer's tool does: the height of the smallest word in the PDF."""
    pdf = tmp_path / "x.pdf"
    assert run_cli("render", str(sample), "-o", str(pdf)).returncode == 0
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    heights = [float(b) - float(a) for a, b in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', out)]
    assert heights and min(heights) >= 6.99, min(heights)


def test_png_is_2x_by_default(sample: Path) -> None:
    data = render(load_flow(sample), "png").data
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")) == (1684, 1190)


def test_dpi_option(tmp_path: Path) -> None:
    out = tmp_path / "x.png"
    r = run_cli("render", str(SAMPLES[0]), "-o", str(out), "--dpi", "72")
    assert r.returncode == 0, r.stderr
    assert int.from_bytes(out.read_bytes()[16:20], "big") == 842


def test_page_fit_a3_and_portrait() -> None:
    lf = load_flow(SAMPLES[0])
    a3 = layout(lf, RenderOptions(page="A3")).pages[0]
    assert (a3.width, a3.height) == (1191.0, 842.0)
    fit = layout(lf, RenderOptions(page="fit"))
    assert fit.min_text_pt >= 8.5 - 1e-6  # fitted to the chart: nothing shrinks
    portrait = layout(lf, RenderOptions(portrait=True)).pages[0]
    assert (portrait.width, portrait.height) == (595.0, 842.0)


def test_header_has_title_and_number() -> None:
    lf = load_flow(SAMPLES[0])
    svg = render(lf, "svg").data.decode()
    root = ET.fromstring(svg)
    header = next(g for g in root.iter(f"{NS}g") if g.get("id") == "header")
    assert lf.flow.document.number in "".join(header.itertext())
    assert f"<title>{lf.flow.document.title}</title>" in svg


def test_samples_exist_and_sort_by_seed() -> None:
    names = [p.name for p in SAMPLES]
    assert names == sorted(names)
    for prefix in ("000-", "001-", "004-", "100-", "101-"):
        assert any(n.startswith(prefix) for n in names), prefix
    assert ROOT.joinpath("flowdiag/fonts/OFL.txt").exists()


def test_numbers_past_50_are_drawn_in_a_circle(tmp_path: Path) -> None:
    lf = load_flow_text("flowdiag: 1\ndocument: {number: 資料1, title: 番号}\n"
                        "actors: [{id: a, name: 区}, {id: b, name: 委託先}]\nsteps:\n"
                        "  - {number: 50, from: a, to: b, text: 送付}\n"
                        "  - {number: [51, \"51'\"], at: b, text: 確認}\n"
                        "  - {number: 120, from: b, to: a, text: 返却}\n", "n.yaml")
    svg = render(lf, "svg", RenderOptions(page="A4")).data.decode()
    root = ET.fromstring(svg)
    circled = sorted(t.text or "" for t in root.iter(f"{NS}tspan") if t.text in ("51", "120"))
    assert circled == ["120", "51", "51"]
    assert len(list(root.iter(f"{NS}ellipse"))) == 3  # one drawn circle per number past ㊿
    assert "㊿" in svg and "text-decoration" not in svg
    if shutil.which("pdftotext"):
        pdf = tmp_path / "n.pdf"
        pdf.write_bytes(render(lf, "pdf", RenderOptions(page="A4")).data)
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "51" in text and "120" in text and "㊿" in text
