"""The packet as neutral data: parts, tables, paragraphs and runs (what the PDF and Word writers share).

A run keeps the model path of the text it shows, so the writers can mark a changed text
(赤太字下線) word by word with :func:`styled`.

>>> from flowdiag.model.marks import Marks
>>> p = Para((Run("期間: "), Run("令和7年7月22日から", ("packet", "forms", 0, "period"))))
>>> p.text()
'期間: 令和7年7月22日から'
>>> m = Marks(words=((("packet", "forms", 0, "period"), "令和7年7月22日から", ((2, 3),)),))
>>> styled(p.runs, m)
[('期間: 令和', False), ('7', True), ('年7月22日から', False)]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..load.validate import LoadedFlow
from ..model.marks import NO_MARKS, Marks, ModelPath


@dataclass(frozen=True)
class Run:
    """A piece of text; ``path`` is where it comes from in the flow (None for fixed wording)."""

    text: str
    path: ModelPath | None = None


@dataclass(frozen=True)
class Para:
    runs: tuple[Run, ...]
    bold: bool = False
    align: Literal["left", "center", "right"] = "left"
    size: float = 10.5

    def text(self) -> str:
        return "".join(r.text for r in self.runs)


def para(text: str, path: ModelPath | None = None, **kw: object) -> Para:
    """A paragraph of one run."""
    return Para((Run(text, path),), **kw)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Row:
    """One row of a form's table: the row's name and its paragraphs."""

    label: str
    paras: tuple[Para, ...]


@dataclass(frozen=True)
class Table:
    rows: tuple[Row, ...]
    label_width: float = 0.28  # share of the table's width taken by the label column


Block = Para | Table


@dataclass
class Part:
    """One part of the packet: a bookmark title, the 資料番号 shown on its pages, and its content.

    ``kind`` is ``text`` (blocks on A4 portrait pages), ``chart`` (the 資料X-1 page drawn by the
    render stage) or ``checklists`` (the filled checklist sheets).
    """

    title: str
    number: str
    kind: Literal["text", "chart", "checklists"] = "text"
    blocks: list[Block] = field(default_factory=list)
    page_break_before: bool = True


@dataclass
class PacketDoc:
    """Everything both writers need: the parts in the packet's order, the marks and the sources."""

    title: str
    parts: list[Part]
    marks: Marks = NO_MARKS
    drawn: LoadedFlow | None = None  # the flow as the chart draws it (derive_measures applied)
    chart_marks: Marks = NO_MARKS
    sheets: list[object] = field(default_factory=list)  # check.printing.Sheet, kept loose here
    warnings: list[str] = field(default_factory=list)  # said by the render stage while drawing the chart


def styled(runs: tuple[Run, ...], marks: Marks) -> list[tuple[str, bool]]:
    """(text, marked) segments of a paragraph: whole runs under a marked path, or their changed words."""
    out: list[tuple[str, bool]] = []
    for run in runs:
        words = marks.word_ranges(run.path) if run.path is not None else None
        if words is not None and words[0] == run.text:
            at = 0
            for a, b in words[1]:
                _push(out, run.text[at:a], False)
                _push(out, run.text[a:b], True)
                at = b
            _push(out, run.text[at:], False)
        else:
            _push(out, run.text, marks.marked(run.path))
    for i in range(1, len(out) - 1):  # a separator between two marked texts (、 between new items) is marked too
        text, marked = out[i]
        if not marked and out[i - 1][1] and out[i + 1][1] and len(text) <= 2 and not any(c.isalnum() for c in text):
            out[i] = (text, True)
    merged: list[tuple[str, bool]] = []
    for text, marked in out:
        _push(merged, text, marked)
    return merged


def _push(out: list[tuple[str, bool]], text: str, marked: bool) -> None:
    if not text:
        return
    if out and out[-1][1] == marked:
        out[-1] = (out[-1][0] + text, marked)
    else:
        out.append((text, marked))
