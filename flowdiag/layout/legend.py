"""The second page 「保護対策一覧」: every actor's measure lists, when they do not fit on the chart.

The chart then carries a line in each of those regions that refers to this page. Actors follow
the flow's order in rows, read left to right and then down; the number of columns is the one that
prints the lists largest (up to a third larger than on the chart), fewer on a tie.
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
MAX_SCALE = 1.35  # a page with room prints its lists larger than on the chart (8 pt → about 10.8 pt)


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


def _grid(blocks: list[Block], k: int) -> tuple[list[tuple[Block, float, float]], float, float]:
    """The blocks in rows of ``k``, in order, read left to right and then down (as a Japanese page
    written across is read); each column as wide as its widest block."""
    rows = [blocks[i:i + k] for i in range(0, len(blocks), k)]
    widths = [max(row[j].width for row in rows if j < len(row)) for j in range(min(k, len(blocks)))]
    placed: list[tuple[Block, float, float]] = []
    y = 0.0
    for row in rows:
        x = 0.0
        for j, b in enumerate(row):
            placed.append((b, x, y))
            x += widths[j] + 16
        y += max(b.height for b in row) + 12
    return placed, sum(widths) + 16 * (len(widths) - 1), y - 12


def _pack(blocks: list[Block], width: float, height: float) -> tuple[list[tuple[Block, float, float]], float, float]:
    """The number of columns that lets the blocks be drawn largest (fewer columns on a tie)."""
    best: tuple[float, tuple[list[tuple[Block, float, float]], float, float]] | None = None
    for k in range(1, max(1, len(blocks)) + 1):
        placed, w, h = _grid(blocks, k)
        scale = min(MAX_SCALE, width / w if w else 1.0, height / h if h else 1.0)
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
    scale = min(MAX_SCALE, room_w / w if w else 1.0, room_h / h if h else 1.0)
    body: list[Item] = []
    for b, x, y in placed:
        body += b.draw(x, y)
    group = Group("measures", tuple(body), (MARGIN, MARGIN + 26, round(scale, 5)))
    return Scene(pw, ph, (Group("header", tuple(head)), group))
