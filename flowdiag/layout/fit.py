"""Choose the arrangement that reads best on the page.

Starting from the actors in a row, in the order written, :mod:`.search` finds the few most
promising arrangements by a quick estimate; each is then placed for real and scored by the
size of its smallest text on the page, less a cost for every arrow that has to detour, every
arrow that meets a region's edge instead of the block it names, and every actor moved from the
written order. The best one's measure lists then try stacked, side by side or beside the region's
blocks. Ties keep the earlier candidate, so the same flow always gives the same chart.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from .arrange import H, L, Node, gap_of, leaves
from .constraints import Infeasible
from .content import Content
from .geometry import MODES, Geometry, place
from .route import SegmentIndex
from .search import (
    BORDER_COST,
    MOVE_COST,
    ORDER_COST,
    ROUTED_COST,
    Estimator,
    hub_actors,
    insertions,
    inversions,
    partners,
    points,
)

SEARCH_LIMIT = 80  # connections; bigger flows keep the written order (placing them is not free)
FINALISTS = 6  # ways to add an actor that are placed for real, the best by the quick estimate
BEAM = 3  # partial arrangements kept from one actor to the next
LANE_COST = 0.04  # per 100 pt that arrows run along a region's edge to reach their block
CROSS_COST = 0.1  # per two arrows that cross (as a point)


def crossings(geo: Geometry) -> int:
    """Crossings between the steps' arrows (all are axis-parallel polylines), counted with an index of
    the segments, so a big flow is measured in n log n."""
    segs = [seg for a in geo.arrows if a.conn.kind == "step" for seg in itertools.pairwise(a.points)]
    index = SegmentIndex(segs)
    return sum(index.crossings(p, q) for p, q in segs) // 2


@dataclass(frozen=True)
class Candidate:
    tree: Node
    modes: tuple[tuple[str, str], ...]
    geo: Geometry
    score: float
    scale: float
    moved: int = 0


def _scale(geo: Geometry, avail: tuple[float, float]) -> float:
    if geo.width <= 0 or geo.height <= 0:
        return 1.0
    return min(avail[0] / geo.width, avail[1] / geo.height, 1.0)


def evaluate(tree: Node, content: Content, modes: dict[str, str], avail: tuple[float, float],
             moved: int = 0, base_pt: float = 8.5, routes: bool = False) -> Candidate | None:
    """Place ``tree`` and score it (None when its rules contradict each other).

    With ``routes`` the arrows that detour are drawn too, so the room their path and label take
    counts in the scale (the search leaves them out for speed and only counts them).
    """
    try:
        geo = place(tree, content, modes, routes=routes)
    except Infeasible:
        return None
    scale = _scale(geo, avail)
    border = sum((c.pa is not None) + (c.pb is not None) for c in content.conns
                 if (g := gap_of(tree, c.a, c.b)) is not None and g[2] == "v")
    gaps: dict[tuple[object, ...], list[tuple[float, float]]] = {}
    for a in geo.arrows:
        g = gap_of(tree, a.conn.a, a.conn.b)
        if g is not None and a.points:
            gaps.setdefault(g, []).append((a.points[0][1] if g[2] == "h" else a.points[0][0], a.conn.order))
    inverted = sum(inversions([t for _, t in sorted(v)]) for v in gaps.values())
    lanes = sum(abs(a.points[i][1] - a.points[i + 1][1]) for a in geo.arrows if len(a.points) > 2
                for i in range(len(a.points) - 1) if a.points[i][0] == a.points[i + 1][0])
    score = (points(base_pt * scale) - ROUTED_COST * len(geo.routed) - BORDER_COST * border - MOVE_COST * moved
             - ORDER_COST * inverted - LANE_COST * lanes / 100.0 - CROSS_COST * crossings(geo))
    return Candidate(tree, tuple(sorted(modes.items())), geo, score, scale, moved)


def _routed(cand: Candidate, content: Content, avail: tuple[float, float]) -> Candidate | None:
    """``cand`` scored again with its detouring arrows drawn (itself when it has none)."""
    if not cand.geo.routed:
        return cand
    return evaluate(cand.tree, content, dict(cand.modes), avail, cand.moved, routes=True)


def _quick(tree: Node, content: Content, avail: tuple[float, float], moved: int, est: Estimator) -> Candidate | None:
    """``tree`` with the best of three ways for its lists (judged without drawing detours, which do not
    depend much on the lists), then scored with its detours drawn."""
    best: Candidate | None = None
    for modes in (est.modes(tree), {a: "stack" for a in content.actors}, {a: "rows" for a in content.actors}):
        cand = evaluate(tree, content, modes, avail, moved)
        if cand is not None and (best is None or cand.score > best.score + 1e-9):
            best = cand
    return _routed(best, content, avail) if best is not None else None


def refine_modes(cand: Candidate, content: Content, avail: tuple[float, float], rounds: int = 3) -> Candidate:
    """Each actor's lists: stacked, side by side, beside its blocks or in two columns, whichever fits
    best (tried without drawing detours; the result is kept only if it is better with them drawn)."""
    best = cand if not cand.geo.routed else evaluate(cand.tree, content, dict(cand.modes), avail, cand.moved)
    if best is None:
        return cand
    with_lists = [a for a in leaves(cand.tree) if content.actors[a].lists]
    for _ in range(rounds):
        improved = False
        for a in with_lists:
            modes = dict(best.modes)
            for m in MODES:
                if m == modes[a] or (m == "cols" and content.actors[a].columns is None):  # cols would be stack
                    continue
                trial = evaluate(cand.tree, content, {**modes, a: m}, avail, cand.moved)
                if trial is not None and trial.score > best.score + 1e-6:
                    best, improved = trial, True
        if not improved:
            break
    final = _routed(best, content, avail)
    return final if final is not None and final.score > cand.score - 1e-9 else cand


def rescore(tree: Node, content: Content, avail: tuple[float, float], moved: int) -> Candidate | None:
    """``tree`` placed and scored with ``content`` (another text width than it was found with), its
    lists' arrangement refined: an arrangement one search found is then tried with every width."""
    est = Estimator(content, avail)
    cand = _quick(tree, content, avail, moved, est)
    return refine_modes(cand, content, avail) if cand is not None else None


