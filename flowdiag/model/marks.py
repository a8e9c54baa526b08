"""What a render should draw as changed (赤太字下線): model paths in the flow being drawn.

A mark on a path marks every text under it: ("steps", 3) marks the whole step,
("steps", 3, "text") only its text.

>>> m = Marks(frozenset({("steps", 3)}))
>>> m.marked(("steps", 3, "timing", 0)), m.marked(("steps", 4, "text"))
(True, False)
"""

from __future__ import annotations

from dataclasses import dataclass, field

ModelPath = tuple[str | int, ...]


WORDS = "@words"
"""Under an edited text's path, the key of its changed words: ``path + (WORDS,)`` is marked
and the rest of the text is not (see :attr:`Marks.words`)."""

WordRanges = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Marks:
    paths: frozenset[ModelPath] = field(default_factory=frozenset)
    removed: tuple[str, ...] = ()
    since_label: str | None = None
    words: tuple[tuple[ModelPath, str, WordRanges], ...] = ()
    """Edited texts marked word by word: (path, new value, changed character ranges in the value)."""

    def word_ranges(self, path: ModelPath | None) -> tuple[str, WordRanges] | None:
        for p, value, ranges in self.words:
            if p == path:
                return value, ranges
        return None

    def marked(self, path: ModelPath | None) -> bool:
        if path is None or not self.paths:
            return False
        return any(path[:i] in self.paths for i in range(1, len(path) + 1))

    @property
    def active(self) -> bool:
        return bool(self.paths or self.removed or self.since_label)


NO_MARKS = Marks()
