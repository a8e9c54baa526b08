"""Where the actors go on the page: a slicing arrangement of their regions.

An arrangement is a tree: a leaf is one actor's region; ``h`` puts its children side by side
(left to right) with a vertical gap between each two; ``v`` stacks them (top to bottom) with a
horizontal gap. Two actors on either side of one gap *face* each other there, and an arrow
between them is one straight line across that gap.

>>> t = H(L("ward"), L("co"), V(L("cloud"), L("res")))
>>> str(t)
'[ward | co | (cloud / res)]'
>>> sorted(facing(t.children[2], "left"))
['cloud', 'res']
>>> gap_of(t, "co", "res")  # the root split, the gap after its second child
((), 1, 'h')
>>> gap_of(t, "ward", "res") is None
True
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field


@dataclass(frozen=True, eq=False)
class Node:
    kind: str  # leaf | h | v
    actor: str = ""
    children: tuple[Node, ...] = ()
    key: str = field(init=False, repr=False)  # the tree written out: equal trees, equal keys

    def __post_init__(self) -> None:
        if self.kind == "leaf":
            key = self.actor
        else:
            sep, (o, c) = (" | ", "[]") if self.kind == "h" else (" / ", "()")
            key = o + sep.join(ch.key for ch in self.children) + c
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "_hash", hash(key))

    def __str__(self) -> str:
        return self.key

    def __hash__(self) -> int:
        return self._hash  # type: ignore[no-any-return,attr-defined]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Node) and other.key == self.key


def L(actor: str) -> Node:  # noqa: N802 - reads like the tree it builds
    return Node("leaf", actor)


def H(*children: Node) -> Node:  # noqa: N802
    return _split("h", children)


def V(*children: Node) -> Node:  # noqa: N802
    return _split("v", children)


def _split(kind: str, children: tuple[Node, ...]) -> Node:
    flat: list[Node] = []
    for c in children:
        flat.extend(c.children if c.kind == kind else (c,))
    return flat[0] if len(flat) == 1 else Node(kind, children=tuple(flat))


def leaves(node: Node) -> list[str]:
    if node.kind == "leaf":
        return [node.actor]
    return [a for c in node.children for a in leaves(c)]


@functools.lru_cache(maxsize=2048)
def facing(node: Node, side: str) -> frozenset[str]:
    """The leaves of ``node`` that touch its ``side`` (left, right, top, bottom)."""
    if node.kind == "leaf":
        return frozenset((node.actor,))
    along = "h" if side in ("left", "right") else "v"
    if node.kind == along:
        return facing(node.children[0 if side in ("left", "top") else -1], side)
    return frozenset().union(*(facing(c, side) for c in node.children))


Path = tuple[int, ...]


@functools.lru_cache(maxsize=512)
def paths(node: Node) -> dict[str, Path]:
    """The child indices from the root down to each leaf (do not change the returned dict)."""
    if node.kind == "leaf":
        return {node.actor: ()}
    out: dict[str, Path] = {}
    for i, c in enumerate(node.children):
        out.update({a: (i,) + p for a, p in paths(c).items()})
    return out


def at(node: Node, path: Path) -> Node:
    for i in path:
        node = node.children[i]
    return node


def gap_of(root: Node, a: str, b: str) -> tuple[Path, int, str] | None:
    """The gap where ``a`` and ``b`` face each other: (path of the split, index of the gap — between
    child i and i+1 —, the split's kind), or None when they do not face each other anywhere."""
    ps = paths(root)
    pa, pb = ps[a], ps[b]
    n = 0
    while n < min(len(pa), len(pb)) and pa[n] == pb[n]:
        n += 1
    if n >= min(len(pa), len(pb)):
        return None
    split = at(root, pa[:n])
    i, j = pa[n], pb[n]
    if abs(i - j) != 1:
        return None
    lo, hi = (a, b) if i < j else (b, a)
    first, second = ("right", "left") if split.kind == "h" else ("bottom", "top")
    if lo in facing(split.children[min(i, j)], first) and hi in facing(split.children[max(i, j)], second):
        return pa[:n], min(i, j), split.kind
    return None


def order_key(root: Node, actor: str, across: str) -> tuple[int, ...]:
    """Where ``actor`` lies along a gap: its indices in the splits that run along it (``v`` splits
    for a vertical gap between side-by-side regions, ``h`` splits for a horizontal one)."""
    path = paths(root)[actor]
    node = root
    key = []
    for i in path:
        if node.kind == across:
            key.append(i)
        node = node.children[i]
    return tuple(key)
