"""Arrows between regions that do not face each other: an orthogonal path through the free space.

Placement avoids such arrows (each one costs the arrangement dearly), so they are rare: an
arrangement the author fixed, or a flow whose actors cannot all be neighbours. The path runs on a
grid made of the lines just outside every region, never through a region, with a cost for its
length, each bend, each arrow it crosses and each label it passes over (Dijkstra: the cheapest path
wins, the first found on a tie, so the route is deterministic).

>>> from flowdiag.layout.geometry import Box
>>> regions = {"a": Box(0, 0, 50, 50), "b": Box(100, 0, 50, 50), "c": Box(200, 0, 50, 50)}
>>> route(regions, "a", "c", [], [])  # round the region in between, never through it
[(25.0, 50), (25.0, 59.0), (225.0, 59.0), (225.0, 50)]
"""

from __future__ import annotations

import bisect
import heapq
import itertools
from collections.abc import Mapping, Sequence
from typing import Protocol

MARGIN = 9.0  # how far outside a region a path runs
BEND = 40.0  # cost of one bend, as points of length
CROSS = 120.0  # cost of crossing another arrow
OVER_LABEL = 400.0  # cost of passing over a label

Point = tuple[float, float]


class _Rect(Protocol):
    @property
    def x(self) -> float: ...
    @property
    def y(self) -> float: ...
    @property
    def x2(self) -> float: ...
    @property
    def y2(self) -> float: ...


def _inside(x: float, y: float, r: _Rect, m: float = 0.5) -> bool:
    return r.x + m < x < r.x2 - m and r.y + m < y < r.y2 - m


def _seg_hits(p: Point, q: Point, r: _Rect) -> bool:
    """True when the axis-parallel segment p–q runs through the inside of ``r``."""
    if p[1] == q[1]:
        y = p[1]
        lo, hi = sorted((p[0], q[0]))
        return r.y + 0.5 < y < r.y2 - 0.5 and lo < r.x2 - 0.5 and hi > r.x + 0.5
    x = p[0]
    lo, hi = sorted((p[1], q[1]))
    return r.x + 0.5 < x < r.x2 - 0.5 and lo < r.y2 - 0.5 and hi > r.y + 0.5


class SegmentIndex:
    """Existing arrow segments, split into horizontal and vertical ones sorted by position, so a new
    segment counts what it crosses without looking at every segment."""

    def __init__(self, segs: list[tuple[Point, Point]]) -> None:
        self.h = sorted((p[1], min(p[0], q[0]), max(p[0], q[0])) for p, q in segs if p[1] == q[1] and p[0] != q[0])
        self.v = sorted((p[0], min(p[1], q[1]), max(p[1], q[1])) for p, q in segs if p[0] == q[0] and p[1] != q[1])
        self.hy = [s[0] for s in self.h]
        self.vx = [s[0] for s in self.v]

    def crossings(self, p: Point, q: Point) -> int:
        if p[1] == q[1]:  # horizontal: the vertical segments with x inside it that span its y
            lo, hi = sorted((p[0], q[0]))
            y = p[1]
            return sum(1 for x, y0, y1 in self.v[bisect.bisect_right(self.vx, lo):bisect.bisect_left(self.vx, hi)]
                       if y0 < y < y1)
        lo, hi = sorted((p[1], q[1]))
        x = p[0]
        return sum(1 for y, x0, x1 in self.h[bisect.bisect_right(self.hy, lo):bisect.bisect_left(self.hy, hi)]
                   if x0 < x < x1)


