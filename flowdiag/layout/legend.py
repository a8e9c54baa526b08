"""The second page 「保護対策一覧」: every actor's measure lists, when they do not fit on the chart.

The chart then carries a line in each of those regions that refers to this page. Actors follow
the flow's order in columns, filled top to bottom and left to right, and the page is scaled down
only if its lists cannot fit otherwise.
"""

from __future__ import annotations

from ..catalog import Catalog
from ..model.flow import Document, Flow
from ..model.marks import Marks
from . import style as S
from .blocks import Block, Para, Row, Stack
from .content import build_content
from .scene import Group, Item, Run, Scene, TextLine

TITLE = "保護対策一覧"
PAGE = {"A4": (842.0, 595.0), "A3": (1191.0, 842.0)}
MARGIN = 22.0


def legend_blocks(flow: Flow, catalog: Catalog, marks: Marks) -> list[Block]:
    """One block per actor with measures: its name, then its lists side by side."""
    content = build_content(flow, catalog, marks)
    out: list[Block] = []
    for actor in flow.actors:
        ac = content.actors[actor.id]
        if not ac.lists:
            continue
        ai = ac.index
        head = Para.of([(actor.name, ("actors", ai, "name"))], S.ACTOR_PT - 2, max_em=40, marks=marks, bold=True)
        out.append(Stack([head, Row(list(ac.lists), gap=S.ITEM_GAP)], gap=3))
    return out


def _columns(blocks: list[Block], k: int) -> tuple[list[tuple[Block, float, float]], float, float]:
    """The blocks in ``k`` columns, in order, each column about the same height."""
    total = sum(b.height + 12 for b in blocks)
    target = total / k
    placed: list[tuple[Block, float, float]] = []
    x = y = col_w = used_w = used_h = 0.0
    for b in blocks:
        if y > 0 and y + b.height / 2 > target:
            x += col_w + 16
            y = col_w = 0.0
        placed.append((b, x, y))
        col_w = max(col_w, b.width)
        y += b.height + 12
        used_w, used_h = max(used_w, x + col_w), max(used_h, y - 12)
    return placed, used_w, used_h


def _pack(blocks: list[Block], width: float, height: float) -> tuple[list[tuple[Block, float, float]], float, float]:
    """The number of columns that lets the blocks be drawn largest (fewer columns on a tie)."""
    best: tuple[float, tuple[list[tuple[Block, float, float]], float, float]] | None = None
    for k in range(1, max(1, len(blocks)) + 1):
        placed, w, h = _columns(blocks, k)
        scale = min(1.0, width / w if w else 1.0, height / h if h else 1.0)
        if best is None or scale > best[0] + 1e-6:
            best = (scale, (placed, w, h))
    assert best is not None
    return best[1]


def legend_page(flow: Flow, catalog: Catalog, marks: Marks, page: str, portrait: bool) -> Scene:
    pw, ph = PAGE.get(page, PAGE["A4"])
    if portrait:
        pw, ph = ph, pw
    doc: Document = flow.document
    title = f"{TITLE}（{doc.number}）"
    head: list[Item] = [TextLine(MARGIN, MARGIN + 13, (Run(title, 13, True),))]
    room_w, room_h = pw - 2 * MARGIN, ph - 2 * MARGIN - 26
    placed, w, h = _pack(legend_blocks(flow, catalog, marks), room_w, room_h)
    scale = min(1.0, room_w / w if w else 1.0, room_h / h if h else 1.0)
    body: list[Item] = []
    for b, x, y in placed:
        body += b.draw(x, y)
    group = Group("measures", tuple(body), (MARGIN, MARGIN + 26, round(scale, 5)))
    return Scene(pw, ph, (Group("header", tuple(head)), group))
