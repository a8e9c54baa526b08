"""The placement rules of one arrangement, as difference constraints on each axis.

Regions side by side share their top; stacked regions share their left edge (a region with only a
name keeps its own width, on the side of its partners). A region's blocks follow each other in time
order, its measure lists after them (or beside them). Every arrow between two facing regions is
one straight line across their gap: its label sits just above it, labels stack down the gap in
arrow order, and the arrow's height lies inside both of its ends — a block meets its first arrow
(it is moved down to it); later arrows to the same block, once the label stack has passed it, leave
the block's side along a *lane* at the region's edge, so a block never stretches and nothing
below it moves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from . import style as S
from .arrange import Node, Path, facing, gap_of, order_key, paths
from .blocks import Block
from .constraints import Infeasible, Solver
from .content import ActorContent, Conn, Content

LANE = 8.0  # room at a region's edge for the arrows that leave a block below its first arrow


@dataclass
class Gap:
    split: Path
    index: int
    kind: str  # h: a vertical gap between side-by-side regions; v: a horizontal gap in a stack
    conns: list[Conn] = field(default_factory=list)


def mode_lists(ac: ActorContent, mode: str) -> list[Block]:
    """The list blocks as ``mode`` draws them: ``cols`` flows them into two balanced columns (one block)."""
    if mode == "cols" and ac.columns is not None:
        return [ac.columns]
    return ac.lists


def list_size(ac: ActorContent, mode: str) -> tuple[float, float]:
    lists = mode_lists(ac, mode)
    if not lists:
        return 0.0, 0.0
    if mode == "rows":
        return sum(b.width for b in lists) + S.ITEM_GAP * (len(lists) - 1), max(b.height for b in lists)
    return max(b.width for b in lists), sum(b.height for b in lists) + S.ITEM_GAP * (len(lists) - 1)


def items_width(ac: ActorContent) -> float:
    """The main column's width (a step label within the region stands right of its arrow)."""
    return max((it.block.width + (13.0 if it.kind == "inner" else 0.0) for it in ac.items), default=0.0)


def inner_width(ac: ActorContent, mode: str, lanes: int = 0) -> float:
    lw, _ = list_size(ac, mode)
    items_w = items_width(ac)
    body = items_w + 2 * S.ITEM_GAP + lw if mode == "side" and ac.items and ac.lists else max(items_w, lw)
    return max(ac.header.width, body + lanes * LANE)


