"""Checklist marks compared row by row, when the caller can say which row each mark is.

A checklist's marks are written in the order of the form's rows, and the form has versions
(令和7年度 added two rows to checklist 5). Compared by position, a new version would look like
every row after the third changed. The diff therefore takes an optional *reader* that resolves
each mark to its row (:func:`checklist_cells`, read from the resolve stage); rows are then matched by
their stable id, a new row of the template is an addition, and a run of rows that changed the
same way (all 11 system rows from － to ○) is one change that names its rows.

Without a reader, marks are compared as plain lists (see generic.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..load.validate import LoadedFlow
from ..resolve import resolve
from ..wording import GROUP_LABELS
from .changes import ModelPath

MARK_JA = {"yes": "○", "dash": "－", "blank": "（空欄）"}


@dataclass(frozen=True)
class ChecklistCell:
    """One submitted mark, resolved to its row.

    ``key`` identifies the row across versions: (checklist kind, occurrence, party, row id).
    ``value`` is yes / dash / blank / unknown; ``raw`` the mark as written.
    """

    key: tuple[str, int, str, str]
    checklist: str  # チェックリスト5（業務委託）
    party: str  # 委託にあたり区が行う情報保護対策
    group: str  # 【運用上の対策】
    number: int  # row number in its group on the form
    row: str  # the row's short name (特定相手以外の通信不可)
    raw: str | None
    value: str
    path: ModelPath
    text: str | None = None  # the row's wording as submitted, when it differs from the template

    @property
    def shown(self) -> str:
        return MARK_JA.get(self.value, self.raw or "（空欄）")


ChecklistReader = Callable[[LoadedFlow], list[ChecklistCell]]


def checklist_cells(loaded: LoadedFlow) -> list[ChecklistCell]:
    """Every submitted checklist mark resolved to its row (by the resolve stage).

    Groups read only in order (a different number of rows and no wording to match them by) keep
    their rows' ids too, so a change is still told by row.

    >>> from flowdiag.load.validate import load_flow
    >>> cells = checklist_cells(load_flow("samples/001-seikatsu-hogo.yaml"))
    >>> len(cells), cells[0].checklist, cells[0].shown
    (48, 'チェックリスト5（業務委託）', '○')
    """
    out: list[ChecklistCell] = []
    seen: dict[str, int] = {}
    for sub in resolve(loaded).submitted:
        tpl = sub.template
        occurrence = seen[tpl.kind] = seen.get(tpl.kind, -1) + 1
        for (party, row_id), cell in sub.cells.items():
            out.append(ChecklistCell((tpl.kind, occurrence, party, row_id), tpl.label, tpl.parties[party],
                                     GROUP_LABELS[cell.row.group], cell.number, cell.row.short(), cell.raw, cell.value,
                                     cell.path, cell.text))
    return out

SKIPPED_FIELDS = ("ward", "partner")
"""Fields of ``packet.checklists[i]`` compared here instead of in generic.py."""


def skip_marks(path: ModelPath) -> bool:
    """True for the mark lists of a checklist (``("packet", "checklists", i, "ward")``)."""
    return len(path) == 4 and path[:2] == ("packet", "checklists") and path[3] in SKIPPED_FIELDS


def _run_label(run: list[ChecklistCell], total: int) -> str:
    first, last = run[0], run[-1]
    where = f"{first.party}{first.group}"
    if len(run) == 1:
        return f"{where}{first.number}「{first.row}」"
    span = "全行" if len(run) == total else f"{first.number}〜{last.number}"
    return f"{where}{span}（{first.row}〜{last.row}）"


def compare_cells(walker, old: list[ChecklistCell], new: list[ChecklistCell]) -> None:  # type: ignore[no-untyped-def]
    """Add the changes between two lists of cells to ``walker`` (a diff Walker)."""
    by_old = {c.key: c for c in old}
    by_new = {c.key: c for c in new}
    totals: dict[tuple[object, ...], int] = {}
    for c in new:
        g = (c.key[0], c.key[1], c.key[2], c.group)
        totals[g] = totals.get(g, 0) + 1
    runs: list[list[tuple[ChecklistCell, ChecklistCell]]] = []
    for n in new:
        o = by_old.get(n.key)
        if o is None:
            walker.add("added", "packet", n.checklist, "checklist", f"{n.party}{n.group}{n.number}「{n.row}」",
                       new=walker.new_side(n.path, n.shown), marks=(n.path,))
            continue
        if o.text != n.text:
            walker.add("changed", "packet", n.checklist, "checklist.text", f"{n.party}{n.group}{n.number}「{n.row}」の文言",
                       old=walker.old_side(o.path, o.text or "（ひな形どおり）"),
                       new=walker.new_side(n.path, n.text or "（ひな形どおり）"), marks=(n.path,))
        if o.value == n.value:
            continue
        last = runs[-1][-1] if runs else None
        if (last and last[1].key[:3] == n.key[:3] and last[1].group == n.group and last[1].number + 1 == n.number
                and (last[0].value, last[1].value) == (o.value, n.value)):
            runs[-1].append((o, n))
        else:
            runs.append([(o, n)])
    for run in runs:
        o, n = run[0]
        cells = [x for _, x in run]
        total = totals[(n.key[0], n.key[1], n.key[2], n.group)]
        detail = tuple(f"{x.number} {x.row}" for x in cells) if len(cells) > 1 else ()
        walker.add("changed", "packet", n.checklist, "checklist", _run_label(cells, total),
                   old=walker.old_side(o.path, o.shown), new=walker.new_side(n.path, n.shown),
                   marks=tuple(x.path for x in cells), detail=detail)
    for o in old:
        if o.key not in by_new:
            walker.add("removed", "packet", o.checklist, "checklist", f"{o.party}{o.group}{o.number}「{o.row}」",
                       old=walker.old_side(o.path, o.shown))


def compare_legends(walker, old: list[ChecklistCell], new: list[ChecklistCell]) -> None:  # type: ignore[no-untyped-def]
    """The legend's 「－」 as submitted (``legend_dash``), per checklist and party, matched like the rows."""
    def sides(cells: list[ChecklistCell]) -> dict[tuple[str, int, str], ChecklistCell]:
        return {c.key[:3]: c for c in reversed(cells)}  # the first cell of each checklist and party

    def dash(flow, cell: ChecklistCell) -> tuple[ModelPath, str | None]:  # type: ignore[no-untyped-def]
        i, party = int(cell.path[2]), str(cell.path[3])
        marks = getattr(flow.packet.checklists[i], party)
        return ("packet", "checklists", i, party, "legend_dash"), marks.legend_dash if marks else None

    by_old = sides(old)
    for key, n in sides(new).items():
        o = by_old.get(key)
        if o is None:
            continue
        (po, vo), (pn, vn) = dash(walker.fo, o), dash(walker.fn, n)
        if vo != vn:
            where = pn if vn is not None else pn[:4]
            walker.add("changed", "packet", n.checklist, "checklist.legend", f"{n.party}の凡例の「－」",
                       old=walker.old_side(po if vo is not None else po[:4], vo or "（ひな形どおり）"),
                       new=walker.new_side(where, vn or "（ひな形どおり）"), marks=(where,))