def _ports(r: _Rect, xs: list[float], ys: list[float]) -> list[tuple[Point, Point]]:
    """(point on the border, grid point just outside it) for every way out of ``r``."""
    out: list[tuple[Point, Point]] = []
    cy = (r.y + r.y2) / 2
    cx = (r.x + r.x2) / 2
    rows = sorted({cy} | {y for y in ys if r.y + 12 <= y <= r.y2 - 12}, key=lambda y: (abs(y - cy), y))
    cols = sorted({cx} | {x for x in xs if r.x + 12 <= x <= r.x2 - 12}, key=lambda x: (abs(x - cx), x))
    for y in rows:
        out.append(((r.x2, y), (r.x2 + MARGIN, y)))
        out.append(((r.x, y), (r.x - MARGIN, y)))
    for x in cols:
        out.append(((x, r.y2), (x, r.y2 + MARGIN)))
        out.append(((x, r.y), (x, r.y - MARGIN)))
    return out


def route(regions: Mapping[str, _Rect], a: str, b: str, arrows: list[list[Point]], labels: Sequence[_Rect]) -> list[Point]:
    """The cheapest orthogonal path from region ``a``'s border to region ``b``'s."""
    boxes = list(regions.values())
    xs = sorted({v for r in boxes for v in (r.x - MARGIN, r.x2 + MARGIN, (r.x + r.x2) / 2)})
    ys = sorted({v for r in boxes for v in (r.y - MARGIN, r.y2 + MARGIN, (r.y + r.y2) / 2)})
    starts = _ports(regions[a], xs, ys)
    ends = _ports(regions[b], xs, ys)
    xs = sorted(set(xs) | {p[1][0] for p in starts + ends})
    ys = sorted(set(ys) | {p[1][1] for p in starts + ends})
    free = {(x, y) for x in xs for y in ys if not any(_inside(x, y, r) for r in boxes)}
    goal = {outer: border for border, outer in ends}
    index = SegmentIndex([(p, q) for pts in arrows for p, q in itertools.pairwise(pts)])
    cache: dict[tuple[Point, Point], float] = {}
    # the labels a step along a grid row (or column) can pass over: those spanning that row (column)
    by_row = {y: [r for r in labels if r.y + 0.5 < y < r.y2 - 0.5] for y in ys}
    by_col = {x: [r for r in labels if r.x + 0.5 < x < r.x2 - 0.5] for x in xs}

    def step_cost(p: Point, q: Point) -> float:
        key = (p, q) if p <= q else (q, p)
        if key in cache:
            return cache[key]
        # p and q are neighbours on the grid and both outside every region; a region's middle is a
        # grid line, so the step between them cannot run through one: only labels need a look
        cost = abs(p[0] - q[0]) + abs(p[1] - q[1]) + CROSS * index.crossings(p, q)
        near = by_row[p[1]] if p[1] == q[1] else by_col[p[0]]
        cost += OVER_LABEL * sum(1 for r in near if _seg_hits(p, q, r))
        cache[key] = cost
        return cost

    xi = {x: i for i, x in enumerate(xs)}
    yi = {y: i for i, y in enumerate(ys)}
    heap: list[tuple[float, int, Point, int, tuple[Point, ...]]] = []
    counter = itertools.count()
    for border, outer in starts:
        if outer in free:
            d = 0 if border[0] != outer[0] else 1  # 0: leaves sideways, 1: leaves up or down
            heapq.heappush(heap, (0.0, next(counter), outer, d, (border, outer)))
    done: set[tuple[Point, int]] = set()
    while heap:
        cost, _, node, d, path = heapq.heappop(heap)
        if (node, d) in done:
            continue
        done.add((node, d))
        if node in goal:  # the last short step into the border may turn once
            return _simplify(list(path) + [goal[node]])
        i, j = xi[node[0]], yi[node[1]]
        for ni, nj, nd in ((i + 1, j, 0), (i - 1, j, 0), (i, j + 1, 1), (i, j - 1, 1)):
            if not (0 <= ni < len(xs) and 0 <= nj < len(ys)):
                continue
            nxt = (xs[ni], ys[nj])
            if nxt not in free or (nxt, nd) in done:
                continue
            c = step_cost(node, nxt)
            heapq.heappush(heap, (cost + c + (BEND if nd != d else 0.0), next(counter), nxt, nd, path + (nxt,)))
    ra, rb = regions[a], regions[b]  # no way round (cannot happen with regions on one page): a straight line
    return [((ra.x + ra.x2) / 2, (ra.y + ra.y2) / 2), ((rb.x + rb.x2) / 2, (rb.y + rb.y2) / 2)]


