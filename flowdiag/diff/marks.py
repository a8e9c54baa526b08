"""What the renderer needs to draw a chart "since" an approved version: 赤太字下線 marks and a 削除 box.

The marks are :class:`flowdiag.model.marks.Marks`: model paths in the NEW flow (a path marks
every text drawn under it), the lines for the 削除 box, and the label of the caption
「※{label}本管理運営会議からの変更点は、赤太字下線部」.

>>> from flowdiag.load.validate import load_flow
>>> old = load_flow("samples/000-keitai-toilet.yaml")
>>> m = marks_for(old, old)
>>> m.paths, m.removed, caption(m.since_label)
(frozenset(), (), '※令和6年度第1回本管理運営会議からの変更点は、赤太字下線部')
>>> new = load_flow("samples/000-keitai-toilet-r7.yaml")
>>> sorted(p for p in marks_for(old, new).paths if p[0] == "actors")
[('actors', 1, 'measures', 'operational', 2), ('actors', 2), ('actors', 2, 'places', 0)]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..diagnostics import Diagnostic, FlowError
from ..load.validate import LoadedFlow, load_flow
from ..model.flow import Flow
from ..model.marks import WORDS, Marks
from .changes import OFF_CHART, ChangeSet, ModelPath
from .compare import diff_flows
from .words import word_diff

TEXT_FIELDS = frozenset({"text", "name", "title", "timing", "caption", "notes", "items", "via"})
"""Changes whose new value is drawn as it is, so word ranges in it are ranges on the chart."""

FALLBACK_LABEL = "前回の"
"""Used when neither ``--since-label`` nor the old flow's ``document.version`` names the meeting."""


def caption(label: str | None) -> str:
    """The caption the chart carries when it shows changes."""
    return f"※{label or FALLBACK_LABEL}本管理運営会議からの変更点は、赤太字下線部"


def render_marks(changes: ChangeSet, since_label: str | None = None) -> Marks:
    """Marks for the new side of a change set already computed.

    Paths (``i``, ``j``, ``k`` are indices as written in the new file):

    - ``("document", "title")``;
    - ``("actors", i)`` (a new actor), ``("actors", i, "name"|"caption", k|"notes", k)``,
      ``("actors", i, "measures", "operational"|"system", k)`` with ``k`` the index of the item
      as written (the bullets of a catalog set share it); the same keys under
      ``("actors", i, "places", j)``, which alone marks a new or moved place;
    - ``("data", i)`` (new, with ``("data", i, "at", k)`` for each place it is shown), ``("data", i, "title")``,
      ``("data", i, "items", k)``, ``("data", i, "notes", k)``, ``("data", i, "sensitive", k)``,
      ``("data", i, "at", k)``: the box is now shown at the actor of ``at[k]``, which did not show it before
      (an entry added there, or its place moved there: then the mark rides on the place's change);
    - ``("steps", i)`` (new, or its arrow now joins other actors), ``("steps", i, "number")``,
      ``("steps", i, "text")``, ``("steps", i, "timing", k)``, ``("steps", i, "via")``
      (medium, channel, encryption or the via text), ``("steps", i, "measures", k)``,
      ``("steps", i, "notes", k)``; for an action that shows the items of its data (``show_items``),
      ``("steps", i, "data")`` (items now shown) and ``("steps", i, "data", k)`` (data ``k`` newly carried);
    - ``("links", i)``, ``("notes", k)``; forms and checklists (``("packet", …)``) are not drawn.
    """
    label = since_label or changes.old.version or FALLBACK_LABEL
    words = word_marks(changes)
    edited = {path for path, _, _ in words}
    paths = frozenset(p for p in changes.marks() if p not in edited) | {path + (WORDS,) for path in edited}
    return Marks(paths, tuple(changes.removed_lines()), label, tuple(words))


WORD_FIELDS = frozenset({"text", "name", "title", "timing", "caption", "notes", "items"})
"""Texts drawn as written: an edit of one of them is marked word by word on the chart."""

WHOLE_TEXT_SHARE = 0.6
"""When the changed words make up this share of a text or more, the whole text is marked."""


