"""The render pipeline: LoadedFlow → content → arrangement → page scenes → SVG → PDF/PNG.

Each stage is a function of the previous one's output, so the benchmark can time them one by
one and the tests can check each. The page is fitted before it is drawn: when the chart's text
would drop below 7 pt, a fallback is applied and said (``--fit shrink`` keeps the page asked for
and shrinks instead).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from ..layout.arrange import Node
from ..layout.content import Content, Widths, build_content
from ..layout.draw import draw
from ..layout.fit import Candidate, choose, rescore
from ..layout.geometry import place
from ..layout.hints import hint_tree
from ..layout.legend import legend_page
from ..layout.scene import Scene
from ..load.validate import LoadedFlow
from ..model.marks import NO_MARKS, Marks
from .fonts import missing_glyphs
from .page import compose, frame, page_min_pt
from .svg import scene_svg

FORMATS = ("svg", "pdf", "png")
MIN_TEXT_PT = 7.0
BASE_PT = 8.5  # the smallest text of the unscaled chart
COMFORTABLE_PT = 7.6  # below this, narrower text widths are tried as well
BIG = 80  # steps; a bigger flow is laid out once, on the page asked for (it cannot be read on one sheet)
WIDTHS = (Widths(), Widths(step=10.0, action=12.0, place=12.0, data=12.0, measure=13.0),  # narrower: wide charts
          Widths(step=16.0, action=16.0))  # wider labels: tall charts of long step texts


@dataclass
class RenderOptions:
    page: str | None = None  # A4 | A3 | fit; None = the flow's document.page.size
    portrait: bool | None = None
    dpi: float = 144.0  # PNG: 2× of 72 dpi
    timeout: float = 300.0  # kept for the command line; the layout runs in-process
    marks: Marks = field(default_factory=lambda: NO_MARKS)
    fit: str = "auto"  # auto: fall back (lists on a second page, A3) below 7 pt; shrink: keep the page


@dataclass
class Laid:
    """A flow laid out on its page(s)."""

    pages: list[Scene]
    page: str
    portrait: bool
    min_text_pt: float
    tree: Node | None = None
    warnings: list[str] = field(default_factory=list)  # what the fitting did, in words for the user


@dataclass
class Rendered:
    data: bytes
    warnings: list[str]
    laid: Laid | None = None
    more: list[bytes] = field(default_factory=list)  # further pages, for formats of one page per file


def _attempt(lf: LoadedFlow, opts: RenderOptions, page: str, portrait: bool, lists: bool) -> Laid:
    flow = lf.flow
    fr = frame(flow.document, list(flow.notes), opts.marks, "A4" if page == "fit" else page, portrait)
    avail = (fr.room[2], fr.room[3])
    fixed = hint_tree(flow)
    order = [a.id for a in flow.actors]
    cand, best_widths = None, WIDTHS[0]
    tried: list[tuple[Widths, Content, Candidate]] = []
    for widths in WIDTHS if len(flow.steps) <= BIG else WIDTHS[:1]:  # narrower text when it does not fit
        # the arrangement is chosen without change marks: a marked chart is laid out like the unmarked one
        content = build_content(flow, lf.catalog, NO_MARKS, widths, with_lists=lists)
        trial = choose(content, order, avail, fixed)
        tried.append((widths, content, trial))
        if cand is None or trial.score > cand.score + 1e-6:
            cand, best_widths = trial, widths
        if cand.scale * BASE_PT >= COMFORTABLE_PT:
            break
    assert cand is not None
    for widths, content, trial in tried:  # an arrangement found with one width, tried with the others
        for _, _, other in tried:
            if other.tree.key != trial.tree.key:
                again = rescore(other.tree, content, avail, other.moved)
                if again is not None and again.score > cand.score + 1e-6:
                    cand, best_widths = again, widths
    geo = cand.geo
    if opts.marks.active:
        marked = build_content(flow, lf.catalog, opts.marks, best_widths, with_lists=lists)
        geo = place(cand.tree, marked, dict(cand.modes))
    chart = draw(geo, {a.id: a.kind for a in flow.actors})
    if page == "fit":
        fr = frame(flow.document, list(flow.notes), opts.marks, "fit", portrait, (geo.width, geo.height))
    pages = [compose(fr, chart, geo.width, geo.height)]
    if not lists:
        pages.append(legend_page(flow, lf.catalog, opts.marks, page if page != "fit" else "A4", portrait))
    return Laid(pages, page, portrait, min(page_min_pt(p) for p in pages), cand.tree)


def _orientation(portrait: bool) -> str:
    return "縦" if portrait else "横"


def layout(lf: LoadedFlow, opts: RenderOptions) -> Laid:
    """Lay the flow out on the page asked for, or on the first fallback that keeps 7 pt.

    Fallbacks, in order: the measure lists on a second page 「保護対策一覧」 (the chart refers to
    it); the page turned (portrait, for a tall chart of few actors), with and without the lists; A3
    with the lists, then A3 with them on a second page. The orientation is turned only when neither
    the command line nor the flow set it.
    """
    doc = lf.flow.document
    page = opts.page or doc.page.size
    portrait = opts.portrait if opts.portrait is not None else doc.page.orientation == "portrait"
    may_turn = opts.portrait is None and doc.page.orientation == "landscape"
    has_lists = any(a.measures.operational or a.measures.system or a.measures.same_as for a in lf.flow.actors)
    where = lf.flow.layout.measures
    lists = where != "separate" or not has_lists
    movable = has_lists and where != "chart" and lists  # the lists may go to a second page
    tries = [(page, lists, portrait)]
    if opts.fit == "auto" and page != "fit" and len(lf.flow.steps) <= BIG:
        if movable:
            tries.append((page, False, portrait))
        if may_turn:
            tries += [(page, lists, True)] + ([(page, False, True)] if movable else [])
        if page == "A4":
            tries += [("A3", lists, portrait)] + ([("A3", False, portrait)] if movable else [])
    if opts.marks.active and len(tries) > 1:
        # a marked chart keeps the pages of the unmarked one, so the two compare side by side
        plain = layout(lf, dataclasses.replace(opts, marks=NO_MARKS))
        tries = [(plain.page, len(plain.pages) == 1, plain.portrait)]
    first: Laid | None = None
    for i, (size, with_lists, turned) in enumerate(tries):
        laid = _attempt(lf, opts, size, turned, with_lists)
        first = first or laid
        if laid.min_text_pt >= MIN_TEXT_PT - 1e-6 or i == len(tries) - 1:
            break
    assert first is not None
    changed = (laid.page, laid.portrait, len(laid.pages)) != (first.page, first.portrait, len(first.pages))
    if laid is not first and changed:
        what = []
        if (laid.page, laid.portrait) != (first.page, first.portrait):
            what.append(f"{laid.page}{_orientation(laid.portrait)}にしました")
        if len(laid.pages) > 1:
            what.append("保護対策の一覧を2ページ目「保護対策一覧」に移しました（図には参照を書いています）")
        laid.warnings.append(f"{first.page}{_orientation(first.portrait)}1ページに収めると最小の文字が "
                             f"{first.min_text_pt:.1f} pt になるため、" + "、".join(what)
                             + " — 元の用紙で縮小するには --fit shrink を指定してください")
    if laid.min_text_pt < MIN_TEXT_PT - 1e-6 and page != "fit":
        laid.warnings.append(
            f"{laid.page}{_orientation(laid.portrait)}に収めると最小の文字が {laid.min_text_pt:.1f} pt になります"
            f"（{MIN_TEXT_PT:g} pt 未満） — --page A3 や layout の指定を試すか、フローを分割してください")
    return laid


def best_layout(lf: LoadedFlow, opts: RenderOptions) -> Laid:
    """The layout the command line computes once per flow and shares among its formats."""
    return layout(lf, opts)


def render(lf: LoadedFlow, fmt: str, opts: RenderOptions | None = None, laid: Laid | None = None) -> Rendered:
    """Render a loaded flow to ``fmt`` (svg, pdf or png) and collect warnings.

    ``laid`` is a layout already made by :func:`layout` with the same options (several formats of
    one flow share it). A PDF holds every page; SVG and PNG give the first page as ``data`` and
    the others in ``more``.
    """
    opts = opts or RenderOptions()
    warnings = [f"{lf.file}: warning: {m}" for m in missing_glyphs(lf.flow)]
    laid = laid or layout(lf, opts)
    warnings += [f"{lf.file}: warning: {w}" for w in laid.warnings]
    title = lf.flow.document.title
    svgs = [scene_svg(p, title) for p in laid.pages]
    if fmt == "svg":
        return Rendered(svgs[0].encode("utf-8"), warnings, laid, [s.encode("utf-8") for s in svgs[1:]])
    from .raster import svg_to_pdf, svg_to_png  # cairosvg loads only when PDF/PNG is asked for

    if fmt == "pdf":
        return Rendered(svg_to_pdf(svgs, title), warnings, laid)
    if fmt == "png":
        pngs = [svg_to_png(s, opts.dpi) for s in svgs]
        return Rendered(pngs[0], warnings, laid, pngs[1:])
    raise ValueError(f"unknown format {fmt}")
