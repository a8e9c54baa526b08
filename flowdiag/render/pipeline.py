"""The render pipeline: LoadedFlow → DOT → dot layout → page SVG → PDF/PNG bytes.

Each stage is a function of the previous one's output, so the benchmark can time them
one by one and the tests can check each against a golden file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..layout.dot_build import LayoutParams, build_dot
from ..layout.engine import DEFAULT_TIMEOUT, run_dot, run_dot_many
from ..load.validate import LoadedFlow
from ..model.marks import NO_MARKS, Marks
from .fonts import missing_glyphs
from .page import PageResult, compose

FORMATS = ("svg", "pdf", "png", "dot")


@dataclass
class RenderOptions:
    page: str | None = None  # A4 | A3 | fit; None = the flow's document.page.size
    portrait: bool | None = None
    dpi: float = 144.0  # PNG: 2× of 72 dpi
    timeout: float = DEFAULT_TIMEOUT
    marks: Marks = field(default_factory=lambda: NO_MARKS)


@dataclass
class Rendered:
    data: bytes
    warnings: list[str]
    page: PageResult | None = None


VARIANT_LIMIT = 150  # steps; bigger flows are laid out once


def best_layout(lf: LoadedFlow, opts: RenderOptions) -> tuple[str, PageResult]:
    """Lay the chart out in each variant and keep the one whose smallest text is largest on the page.

    Small flows try measure lists side by side and stacked (two dot runs of a few tens of ms);
    the first variant wins a tie, so the choice is deterministic.
    """
    variants = [LayoutParams(stack_measures=False)]
    page = opts.page or lf.flow.document.page.size
    if page != "fit" and len(lf.flow.steps) <= VARIANT_LIMIT:
        variants += [LayoutParams(stack_measures=True), LayoutParams(stack_measures=True, narrow=True),
                     LayoutParams(stack_measures=False, narrow=True)]
    sources = [build_dot(lf.flow, lf.catalog, opts.marks, params) for params in variants]
    charts = run_dot_many(sources, "svg", opts.timeout, lf.file)
    best: tuple[str, PageResult] | None = None
    for src, chart in zip(sources, charts, strict=True):
        result = compose_page(lf, chart, opts)
        if best is None or result.min_text_pt > best[1].min_text_pt + 0.05:
            best = (src, result)
    assert best is not None
    return best


def layout_page(lf: LoadedFlow, src: str, opts: RenderOptions) -> PageResult:
    return compose_page(lf, run_dot(src, "svg", opts.timeout, lf.file), opts)


def compose_page(lf: LoadedFlow, chart: bytes, opts: RenderOptions) -> PageResult:
    doc = lf.flow.document
    page = opts.page or doc.page.size
    portrait = opts.portrait if opts.portrait is not None else doc.page.orientation == "portrait"
    return compose(chart, doc, page=page, portrait=portrait, notes=list(lf.flow.notes), marks=opts.marks)


def render(lf: LoadedFlow, fmt: str, opts: RenderOptions | None = None,
           laid: tuple[str, PageResult] | None = None) -> Rendered:
    """Render a loaded flow to ``fmt`` (svg, pdf, png or dot) and collect warnings.

    ``laid`` is a layout already made by :func:`best_layout` with the same options (several
    formats of one flow share it).
    """
    opts = opts or RenderOptions()
    warnings = [f"{lf.file}: warning: {m}" for m in missing_glyphs(lf.flow)]
    src, page = laid or best_layout(lf, opts)
    if fmt == "dot":  # the DOT of the variant that fits the page best
        return Rendered(src.encode("utf-8"), warnings)
    warnings += [f"{lf.file}: warning: {w}" for w in page.warnings]
    if fmt == "svg":
        return Rendered(page.svg.encode("utf-8"), warnings, page)
    from .raster import svg_to_pdf, svg_to_png  # cairosvg loads only when PDF/PNG is asked for

    if fmt == "pdf":
        return Rendered(svg_to_pdf(page.svg, lf.flow.document.title), warnings, page)
    if fmt == "png":
        return Rendered(svg_to_png(page.svg, opts.dpi), warnings, page)
    raise ValueError(f"unknown format {fmt}")
