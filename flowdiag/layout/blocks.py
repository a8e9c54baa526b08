"""Measured blocks of the chart: wrapped text, boxes around it, stacks and rows.

A block knows its natural size in points and draws itself at a position as scene items;
layout decides the positions. Widths come from the font's fixed advances, so measuring is
exact and needs no drawing engine.

>>> p = Para.of([("①対象者情報の抽出", None)], 9.5, max_em=12)
>>> round(p.width, 2), round(p.height, 2)
(85.5, 11.4)
>>> b = Frame(p, pad=4, stroke="#555555")
>>> round(b.width, 2), len(b.draw(0, 0))
(93.5, 2)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model.marks import WORDS, Marks
from .font import ASCENT
from .scene import MARK_COLOR, Item, Rect, Run, TextLine
from .text import NUMBER_SEP, Span, wrap_spans

LINE_HEIGHT = 1.2  # in em of the line's text
_HALF_LEADING = (LINE_HEIGHT - 1.0) / 2


class Block:
    width: float
    height: float

    def draw(self, x: float, y: float, width: float | None = None, height: float | None = None) -> list[Item]:
        raise NotImplementedError


def split_words(spans: list[Span], marks: Marks) -> list[Span]:
    """Cut an edited text into its changed words (key ``path + (WORDS,)``, marked) and the rest.

    >>> m = Marks(frozenset({("t", WORDS)}), words=((("t",), "R7.7.1時点", ((0, 2),)),))
    >>> split_words([("①", ("n",)), ("(R7.7.1時点)", ("t",))], m)
    [('①', ('n',)), ('(', ('t',)), ('R7', ('t', '@words')), ('.7.1時点)', ('t',))]
    """
    if not marks.words:
        return spans
    out: list[Span] = []
    for text, key in spans:
        found = marks.word_ranges(key) if isinstance(key, tuple) else None
        at = text.find(found[0]) if found else -1
        if found is None or at < 0:
            out.append((text, key))
            continue
        pos = 0
        for a, b in found[1]:
            if pos < at + a:
                out.append((text[pos:at + a], key))
            out.append((text[at + a:at + b], key + (WORDS,)))
            pos = at + b
        if pos < len(text):
            out.append((text[pos:], key))
    return out


_PAST_FIFTY = re.compile(r"\d+")


def span_runs(text: str, key: object, marks: Marks, size: float, bold: bool = False) -> list[Run]:
    """The runs of one piece of text: red, bold and underlined where marked as changed; step
    numbers past ㊿ (plain digits in a number piece) drawn circled.

    >>> [r.text for r in span_runs("㊿\\x1f51′", ("steps", 0, "number"), Marks(), 9.5)]
    ['㊿', '51', '′']
    """
    changed = isinstance(key, tuple) and marks.marked(key)
    style = {"size": size, "bold": bold or changed, "color": MARK_COLOR if changed else "#000000",
             "underline": changed}
    if not (isinstance(key, tuple) and key and key[-1] == "number"):
        return [Run(text, **style)]  # type: ignore[arg-type]
    runs: list[Run] = []
    for part in text.split(NUMBER_SEP):
        pos = 0
        for m in _PAST_FIFTY.finditer(part):
            if m.start() > pos:
                runs.append(Run(part[pos:m.start()], **style))  # type: ignore[arg-type]
            runs.append(Run(m.group(0), circled=True, **style))  # type: ignore[arg-type]
            pos = m.end()
        if pos < len(part):
            runs.append(Run(part[pos:], **style))  # type: ignore[arg-type]
    return runs


def merge_runs(runs: list[Run]) -> tuple[Run, ...]:
    """Neighbouring runs of one style as one (the text stays in one piece for search and copy).

    >>> [r.text for r in merge_runs([Run("・", 8), Run("特記事項", 8), Run("変更", 8, True)])]
    ['・特記事項', '変更']
    """
    out: list[Run] = []
    for r in runs:
        prev = out[-1] if out else None
        if (prev is not None and not r.circled and not prev.circled and (prev.size, prev.bold, prev.color, prev.underline)
                == (r.size, r.bold, r.color, r.underline)):
            out[-1] = Run(prev.text + r.text, r.size, r.bold, r.color, r.underline)
        else:
            out.append(r)
    return tuple(out)


@dataclass
class Para(Block):
    """Lines of text in one size, left-aligned or centred."""

    lines: list[list[Run]]
    size: float
    align: str = "left"
    indent: float = 0.0  # continuation lines of a bullet hang under its text
    width: float = 0.0
    height: float = 0.0

    def __post_init__(self) -> None:
        self.width = max((sum(r.width for r in line) for line in self.lines), default=0.0)
        self.height = len(self.lines) * self.size * LINE_HEIGHT

    @classmethod
    def of(cls, spans: list[Span], size: float, *, max_em: float, marks: Marks | None = None, bold: bool = False,
           align: str = "left") -> Para:
        marks = marks or Marks()
        lines = []
        for line in wrap_spans(split_words(spans, marks), max_em):
            runs = [r for text, key in line for r in span_runs(text, key, marks, size, bold) if r.text]
            lines.append(runs)
        return cls(lines, size, align)

    def draw(self, x: float, y: float, width: float | None = None, height: float | None = None) -> list[Item]:
        box_w = self.width if width is None else width
        out: list[Item] = []
        for i, line in enumerate(self.lines):
            if not line:
                continue
            lw = sum(r.width for r in line)
            lx = x + (box_w - lw) / 2 if self.align == "center" else x
            base = y + (i * LINE_HEIGHT + _HALF_LEADING + ASCENT) * self.size
            out.append(TextLine(round(lx, 2), round(base, 2), merge_runs(line)))
        return out


def bullets(items: list[tuple[str, object]], size: float, max_em: float, marks: Marks) -> Para:
    """A bullet list: ・ before each item, continuation lines hanging under its text."""
    lines: list[list[Run]] = []
    for text, key in items:
        for i, line in enumerate(wrap_spans(split_words([(text, key)], marks), max_em - 1)):
            lead = "・" if i == 0 else "\u3000"
            changed = i == 0 and isinstance(key, tuple) and marks.marked(key)
            runs = [Run(lead, size, changed, MARK_COLOR if changed else "#000000", False)]
            runs += [r for t, k in line for r in span_runs(t, k, marks, size) if r.text]
            lines.append(runs)
    return Para(lines, size)


@dataclass
class Stack(Block):
    """Blocks one under another (centred or left-aligned in the widest)."""

    children: list[Block]
    gap: float = 0.0
    align: str = "left"
    width: float = 0.0
    height: float = 0.0

    def __post_init__(self) -> None:
        self.width = max((c.width for c in self.children), default=0.0)
        self.height = sum(c.height for c in self.children) + self.gap * max(0, len(self.children) - 1)

    def draw(self, x: float, y: float, width: float | None = None, height: float | None = None) -> list[Item]:
        w = self.width if width is None else width
        out: list[Item] = []
        for c in self.children:
            if isinstance(c, Frame) and c.stretch:
                out += c.draw(x, y, w)
            elif self.align == "center":
                out += c.draw(x + (w - c.width) / 2, y)
            else:
                out += c.draw(x, y, w if isinstance(c, Para) and c.align == "center" else None)
            y += c.height + self.gap
        return out


@dataclass
class Row(Block):
    """Blocks side by side, tops aligned."""

    children: list[Block]
    gap: float = 0.0
    width: float = 0.0
    height: float = 0.0

    def __post_init__(self) -> None:
        self.width = sum(c.width for c in self.children) + self.gap * max(0, len(self.children) - 1)
        self.height = max((c.height for c in self.children), default=0.0)

    def draw(self, x: float, y: float, width: float | None = None, height: float | None = None) -> list[Item]:
        out: list[Item] = []
        for c in self.children:
            out += c.draw(x, y)
            x += c.width + self.gap
        return out


@dataclass
class Frame(Block):
    """A box around a block: a place, a data set, a measure list. ``head`` is drawn on a band
    of ``head_fill`` at the top (the data set's title)."""

    child: Block
    pad: float = 3.0
    fill: str = "#FFFFFF"
    stroke: str = "#555555"
    stroke_width: float = 0.8
    radius: float = 0.0
    dashed: bool = False
    head: Block | None = None
    head_fill: str = "#FFFFFF"
    stretch: bool = False  # take the width of the stack it is in
    width: float = 0.0
    height: float = 0.0

    def __post_init__(self) -> None:
        inner_w = max(self.child.width, self.head.width if self.head else 0.0)
        self.width = inner_w + 2 * self.pad
        self.height = self.child.height + 2 * self.pad + (self.head.height + 2 * self.pad if self.head else 0.0)

    def draw(self, x: float, y: float, width: float | None = None, height: float | None = None) -> list[Item]:
        w = self.width if width is None else max(width, self.width)
        h = self.height if height is None else max(height, self.height)
        out: list[Item] = [Rect(round(x, 2), round(y, 2), round(w, 2), round(h, 2), self.fill, self.stroke,
                                self.stroke_width, self.radius, self.dashed)]
        cy = y + self.pad
        if self.head is not None:
            hh = self.head.height + 2 * self.pad
            out.append(Rect(round(x, 2), round(y, 2), round(w, 2), round(hh, 2), self.head_fill, self.stroke,
                            self.stroke_width))
            out += self.head.draw(x + self.pad, cy, w - 2 * self.pad)
            cy += hh
        out += self.child.draw(x + self.pad, cy, w - 2 * self.pad)
        return out


def balanced_columns(frames: list[Block], gap: float, min_bullets: int = 4) -> Block | None:
    """Bullet lists (frames around a :class:`Para`), each of ``min_bullets`` or more drawn in one box
    with two columns of about equal height (cut only between two bullets), stacked in their order;
    every list keeps its own box. None when no list is long enough to gain from it.

    >>> ops = Frame(bullets([(f"対策{i}", None) for i in range(2)], 8, 12, Marks()), pad=3)
    >>> sys = Frame(bullets([(f"対策{i}", None) for i in range(20)], 8, 12, Marks()), pad=3)
    >>> cols = balanced_columns([ops, sys], 4)
    >>> len(cols.children), [type(f.child).__name__ for f in cols.children], cols.height < sys.height
    (2, ['Para', 'Row'], True)
    """
    out: list[Block] = []
    split = False
    for f in frames:
        if not (isinstance(f, Frame) and isinstance(f.child, Para)):
            return None
        units: list[list[list[Run]]] = []  # the lines of each bullet
        for line in f.child.lines:
            if not units or (line and line[0].text == "・"):
                units.append([line])
            else:
                units[-1].append(line)
        child: Block = f.child
        if len(units) >= min_bullets:
            size = f.child.size
            cut = min(range(1, len(units)), key=lambda c: (max(sum(map(len, units[:c])), sum(map(len, units[c:]))), -c))
            left = Para([line for u in units[:cut] for line in u], size)
            right = Para([line for u in units[cut:] for line in u], size)
            child, split = Row([left, right], gap=gap + 2 * f.pad), True
        out.append(Frame(child, f.pad, f.fill, f.stroke, f.stroke_width, f.radius, f.dashed, stretch=True))
    return Stack(out, gap=gap) if split else None
