"""The three checklists as data (stencils/checklists/*.yaml): rows, groups, both forms, versions.

>>> t = load_templates()
>>> [t[k].number for k in ("電算処理", "外部結合", "業務委託")]
[3, 4, 5]
>>> old, new = t["業務委託"].version("令和6年度"), t["業務委託"].version(None)
>>> len(old.rows_in("operational")), len(new.rows_in("operational")), new.name
(11, 13, '令和7年度')
>>> t["外部結合"].version("令和6年度").name   # only one version known: it applies
'令和7年度'
>>> t["業務委託"].rows["itaku.op_locked_bag"].text("partner")
'個人情報を手交する場合は、鍵付きカバン等を使用して運搬させる。'
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from ..catalog import read_stencil, stencils_dir
from ..model import dates

PARTY_LABELS = {"ward": "区", "partner": "相手方"}
ORDER = ("電算処理", "外部結合", "業務委託")


@dataclass(frozen=True)
class TemplateRow:
    id: str
    group: str
    ward: str
    partner: str
    labels: tuple[str, ...] = ()
    draw: tuple[str, ...] = ()

    def text(self, party: str) -> str:
        return self.ward if party == "ward" else self.partner

    @property
    def slug(self) -> str:
        return self.id.split(".", 1)[1]

    def short(self) -> str:
        """A short name for messages: the first chart label, or the sentence's start."""
        if self.labels:
            return self.labels[0]
        return self.ward[:24] + "…"


@dataclass(frozen=True)
class TemplateVersion:
    name: str
    row_ids: tuple[str, ...]
    template: ChecklistTemplate = field(repr=False, compare=False)

    def rows_in(self, group: str) -> list[TemplateRow]:
        return [self.template.rows[r] for r in self.row_ids if self.template.rows[r].group == group]

    def number_of(self, row_id: str) -> int:
        """1-based position of a row inside its group, as on the form."""
        group = self.template.rows[row_id].group
        return [r.id for r in self.rows_in(group)].index(row_id) + 1


@dataclass
class ChecklistTemplate:
    key: str
    number: int
    kind: str
    title: str
    subtitle: str
    legend: tuple[str, ...]
    column: str
    parties: dict[str, str]
    partner_kinds: tuple[str, ...]
    rows: dict[str, TemplateRow] = field(default_factory=dict)
    versions: list[TemplateVersion] = field(default_factory=list)

    @property
    def label(self) -> str:
        """チェックリスト5（業務委託）"""
        return f"チェックリスト{self.number}（{self.kind}）"

    def version(self, name: str | None) -> TemplateVersion:
        """The version in force for ``name`` (a fiscal year such as 令和6年度): the latest one not
        newer than it, else the oldest known; the newest when ``name`` is None."""
        if name is None:
            return self.versions[-1]
        for v in self.versions:
            if v.name == name.strip():
                return v
        year = fiscal_year(name)
        if year is None:
            raise KeyError(name)
        fitting = [v for v in self.versions if (fiscal_year(v.name) or 0) <= year]
        return fitting[-1] if fitting else self.versions[0]

    def version_names(self) -> list[str]:
        return [v.name for v in self.versions]


def fiscal_year(text: str) -> int | None:
    """Western year of a 年度 written as 令和6年度, R6, 2024年度 or 令和6年度第1回 (the 和暦 parser's).

    >>> fiscal_year("令和6年度第1回"), fiscal_year("R7"), fiscal_year("2025年度"), fiscal_year("新しい版")
    (2024, 2025, 2025, None)
    """
    fy = dates.fiscal_year(text)
    return fy[0].year if fy else None


def checklists_dir() -> Path:
    return stencils_dir() / "checklists"


@functools.lru_cache(maxsize=2)
def load_templates(folder: str | None = None) -> dict[str, ChecklistTemplate]:
    """Every checklist template by kind (業務委託, 外部結合, 電算処理), read once per process."""
    base = Path(folder) if folder else checklists_dir()
    out: dict[str, ChecklistTemplate] = {}
    for path in sorted(base.glob("*.yaml")):
        data = read_stencil(path)
        try:
            tpl = ChecklistTemplate(
                key=data["key"], number=int(data["number"]), kind=data["kind"], title=data["title"],
                subtitle=data.get("subtitle") or "", legend=tuple(data.get("legend") or ()),
                column=data.get("column") or "情報保護対策", parties=dict(data["parties"]),
                partner_kinds=tuple(data.get("partner_kinds") or ("contractor",)))
            for r in data["rows"]:
                labels = tuple(r.get("labels") or ())
                tpl.rows[r["id"]] = TemplateRow(r["id"], r["group"], r["ward"], r["partner"], labels,
                                                tuple(r.get("draw") or labels[:1]))
            for v in data["versions"]:
                ids = tuple(v["rows"])
                unknown = [i for i in ids if i not in tpl.rows]
                if unknown:
                    raise KeyError(f"version {v['name']} lists unknown rows {unknown}")
                tpl.versions.append(TemplateVersion(str(v["name"]), ids, tpl))
        except (KeyError, TypeError, ValueError) as exc:  # a broken bundled template is a packaging bug
            raise RuntimeError(f"checklist template {path} is malformed: {exc!r}") from exc
        out[tpl.kind] = tpl
    return {k: out[k] for k in ORDER if k in out}


def all_row_ids() -> dict[str, ChecklistTemplate]:
    """Every row id of every checklist, with its template."""
    return {rid: t for t in load_templates().values() for rid in t.rows}
