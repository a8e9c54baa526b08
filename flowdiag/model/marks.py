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


@dataclass(frozen=True)
class Marks:
    paths: frozenset[ModelPath] = field(default_factory=frozenset)
    removed: tuple[str, ...] = ()
    since_label: str | None = None

    def marked(self, path: ModelPath | None) -> bool:
        if path is None or not self.paths:
            return False
        return any(path[:i] in self.paths for i in range(1, len(path) + 1))

    @property
    def active(self) -> bool:
        return bool(self.paths or self.removed or self.since_label)


NO_MARKS = Marks()
