"""Measures of a drawn page that a reader feels: text on text, text under a box, arrows that
detour, run through another actor or cross, and the smallest text. The tests hold every chart to
them and ``make bench`` prints them.

The geometry is exact: text boxes come from the font's advances and metrics, arrows and regions
from the page model, with the chart's scale applied.

>>> from flowdiag.layout.scene import Scene, Group, TextLine, Run, Rect, Path
>>> s = Scene(100, 100, (TextLine(10, 20, (Run("文字", 10),)), Rect(12, 12, 30, 10, "#FFFFFF")))
>>> measure(s).under_shapes
1
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass, field

from .font import ASCENT, DESCENT
from .scene import Group, Item, Path, Rect, Scene, TextLine

Box = tuple[float, float, float, float]
_EDGE = re.compile(r"^e_(.+)_(\d+)$")


@dataclass
class Quality:
    min_pt: float = 0.0
    text_overlaps: int = 0
    under_shapes: int = 0
    steps: int = 0
    detours: list[str] = field(default_factory=list)  # arrows longer than twice the straight distance
    foreign: list[str] = field(default_factory=list)  # arrows through an actor that is not one of their ends
    crossings: int = 0
    struck: int = 0  # lines of text an arrow runs through
    examples: list[str] = field(default_factory=list)


def _walk(items: tuple[Item, ...], tx: float, ty: float, k: float, group: str,
          out: list[tuple[str, Item, float, float, float]]) -> None:
    for it in items:
        if isinstance(it, Group):
            nx, ny, nk = tx, ty, k
            if it.transform is not None:
                dx, dy, sk = it.transform
                nx, ny, nk = tx + dx * k, ty + dy * k, k * sk
            _walk(it.items, nx, ny, nk, it.id, out)
        else:
            out.append((group, it, tx, ty, k))


def _text_box(t: TextLine, tx: float, ty: float, k: float) -> Box:
    size = t.size
    return (tx + t.x * k, ty + (t.y - ASCENT * size) * k, tx + (t.x + t.width) * k, ty + (t.y + DESCENT * size) * k)


def _inter(a: Box, b: Box) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def _area(a: Box) -> float:
    return (a[2] - a[0]) * (a[3] - a[1])


def _segments_cross(p: tuple[float, float], q: tuple[float, float], r: tuple[float, float],
                    s: tuple[float, float]) -> bool:
    def orient(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float]) -> float:
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

    return orient(p, q, r) * orient(p, q, s) < 0 and orient(r, s, p) * orient(r, s, q) < 0


def measure(scene: Scene) -> Quality:
    flat: list[tuple[str, Item, float, float, float]] = []
    _walk(scene.items, 0.0, 0.0, 1.0, "", flat)
    q = Quality()
    texts: list[tuple[int, Box, str, float]] = []
    shapes: list[tuple[int, Box]] = []
    regions: dict[str, Box] = {}
    arrows: dict[str, list[tuple[float, float]]] = {}
    pieces: list[list[tuple[float, float]]] = []  # each drawn arrow path, as drawn
    for order, (group, it, tx, ty, k) in enumerate(flat):
        if isinstance(it, TextLine):
            text = "".join(r.text for r in it.runs)
            if text.strip():
                texts.append((order, _text_box(it, tx, ty, k), text, it.size * k))
        elif isinstance(it, Rect):
            box = (tx + it.x * k, ty + it.y * k, tx + it.x2 * k, ty + it.y2 * k)
            if group.startswith("cluster_") and it.outline and group not in regions:
                regions[group] = box
            elif it.fill not in ("none", "transparent"):
                shapes.append((order, box))
        elif isinstance(it, Path) and _EDGE.match(group):
            pts = [(tx + x * k, ty + y * k) for x, y in it.points]
            arrows.setdefault(_EDGE.match(group).group(1), []).extend(pts)  # type: ignore[union-attr]
            pieces.append(pts)
    q.min_pt = min((t[3] for t in texts), default=0.0)
    for (_, a, ta, _), (_, b, tb, _) in itertools.combinations(texts, 2):
        if _inter(a, b) > 0.5:
            q.text_overlaps += 1
            q.examples.append(f"「{ta[:12]}」と「{tb[:12]}」が重なる")
    for order, box, text, _ in texts:
        for sorder, sbox in shapes:
            inter = _inter(box, sbox)
            if sorder > order and inter > 0.5 and inter < _area(box) - 0.5:
                q.under_shapes += 1
                q.examples.append(f"「{text[:12]}」の上に箱がある")
                break
    for _, box, text, size in texts:
        inner = (box[0] + size * 0.2, box[1] + size * 0.3, box[2] - size * 0.2, box[3] - size * 0.3)
        if any(_segment_hits(a, b, inner) for pts in pieces for a, b in itertools.pairwise(pts)):
            q.struck += 1
            q.examples.append(f"「{text[:12]}」の上を矢印が通る")
    q.steps = len(arrows)
    for name, pts in arrows.items():
        if len(pts) < 2:
            continue
        length = sum(math.dist(a, b) for a, b in itertools.pairwise(pts))
        straight = math.dist(pts[0], pts[-1])
        if straight > 1 and length / straight > 2:
            q.detours.append(name)
        ends = {_owner(pts[0], regions), _owner(pts[-1], regions)}
        samples = [(a[0] + (b[0] - a[0]) * t / 8, a[1] + (b[1] - a[1]) * t / 8)
                   for a, b in itertools.pairwise(pts) for t in range(9)]
        if any(rid not in ends and _inside(p, box) for p in samples for rid, box in regions.items()):
            q.foreign.append(name)
    for (_, pa), (_, pb) in itertools.combinations(sorted(arrows.items()), 2):
        if any(_segments_cross(pa[i], pa[i + 1], pb[j], pb[j + 1])
               for i in range(len(pa) - 1) for j in range(len(pb) - 1)):
            q.crossings += 1
    return q


def _segment_hits(a: tuple[float, float], b: tuple[float, float], box: Box) -> bool:
    """Does the straight segment a–b pass through ``box`` (sampled; arrows are short polylines)?"""
    n = max(2, int(math.dist(a, b) / 2))
    return any(box[0] < a[0] + (b[0] - a[0]) * t / n < box[2] and box[1] < a[1] + (b[1] - a[1]) * t / n < box[3]
               for t in range(n + 1))


def _owner(p: tuple[float, float], regions: dict[str, Box], slack: float = 12.0) -> str | None:
    best: tuple[float, str] | None = None
    for rid, (x0, y0, x1, y1) in regions.items():
        if x0 - slack <= p[0] <= x1 + slack and y0 - slack <= p[1] <= y1 + slack:
            area = (x1 - x0) * (y1 - y0)
            if best is None or area < best[0]:
                best = (area, rid)
    return best[1] if best else None


def _inside(p: tuple[float, float], box: Box, margin: float = 10.0) -> bool:
    return box[0] + margin < p[0] < box[2] - margin and box[1] + margin < p[1] < box[3] - margin
