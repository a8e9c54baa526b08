"""Flows of other shapes than the samples (seven actors, a hub with many partners, two actors and twenty
steps, steps inside one actor, an author's arrangement): each chart reads cleanly, fits A4 at 7 pt
or says what it did, and comes out the same twice."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from flowdiag.layout.quality import measure
from flowdiag.load.validate import load_flow
from flowdiag.render.pipeline import RenderOptions, layout, render

FLOWS = sorted((Path(__file__).parent / "flows").glob("*.yaml"))


@pytest.mark.parametrize("path", FLOWS, ids=[p.stem for p in FLOWS])
def test_chart_reads_cleanly(path: Path) -> None:
    laid = layout(load_flow(path), RenderOptions())
    assert laid.min_text_pt >= 7.0, (laid.min_text_pt, laid.warnings)
    if len(laid.pages) > 1 or laid.page != "A4":
        assert laid.warnings, "a fallback is always announced"
    for page in laid.pages:
        q = measure(page)
        assert q.text_overlaps == 0 and q.under_shapes == 0 and q.struck == 0, q.examples[:4]
        assert not q.detours and not q.foreign, (q.detours, q.foreign)
        assert q.crossings <= max(1, q.steps // 5), q.crossings


@pytest.mark.parametrize("path", FLOWS, ids=[p.stem for p in FLOWS])
def test_same_chart_twice(path: Path) -> None:
    a = render(load_flow(path), "svg").data
    b = render(load_flow(path), "svg").data
    assert a == b


def test_every_step_of_the_flow_is_drawn() -> None:
    """Steps between two places of one actor are drawn too (a short arrow beside their label)."""
    lf = load_flow(Path(__file__).parent / "flows" / "inner_places.yaml")
    svg = render(lf, "svg").data.decode()
    for step in lf.flow.steps:
        assert step.text in svg
    assert 'id="e_stepn.2.1_1"' in svg and 'id="e_stepn.5.1_1"' in svg


def test_the_authors_arrangement_is_kept() -> None:
    laid = layout(load_flow(Path(__file__).parent / "flows" / "hinted.yaml"), RenderOptions())
    tree = str(laid.tree)
    # as written (the residents a band under the rest, the subcontractor under the contractor); the cloud,
    # not named, is placed automatically
    assert tree.startswith("([") and tree.endswith("] / res)") and "(co / sub)" in tree, tree
    assert "cloud" in tree and tree.index("ward") < tree.index("(co / sub)"), tree


def test_two_actors_and_twenty_steps_read_in_order() -> None:
    """Arrows between two regions are stacked in number order, top to bottom."""
    lf = load_flow(Path(__file__).parent / "flows" / "two_actors_long.yaml")
    laid = layout(lf, RenderOptions())
    from flowdiag.layout.scene import Group
    from flowdiag.layout.scene import Path as ScenePath

    ys = []
    for item in laid.pages[0].walk():
        m = re.match(r"^e_stepn\.(\d+)\.1_1$", item.id) if isinstance(item, Group) else None
        if m and isinstance(item, Group):
            line = next(i for i in item.items if isinstance(i, ScenePath))
            ys.append((int(m.group(1)), line.points[0][1]))
    assert [n for n, _ in sorted(ys, key=lambda t: t[1])] == sorted(n for n, _ in ys)


def test_measures_on_a_second_page_when_asked(tmp_path: Path) -> None:
    src = (Path(__file__).parent / "flows" / "hub_spokes.yaml").read_text("utf-8") + "layout: {measures: separate}\n"
    flow = tmp_path / "sep.yaml"
    flow.write_text(src, "utf-8")
    lf = load_flow(flow)
    laid = layout(lf, RenderOptions())
    assert len(laid.pages) == 2
    svg = render(lf, "svg", RenderOptions(), laid)
    assert "保護対策は別紙" in svg.data.decode() and len(svg.more) == 1
    assert "保護対策一覧" in svg.more[0].decode() and "特定相手以外の通信不可" in svg.more[0].decode()
    pdf = render(lf, "pdf", RenderOptions(), laid).data
    assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") + pdf.count(b"/Type/Page") >= 2 or \
        pdf.count(b"/Page") >= 3


def test_shrink_keeps_one_page() -> None:
    lf = load_flow(Path(__file__).parent.parent.parent / "samples" / "101-kyufukin-shikyu.yaml")
    laid = layout(lf, RenderOptions(fit="shrink"))
    assert len(laid.pages) == 1 and laid.page == "A4"
    auto = layout(lf, RenderOptions())
    assert auto.min_text_pt >= 7.0


def test_a_step_from_an_actor_into_its_own_place_points_down_into_the_place() -> None:
    """⑤ 「入力データの取込み」 (from the ward to its own 収納管理システム): a short arrow beside its label,
    from the label's top down into the place, not a line that starts at the label's text."""
    from flowdiag.layout.scene import Group
    from flowdiag.layout.scene import Path as Line

    laid = layout(load_flow(Path(__file__).parent / "flows" / "account_transfer.yaml"), RenderOptions())

    def groups(items: tuple[object, ...]) -> list[Group]:
        out = []
        for it in items:
            if isinstance(it, Group):
                out.append(it)
                out += groups(it.items)
        return out

    arrow = next(g for g in groups(laid.pages[0].items) if g.id == "e_stepn.5.1_1")
    (x0, y0), (x1, y1) = next(it for it in arrow.items if isinstance(it, Line)).points
    assert x0 == x1 and y1 > y0  # straight down
