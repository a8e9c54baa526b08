"""Coordinates for one arrangement: regions, their blocks, and the arrows across the gaps.

:func:`place` solves the rules of :mod:`.planner` on both axes and turns the solution into
boxes and arrow paths, in points of the unscaled chart (origin at the top left).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from . import style as S
from .arrange import Node, leaves
from .blocks import Block
from .content import ActorContent, Conn, Content, ItemSpec
from .planner import LANE, Gap, Planner, inner_width, items_width, list_size, mode_lists
from .route import label_spot, route

INNER_INDENT = 13.0  # a step label within a region: right of its arrow
BUS_INSET = 7.0  # where a lane meets a block's bottom edge, from its side
MODES = ("stack", "rows", "side", "cols")
"""How an actor's measure lists sit: stacked under its blocks, side by side under them, in a
column beside them (on the side away from its partners), or flowed into two balanced columns under
them (a long list continues at the top of the second column)."""

Point = tuple[float, float]


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def x2(self) -> float:
        return self.x + self.w

    @property
    def y2(self) -> float:
        return self.y + self.h


@dataclass
class Arrow:
    conn: Conn
    points: list[Point]  # from the start (conn.a) to the end (conn.b)
    label: Box  # where the label block goes
    block: Block | None = None  # the label drawn (None: conn.label)

    @property
    def text(self) -> Block:
        return self.block or self.conn.label


@dataclass
class Geometry:
    width: float
    height: float
    regions: dict[str, Box] = field(default_factory=dict)
    headers: dict[str, Box] = field(default_factory=dict)
    header_blocks: dict[str, Block] = field(default_factory=dict)
    items: dict[str, list[tuple[ItemSpec, Box]]] = field(default_factory=dict)
    lists: dict[str, list[tuple[Block, Box]]] = field(default_factory=dict)
    arrows: list[Arrow] = field(default_factory=list)
    routed: list[Conn] = field(default_factory=list)  # arrows between regions that do not face each other


def region_size(ac: ActorContent, mode: str) -> tuple[float, float]:
    """An actor's region alone, before any arrow moves its blocks: (width, height)."""
    items_h = sum(it.block.height for it in ac.items) + S.ITEM_GAP * max(0, len(ac.items) - 1)
    _, lh = list_size(ac, mode)
    body = max(items_h, lh) if mode == "side" and ac.items else items_h + (S.ITEM_GAP if ac.items and lh else 0) + lh
    return inner_width(ac, mode) + 2 * S.REGION_PAD, ac.header.height + S.ITEM_GAP + body + 2 * S.REGION_PAD


def place(tree: Node, content: Content, modes: dict[str, str], routes: bool = True) -> Geometry:
    """Solve both axes for ``tree`` and return every box and arrow in chart coordinates.

    With ``routes=False`` the arrows between regions that do not face each other are left out
    (the arrangement search only counts them). Raises :class:`.constraints.Infeasible` when the arrangement's rules contradict each other
    (for example arrows that would have to cross between two stacks).
    """
    p = Planner(tree, content, modes)
    xs, ys = p.solve_x(), p.solve_y()
    geo = Geometry(0.0, 0.0, routed=list(p.routed))
    for actor in leaves(tree):
        ac = content.actors[actor]
        region = Box(xs[f"L_{actor}"], ys[f"T_{actor}"], xs[f"R_{actor}"] - xs[f"L_{actor}"],
                     ys[f"B_{actor}"] - ys[f"T_{actor}"])
        geo.regions[actor] = region
        geo.headers[actor] = Box(region.x, region.y + S.REGION_PAD, region.w, ac.header.height)
        geo.header_blocks[actor] = ac.header
        _inside(geo, p, ac, region, ys)
    for gap in p.gaps.values():
        for c in gap.conns:
            geo.arrows.append(_arrow(geo, p, gap, c, xs, ys))
    _separate_lanes(geo, p)
    for c in content.inner:
        geo.arrows.append(_inner_arrow(geo, p, c))
    for c in p.routed if routes else []:
        pts = route(geo.regions, c.a, c.b, [a.points for a in geo.arrows], [a.label for a in geo.arrows])
        lines = [Box(min(p[0], q[0]) - 2, min(p[1], q[1]) - 2, abs(p[0] - q[0]) + 4, abs(p[1] - q[1]) + 4)
                 for other in geo.arrows for p, q in itertools.pairwise(other.points)]  # keep clear of other arrows
        x, y = label_spot(pts, c.label.width, c.label.height, [a.label for a in geo.arrows], lines,
                          list(geo.regions.values()))
        geo.arrows.append(Arrow(c, pts, Box(x, y, c.label.width, c.label.height)))
    return _normalised(geo)