def _simplify(points: list[Point]) -> list[Point]:
    out: list[Point] = []
    for p in points:
        if out and p == out[-1]:
            continue
        if len(out) >= 2 and (out[-2][0] == out[-1][0] == p[0] or out[-2][1] == out[-1][1] == p[1]):
            out[-1] = p
        else:
            out.append(p)
    return out


def label_spot(points: list[Point], width: float, height: float, taken: Sequence[_Rect],
               lines: Sequence[_Rect] = (), regions: Sequence[_Rect] = ()) -> Point:
    """Where a routed arrow's label goes: beside one of its segments (above or below a horizontal
    one, right or left of a vertical one), the longest segment first, at the first spot that covers no
    label (``taken``), other arrow (``lines``: thin boxes round their segments) or region; if none is
    free, the spot that covers least, text on text or an arrow through the text counting far more than
    the edge of a region.

    >>> label_spot([(0, 0), (200, 0)], 40, 20, [], [])
    (6, -23)
    >>> label_spot([(0, 0), (200, 0)], 40, 20, [], [type("B", (), {"x": 0, "y": -12, "x2": 100, "y2": -10})()])
    (6, 3)
    """
    segs = sorted(itertools.pairwise(points), key=lambda s: -(abs(s[0][0] - s[1][0]) + abs(s[0][1] - s[1][1])))
    best: tuple[float, Point] | None = None

    def covered(x: float, y: float, boxes: Sequence[_Rect]) -> float:
        return sum(max(0.0, min(x + width, r.x2) - max(x, r.x)) * max(0.0, min(y + height, r.y2) - max(y, r.y))
                   for r in boxes)

    for p, q in segs:
        # only what lies within a label's reach of this segment can be covered
        bx0, bx1 = min(p[0], q[0]) - width - 8, max(p[0], q[0]) + width + 8
        by0, by1 = min(p[1], q[1]) - height - 8, max(p[1], q[1]) + height + 8

        def near(boxes: Sequence[_Rect]) -> list[_Rect]:
            return [r for r in boxes if r.x < bx1 and r.x2 > bx0 and r.y < by1 and r.y2 > by0]  # noqa: B023

        texts, others, areas = near(taken), near(lines), near(regions)
        if p[1] == q[1]:
            x0, x1 = sorted((p[0], q[0]))
            xs = [x0 + 6, max(x0 + 6, x1 - 6 - width), (x0 + x1 - width) / 2]
            xs += [x for x in _steps(x0 + 6, x1 - 6 - width, width / 2) if x not in xs]
            spots = [(x, p[1] + dy) for x in xs for dy in (-3 - height, 3)]
        else:
            y0, y1 = sorted((p[1], q[1]))
            ys = [(y0 + y1 - height) / 2, y0 + 6, max(y0 + 6, y1 - 6 - height)]
            ys += [y for y in _steps(y0 + 6, y1 - 6 - height, height) if y not in ys]
            spots = [(p[0] + dx, y) for y in ys for dx in (4, -4 - width)]
        for x, y in spots:
            cover = 50.0 * (covered(x, y, texts) + covered(x, y, others)) + covered(x, y, areas)
            if cover <= 0:
                return x, y
            if best is None or cover < best[0]:
                best = (cover, (x, y))
    return best[1] if best else points[0]


def _steps(lo: float, hi: float, step: float) -> list[float]:
    """Positions from ``lo`` to ``hi`` every ``step`` (none when the range is empty)."""
    if hi <= lo or step <= 0:
        return []
    n = int((hi - lo) // step)
    return [lo + i * step for i in range(1, n + 1)]
