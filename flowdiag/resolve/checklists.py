"""The submitted checklists resolved against their templates: every mark tied to its row.

A block of marks written as a list follows the form's rows in order. When its length differs from
the template's (a row left out, one added, one written in the other group), the rows are matched
by their text instead (``{mark: ○, text: …}``): each submitted sentence finds its row in either
group, the marks between two matched rows fill the rows between them, and what is left over is
named ("row 3 (再委託先への立入調査等) is missing", "row 5 is in 【運用上の対策】 but belongs to
【システム上の対策】"). The block keeps working for every rule, ``flowdiag checklist``,
``derive_measures`` and ``diff``.

>>> from flowdiag.load.validate import load_flow
>>> from flowdiag.resolve.templates import load_templates
>>> lf = load_flow("samples/004-ikiiki-hiking.yaml")
>>> subs, problems = resolve_checklists(lf.flow, load_templates())
>>> [(s.template.kind, len(s.cells)) for s in subs], problems
([('外部結合', 32), ('業務委託', 48)], [])
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diagnostics import did_you_mean
from ..load.yaml_source import Path_
from ..model.flow import Flow
from ..model.packet import ChecklistMarks, RowMark, mark_value
from ..wording import GROUP_LABELS, similarity, tolerant
from .templates import ChecklistTemplate, TemplateRow, TemplateVersion

TEXT_MATCH = 0.55
"""How alike a submitted sentence and a template row must be to be that row."""

GROUPS = ("operational", "system")


@dataclass(frozen=True)
class SubmittedMark:
    row: TemplateRow
    number: int  # position in its group on the form
    raw: str | None
    value: str  # yes / dash / blank / unknown
    text: str | None
    path: Path_


@dataclass(frozen=True)
class Problem:
    """Something found while resolving (the check stage reports it under ``rule``)."""

    rule: str
    path: Path_
    message: str
    hint: str
    targets: tuple[str, ...] = ()
    key: bool = False


@dataclass
class Submitted:
    """One checklist of the packet, resolved: template, version, marks per (party, row id)."""

    index: int
    marks: ChecklistMarks
    template: ChecklistTemplate
    version: TemplateVersion
    cells: dict[tuple[str, str], SubmittedMark] = field(default_factory=dict)
    parties: tuple[str, ...] = ()
    broken: set[tuple[str, str]] = field(default_factory=set)  # (party, group) read in order only
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


def partner_actors(flow: Flow, marks: ChecklistMarks, tpl: ChecklistTemplate) -> frozenset[str]:
    """The actors a checklist's 相手方 stands for: written, else the form's, else by kind."""
    if marks.actors:
        return frozenset(marks.actors)
    for form in flow.packet.forms if flow.packet else []:
        if form.kind == tpl.kind and form.actors:
            return frozenset(form.actors)
    found = [a.id for a in flow.actors if a.kind in tpl.partner_kinds]
    if not found and tpl.kind == "外部結合":
        found = [a.id for a in flow.actors if a.kind == "contractor"]
    return frozenset(found)


def resolve_checklists(flow: Flow, templates: dict[str, ChecklistTemplate]) -> tuple[list[Submitted], list[Problem]]:
    """Every submitted checklist with its marks tied to rows, and the problems met on the way."""
    packet = flow.packet
    if packet is None:
        return [], []
    out: list[Submitted] = []
    problems: list[Problem] = []
    for ci, marks in enumerate(packet.checklists):
        tpl = templates[marks.checklist]
        name = marks.version or packet.version
        base: Path_ = ("packet", "checklists", ci)
        try:
            version = tpl.version(name)
        except KeyError:
            version = tpl.version(None)
            where = base + ("version",) if marks.version else ("packet", "version")
            problems.append(Problem(
                "checklist-version", where, f"{tpl.label} に様式の版「{name}」はありません",
                f"版は {'、'.join(tpl.version_names())} のどれか、または年度（令和6年度など）で書いてください。"
                f"ここでは最新の {version.name} として点検しました", (tpl.kind,)))
        sub = Submitted(ci, marks, tpl, version, partner_actors=partner_actors(flow, marks, tpl))
        parties = []
        for party in ("ward", "partner"):
            pm = getattr(marks, party)
            if pm is None:
                continue
            parties.append(party)
            given = {g: getattr(pm, g) for g in GROUPS}
            lists = {g: v for g, v in given.items() if isinstance(v, list)}
            if any(len(v) != len(version.rows_in(g)) for g, v in lists.items()):
                problems += _by_text(sub, party, lists, base + (party,))
            else:
                for g, v in lists.items():
                    for j, (row, raw) in enumerate(zip(version.rows_in(g), v, strict=True)):
                        _cell(sub, party, row, j + 1, raw, base + (party, g, j))
            for g, v in given.items():
                if isinstance(v, dict):
                    problems += _by_key(sub, party, g, v, base + (party, g))
        sub.parties = tuple(parties)
        out.append(sub)
    return out, problems


def _where(sub: Submitted, party: str, group: str) -> str:
    return f"{sub.template.label} {sub.template.parties[party]}{GROUP_LABELS[group]}"


def _text_of(raw: object) -> str | None:
    return raw.text if isinstance(raw, RowMark) and raw.text else None


def _by_text(sub: Submitted, party: str, lists: dict[str, list[object]], base: Path_) -> list[Problem]:
    """Match the marks of a party whose rows differ from the template, by the rows' text."""
    version, tpl = sub.version, sub.template
    entries = [(g, j, raw) for g in GROUPS for j, raw in enumerate(lists.get(g, []))]
    if not any(_text_of(raw) for _, _, raw in entries):  # nothing to match by: read in order, say so
        said: list[Problem] = []
        for g, v in lists.items():
            rows = version.rows_in(g)
            if len(v) == len(rows):
                for j, (row, raw) in enumerate(zip(rows, v, strict=True)):
                    _cell(sub, party, row, j + 1, raw, base + (g, j))
                continue
            sub.broken.add((party, g))
            for j, (row, raw) in enumerate(zip(rows, v, strict=False)):
                _cell(sub, party, row, j + 1, raw, base + (g, j))
            other = [x.name for x in tpl.versions if len(x.rows_in(g)) == len(v)]
            hint = ((f"版を {other[0]} にするか、" if other else "") + "提出した様式の行の数だけ上から順に書くか、"
                    "行ごとに {mark: ○, text: 提出された文言} と書くと、どの行が違うのかを行の文言で突き合わせます")
            said.append(Problem("checklist-rows", base + (g,), f"{_where(sub, party, g)} の印が {len(v)} 行分あります（様式 "
                                f"{version.name} は {len(rows)} 行。行の文言が無いので上から順に読みました）",
                                hint, (tpl.kind,), key=True))
        return said
    # 1. each submitted sentence finds its row, in either group
    all_rows = [r for g in GROUPS for r in version.rows_in(g)]
    claimed: dict[str, tuple[float, int]] = {}  # row id -> (score, entry index)
    for k, (_, _, raw) in enumerate(entries):
        text = _text_of(raw)
        if text is None:
            continue
        score, row = max(((_score(text, r.text(party)), r) for r in all_rows), key=lambda x: x[0])
        if score >= TEXT_MATCH and (row.id not in claimed or claimed[row.id][0] < score):
            claimed[row.id] = (score, k)
    row_of: dict[int, TemplateRow] = {k: next(r for r in all_rows if r.id == rid) for rid, (_, k) in claimed.items()}
    # 2. marks without text fill the rows between two matched rows of their group, in order
    for g in GROUPS:
        rows = version.rows_in(g)
        ks = [k for k, (eg, _, _) in enumerate(entries) if eg == g]
        anchors = [(-1, -1)] + [(k, rows.index(row_of[k])) for k in ks if k in row_of and row_of[k].group == g] \
            + [(len(entries), len(rows))]
        for (k0, r0), (k1, r1) in zip(anchors, anchors[1:], strict=False):
            free_rows = [r for r in rows[r0 + 1:r1] if r.id not in claimed]
            free_entries = [k for k in ks if k0 < k < k1 and k not in row_of and _text_of(entries[k][2]) is None]
            for k, r in zip(free_entries, free_rows, strict=False):
                row_of[k] = r
                claimed[r.id] = (0.0, k)
    # 3. cells, and what is left over, named
    out: list[Problem] = []
    for k, (g, j, raw) in enumerate(entries):
        path = base + (g, j)
        found = row_of.get(k)
        if found is None:
            text = _text_of(raw)
            shown = f"「{text[:28]}…」" if text and len(text) > 28 else f"「{text}」" if text else "（文言なし）"
            out.append(Problem("checklist-rows", path, f"{_where(sub, party, g)} の {j + 1}行目{shown}は、様式 {version.name} "
                               "のどの行にも当たりません", "行を削除するか、ひな形の行の文言に合わせてください",
                               (tpl.kind,)))
            continue
        _cell(sub, party, found, version.rows_in(found.group).index(found) + 1, raw, path)
        if found.group != g:
            out.append(Problem("checklist-rows", path, f"{_where(sub, party, g)} の {j + 1}行目「{found.short()}」は"
                               f"{GROUP_LABELS[g]}にありますが、{GROUP_LABELS[found.group]}の行です",
                               f"{GROUP_LABELS[found.group]}に移してください", (tpl.kind, found.id)))
    for g in GROUPS:
        if g not in lists:
            continue
        for n, row in enumerate(version.rows_in(g), 1):
            if (party, row.id) not in sub.cells:
                out.append(Problem("checklist-rows", base + (g,), f"{_where(sub, party, g)} の {n}行目「{row.short()}」"
                                   f"（{row.text(party)[:24]}…）がありません",
                                   "提出した様式にこの行があるなら、印と文言を書き加えてください", (tpl.kind, row.id),
                                   key=True))
    return out


