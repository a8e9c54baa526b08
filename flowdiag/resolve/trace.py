"""Every measure bullet of a flow traced to its catalog entry and the checklist rows it abbreviates.

>>> from flowdiag.load.validate import load_flow
>>> from flowdiag.resolve.templates import load_templates
>>> lf = load_flow("samples/000-keitai-toilet.yaml")
>>> t = Trace(lf.flow, lf.catalog, load_templates())
>>> sorted(t.chart_slugs("contractor"))[:3]
['op_clauses', 'op_encryption', 'op_incident_consult']
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ..catalog import Catalog, MeasureEntry
from ..load.yaml_source import Path_
from ..model.flow import Actor, Flow, MeasureRef, Step
from ..wording import tolerant
from .bullets import measure_bullets
from .templates import ChecklistTemplate


@dataclass(frozen=True)
class ChartBullet:
    """One measure as drawn, traced to its catalog entry and checklist rows."""

    label: str
    entry: MeasureEntry | None
    rows: frozenset[str]
    path: Path_
    actor: str  # the actor the bullet belongs to (for a step: the actor that carries)
    step: int | None = None  # index of the step when the bullet is on a step
    written: str = ""  # the line as written (a line may hold several bullets)
    part_of_line: bool = False

    @property
    def slugs(self) -> frozenset[str]:
        return frozenset(r.split(".", 1)[1] for r in self.rows)


class Trace:
    """The bullets of one flow, by actor and by step, with the checklist rows they stand for."""

    def __init__(self, flow: Flow, catalog: Catalog, templates: dict[str, ChecklistTemplate]) -> None:
        self.flow = flow
        self.catalog = catalog
        self.templates = templates

    @cached_property
    def owner(self) -> dict[str, Actor]:
        return self.flow.owner()

    def carrier(self, step: Step) -> str | None:
        """The actor that acts in a step: the sender of a movement, or the actor ``at``."""
        node = step.from_ if step.from_ is not None else step.at
        return self.owner[node].id if node in self.owner else None

    @cached_property
    def bullets(self) -> list[ChartBullet]:
        out: list[ChartBullet] = []
        index = {a.id: i for i, a in enumerate(self.flow.actors)}
        for ai, actor in enumerate(self.flow.actors):
            for group in ("operational", "system"):
                out += self._bullets(getattr(actor.measures, group), ("actors", ai, "measures", group), actor.id)
            same, seen = actor.measures.same_as, {actor.id}
            while same in index and same not in seen:  # 「…と同様」: the other actor's lists count for this one
                seen.add(same)
                other = self.flow.actors[index[same]]
                for group in ("operational", "system"):
                    out += self._bullets(getattr(other.measures, group), ("actors", index[same], "measures", group),
                                         actor.id)
                same = other.measures.same_as
            for pi, place in enumerate(actor.places):
                for group in ("operational", "system"):
                    out += self._bullets(getattr(place.measures, group),
                                         ("actors", ai, "places", pi, "measures", group), actor.id)
        for si, step in enumerate(self.flow.steps):
            carrier = self.carrier(step)
            if carrier:
                out += self._bullets(step.measures, ("steps", si, "measures"), carrier, si)
        return out

    def _bullets(self, items: list[Any], base: Path_, actor: str, step: int | None = None) -> list[ChartBullet]:
        out: list[ChartBullet] = []
        for b in measure_bullets(items, self.catalog):
            item = items[b.index]
            written = (item.text or item.ref or "") if isinstance(item, MeasureRef) else str(item)
            path = base + (b.index,)
            explicit = {b.row} if b.row else set()
            if b.entry is not None or explicit:
                rows = set(b.entry.rows if b.entry else ()) | explicit | self.label_rows(b.label)
                out.append(ChartBullet(b.label, b.entry, frozenset(rows), path, actor, step, written))
                continue
            whole = self.label_rows(b.label)  # a checklist label that holds ・ itself (外部記録媒体の管理・パスワード設定)
            parts = [p for p in b.label.split("・") if p.strip()]
            if len(parts) > 1 and not whole and not inside_brackets(b.label):
                for part in parts:
                    entry = self.catalog.find_measure(part)
                    rows = set(entry.rows if entry else ()) | self.label_rows(part)
                    out.append(ChartBullet(part.strip(), entry, frozenset(rows), path, actor, step, written, True))
            else:
                out.append(ChartBullet(b.label, None, frozenset(whole), path, actor, step, written))
        return out

    @cached_property
    def _row_labels(self) -> dict[str, set[str]]:
        table: dict[str, set[str]] = {}
        labels = [(lab, row.id) for tpl in self.templates.values() for row in tpl.rows.values() for lab in row.labels]
        for label, rid in labels:
            table.setdefault(tolerant(label), set()).add(rid)
        for label, rid in labels:  # a part of a label joined by ・ names its row too (パスワード設定)
            for part in label.split("・") if not inside_brackets(label) else []:
                table.setdefault(tolerant(part), {rid})
        return table

    def label_rows(self, label: str) -> set[str]:
        """Checklist rows whose short labels match ``label``, up to the accepted spelling variants."""
        return set(self._row_labels.get(tolerant(label), set()))

    @cached_property
    def _bullets_by_actor(self) -> dict[str, list[ChartBullet]]:
        out: dict[str, list[ChartBullet]] = {}
        for b in self.bullets:
            out.setdefault(b.actor, []).append(b)
        return out

    def bullets_of(self, actor_id: str) -> list[ChartBullet]:
        return list(self._bullets_by_actor.get(actor_id, []))

    @cached_property
    def _slugs_by_actor(self) -> dict[str, tuple[set[str], dict[int, set[str]]]]:
        """Per actor: the slugs of its own bullets (shared by all its steps), and per step base
        number the slugs of step bullets (② and ②′ share theirs)."""
        out: dict[str, tuple[set[str], dict[int, set[str]]]] = {}
        for b in self.bullets:
            own, by_base = out.setdefault(b.actor, (set(), {}))
            if b.step is None:
                own |= b.slugs
            else:
                for n in self.flow.steps[b.step].number:
                    by_base.setdefault(n.base, set()).update(b.slugs)
        return out

    def chart_slugs(self, actor_id: str, step: int | None = None) -> set[str]:
        """Row slugs (op_locked_bag, sys_encryption …) traced by the bullets of an actor; with
        ``step``, only the bullets of that step (and of its primed variants) besides the actor's own."""
        own, by_base = self._slugs_by_actor.get(actor_id, (set(), {}))
        out = set(own)
        if step is None:
            for slugs in by_base.values():
                out |= slugs
        else:
            for n in self.flow.steps[step].number:
                out |= by_base.get(n.base, set())
        return out

    def chart_measures(self, actor_id: str) -> set[str]:
        return {b.entry.id for b in self.bullets_of(actor_id) if b.entry is not None}


def inside_brackets(text: str) -> bool:
    """True when every ・ of ``text`` is inside brackets (then it is one bullet, not several).

    >>> inside_brackets("外部からの攻撃防御（ファイアウォールの設置・侵入検知）"), inside_brackets("ID・パスワード")
    (True, False)
    """
    depth = 0
    for ch in text:
        if ch in "（(【「":
            depth += 1
        elif ch in "）)】」":
            depth = max(0, depth - 1)
        elif ch == "・" and depth == 0:
            return False
    return True