class Planner:
    def __init__(self, tree: Node, content: Content, modes: dict[str, str]) -> None:
        self.tree, self.content = tree, content
        self.paths = paths(tree)
        self.answers: set[str] = set()  # replies drawn just under their query, label below the arrow
        self.gaps: dict[tuple[Path, int], Gap] = {}
        self.routed: list[Conn] = []
        self.sides: dict[str, set[str]] = {a: set() for a in content.actors}
        self.lanes: dict[str, set[str]] = {a: set() for a in content.actors}
        per_side: dict[tuple[str, str, str], int] = {}
        for c in content.conns:
            g = gap_of(tree, c.a, c.b)
            if g is None:
                self.routed.append(c)
                continue
            gap = self.gaps.setdefault((g[0], g[1]), Gap(g[0], g[1], g[2]))
            gap.conns.append(c)
            for actor, place in ((c.a, c.pa), (c.b, c.pb)):
                side = self.side_of(gap, actor)
                self.sides[actor].add(side)
                if place is not None and gap.kind == "h":
                    per_side[(actor, place, side)] = per_side.get((actor, place, side), 0) + 1
        for (actor, _, side), count in per_side.items():
            if count >= 2:
                self.lanes[actor].add(side)
        for c in content.inner:
            self.lanes[c.a].add("left")  # a step within a region may run down its left edge
        self.modes = {a: ("stack" if m == "side" and {"left", "right"} <= self.sides[a] else m)
                      for a, m in modes.items()}
        for gap in self.gaps.values():
            self._order(gap)

    def side_of(self, gap: Gap, actor: str) -> str:
        """The side of ``actor``'s region that faces ``gap``."""
        before = self.paths[actor][len(gap.split)] == gap.index
        if gap.kind == "h":
            return "right" if before else "left"
        return "bottom" if before else "top"

    def item_rank(self, actor: str, place: str | None) -> int | None:
        if place is None:
            return None
        for k, it in enumerate(self.content.actors[actor].items):
            if it.ref == place and it.kind == "place":
                return k
        return None

    def _order(self, gap: Gap) -> None:
        """Arrows of a gap, top to bottom (left to right): by the regions they join along the gap,
        then by the block they meet inside a region (so arrows to a region's blocks never cross),
        then in time. An arrow to a region itself keeps its time among the arrows to its blocks."""
        across = "v" if gap.kind == "h" else "h"
        last_rank = -1
        keys: dict[str, tuple[object, ...]] = {}
        for c in sorted(gap.conns, key=lambda c: c.order):
            a_first = self.side_of(gap, c.a) in ("right", "bottom")
            ka, kb = order_key(self.tree, c.a, across), order_key(self.tree, c.b, across)
            ra, rb = self.item_rank(c.a, c.pa), self.item_rank(c.b, c.pb)
            ranks = [r for r in ((ra, rb) if a_first else (rb, ra)) if r is not None]
            if ranks:
                last_rank = ranks[0]
            keys[c.id] = ((ka, kb) if a_first else (kb, ka)) + (last_rank, c.order)
        gap.conns.sort(key=lambda c: keys[c.id])

    # ------------------------------------------------------------------ x axis
    def solve_x(self) -> dict[str, float]:
        s = Solver()
        v: dict[str, int] = {}
        self._x_node(s, self.tree, (), v)
        for gap in self.gaps.values():
            if gap.kind != "v":
                continue
            right = v[f"R{gap.split}"]
            prev: tuple[int, float] | None = None
            for c in gap.conns:
                x = v[f"x_{c.id}"] = s.var()
                for actor in (c.a, c.b):
                    s.ge(x, v[f"L_{actor}"], 10.0)
                    s.ge(v[f"R_{actor}"], x, 10.0 if self.content.actors[actor].small else 14.0)
                s.ge(right, x, c.narrow.width + 6)
                if prev is not None:
                    s.ge(x, prev[0], prev[1])
                prev = (x, c.narrow.width + 14)
        sol = s.solve()
        return {k: sol[i] for k, i in v.items()}

    def gap_width(self, path: Path, i: int) -> float:
        """A vertical gap: as wide as its widest label."""
        return self._gap_room(path, i, lambda c: c.label.width)

    def _gap_room(self, path: Path, i: int, size: Callable[[Conn], float]) -> float:
        gap = self.gaps.get((path, i))
        if gap is None or not gap.conns:
            return S.MIN_GAP
        return max(S.MIN_GAP + 8, max(size(c) for c in gap.conns) + 2 * S.GAP_PAD)

    def _x_node(self, s: Solver, node: Node, path: Path, v: dict[str, int]) -> tuple[int, int]:
        if node.kind == "leaf":
            a = node.actor
            lft, rgt = v[f"L_{a}"], v[f"R_{a}"] = s.var(), s.var()
            width = inner_width(self.content.actors[a], self.modes[a], len(self.lanes[a])) + 2 * S.REGION_PAD
            s.ge(rgt, lft, width)
            v[f"L{path}"], v[f"R{path}"] = lft, rgt
            return lft, rgt
        nl, nr = v[f"L{path}"], v[f"R{path}"] = s.var(), s.var()
        kids = [self._x_node(s, c, path + (i,), v) for i, c in enumerate(node.children)]
        for child, (cl, cr) in zip(node.children, kids, strict=True):
            s.ge(cl, nl, 0)
            s.ge(nr, cr, 0)
            if node.kind == "v":
                small = child.kind == "leaf" and self.content.actors[child.actor].small
                leans_right = small and "right" in self.sides[child.actor] and "left" not in self.sides[child.actor]
                if not small or not leans_right:
                    s.eq(cl, nl)
                if not small or leans_right:
                    s.eq(cr, nr)
        if node.kind == "h":
            s.eq(kids[0][0], nl)
            for i in range(len(kids) - 1):
                width = self.gap_width(path, i)
                s.eq(kids[i + 1][0], kids[i][1], width)
        return nl, nr

    # ------------------------------------------------------------------ y axis
    def solve_y(self) -> dict[str, float]:
        """Solve the vertical rules; then move each block down to meet its highest arrow, and solve
        again (if that contradicts another rule, the blocks stay where the first solution put them)."""
        s = Solver()
        v: dict[str, int] = {}
        self._met: set[str] = set()
        self._y_node(s, self.tree, (), v)
        attached: dict[tuple[str, int], list[int]] = {}
        for gap in self.gaps.values():
            if gap.kind != "h":
                continue
            prev: tuple[int, float] = (v[f"T{gap.split}"], 2.0)
            last: Conn | None = None
            for c in gap.conns:
                y = v[f"y_{c.id}"] = s.var()
                if last is not None and self.pairs_with(last, c):  # an answer: just under its query, label below
                    self.answers.add(c.id)
                    s.eq(y, v[f"y_{last.id}"], S.PAIR_GAP)
                else:
                    s.ge(y, prev[0], prev[1] + c.label.height + S.ARROW_CLEAR)
                for actor, place in ((c.a, c.pa), (c.b, c.pb)):
                    rank = self._anchor(s, v, y, actor, place)
                    if rank is not None:
                        attached.setdefault((actor, rank), []).append(y)
                below = c.label.height + S.ARROW_CLEAR if c.id in self.answers else 0.0
                prev = (y, S.CHAIN_GAP + below)
                last = None if c.id in self.answers else c
        self._time_slots(s, v)
        first = s.solve()
        for (actor, rank), ys in attached.items():
            top = v[f"top_{actor}_{rank}"]
            h = self.content.actors[actor].items[rank].block.height
            off = self.anchor_offset(actor, rank)
            highest = min(ys, key=lambda y: first[y])
            s.ge(top, highest, -(h - off) if h > 2 * off else -off)
        try:
            sol = s.solve()
        except Infeasible:
            sol = first
        return {k: sol[i] for k, i in v.items()}

    @staticmethod
    def pairs_with(query: Conn, answer: Conn) -> bool:
        """A step and the reply that goes straight back between the same two ends (a query and its
        answer): drawn as two parallel arrows, the reply's label under it.

        >>> from flowdiag.layout.blocks import Para
        >>> lab = Para([], 9)
        >>> q = Conn("e_q", "step", 1, "ward", "net", "host", None, lab, lab)
        >>> Planner.pairs_with(q, Conn("e_a", "step", 2, "net", "ward", None, "host", lab, lab))
        True
        """
        return (query.kind == answer.kind == "step" and answer.order - query.order == 1
                and (query.a, query.pa) == (answer.b, answer.pb) and (query.b, query.pb) == (answer.a, answer.pa))

    def _time_slots(self, s: Solver, v: dict[str, int]) -> None:
        """An action of a region comes after the arrows of that region that precede it in time, so the
        numbers read down the region and its gaps together (an action never rises above an earlier arrow)."""
        arrows: dict[str, list[tuple[float, int]]] = {}
        for gap in self.gaps.values():
            if gap.kind == "h":
                for c in gap.conns:
                    if c.kind == "step":
                        for actor in (c.a, c.b):
                            arrows.setdefault(actor, []).append((c.order, v[f"y_{c.id}"]))
        for a, ac in self.content.actors.items():
            before = sorted(arrows.get(a, []))
            for k, it in enumerate(ac.items):
                if it.kind != "action":
                    continue
                earlier = [y for order, y in before if order < it.order]
                if earlier:
                    s.ge(v[f"top_{a}_{k}"], earlier[-1], 4.0)

    def anchor_offset(self, actor: str, rank: int) -> float:
        """How far below a block's top its arrows meet it: the middle of its first line."""
        h = self.content.actors[actor].items[rank].block.height
        return min(h / 2, 11.0)

    def _anchor(self, s: Solver, v: dict[str, int], y: int, actor: str, place: str | None) -> int | None:
        """The rules that put arrow ``y`` inside its end in ``actor``; the block's rank if it meets one."""
        ac = self.content.actors[actor]
        rank = self.item_rank(actor, place)
        t, b = v[f"T_{actor}"], v[f"B_{actor}"]
        if rank is not None:
            s.ge(y, v[f"top_{actor}_{rank}"], self.anchor_offset(actor, rank))
            s.ge(b, y, 8.0)  # the region holds the arrow's end, whatever block it reaches
            return rank
        if ac.small:
            h = ac.header.height + 2 * S.REGION_PAD
            s.ge(y, t, h / 2)
            s.ge(b, y, h / 2)
            if actor not in self._met:  # a region with only a name moves to meet its first arrow
                self._met.add(actor)
                s.ge(t, y, -h / 2)
            return None
        s.ge(y, t, min(S.REGION_PAD + ac.header.height, 24.0))
        s.ge(b, y, 10.0)
        return None

    def gap_height(self, path: Path, i: int) -> float:
        """A horizontal gap (between stacked regions): as tall as its tallest narrow label."""
        return self._gap_room(path, i, lambda c: c.narrow.height)

    def _y_node(self, s: Solver, node: Node, path: Path, v: dict[str, int]) -> tuple[int, int]:
        if node.kind == "leaf":
            t, b = self._y_leaf(s, self.content.actors[node.actor], v)
            v[f"T{path}"], v[f"B{path}"] = t, b
            return t, b
        nt, nb = v[f"T{path}"], v[f"B{path}"] = s.var(), s.var()
        kids = [self._y_node(s, c, path + (i,), v) for i, c in enumerate(node.children)]
        for child, (ct, cb) in zip(node.children, kids, strict=True):
            s.ge(ct, nt, 0)
            s.ge(nb, cb, 0)
            if node.kind == "h" and not (child.kind == "leaf" and self.content.actors[child.actor].small):
                s.eq(ct, nt)  # side by side: tops aligned (a name-only region moves to its arrow)
        if node.kind == "v":
            first = node.children[0]
            if not (first.kind == "leaf" and self.content.actors[first.actor].small):
                s.eq(kids[0][0], nt)  # a name-only region on top may move down to its arrow
            for i in range(len(kids) - 1):
                height = self.gap_height(path, i)
                s.ge(kids[i + 1][0], kids[i][1], height)
                for a in facing(node.children[i], "bottom"):
                    s.ge(kids[i + 1][0], v[f"B_{a}"], height)
        return nt, nb

    def _y_leaf(self, s: Solver, ac: ActorContent, v: dict[str, int]) -> tuple[int, int]:
        a = ac.actor.id
        t, b = v[f"T_{a}"], v[f"B_{a}"] = s.var(), s.var()
        head = (t, S.REGION_PAD + ac.header.height + S.ITEM_GAP)
        prev = head
        for k, it in enumerate(ac.items):
            top = v[f"top_{a}_{k}"] = s.var()
            s.ge(top, prev[0], prev[1])
            prev = (top, it.block.height + S.ITEM_GAP)
        mode = self.modes[a]
        lists = mode_lists(ac, mode)
        if lists:
            start = head if mode == "side" and ac.items else prev
            if mode == "rows":
                top = s.var()
                s.ge(top, start[0], start[1])
                for k in range(len(lists)):
                    v[f"list_{a}_{k}"] = top
                last = (top, max(bl.height for bl in lists) + S.ITEM_GAP)
            else:
                last = start
                for k, bl in enumerate(lists):
                    top = v[f"list_{a}_{k}"] = s.var()
                    s.ge(top, last[0], last[1])
                    last = (top, bl.height + S.ITEM_GAP)
            s.ge(b, last[0], last[1] - S.ITEM_GAP + S.REGION_PAD)
        s.ge(b, prev[0], prev[1] - S.ITEM_GAP + S.REGION_PAD)
        s.ge(b, t, ac.header.height + 2 * S.REGION_PAD)
        return t, b
