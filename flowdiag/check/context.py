"""What the rules share: the flow with positions, read through the resolve stage (its bullets traced
to checklist rows, the submitted checklists tied to their rows)."""

from __future__ import annotations

from functools import cached_property

from ..catalog import Catalog
from ..diagnostics import Severity
from ..load.validate import LoadedFlow
from ..load.yaml_source import Path_
from ..model.flow import Actor, Flow, Place, Step
from ..model.packet import Form, Packet
from ..resolve import resolve
from ..resolve.checklists import Submitted, SubmittedMark
from ..resolve.trace import ChartBullet, Trace
from .findings import RULES, Finding
from .meaning import HOLDER_KINDS  # noqa: F401  (its home is meaning.py; kept importable from here)

__all__ = ["ChartBullet", "Context", "Submitted", "SubmittedMark"]


class Context:
    """Everything a rule needs about one loaded flow."""

    def __init__(self, loaded: LoadedFlow, flow: Flow | None = None) -> None:
        self.loaded = loaded
        self.resolved = resolve(loaded)
        self.flow: Flow = flow or self.resolved.flow  # as drawn: derive_measures applied
        self.doc = loaded.doc
        self.catalog: Catalog = loaded.catalog
        self.templates = self.resolved.templates
        self.submitted = self.resolved.submitted
        # found while resolving (checklist-rows, checklist-version)
        self.problems: list[Finding] = [self.finding(p.rule, p.path, p.message, p.hint, p.targets, key=p.key)
                                        for p in self.resolved.problems]
        self.trace = (self.resolved.trace if self.flow is self.resolved.flow
                      else Trace(self.flow, self.catalog, self.templates))

    # ------------------------------------------------------------ findings

    @property
    def file(self) -> str:
        return self.doc.file

    def finding(self, rule_id: str, path: Path_, message: str, hint: str = "",
                targets: tuple[str, ...] | list[str] = (), severity: Severity | None = None,
                key: bool = False) -> Finding:
        line, col = self.doc.where(path, key)
        sev = severity or RULES[rule_id].severity
        return Finding(rule_id, sev, message, self.file, line, col, hint, tuple(t for t in targets if t))

    # ------------------------------------------------------------ actors and places

    @cached_property
    def nodes(self) -> dict[str, Actor | Place]:
        return self.flow.nodes()

    @cached_property
    def owner(self) -> dict[str, Actor]:
        return self.flow.owner()

    def actor_path(self, actor_id: str) -> Path_:
        for ai, a in enumerate(self.flow.actors):
            if a.id == actor_id:
                return ("actors", ai)
        return ()

    def node_path(self, node_id: str) -> Path_:
        for ai, a in enumerate(self.flow.actors):
            if a.id == node_id:
                return ("actors", ai)
            for pi, p in enumerate(a.places):
                if p.id == node_id:
                    return ("actors", ai, "places", pi)
        return ()

    def kind(self, node_id: str | None) -> str:
        """The kind of the actor that holds ``node_id``."""
        if node_id is None or node_id not in self.owner:
            return "other"
        return self.owner[node_id].kind

    def name(self, node_id: str | None) -> str:
        if node_id is None:
            return ""
        node = self.nodes.get(node_id)
        return node.name if node else node_id

    def actor_of(self, node_id: str | None) -> str | None:
        return self.owner[node_id].id if node_id in self.owner else None

    def is_ward(self, node_id: str | None) -> bool:
        return self.kind(node_id) == "ward"

    # ------------------------------------------------------------ steps

    def step_path(self, si: int) -> Path_:
        return ("steps", si)

    def step_label(self, step: Step) -> str:
        from ..model.numbers import numbers_label

        return numbers_label(step.number)

    def step_targets(self, step: Step) -> tuple[str, ...]:
        out = [step.id] if step.id else []
        out += [n.label() for n in step.number] + [n.plain() for n in step.number]
        return tuple(out)

    def step_order(self, step: Step) -> tuple[int, int]:
        n = min(step.number)
        return (n.base, n.primes)

    def carrier(self, step: Step) -> str | None:
        """The actor that acts in a step: the sender of a movement, or the actor ``at``."""
        return self.actor_of(step.from_ if step.from_ is not None else step.at)

    # ------------------------------------------------------------ bullets (the resolve stage's trace)

    @property
    def bullets(self) -> list[ChartBullet]:
        return self.trace.bullets

    def label_rows(self, label: str) -> set[str]:
        """Checklist rows whose short labels match ``label``, up to the accepted spelling variants."""
        return self.trace.label_rows(label)

    def bullets_of(self, actor_id: str) -> list[ChartBullet]:
        return self.trace.bullets_of(actor_id)

    def chart_slugs(self, actor_id: str, step: int | None = None) -> set[str]:
        """Row slugs (op_locked_bag, sys_encryption …) traced by the bullets of an actor; with
        ``step``, only the bullets of that step (and of its primed variants) besides the actor's own."""
        return self.trace.chart_slugs(actor_id, step)

    def chart_measures(self, actor_id: str) -> set[str]:
        return self.trace.chart_measures(actor_id)

    # ------------------------------------------------------------ the packet

    @property
    def packet(self) -> Packet | None:
        return self.flow.packet

    def forms(self, kind: str | None = None) -> list[tuple[int, Form]]:
        if not self.packet:
            return []
        return [(i, f) for i, f in enumerate(self.packet.forms) if kind is None or f.kind == kind]

    def kinds(self) -> set[str]:
        if not self.packet:
            return set()
        return set(self.packet.kinds) | {f.kind for f in self.packet.forms}

    def party_of(self, sub: Submitted, actor_id: str) -> str | None:
        if self.kind(actor_id) == "ward":
            return "ward"
        if actor_id in sub.partner_actors:
            return "partner"
        return None

    def marks_for(self, actor_id: str, slug: str) -> list[tuple[Submitted, SubmittedMark]]:
        """The submitted marks of the row ``slug`` for the party ``actor_id`` plays, in every checklist."""
        out = []
        for sub in self.submitted:
            party = self.party_of(sub, actor_id)
            if party is None:
                continue
            cell = sub.mark(party, slug)
            if cell is not None:
                out.append((sub, cell))
        return out

    def evidence(self, actor_id: str, slugs: set[str], step: int | None = None) -> str:
        """How a protection is shown for an actor: ``chart``, ``checklist`` (○ only), ``dash``
        (the checklist says － and the chart has nothing) or ``none``."""
        if self.chart_slugs(actor_id, step) & slugs:
            return "chart"
        marks = [cell for slug in slugs for _, cell in self.marks_for(actor_id, slug)]
        if any(c.value == "yes" for c in marks):
            return "checklist"
        if marks and all(c.value == "dash" for c in marks):
            return "dash"
        return "none"