def _score(text: str, row_text: str) -> float:
    return 1.0 if tolerant(text) == tolerant(row_text) else similarity(tolerant(text), tolerant(row_text))


def _by_key(sub: Submitted, party: str, group: str, given: dict[str, object], path: Path_) -> list[Problem]:
    rows = sub.version.rows_in(group)
    tpl = sub.template
    by_slug = {r.slug: r for r in rows} | {r.id: r for r in rows}
    seen: set[str] = set()
    out = []
    default = given.get("*", None)
    for key, raw in given.items():
        if key == "*":
            continue
        row = by_slug.get(key)
        if row is None:
            out.append(Problem("checklist-rows", path + (key,), f"{_where(sub, party, group)} に行「{key}」はありません",
                               did_you_mean(key, [r.slug for r in rows]) or f"行の id: {'、'.join(r.slug for r in rows)}",
                               (tpl.kind,), True))
            continue
        seen.add(row.id)
        _cell(sub, party, row, [r.id for r in rows].index(row.id) + 1, raw, path + (key,))
    for n, row in enumerate(rows, 1):
        if row.id not in seen:  # "*" gives the mark of every row not written; else the cell is blank
            _cell(sub, party, row, n, default, path + ("*",) if "*" in given else path)
    return out


def _cell(sub: Submitted, party: str, row: TemplateRow, number: int, raw: object, path: Path_) -> None:
    text = raw.text if isinstance(raw, RowMark) else None
    mark = raw.mark if isinstance(raw, RowMark) else raw
    sub.cells[(party, row.id)] = SubmittedMark(row, number, None if mark is None else str(mark),
                                               mark_value(mark), text, path)