class Estimators:
    """One :class:`Estimator` per set of actors placed so far (their caches serve every candidate)."""

    def __init__(self, content: Content, avail: tuple[float, float]) -> None:
        self.content, self.avail = content, avail
        self._by_names: dict[frozenset[str], tuple[Content, Estimator]] = {}

    def __call__(self, names: set[str]) -> tuple[Content, Estimator]:
        key = frozenset(names)
        hit = self._by_names.get(key)
        if hit is None:
            sub = self.content.only(set(names)) if key != frozenset(self.content.actors) else self.content
            hit = self._by_names[key] = (sub, Estimator(sub, self.avail))
        return hit


def rollout(tree: Node, todo: list[str], ests: Estimators) -> Node:
    """``tree`` completed quickly: each remaining actor where the estimate likes it best."""
    for x in todo:
        placed = set(leaves(tree))
        _, est = ests(placed | {x})
        modes = ests(placed)[1].modes(tree) | {x: "stack"}
        tree = max(enumerate(insertions(tree, x)), key=lambda it: (est.score(it[1], 0, modes), -it[0]))[1]
    return tree


def choose(content: Content, order: list[str], avail: tuple[float, float], fixed: Node | None = None) -> Candidate:
    """The best arrangement for ``avail`` (the chart's room on the page, in pt). ``fixed`` is the
    author's arrangement: kept as it is, with the actors it does not name placed by the search."""
    row = H(*[L(a) for a in order])
    if fixed is not None:
        named = set(leaves(fixed))
        todo = [a for a in order if a not in named]
        tree = fixed
    else:
        hubs = hub_actors(content, order)
        tree = H(*[L(a) for a in order if a in hubs])
        pairs = partners(content)
        todo = sorted((a for a in order if a not in hubs), key=lambda a: (-sum(pairs[a].values()), order.index(a)))
    ests = Estimators(content, avail)
    if len(content.conns) > SEARCH_LIMIT:  # a big flow: each actor where the estimate likes it best
        for x in todo:
            tree = rollout(tree, [x], ests)
        todo = []
        est = Estimator(content, avail)
        big: Candidate | None = evaluate(tree, content, est.modes(tree), avail) or evaluate(
            row, content, {a: "stack" for a in content.actors}, avail)
        assert big is not None, "the written order in a row is always placeable"
        if big.geo.routed:
            geo = place(big.tree, content, dict(big.modes))
            big = Candidate(big.tree, big.modes, geo, big.score, _scale(geo, avail), big.moved)
        return big
    beam = [tree]
    done: dict[str, tuple[float, int, Node]] = {}  # complete arrangements seen, with their scores
    for step, x in enumerate(todo):  # a small beam: the best few partial arrangements go on
        sub, est = ests(set(leaves(tree)) | {x})
        pool: dict[str, tuple[float, int, Node]] = {}
        for b in beam:
            ranked = sorted(enumerate(insertions(b, x)), key=lambda it: (-est.score(it[1], 0), it[0]))
            for _, t in ranked[:FINALISTS]:
                if t.key in pool:
                    continue
                full = rollout(t, todo[step + 1:], ests)  # judged by where it leads
                seen = done.get(full.key)
                if seen is None:
                    whole, west = ests(set(leaves(full)))
                    ev = evaluate(full, whole, west.modes(full), avail)
                    seen = done[full.key] = (ev.score if ev else float("-inf"), len(done), full)
                pool[t.key] = (seen[0], len(pool), t)
        kept = sorted(pool.values(), key=lambda v: (-v[0], v[1]))[:BEAM]
        beam = [t for _, _, t in kept] or [H(b, L(x)) for b in beam[:1]]
        tree = beam[0]
    if done:
        beam = [t for _, _, t in sorted(done.values(), key=lambda v: (-v[0], v[1]))[:BEAM]]
    est = Estimator(content, avail)
    finals = list(beam) + ([row] if fixed is None and all(t.key != row.key for t in beam) else [])
    best: Candidate | None = None
    for t in finals:
        moved = 0 if t.key == row.key else 1
        cand = _quick(t, content, avail, moved, est)
        if cand is not None and (best is None or cand.score > best.score + 1e-6):
            best = cand
    if best is None:  # every arrangement contradicted itself: the written order, stacked
        best = evaluate(row, content, {a: "stack" for a in content.actors}, avail, routes=True)
        assert best is not None, "the written order in a row is always placeable"
    return refine_modes(best, content, avail)