def _normalised(geo: Geometry) -> Geometry:
    """Move everything so the chart starts at (0, 0) (a routed arrow may run left of or above the
    regions) and set its size."""
    boxes = list(geo.regions.values()) + [a.label for a in geo.arrows]
    pts = [p for a in geo.arrows for p in a.points]
    x0 = min([b.x for b in boxes] + [p[0] for p in pts] + [0.0])
    y0 = min([b.y for b in boxes] + [p[1] for p in pts] + [0.0])
    geo.width = max([b.x2 for b in boxes] + [p[0] for p in pts] + [0.0]) - x0
    geo.height = max([b.y2 for b in boxes] + [p[1] for p in pts] + [0.0]) - y0
    if x0 == 0.0 and y0 == 0.0:
        return geo

    def mv(b: Box) -> Box:
        return Box(b.x - x0, b.y - y0, b.w, b.h)

    geo.regions = {k: mv(b) for k, b in geo.regions.items()}
    geo.headers = {k: mv(b) for k, b in geo.headers.items()}
    geo.items = {k: [(it, mv(b)) for it, b in v] for k, v in geo.items.items()}
    geo.lists = {k: [(bl, mv(b)) for bl, b in v] for k, v in geo.lists.items()}
    geo.arrows = [Arrow(a.conn, [(x - x0, y - y0) for x, y in a.points], mv(a.label), a.block) for a in geo.arrows]
    return geo


def _inside(geo: Geometry, p: Planner, ac: ActorContent, region: Box, ys: dict[str, float]) -> None:
    a = ac.actor.id
    mode = p.modes[a]
    lanes = p.lanes[a]
    inner_x = region.x + S.REGION_PAD + (LANE if "left" in lanes else 0.0)
    inner_w = region.w - 2 * S.REGION_PAD - LANE * len(lanes)
    iw = items_width(ac)
    lw, _ = list_size(ac, mode)
    col_x, col_w = inner_x, inner_w
    list_x = inner_x + (inner_w - lw) / 2
    if mode == "side" and ac.items and ac.lists:
        if "right" in p.sides[a]:  # partners on the right: the blocks face them, the lists go left
            list_x, col_x = inner_x, inner_x + inner_w - iw
        else:
            col_x, list_x = inner_x, inner_x + inner_w - lw
        col_w = iw
    if any(it.kind == "inner" for it in ac.items):  # room left of the blocks for arrows between them
        geo.items[a] = [(it, Box(col_x + (INNER_INDENT if it.kind == "inner" else 0.0), ys[f"top_{a}_{k}"],
                                 it.block.width, it.block.height)) for k, it in enumerate(ac.items)]
    else:
        geo.items[a] = [(it, Box(col_x + (col_w - it.block.width) / 2, ys[f"top_{a}_{k}"], it.block.width,
                                 it.block.height)) for k, it in enumerate(ac.items)]
    out: list[tuple[Block, Box]] = []
    x = list_x
    for k, bl in enumerate(mode_lists(ac, mode)):
        top = ys[f"list_{a}_{k}"]
        if mode == "rows":
            out.append((bl, Box(x, top, bl.width, bl.height)))
            x += bl.width + S.ITEM_GAP
        else:
            out.append((bl, Box(list_x + (lw - bl.width) / 2, top, bl.width, bl.height)))
    geo.lists[a] = out


def _end(geo: Geometry, p: Planner, actor: str, place: str | None, side: str, y: float,
         line: bool = False) -> list[Point]:
    """The end of a horizontal arrow inside ``actor``'s region, from its border inwards: straight
    into the block it meets, or along the lane when the block is above the arrow (a network
    ``line`` then stops at the border: its label names what it joins)."""
    region = geo.regions[actor]
    border = region.x if side == "left" else region.x2
    rank = p.item_rank(actor, place)
    if rank is None:
        return [(border, y)]
    _, box = geo.items[actor][rank]
    edge = box.x if side == "left" else box.x2
    if y <= box.y2 - 3:
        return [(border, y), (edge, y)]
    if line:
        return [(border, y)]
    lane = border + (S.REGION_PAD + LANE) / 2 * (1 if side == "left" else -1)
    # the lane leaves the block from its bottom edge, near the side, so it never looks like a branch of
    # an arrow that meets the block's side straight
    foot = edge + (BUS_INSET if side == "left" else -BUS_INSET)
    below = box.y2 + S.ITEM_GAP / 2
    return [(border, y), (lane, y), (lane, below), (foot, below), (foot, box.y2)]


LANE_STEP = 3.0  # between two arrows that share a region's edge lane to one block


