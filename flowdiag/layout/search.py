"""The arrangement search: where each actor goes, one at a time, ranked by a quick estimate.

The actors the chart is about (the ward and the two with the most arrows) start in a row, in the
order written. Every other actor is then inserted, the one with the most arrows first, wherever
it reads best: stacked above or below a region, beside it, as a band under or over a run of
columns, or at an edge. Each way is first ranked without placing it — its arrows that would not
cross a single gap are counted and its size is estimated from the regions' own sizes (side by
side they add widths, stacked they add heights, a gap is as wide as its widest label, a region as
tall as the labels beside it) — and the best few are then placed for real (:mod:`.fit`).

>>> from flowdiag.layout.arrange import H, L
>>> [str(t) for t in insertions(H(L("ward"), L("co")), "res")][:4]
['[(res / ward) | co]', '[(ward / res) | co]', '[res | ward | co]', '[ward | res | co]']
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from . import style as S
from .arrange import H, L, Node, Path, V, gap_of, leaves, order_key, paths
from .content import Content
from .geometry import MODES, region_size

MIN_PT = 7.0  # the smallest text a reviewer reads comfortably on paper
ROUTED_COST = 0.3  # per arrow that cannot be a straight line across one gap (as 3 pt)
BORDER_COST = 0.05  # per arrow that meets its region's edge instead of the block it names
MOVE_COST = 0.05  # per actor moved away from the written order (as half a point)
ORDER_COST = 0.005  # per two arrows of a gap drawn in the opposite order of their numbers
ORDER_LIMIT = 200  # arrows; beyond this the order of numbers is not counted (it is quadratic)


def partners(content: Content) -> dict[str, dict[str, int]]:
    """For each actor, how many arrows it exchanges with each other actor."""
    out: dict[str, dict[str, int]] = {a: {} for a in content.actors}
    for c in content.conns:
        out[c.a][c.b] = out[c.a].get(c.b, 0) + 1
        out[c.b][c.a] = out[c.b].get(c.a, 0) + 1
    return out


def hub_actors(content: Content, order: list[str]) -> set[str]:
    """What the chart is about, which stays in a row in the written order: the ward and the two
    actors with the most arrows."""
    pairs = partners(content)
    degree = {a: sum(pairs[a].values()) for a in order}
    hubs = set(sorted(order, key=lambda a: (-degree[a], order.index(a)))[:2])
    return hubs | {a for a, ac in content.actors.items() if ac.actor.kind == "ward"}


def _replace(node: Node, actor: str, new: Node) -> Node:
    if node.kind == "leaf":
        return new if node.actor == actor else node
    kids = tuple(_replace(c, actor, new) for c in node.children)
    return H(*kids) if node.kind == "h" else V(*kids)


def _bands(node: Node, x: str) -> list[Node]:
    """``x`` as a band under or over every run of two or more side-by-side children of ``node``
    (the trees returned are ``node`` rebuilt; nested splits included)."""
    out: list[Node] = []
    if node.kind == "leaf":
        return out
    kids = list(node.children)
    if node.kind == "h":
        for i in range(len(kids)):
            for j in range(i + 2, len(kids) + 1):
                span = H(*kids[i:j])
                for band in (V(span, L(x)), V(L(x), span)):
                    out.append(H(*kids[:i], band, *kids[j:]))
    for k, child in enumerate(kids):
        for sub in _bands(child, x):
            new = kids[:k] + [sub] + kids[k + 1:]
            out.append(H(*new) if node.kind == "h" else V(*new))
    return out


def insertions(tree: Node, x: str) -> list[Node]:
    """Every way to add actor ``x`` to ``tree`` (no duplicates, in a fixed order)."""
    out: list[Node] = []
    for y in leaves(tree):
        for new in (V(L(x), L(y)), V(L(y), L(x)), H(L(x), L(y)), H(L(y), L(x))):
            out.append(_replace(tree, y, new))
    out += _bands(tree, x)
    out += [H(L(x), tree), H(tree, L(x)), V(L(x), tree), V(tree, L(x))]
    seen: set[str] = set()
    unique = []
    for t in out:
        if t.key not in seen:
            seen.add(t.key)
            unique.append(t)
    return unique


@dataclass(frozen=True)
class Estimate:
    tree: Node
    score: float
    moved: int


@dataclass(frozen=True)
class _Part:
    """A compiled tree: a region (``kind`` empty; ``along``/``across``: the height and width its arrows'
    labels need) or a split (``along``: what its gaps add along it; ``across``: the least it needs across)."""

    actor: str
    along: float
    across: float
    kind: str = ""
    kids: tuple[_Part, ...] = ()


@dataclass
class _Pair:
    """The arrows between two actors, summed: what they need of a gap whichever gap it is."""

    a: str
    b: str
    height: float = 0.0  # labels stacked in a vertical gap
    width: float = 0.0  # the widest label there
    narrow_width: float = 0.0  # labels side by side in a horizontal gap
    narrow_height: float = 0.0  # the tallest of those
    count: int = 0
    place_ends: int = 0  # ends that name a block inside a region
    orders: list[float] = field(default_factory=list)


class Estimator:
    """Quick ranking of trees for one flow's content and one page (arrows summed per pair of actors,
    so a tree of a thousand steps is ranked as fast as one of ten)."""

    def __init__(self, content: Content, avail: tuple[float, float]) -> None:
        self.content, self.avail = content, avail
        self.sizes = {a: {m: region_size(ac, m) for m in MODES} for a, ac in content.actors.items()}
        self.pairs: dict[frozenset[str], _Pair] = {}
        for c in content.conns:
            p = self.pairs.setdefault(frozenset((c.a, c.b)), _Pair(c.a, c.b))
            p.height += c.label.height + S.ARROW_CLEAR + S.CHAIN_GAP
            p.width = max(p.width, c.label.width + 2 * S.GAP_PAD)
            p.narrow_width += c.narrow.width + 14
            p.narrow_height = max(p.narrow_height, c.narrow.height + 2 * S.GAP_PAD)
            p.count += 1
            p.place_ends += (c.pa is not None) + (c.pb is not None)
            p.orders.append(c.order)
        self.few = len(content.conns) <= ORDER_LIMIT
        self._gap_cache: dict[str, list[tuple[_Pair, tuple[Path, int, str] | None]]] = {}
        self._prog_cache: dict[str, _Part] = {}
        self._score_cache: dict[tuple[str, int, str], float] = {}

    def _gaps(self, tree: Node) -> list[tuple[_Pair, tuple[Path, int, str] | None]]:
        """Each pair of actors with arrows, and the gap they cross in ``tree`` (None: they must detour)."""
        hit = self._gap_cache.get(tree.key)
        if hit is None:
            ps = paths(tree)
            hit = [(p, gap_of(tree, p.a, p.b) if p.a in ps and p.b in ps else None) for p in self.pairs.values()]
            self._gap_cache[tree.key] = hit
        return hit

    def _needs(self, tree: Node) -> dict[str, tuple[float, float]]:
        """What each region must hold for its arrows, whatever its own size: the height of the labels
        stacked beside it in one gap, the width of the labels side by side above or below it."""
        need: dict[str, list[float]] = {a: [0.0, 0.0, 0.0, 0.0] for a in self.content.actors}
        ps = paths(tree)
        for p, g in self._gaps(tree):
            if g is None:
                continue
            for a in (p.a, p.b):
                before = ps[a][len(g[0])] == g[1]
                if g[2] == "h":
                    need[a][0 if before else 1] += p.height
                else:
                    need[a][2 if before else 3] += p.narrow_width
        return {a: (max(v[0], v[1]), max(v[2], v[3])) for a, v in need.items()}

    def _compile(self, node: Node, needs: dict[str, tuple[float, float]] | None = None) -> _Part:
        """The tree with what its gaps add worked out once (a region and what it must hold, or a
        split with the room its gaps take along it and the least it needs across)."""
        if needs is None:
            hit = self._prog_cache.get(node.key)
            if hit is None:
                hit = self._prog_cache[node.key] = self._compile(node, self._needs(node))
            return hit
        if node.kind == "leaf":
            return _Part(node.actor, needs[node.actor][0], needs[node.actor][1])
        kids = tuple(self._compile(c, needs) for c in node.children)
        along = across = 0.0
        for left, right in itertools.pairwise(node.children):
            pairs = [p for a in leaves(left) for b in leaves(right) if (p := self.pairs.get(frozenset((a, b))))]
            if node.kind == "h":
                along += max([p.width for p in pairs] + [S.MIN_GAP])
                across = max(across, sum(p.height for p in pairs) + 12)
            else:
                along += max([p.narrow_height for p in pairs] + [S.MIN_GAP])
                across = max(across, sum(p.narrow_width for p in pairs))
        return _Part("", along, across, node.kind, kids)

    def _size(self, part: _Part, modes: dict[str, str]) -> tuple[float, float]:
        if not part.kind:
            w, h = self.sizes[part.actor][modes[part.actor]]
            return max(w, part.across), max(h, part.along + 30.0)
        dims = [self._size(k, modes) for k in part.kids]
        if part.kind == "h":
            return sum(d[0] for d in dims) + part.along, max(max(d[1] for d in dims), part.across)
        return max(max(d[0] for d in dims), part.across), sum(d[1] for d in dims) + part.along

    def modes(self, tree: Node) -> dict[str, str]:
        """Per actor, the lists' arrangement that makes the tree's estimated size fit best."""
        prog = self._compile(tree)
        modes = {a: "stack" for a in self.content.actors}
        best = self._cost(prog, modes)
        for _ in range(3):
            improved = False
            for a, ac in self.content.actors.items():
                if not ac.lists:
                    continue
                for m in MODES:
                    if m == modes[a] or (m == "cols" and ac.columns is None):  # cols would be stack
                        continue
                    modes[a], old = m, modes[a]
                    c = self._cost(prog, modes)
                    if c < best - 1e-9:
                        best, improved = c, True
                    else:
                        modes[a] = old
            if not improved:
                break
        return modes

    def _cost(self, prog: _Part, modes: dict[str, str]) -> float:
        w, h = self._size(prog, modes)
        return max(w / self.avail[0], h / self.avail[1])

    def score(self, tree: Node, moved: int, modes: dict[str, str] | None = None) -> float:
        key = (tree.key, moved, "" if modes is None else repr(sorted(modes.items())))
        hit = self._score_cache.get(key)
        if hit is not None:
            return hit
        routed = border = 0
        gaps: dict[object, list[tuple[tuple[int, ...], float]]] = {}
        for p, g in self._gaps(tree):
            if g is None:
                routed += p.count
                continue
            if g[2] == "v":
                border += p.place_ends
            if self.few:
                across = "v" if g[2] == "h" else "h"
                where = order_key(tree, p.a, across) + order_key(tree, p.b, across)
                gaps.setdefault(g, []).extend((where, t) for t in p.orders)
        scale = min(1.0, 1.0 / self._cost(self._compile(tree), modes or self.modes(tree)))
        inverted = sum(inversions([t for _, t in sorted(arrows, key=lambda a: a[0])]) for arrows in gaps.values())
        value = (points(8.5 * scale) - ROUTED_COST * routed - BORDER_COST * border - MOVE_COST * moved
                 - ORDER_COST * inverted)
        self._score_cache[key] = value
        return value


def inversions(times: list[float]) -> int:
    """Pairs drawn in the opposite order of their numbers (top to bottom, left to right).

    >>> inversions([1, 2, 3]), inversions([3, 1, 2])
    (0, 2)
    """
    return sum(1 for i, a in enumerate(times) for b in times[i + 1:] if b < a)


def points(pt: float) -> float:
    """What the smallest text is worth: 0.1 a point above 7 pt, 1.1 a point below it."""
    return 0.1 * pt - max(0.0, MIN_PT - pt)
