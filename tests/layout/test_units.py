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


def test_a_long_list_flows_into_two_balanced_columns_cut_between_bullets() -> None:
    from flowdiag.layout.blocks import Frame, Para, Row, balanced_columns, bullets
    from flowdiag.model.marks import Marks

    ops = Frame(bullets([("特記事項等の遵守", None), ("データの暗号化", None)], 8, 12, Marks()), pad=3)
    sys = Frame(bullets([(f"システム上の対策その{i}（長い文言は折り返す）", None) for i in range(15)], 8, 12, Marks()), pad=3)
    cols = balanced_columns([ops, sys], 4)
    assert isinstance(cols, Row) and len(cols.children) == 2
    left, right = cols.children
    # every line is drawn once, in order; the cut is between two bullets
    lines = [line for col in (left, right) for f in col.children for line in f.child.lines]  # type: ignore[attr-defined]
    assert lines == ops.child.lines + sys.child.lines  # type: ignore[attr-defined]
    assert right.children[0].child.lines[0][0].text == "・"  # type: ignore[attr-defined]
    # balanced: the columns differ by less than one bullet, and the whole is shorter than the long list
    assert abs(left.height - right.height) < 3 * 8 * 1.2 + 8
    assert cols.height < sys.height
    assert balanced_columns([ops], 4) is not None and balanced_columns([Frame(Para([], 8))], 4) is None


@pytest.mark.parametrize(("y", "struck"), [(15.0, 1), (40.0, 0), (9.0, 0)])
def test_an_arrow_through_a_line_of_text_is_measured(y: float, struck: int) -> None:
    from flowdiag.layout.quality import measure
    from flowdiag.layout.scene import Group, Path, Run, Scene, TextLine

    text = TextLine(10, 20, (Run("問合せ（TEL）", 10),))  # glyphs from about y 11 to 22
    arrow = Group("e_s9_1", (Path(((0.0, y), (200.0, y)), arrow=True),))
    assert measure(Scene(300, 100, (text, arrow))).struck == struck