def _separate_lanes(geo: Geometry, p: Planner) -> None:
    """Arrows that reach the same block along the same edge lane each get their own line: the one
    that meets the border highest runs nearest the border, turns highest and meets the block nearest
    its side, so the lines nest without touching or crossing, and each has its own end."""
    uses: dict[tuple[int, int, bool], list[tuple[float, int, bool]]] = {}
    for i, a in enumerate(geo.arrows):
        pts = a.points
        if len(pts) < 5:
            continue
        for at_end in (False, True):
            q = pts[-5:] if at_end else pts[4::-1]  # border, lane, turn, foot, block (from the border in)
            if not (q[0][1] == q[1][1] and q[1][0] == q[2][0] and q[2][1] == q[3][1] and q[3][0] == q[4][0]
                    and q[4][1] < q[2][1] < q[1][1]):
                continue
            left = q[1][0] > q[0][0]
            uses.setdefault((round(q[4][0] * 100), round(q[4][1] * 100), left), []).append((q[0][1], i, at_end))
    for (_, _, left), group in uses.items():
        if len(group) < 2:
            continue
        inward = 1.0 if left else -1.0
        n = len(group)
        step, rise = min(LANE_STEP, 8.0 / (n - 1)), min(1.5, 4.0 / (n - 1))  # stay in the lane and the item gap
        for k, (_, i, at_end) in enumerate(sorted(group)):
            a = geo.arrows[i]
            pts = list(a.points)
            idx = [len(pts) - 4, len(pts) - 3, len(pts) - 2, len(pts) - 1] if at_end else [3, 2, 1, 0]
            (lx, ly), (_, ty), (fx, _), (_, by) = (pts[j] for j in idx)
            lane = lx + inward * step * (k - (n - 1) / 2)
            turn = ty + rise * (k - (n - 1) / 2)
            foot = fx + inward * 4.0 * k
            new = [(lane, ly), (lane, turn), (foot, turn), (foot, by)]
            for j, pt in zip(idx, new, strict=True):
                pts[j] = pt
            geo.arrows[i] = Arrow(a.conn, pts, a.label, a.block)


def _arrow(geo: Geometry, p: Planner, gap: Gap, c: Conn, xs: dict[str, float], ys: dict[str, float]) -> Arrow:
    side_a, side_b = p.side_of(gap, c.a), p.side_of(gap, c.b)
    if gap.kind == "h":
        y = ys[f"y_{c.id}"]
        line = c.kind == "link"
        start = list(reversed(_end(geo, p, c.a, c.pa, side_a, y, line)))
        points = start + _end(geo, p, c.b, c.pb, side_b, y, line)
        left = min(start[-1][0], points[len(start)][0])
        top = y + S.ARROW_CLEAR if c.id in p.answers else y - S.ARROW_CLEAR - c.label.height
        return Arrow(c, points, Box(left + S.GAP_PAD, top, c.label.width, c.label.height))
    x = xs[f"x_{c.id}"]
    ra, rb = geo.regions[c.a], geo.regions[c.b]
    ya = ra.y2 if side_a == "bottom" else ra.y
    yb = rb.y if side_b == "top" else rb.y2
    top, bottom = min(ya, yb), max(ya, yb)
    lab = c.narrow
    return Arrow(c, [(x, ya), (x, yb)], Box(x + 4, (top + bottom - lab.height) / 2, lab.width, lab.height), lab)


def _inner_arrow(geo: Geometry, p: Planner, c: Conn) -> Arrow:
    """A step between two blocks of one region: straight down (or up) beside its label when the
    label sits between its ends, else along the region's left edge."""
    items = geo.items[c.a]
    k = next(i for i, (it, _) in enumerate(items) if it.kind == "inner" and it.ref == c.id)
    label = items[k][1]
    ra, rb = p.item_rank(c.a, c.pa), p.item_rank(c.b, c.pb)
    src = items[ra][1] if ra is not None else label
    dst = items[rb][1] if rb is not None else label
    if src is dst:  # from the actor to itself: only the label
        return Arrow(c, [], label)
    lo, hi = sorted((ra if ra is not None else k, rb if rb is not None else k))
    down = (ra if ra is not None else k) < (rb if rb is not None else k)
    if ra is None and rb == k + 1:  # from the actor itself into the block under its label: down beside it
        x = label.x - INNER_INDENT + 8
        if x < dst.x2 - 6:
            return Arrow(c, [(x, label.y), (x, dst.y)], label)
    if lo < k < hi and hi - lo == 2:  # the label sits between its ends: a short arrow beside it
        x = label.x - INNER_INDENT + 8
        if x < min(src.x2, dst.x2) - 6:
            y0, y1 = (src.y2, dst.y) if down else (src.y, dst.y2)
            return Arrow(c, [(x, y0), (x, y1)], label)
    j = [i.id for i in p.content.inner if i.a == c.a].index(c.id)
    lane = geo.regions[c.a].x + (S.REGION_PAD + LANE) / 2 + 3.0 * (j % 3)
    sy = src.y + (min(src.h / 2, 11.0) if src is not label else src.h / 2)
    dy = dst.y + (min(dst.h / 2, 11.0) if dst is not label else dst.h / 2)
    return Arrow(c, [(src.x, sy), (lane, sy), (lane, dy), (dst.x, dy)], label)
