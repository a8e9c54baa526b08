"""The page model: what is drawn where, in points, before any drawing format is chosen.

Layout produces a :class:`Scene`; the render stage turns it into SVG (and from there PDF
and PNG) without measuring or moving anything. Everything is plain frozen data, so a
scene can be compared, tested and serialised.

>>> run = Run("①抽出", 9.5)
>>> line = TextLine(10.0, 20.0, (run,))
>>> line.width
28.5
>>> Scene(100, 50, (Group("g", (line,)),)).texts()[0].runs[0].text
'①抽出'
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from .text import em_width

MARK_COLOR = "#D00000"
"""Changes since the approved version: red, bold, underlined (赤太字下線)."""


@dataclass(frozen=True)
class Run:
    """A piece of one line of text in one style."""

    text: str
    size: float
    bold: bool = False
    color: str = "#000000"
    underline: bool = False
    circled: bool = False  # a step number past ㊿: drawn with a circle around it

    @property
    def width(self) -> float:
        return em_width(self.text) * self.size


@dataclass(frozen=True)
class TextLine:
    """One line of text; ``y`` is the baseline and ``x`` the start of the first run."""

    x: float
    y: float
    runs: tuple[Run, ...]

    @property
    def width(self) -> float:
        return sum(r.width for r in self.runs)

    @property
    def size(self) -> float:
        return max((r.size for r in self.runs), default=0.0)


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str = "none"
    stroke: str = "#000000"
    stroke_width: float = 1.0
    radius: float = 0.0
    dashed: bool = False
    outline: bool = False  # an actor's region: drawn as a path, which review tools read as its outline

    @property
    def x2(self) -> float:
        return self.x + self.w

    @property
    def y2(self) -> float:
        return self.y + self.h


@dataclass(frozen=True)
class Path:
    """A polyline; with ``arrow`` an arrowhead at its last point."""

    points: tuple[tuple[float, float], ...]
    stroke: str = "#333333"
    width: float = 1.2
    arrow: bool = False


@dataclass(frozen=True)
class Group:
    """Items that belong together, under an id the SVG keeps (``cluster_ward``, ``e_s1_1``)."""

    id: str
    items: tuple[Item, ...] = ()
    transform: tuple[float, float, float] | None = None  # (dx, dy, scale): the items are moved, then scaled


Item = TextLine | Rect | Path | Group


@dataclass(frozen=True)
class Scene:
    width: float
    height: float
    items: tuple[Item, ...] = ()
    notes: tuple[str, ...] = field(default=())  # what the layout decided that the user should hear

    def walk(self) -> Iterator[Item]:
        stack = list(reversed(self.items))
        while stack:
            item = stack.pop()
            yield item
            if isinstance(item, Group):
                stack.extend(reversed(item.items))

    def texts(self) -> list[TextLine]:
        return [i for i in self.walk() if isinstance(i, TextLine)]

    def min_text_size(self) -> float:
        sizes = [r.size for t in self.texts() for r in t.runs if r.text.strip()]
        return min(sizes) if sizes else 0.0
