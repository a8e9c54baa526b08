"""The filled checklists in the form's layout: one sheet per checklist and party, marks and wording as
submitted (printed by ``flowdiag checklist`` and ``flowdiag packet``).

>>> sheets = blank_sheets("業務委託", "令和6年度")
>>> [(s.party, len(s.rows)) for s in sheets]
[('ward', 22), ('partner', 22)]
>>> from dataclasses import replace
>>> sheets[0].legend[1], replace(sheets[0], legend_dash="－").legend[1]
('・対策の必要がない場合は「-」', '・対策の必要がない場合は「－」')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..model.packet import DASH_MARKS
from ..wording import GROUP_LABELS
from .checklists import Submitted
from .templates import ChecklistTemplate, TemplateVersion, load_templates


@dataclass(frozen=True)
class SheetRow:
    group: str
    number: int
    mark: str  # as submitted ("" = blank)
    text: str
    row_id: str


@dataclass(frozen=True)
class Sheet:
    template: ChecklistTemplate
    version: TemplateVersion
    party: str
    rows: tuple[SheetRow, ...]
    legend_dash: str | None = None  # the legend's 「－」 as submitted (None: the template's)

    @property
    def legend(self) -> tuple[str, ...]:
        """The legend as printed: the template's, with its 「－」 spelled as submitted."""
        if not self.legend_dash:
            return self.template.legend
        dash = re.compile("「[" + re.escape("".join(sorted(DASH_MARKS))) + "]」")
        return tuple(dash.sub(f"「{self.legend_dash}」", line) for line in self.template.legend)

    @property
    def heading(self) -> str:
        return f"{self.template.number} {self.template.title}"

    def group_label(self, group: str) -> str:
        return f"{self.template.parties[self.party]} {GROUP_LABELS[group]}"


def sheets_of(resolved: Any) -> list[Sheet]:
    """The sheets of every checklist a flow's packet carries (``resolved.submitted``), in the form's order."""
    order = {k: i for i, k in enumerate(load_templates())}
    out = []
    submitted: list[Submitted] = resolved.submitted
    for sub in sorted(submitted, key=lambda s: (order[s.template.kind], s.index)):
        for party in sub.parties:
            rows = []
            for group in ("operational", "system"):
                for n, row in enumerate(sub.version.rows_in(group), 1):
                    cell = sub.cells.get((party, row.id))
                    mark = "" if cell is None or cell.raw is None else cell.raw
                    text = cell.text if cell is not None and cell.text else row.text(party)
                    rows.append(SheetRow(group, n, mark, text, row.id))
            marks = getattr(sub.marks, party)
            out.append(Sheet(sub.template, sub.version, party, tuple(rows), marks.legend_dash if marks else None))
    return out


def blank_sheets(kind: str | None = None, version: str | None = None) -> list[Sheet]:
    """Empty sheets of the templates (all three, or one kind), to see the rows and their ids."""
    out = []
    for tpl in load_templates().values():
        if kind is not None and tpl.kind != kind:
            continue
        v = tpl.version(version)
        for party in ("ward", "partner"):
            rows = [SheetRow(g, n, "", r.text(party), r.id) for g in ("operational", "system")
                    for n, r in enumerate(v.rows_in(g), 1)]
            out.append(Sheet(tpl, v, party, tuple(rows)))
    return out
