"""What the rules share: the flow with positions, its bullets traced to checklist rows, and the
submitted checklists resolved against their templates."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from ..catalog import Catalog, MeasureEntry
from ..load.validate import LoadedFlow
from ..load.yaml_source import Path_
from ..model.flow import Actor, Flow, MeasureRef, Place, Step
from ..model.packet import ChecklistMarks, Form, RowMark, mark_value
from ..resolve import measure_bullets
from ..wording import GROUP_LABELS
from .findings import RULES, Finding, Severity
from .meaning import HOLDER_KINDS  # noqa: F401  (its home is meaning.py; kept importable from here)
from .templates import ChecklistTemplate, TemplateRow, TemplateVersion, load_templates
from .wording import tolerant


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


@dataclass(frozen=True)
class SubmittedMark:
    row: TemplateRow
    number: int  # position in its group on the form
    raw: str | None
    value: str  # yes / dash / blank / unknown
    text: str | None
    path: Path_


@dataclass
class Submitted:
    """One checklist of the packet, resolved: template, version, marks per (party, row id)."""

    index: int
    marks: ChecklistMarks
    template: ChecklistTemplate
    version: TemplateVersion
    cells: dict[tuple[str, str], SubmittedMark] = field(default_factory=dict)
    parties: tuple[str, ...] = ()
    broken: set[tuple[str, str]] = field(default_factory=set)  # (party, group) that could not be read
    partner_actors: frozenset[str] = frozenset()

    @property
    def path(self) -> Path_:
        return ("packet", "checklists", self.index)

    def label(self, party: str | None = None) -> str:
        text = self.template.label
        if party:
            text += f" {self.template.parties[party]}"
        return text

    def mark(self, party: str, slug: str) -> SubmittedMark | None:
        return self.cells.get((party, f"{self.template.key}.{slug}"))


class Context:
    """Everything a rule needs about one loaded flow."""

    def __init__(self, loaded: LoadedFlow, flow: Flow | None = None) -> None:
        self.loaded = loaded
        self.flow: Flow = flow or loaded.flow
        self.doc = loaded.doc
        self.catalog: Catalog = loaded.catalog
        self.templates = load_templates()
        self.problems: list[Finding] = []  # found while resolving (checklist-rows, checklist-version)
        self.submitted = self._resolve_checklists()

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

    # ------------------------------------------------------------ bullets

    @cached_property
    def bullets(self) -> list[ChartBullet]:
        out: list[ChartBullet] = []
        for ai, actor in enumerate(self.flow.actors):
            for group in ("operational", "system"):
                out += self._bullets(getattr(actor.measures, group), ("actors", ai, "measures", group), actor.id)
            for pi, place in enumerate(actor.places):
                for group in ("operational", "system"):
                    out += self._bullets(getattr(place.measures, group),
                                         ("actors", ai, "places", pi, "measures", group), actor.id)
        for si, step in enumerate(self.flow.steps):
            carrier = self.carrier(step)
            if carrier:
                out += self._bullets(step.measures, ("steps", si, "measures"), carrier, si)
        return out

    def _bullets(self, items: list, base: Path_, actor: str, step: int | None = None) -> list[ChartBullet]:
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
            if len(parts) > 1 and not whole and not _inside_brackets(b.label):
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
            for part in label.split("・") if not _inside_brackets(label) else []:
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

    # ------------------------------------------------------------ the packet

    @property
    def packet(self):  # noqa: ANN201 - Packet | None
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

    def _partner_actors(self, marks: ChecklistMarks, tpl: ChecklistTemplate) -> frozenset[str]:
        if marks.actors:
            return frozenset(marks.actors)
        for _, form in self.forms(tpl.kind):
            if form.actors:
                return frozenset(form.actors)
        found = [a.id for a in self.flow.actors if a.kind in tpl.partner_kinds]
        if not found and tpl.kind == "外部結合":
            found = [a.id for a in self.flow.actors if a.kind == "contractor"]
        return frozenset(found)

    def _resolve_checklists(self) -> list[Submitted]:
        if not self.packet:
            return []
        out = []
        for ci, marks in enumerate(self.packet.checklists):
            tpl = self.templates[marks.checklist]
            name = marks.version or self.packet.version
            base: Path_ = ("packet", "checklists", ci)
            try:
                version = tpl.version(name)
            except KeyError:
                version = tpl.version(None)
                where = base + ("version",) if marks.version else ("packet", "version")
                self.problems.append(self.finding(
                    "checklist-version", where, f"{tpl.label} に様式の版「{name}」はありません",
                    f"版は {'、'.join(tpl.version_names())} のどれか、または年度（令和6年度など）で書いてください。"
                    f"ここでは最新の {version.name} として点検しました", targets=(tpl.kind,)))
            sub = Submitted(ci, marks, tpl, version, partner_actors=self._partner_actors(marks, tpl))
            parties = []
            for party in ("ward", "partner"):
                pm = getattr(marks, party)
                if pm is None:
                    continue
                parties.append(party)
                for group in ("operational", "system"):
                    self._resolve_group(sub, party, group, getattr(pm, group), base + (party, group))
            sub.parties = tuple(parties)
            out.append(sub)
        return out

    def _resolve_group(self, sub: Submitted, party: str, group: str, given: object, path: Path_) -> None:
        rows = sub.version.rows_in(group)
        tpl = sub.template
        where = f"{tpl.label} {tpl.parties[party]}{GROUP_LABELS[group]}"
        if isinstance(given, list):
            if len(given) != len(rows):
                sub.broken.add((party, group))
                other = [v.name for v in tpl.versions if len(v.rows_in(group)) == len(given)]
                hint = (f"版を {other[0]} にするか、" if other else "") + "提出した様式の行の数だけ、上から順に書いてください"
                self.problems.append(self.finding(
                    "checklist-rows", path, f"{where} の印が {len(given)} 行分あります（様式 {sub.version.name} は "
                    f"{len(rows)} 行）", hint, targets=(tpl.kind,), key=True))
                return
            for j, (trow, raw) in enumerate(zip(rows, given, strict=True)):
                self._cell(sub, party, trow, j + 1, raw, path + (j,))
            return
        assert isinstance(given, dict)
        by_slug = {r.slug: r for r in rows} | {r.id: r for r in rows}
        seen: set[str] = set()
        default = given.get("*", None)
        for key, raw in given.items():
            if key == "*":
                continue
            row = by_slug.get(key)
            if row is None:
                from ..diagnostics import did_you_mean

                self.problems.append(self.finding(
                    "checklist-rows", path + (key,), f"{where} に行「{key}」はありません",
                    did_you_mean(key, [r.slug for r in rows]) or f"行の id: {'、'.join(r.slug for r in rows)}",
                    targets=(tpl.kind,), key=True))
                continue
            seen.add(row.id)
            self._cell(sub, party, row, [r.id for r in rows].index(row.id) + 1, raw, path + (key,))
        for n, row in enumerate(rows, 1):
            if row.id not in seen:  # "*" gives the mark of every row not written; else the cell is blank
                self._cell(sub, party, row, n, default, path + ("*",) if "*" in given else path)

    def _cell(self, sub: Submitted, party: str, row: TemplateRow, number: int, raw: object, path: Path_) -> None:
        text = raw.text if isinstance(raw, RowMark) else None
        mark = raw.mark if isinstance(raw, RowMark) else raw
        sub.cells[(party, row.id)] = SubmittedMark(row, number, None if mark is None else str(mark),
                                                   mark_value(mark), text, path)


def _inside_brackets(text: str) -> bool:
    """True when every ・ of ``text`` is inside brackets (then it is one bullet, not several)."""
    depth = 0
    for ch in text:
        if ch in "（(【「":
            depth += 1
        elif ch in "）)】」":
            depth = max(0, depth - 1)
        elif ch == "・" and depth == 0:
            return False
    return True
