"""The layout's parts on their own: constraint solving, arrangements, routing, the author's hints."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flowdiag.diagnostics import FlowError
from flowdiag.layout.arrange import H, L, V, facing, gap_of
from flowdiag.layout.constraints import Infeasible, Solver
from flowdiag.layout.geometry import Box
from flowdiag.layout.route import route
from flowdiag.load.validate import load_flow_text


@settings(max_examples=100, deadline=None, derandomize=True)
@given(st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9), st.floats(-20, 40, allow_nan=False)), max_size=30))
def test_solver_meets_every_constraint_or_says_why(cons: list[tuple[int, int, float]]) -> None:
    s = Solver()
    v = [s.var(str(i)) for i in range(10)]
    for a, b, d in cons:
        s.ge(v[a], v[b], d)
    try:
        x = s.solve()
    except Infeasible:
        return  # a cycle of positive length: the caller drops this arrangement
    for a, b, d in cons:
        assert x[v[a]] >= x[v[b]] + d - 1e-6
    assert min(x) >= 0.0


def test_solver_finds_contradictions() -> None:
    s = Solver()
    a, b = s.var("a"), s.var("b")
    s.ge(a, b, 5)
    s.ge(b, a, 1)
    with pytest.raises(Infeasible):
        s.solve()


def test_facing_regions() -> None:
    t = V(H(V(L("net"), L("ward")), L("co"), L("printer")), L("res"))
    assert facing(t.children[0], "bottom") == {"ward", "co", "printer"}
    assert gap_of(t, "ward", "res") is not None and gap_of(t, "printer", "res") is not None
    assert gap_of(t, "net", "co") is not None  # the left column faces the contractor across one gap
    assert gap_of(t, "net", "res") is None  # the ward lies in between


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.lists(st.tuples(st.integers(0, 8), st.integers(0, 5)), min_size=3, max_size=10, unique=True))
def test_routes_never_cross_a_region(cells: list[tuple[int, int]]) -> None:
    """On any grid of regions, a route leaves its start, reaches its end and runs through no region."""
    regions = {f"r{i}": Box(c * 100.0, r * 80.0, 60.0, 40.0) for i, (c, r) in enumerate(cells)}
    names = sorted(regions)
    pts = route(regions, names[0], names[-1], [], [])
    assert len(pts) >= 2
    for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
        assert x0 == x1 or y0 == y1  # orthogonal
        for n in names:
            r = regions[n]
            for t in range(1, 10):
                x, y = x0 + (x1 - x0) * t / 10, y0 + (y1 - y0) * t / 10
                assert not (r.x + 1 < x < r.x2 - 1 and r.y + 1 < y < r.y2 - 1), (n, pts)


BASE = """flowdiag: 1
document: {number: 資料1-1, title: 例}
actors:
  - {id: ward, name: 区, places: [{id: host, name: ホスト}]}
  - {id: co, name: 委託先}
  - {id: res, name: 区民, kind: person}
"""


@pytest.mark.parametrize("layout,message", [
    ("layout: {columns: [ward, wrd]}", "「wrd」という主体はありません"),
    ("layout: {columns: [ward, host]}", "「host」は場所です"),
    ("layout: {columns: [ward, [co, ward]]}", "「ward」が2回あります"),
    ("layout: {columns: [ward], rows: [co]}", "columns と rows の両方"),
    ("layout: {measures: sometimes}", "measures"),
    ("layout: {colums: [ward]}", "colums"),
])
def test_bad_layout_hints_are_refused_with_a_position(layout: str, message: str) -> None:
    with pytest.raises(FlowError) as exc:
        load_flow_text(BASE + layout + "\n", "hint.yaml")
    text = str(exc.value)
    assert message in text and "hint.yaml:" in text, text


def test_same_as_must_name_another_actor() -> None:
    with pytest.raises(FlowError) as exc:
        load_flow_text(BASE.replace("{id: co, name: 委託先}", "{id: co, name: 委託先, measures: {same_as: cc}}"), "s.yaml")
    assert "same_as" in str(exc.value)


def test_a_long_list_is_drawn_in_two_balanced_columns_in_its_own_box() -> None:
    from flowdiag.layout.blocks import Frame, Para, Row, Stack, balanced_columns, bullets
    from flowdiag.model.marks import Marks

    ops = Frame(bullets([("特記事項等の遵守", None), ("データの暗号化", None)], 8, 12, Marks()), pad=3)
    sys = Frame(bullets([(f"システム上の対策その{i}（長い文言は折り返す）", None) for i in range(15)], 8, 12, Marks()), pad=3)
    cols = balanced_columns([ops, sys], 4)
    assert isinstance(cols, Stack) and len(cols.children) == 2  # still one box per list, in order
    short, long_ = cols.children
    assert isinstance(short, Frame) and short.child.lines == ops.child.lines  # type: ignore[attr-defined]
    assert isinstance(long_, Frame) and isinstance(long_.child, Row)
    left, right = long_.child.children
    assert isinstance(left, Para) and isinstance(right, Para)
    # every line once, in order, cut between two bullets; the left column not shorter, by less than a bullet
    assert left.lines + right.lines == sys.child.lines  # type: ignore[attr-defined]
    assert right.lines[0][0].text == "・"
    assert 0 <= len(left.lines) - len(right.lines) <= 3
    assert cols.height < sys.height
    assert balanced_columns([ops], 4) is None  # nothing long enough to gain
    assert balanced_columns([Frame(Para([], 8))], 4) is None


@pytest.mark.parametrize(("y", "struck"), [(15.0, 1), (40.0, 0), (9.0, 0)])
def test_an_arrow_through_a_line_of_text_is_measured(y: float, struck: int) -> None:
    from flowdiag.layout.quality import measure
    from flowdiag.layout.scene import Group, Path, Run, Scene, TextLine

    text = TextLine(10, 20, (Run("問合せ（TEL）", 10),))  # glyphs from about y 11 to 22
    arrow = Group("e_s9_1", (Path(((0.0, y), (200.0, y)), arrow=True),))
    assert measure(Scene(300, 100, (text, arrow))).struck == struck


def test_the_lists_page_reads_in_the_flows_order_left_to_right_then_down() -> None:
    from flowdiag.layout.legend import legend_page
    from flowdiag.layout.scene import Group, TextLine
    from flowdiag.load.validate import load_flow
    from flowdiag.model.marks import NO_MARKS

    from ..conftest import ROOT

    lf = load_flow(ROOT / "samples" / "101-kyufukin-shikyu.yaml")
    page = legend_page(lf.flow, lf.catalog, NO_MARKS, "A4", False)
    body = next(it for it in page.items if isinstance(it, Group) and it.id == "measures")
    names = [a.name for a in lf.flow.actors if a.measures.operational or a.measures.system]
    heads = {"".join(r.text for r in t.runs): (t.y, t.x) for t in body.items if isinstance(t, TextLine)}
    spots = [heads[n] for n in names]
    assert spots == sorted(spots)  # row by row, left to right: the order the actors are written in
    assert body.transform is not None and body.transform[2] > 1.0  # room to spare: printed larger than on the chart
