"""The change model: what differs between two versions of a flow, with where it is in each file.

A change is one fact a reviewer would point at: a step added, a period moved, a measure removed.
Each change knows its place in both files (``old``/``new`` sides) and the model paths in the new
flow that the chart must draw in 赤太字下線 (``marks``).

>>> c = Change("changed", "step", "ステップ②「提供」", "timing", "時点・期間",
...            Side("a.yaml", ("steps", 1, "timing", 0), 12, "R6.7.1時点"),
...            Side("b.yaml", ("steps", 1, "timing", 0), 14, "R7.7.1時点"))
>>> c.headline()
'変更 ステップ②「提供」の時点・期間: R6.7.1時点 → R7.7.1時点'
>>> c.where()
'a.yaml:12 → b.yaml:14'
>>> c.mirrored().headline()
'変更 ステップ②「提供」の時点・期間: R7.7.1時点 → R6.7.1時点'
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from typing import Any, Literal

Kind = Literal["added", "removed", "changed", "renumbered"]
ModelPath = tuple[str | int, ...]

KIND_JA: dict[str, str] = {"added": "追加", "removed": "削除", "changed": "変更", "renumbered": "番号"}

AREA_JA: dict[str, str] = {
    "document": "文書情報", "actor": "主体", "place": "場所", "data": "データ", "step": "ステップ",
    "link": "回線", "note": "注記", "packet": "付議事項", "other": "その他",
}
OFF_CHART = ("packet", "other")
"""Areas the chart does not draw: their changes are listed but never marked."""

_MIRROR: dict[str, Kind] = {"added": "removed", "removed": "added", "changed": "changed", "renumbered": "renumbered"}


@dataclass(frozen=True)
class Side:
    """One side of a change: the file, the model path in that flow, the line, and the text shown."""

    file: str
    path: ModelPath
    line: int | None
    value: str | None = None

    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line is not None else self.file


@dataclass(frozen=True)
class Change:
    """One reported difference.

    ``field`` is a stable machine name (``timing``, ``measures.operational``, ``items`` …) and
    ``field_label`` its Japanese name; both are empty when a whole thing was added or removed.
    ``marks`` are model paths in the NEW flow to draw in red; ``removed_line`` is the line for the
    chart's 削除 box when something disappeared without a replacement. ``detail`` lists what a
    whole added or removed thing contains (its places, period, medium, measures …).
    """

    kind: Kind
    area: str
    subject: str
    field: str
    field_label: str
    old: Side | None
    new: Side | None
    marks: tuple[ModelPath, ...] = ()
    removed_line: str | None = None
    detail: tuple[str, ...] = ()
    order: tuple[Any, ...] = dataclass_field(default=(), compare=False)

    def headline(self) -> str:
        """The change as one Japanese sentence, without positions."""
        kind = KIND_JA[self.kind]
        what = self.subject + (f"の{self.field_label}" if self.field_label else "")
        old = self.old.value if self.old else None
        new = self.new.value if self.new else None
        if self.kind in ("changed", "renumbered"):
            return f"{kind} {what}: {old or '（なし）'} → {new or '（なし）'}"
        value = new if self.kind == "added" else old
        if self.field_label and value:
            return f"{kind} {what}「{value}」"
        return f"{kind} {what}"

    def where(self) -> str:
        """``OLD:LINE → NEW:LINE`` (one side only for additions and removals)."""
        if self.old and self.new:
            return f"{self.old.where()} → {self.new.where()}"
        side = self.old or self.new
        return side.where() if side else ""

    def mirrored(self) -> Change:
        """The same fact seen from the other direction (marks and 削除 lines are not mirrored)."""
        return replace(self, kind=_MIRROR[self.kind], old=self.new, new=self.old, marks=(), removed_line=None)


@dataclass(frozen=True)
class FlowInfo:
    """What the report says about each side."""

    file: str
    version: str | None
    title: str


@dataclass(frozen=True)
class ChangeSet:
    """All changes between two flows, in reading order (document, actors, data, steps, links, notes)."""

    old: FlowInfo
    new: FlowInfo
    changes: tuple[Change, ...]

    def __bool__(self) -> bool:
        return bool(self.changes)

    def __len__(self) -> int:
        return len(self.changes)

    def of_kind(self, kind: str) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]

    def counts(self) -> dict[str, int]:
        """How many lines of each kind the report shows (all renumberings are one line)."""
        out = {k: len(self.of_kind(k)) for k in ("added", "removed", "changed")}
        out["renumbered"] = 1 if self.of_kind("renumbered") else 0
        return out

    def summary(self) -> str:
        """One Japanese line: 追加 3 件、削除 1 件、変更 5 件、番号の振り直し 8 ステップ.

        >>> ChangeSet(FlowInfo("a", None, ""), FlowInfo("b", None, ""), ()).summary()
        '変更はありません'
        """
        if not self.changes:
            return "変更はありません"
        c = self.counts()
        parts = [f"{KIND_JA[k]} {c[k]} 件" for k in ("added", "removed", "changed") if c[k]]
        if c["renumbered"]:
            parts.append(f"番号の振り直し {len(self.of_kind('renumbered'))} ステップ")
        return "、".join(parts)

    def marks(self) -> frozenset[ModelPath]:
        """Paths to draw in red: every mark of a change on the chart."""
        return frozenset(m for c in self.changes if c.area not in OFF_CHART for m in c.marks)

    def removed_lines(self) -> list[str]:
        return [c.removed_line for c in self.changes if c.removed_line]
