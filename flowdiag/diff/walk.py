"""Shared helpers for comparing two flows: sides with positions, line lists, measure lists,
and a generic comparison for fields this module does not know by name (forms, checklist marks …).

Model paths (``("steps", 3, "timing", 0)``) use the YAML key names, so they double as positions
in the file, except measure bullets: the chart draws a catalog set as several bullets, so a mark
uses the bullet's index in :func:`flowdiag.resolve.measure_bullets`, while the line comes from
the item as written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from pydantic import BaseModel

from ..catalog import match_key
from ..load.validate import LoadedFlow
from ..resolve import measure_bullets
from .changes import Change, Kind, ModelPath, Side
from .generic import compare, key_label, show
from .match import match_keys, match_lines, out_of_order

MEASURE_THRESHOLD = 0.6
NO_REMOVED_LINE = ("document", "packet", "other")
"""Areas whose removals are not listed in the chart's 削除 box (forms, checklists, document fields)."""


class Walker:
    """Collects changes between ``old`` and ``new``; subclasses walk the flow's parts."""

    def __init__(self, old: LoadedFlow, new: LoadedFlow) -> None:
        self.lo, self.ln = old, new
        self.changes: list[Change] = []
        self._done = 0
        self._section = 0

    def _ordered(self, order: tuple[Any, ...]) -> None:
        """Give the changes added since the last call their place in the report."""
        for k in range(self._done, len(self.changes)):
            self.changes[k] = replace(self.changes[k], order=(self._section, *order, k))
        self._done = len(self.changes)

    # -- sides

    def old_side(self, path: ModelPath, value: str | None = None, yaml_path: ModelPath | None = None) -> Side:
        return Side(self.lo.file, path, self.lo.doc.where(yaml_path or path)[0], value)

    def new_side(self, path: ModelPath, value: str | None = None, yaml_path: ModelPath | None = None) -> Side:
        return Side(self.ln.file, path, self.ln.doc.where(yaml_path or path)[0], value)

    def add(self, kind: Kind, area: str, subject: str, field: str = "", label: str = "", *,
            old: Side | None = None, new: Side | None = None, marks: tuple[ModelPath, ...] = (),
            removed_line: str | None = None, detail: tuple[str, ...] = (), order: tuple[Any, ...] = ()) -> None:
        if kind == "removed" and removed_line is None and area not in NO_REMOVED_LINE:
            value = old.value if old else None
            removed_line = subject + (f"の{label}" if label else "") + (f"「{value}」" if label and value else "")
        self.changes.append(Change(kind, area, subject, field, label, old, new, marks, removed_line, detail, order))

    def scalar(self, area: str, subject: str, field: str, label: str, old_value: Any, new_value: Any,
               old_path: ModelPath, new_path: ModelPath, mark: bool | ModelPath = True) -> None:
        """A single value: reported when it differs; marked at ``new_path`` (or at ``mark`` when it is a path)."""
        if old_value == new_value:
            return
        marks = (mark,) if isinstance(mark, tuple) else (new_path,) if mark else ()
        self.add("changed", area, subject, field, label,
                 old=self.old_side(old_path, show(old_value)), new=self.new_side(new_path, show(new_value)), marks=marks)

    # -- lists of lines

    def lines(self, area: str, subject: str, field: str, label: str, olds: list[str], news: list[str],
              old_base: ModelPath, new_base: ModelPath, ordered: bool, mark: bool = True,
              keys: tuple[list[Any], list[Any]] | None = None) -> None:
        """Compare two lists of lines; ``ordered`` lists also report a change of order."""
        if olds == news:
            return
        if keys is None and not ordered:
            keys = ([match_key(x) for x in olds], [match_key(x) for x in news])
        pairs, removed, added = match_lines(olds, news, keys)
        for i, j in pairs:
            if olds[i] != news[j]:
                self.add("changed", area, subject, field, label, old=self.old_side(old_base + (i,), olds[i]),
                         new=self.new_side(new_base + (j,), news[j]), marks=(new_base + (j,),) if mark else ())
        for i in removed:
            self.add("removed", area, subject, field, label, old=self.old_side(old_base + (i,), olds[i]))
        for j in added:
            self.add("added", area, subject, field, label, new=self.new_side(new_base + (j,), news[j]),
                     marks=(new_base + (j,),) if mark else ())
        if ordered:
            moved = out_of_order([(i, j) for i, j in pairs if olds[i] == news[j]])
            if moved:
                self.add("changed", area, subject, field + ".order", label + "の順序",
                         old=self.old_side(old_base, "、".join(olds)), new=self.new_side(new_base, "、".join(news)),
                         marks=tuple(new_base + (j,) for j in moved) if mark else ())

    def refs(self, area: str, subject: str, field: str, label: str, olds: list[str], news: list[str],
             mapping: dict[str, str], names_old: dict[str, str], names_new: dict[str, str],
             old_base: ModelPath, new_base: ModelPath, mark: bool) -> None:
        """Compare two unordered lists of references (ids mapped old→new, shown by name)."""
        mapped = [mapping.get(x, "\0" + x) for x in olds]
        pairs = match_keys(mapped, news)
        got_o = {i for i, _ in pairs}
        got_n = {j for _, j in pairs}
        for i, ref in enumerate(olds):
            if i not in got_o:
                self.add("removed", area, subject, field, label, old=self.old_side(old_base + (i,), names_old.get(ref, ref)))
        for j, ref in enumerate(news):
            if j not in got_n:
                self.add("added", area, subject, field, label, new=self.new_side(new_base + (j,), names_new.get(ref, ref)),
                         marks=(new_base + (j,),) if mark else ())

    # -- measures

    def measures(self, area: str, subject: str, label: str, old_items: list[Any], new_items: list[Any],
                 old_base: ModelPath, new_base: ModelPath) -> None:
        """Compare measure bullets as drawn (sets expanded); their order is not a change.

        A bullet's path ends with the index of the item as written (``Bullet.index``), as the
        renderer keys it: the bullets of one catalog set share their set's path.
        """
        bo = measure_bullets(old_items, self.lo.catalog)
        bn = measure_bullets(new_items, self.ln.catalog)
        lab_o, lab_n = [b.label for b in bo], [b.label for b in bn]
        if lab_o == lab_n:
            return
        key_o = [b.entry.id if b.entry else "text:" + match_key(b.label) for b in bo]
        key_n = [b.entry.id if b.entry else "text:" + match_key(b.label) for b in bn]
        pairs, removed, added = match_lines(lab_o, lab_n, (key_o, key_n), MEASURE_THRESHOLD)
        field = "measures" + (f".{old_base[-1]}" if old_base[-1] != "measures" else "")
        for i, j in pairs:
            if lab_o[i] != lab_n[j]:
                path = new_base + (bn[j].index,)
                self.add("changed", area, subject, field, label, old=self.old_side(old_base + (bo[i].index,), lab_o[i]),
                         new=self.new_side(path, lab_n[j]), marks=(path,))
        for i in removed:
            self.add("removed", area, subject, field, label, old=self.old_side(old_base + (bo[i].index,), lab_o[i]))
        for j in added:
            path = new_base + (bn[j].index,)
            self.add("added", area, subject, field, label, new=self.new_side(path, lab_n[j]), marks=(path,))

    # -- fields not compared by name

    def extras(self, area: str, subject: str | None, old_model: BaseModel, new_model: BaseModel, known: set[str],
               old_base: ModelPath, new_base: ModelPath, skip: Callable[[ModelPath], bool] | None = None) -> None:
        """Compare every field of the model that the caller does not handle itself (see generic.py).

        With ``subject`` None (the flow itself) each field is its own subject (付議事項, 点検の承知事項).
        """
        for name, info in type(new_model).model_fields.items():
            if name in known:
                continue
            key = info.alias or name
            label = key_label(key, info.description)
            where = area if subject else ("packet" if key == "packet" else "other")
            self.generic(where, subject or label, [label] if subject else [], getattr(old_model, name, None),
                         getattr(new_model, name, None), old_base + (key,), new_base + (key,), skip)

    def generic(self, area: str, subject: str, labels: list[str], ov: Any, nv: Any,
                old_path: ModelPath, new_path: ModelPath, skip: Callable[[ModelPath], bool] | None = None) -> None:
        start = len(new_path) - 1

        def emit(kind: Kind, label: str, op: ModelPath, np: ModelPath, oval: str | None, nval: str | None,
                 detail: tuple[str, ...] = ()) -> None:
            field = ".".join(str(p) for p in np[start:] if isinstance(p, str))
            self.add(kind, area, subject, field, label,
                     old=None if kind == "added" else self.old_side(op, oval),
                     new=None if kind == "removed" else self.new_side(np, nval),
                     marks=() if kind == "removed" else (np,), detail=tuple(detail))

        compare(emit, labels, ov, nv, old_path, new_path, skip)
