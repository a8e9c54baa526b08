"""Change marks for the packet's texts (cover, 事業の概要, forms): what differs from the approved version.

The comparison is the diff's (:func:`flowdiag.diff.diff_flows`); here only its changes in the
packet are kept. An edited text is marked word by word (``令和6年`` → ``令和7年`` marks ``7``), a
new text as a whole, like the chart.

>>> from flowdiag.load.validate import load_flow
>>> old = load_flow("samples/000-keitai-toilet.yaml")
>>> new = load_flow("samples/000-keitai-toilet-r7.yaml")
>>> m = packet_marks(old, new)
>>> m.since_label, m.marked(("packet", "forms", 1, "partner"))
('令和6年度第1回', True)
>>> value, ranges = m.word_ranges(("packet", "forms", 0, "period"))
>>> [value[a:b] for a, b in ranges]
['7', '8']
"""

from __future__ import annotations

from ..diff import diff_flows
from ..diff.words import word_diff
from ..load.validate import LoadedFlow
from ..model.marks import WORDS, Marks, ModelPath

UNMARKED = frozenset({"checklists", "change_note", "labels", "derive_measures", "version"})
"""Packet fields whose changes are not marked in the text (the checklists mark rows their own way)."""

WHOLE_TEXT_SHARE = 0.6
"""When the changed characters make up this share of a text or more, the whole text is marked."""


def packet_marks(old: LoadedFlow, new: LoadedFlow, since_label: str | None = None) -> Marks:
    """Marks on the packet part of ``new`` (paths under ``("packet", …)``) since ``old``."""
    changes = diff_flows(old, new)
    paths: set[ModelPath] = set()
    words: list[tuple[ModelPath, str, tuple[tuple[int, int], ...]]] = []
    for c in changes.changes:
        if c.area != "packet" or c.kind == "removed" or not c.marks:
            continue
        for path in c.marks:
            if not path or path[0] != "packet" or UNMARKED & set(path[:3]):
                continue
            ranges = _edited(c.old.value if c.old else None, c.new.value if c.new else None) \
                if c.kind == "changed" and len(c.marks) == 1 else None
            if ranges:
                assert c.new is not None and c.new.value is not None
                words.append((path, c.new.value, ranges))
                paths.add(path + (WORDS,))
            else:
                paths.add(path)
    label = since_label or old.flow.document.version or "前回の"
    return Marks(frozenset(paths), (), label, tuple(words))


def _edited(old: str | None, new: str | None) -> tuple[tuple[int, int], ...] | None:
    """The changed character ranges of ``new``, or None when most of it changed."""
    if not old or not new:
        return None
    _, segments = word_diff(old, new)
    ranges, at = [], 0
    for text, changed in segments:
        if changed:
            ranges.append((at, at + len(text)))
        at += len(text)
    if not ranges or sum(b - a for a, b in ranges) >= WHOLE_TEXT_SHARE * len(new):
        return None
    return tuple(ranges)