def word_marks(changes: ChangeSet) -> list[tuple[ModelPath, str, tuple[tuple[int, int], ...]]]:
    """Edited texts to mark word by word (赤太字下線「部」): (path, new value, changed ranges).

    A change inside a run of Latin letters and digits marks the whole run (``R6.7.1時点`` →
    ``R7.7.1時点`` marks ``R7``).

    >>> from flowdiag.load.validate import load_flow
    >>> old = load_flow("samples/000-keitai-toilet.yaml")
    >>> new = load_flow("samples/000-keitai-toilet-r7.yaml")
    >>> for path, value, ranges in word_marks(diff_flows(old, new))[:2]:
    ...     print(path, value, [value[a:b] for a, b in ranges])
    ('steps', 1, 'timing', 0) R7.7.1時点 ['R7']
    ('steps', 2, 'timing', 0) R7.7.2~12.31 ['R7']
    """
    out = []
    for path, value, ranges in _edited_words(changes):
        if path[-1] not in WORD_FIELDS and not (len(path) > 1 and path[-2] in WORD_FIELDS):
            continue
        if not isinstance(value, str) or not value:
            continue
        wide = _widen(value, ranges)
        if sum(b - a for a, b in wide) >= WHOLE_TEXT_SHARE * len(value):
            continue
        out.append((path, value, wide))
    return out


def _widen(value: str, ranges: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    def latin(i: int) -> bool:
        return 0 <= i < len(value) and value[i].isascii() and value[i].isalnum()

    out: list[tuple[int, int]] = []
    for a, b in ranges:
        while a > 0 and latin(a - 1) and latin(a):
            a -= 1
        while b < len(value) and latin(b) and latin(b - 1):
            b += 1
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return tuple(out)


def word_spans(changes: ChangeSet) -> dict[ModelPath, tuple[tuple[int, int], ...]]:
    """For texts that were edited (not new), the character ranges of the words that changed.

    The chart may underline only these words (赤太字下線「部」) instead of the whole text. Ranges
    index the value in the model (``R7.7.1時点``), not the drawn decoration (``(R7.7.1時点)``).

    >>> from flowdiag.load.validate import load_flow
    >>> old = load_flow("samples/000-keitai-toilet.yaml")
    >>> new = load_flow("samples/000-keitai-toilet-r7.yaml")
    >>> spans = word_spans(diff_flows(old, new))
    >>> spans[("steps", 1, "timing", 0)], new.flow.steps[1].timing[0][1:2]
    (((1, 2),), '7')
    """
    return {path: ranges for path, _, ranges in _edited_words(changes)}


def _edited_words(changes: ChangeSet) -> list[tuple[ModelPath, str, tuple[tuple[int, int], ...]]]:
    """(path, new value, changed ranges) of every edited text drawn as written."""
    out = []
    for c in changes.changes:
        if c.kind != "changed" or c.area in OFF_CHART or not (c.old and c.new and c.old.value and c.new.value):
            continue
        if c.field not in TEXT_FIELDS or len(c.marks) != 1 or c.marks[0] != c.new.path:
            continue
        _, segments = word_diff(c.old.value, c.new.value)
        ranges, at = [], 0
        for text, changed in segments:
            if changed:
                ranges.append((at, at + len(text)))
            at += len(text)
        if ranges:
            out.append((c.marks[0], c.new.value, tuple(ranges)))
    return out


def marks_for(old: LoadedFlow, new: LoadedFlow, since_label: str | None = None, *,
              drawn: Callable[[LoadedFlow], Flow] | None = None) -> Marks:
    """Marks for drawing ``new`` with every change since ``old`` in 赤太字下線.

    ``since_label`` defaults to the old flow's ``document.version`` (e.g. 令和6年度第1回).
    ``drawn`` gives the flow the renderer really draws (for example with measure boxes derived
    from the checklist); both sides are compared as drawn, so the paths match the drawing.
    """
    if drawn is not None:
        old = replace(old, flow=drawn(old))
        new = replace(new, flow=drawn(new))
    return render_marks(diff_flows(old, new), since_label)


def marks_since(new: LoadedFlow, *, since: str | None = None, since_rev: str | None = None,
                since_label: str | None = None, drawn: Callable[[LoadedFlow], Flow] | None = None) -> Marks:
    """Marks for ``new`` against a file (``since``) or the same file in a git revision (``since_rev``).

    Raises FlowError (exit 2) when the old version cannot be read.
    """
    if since and since_rev:
        raise FlowError([Diagnostic(new.file, None, None, "error", "--since と --since-rev は同時に使えません",
                                    "どちらか一方を指定してください")])
    if since_rev:
        from .gitrev import load_flow_at_rev

        old = load_flow_at_rev(new.file, since_rev)
    elif since:
        old = load_flow(since)
    else:
        return Marks()
    return marks_for(old, new, since_label, drawn=drawn)
