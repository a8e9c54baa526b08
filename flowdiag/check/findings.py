"""Findings and the rule registry.

A rule has a stable id, a default severity, a Japanese title and description, and a wrong
and a right example flow (the examples are the rule's tests and its documentation).

>>> f = Finding("number-gap", "warning", "ステップ③がありません", "f.yaml", 12, 5)
>>> f.text()
'f.yaml:12:5: warning: ステップ③がありません [number-gap]'
>>> f.waive("提出済みの図のとおり").text()
'f.yaml:12:5: warning: ステップ③がありません [number-gap] （承知済み: 提出済みの図のとおり）'
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..diagnostics import Severity, format_line, one_line

if TYPE_CHECKING:
    from .context import Context

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
SEVERITY_JA = {"error": "エラー", "warning": "警告", "info": "情報"}


WARD_AND_CONTRACTOR = """flowdiag: 1
document: {number: 資料1-1, title: 例}
actors:
  - {id: ward, name: 新宿区, kind: ward}
  - {id: contractor, name: 委託事業者, kind: contractor}
data:
  - {id: list, title: 対象者情報, items: [氏名, 住所], at: ward}
"""
"""The head of the rule examples about data handed from the ward to a contractor (steps follow)."""


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    file: str
    line: int | None = None
    col: int | None = None
    hint: str = ""
    targets: tuple[str, ...] = ()
    waived: str | None = None  # the waiver's reason
    waiver_line: int | None = None

    def where(self) -> str:
        out = self.file
        if self.line is not None:
            out += f":{self.line}"
            if self.col is not None:
                out += f":{self.col}"
        return out

    def text(self, hints: bool = False) -> str:
        out = format_line(self.file, self.line, self.col, self.severity, self.message, tail=f" [{self.rule}]")
        if self.waived is not None:
            out += f" （承知済み: {one_line(self.waived)}）"
        if hints and self.hint:
            out += f"\n    → {one_line(self.hint)}"
        return out

    def waive(self, reason: str, line: int | None = None) -> Finding:
        return dataclasses.replace(self, waived=reason, waiver_line=line)


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    family: str
    title: str
    description: str
    wrong: str
    right: str
    check: Callable[[Context], list[Finding]] = field(repr=False, compare=False)


RULES: dict[str, Rule] = {}

FAMILIES = {
    "numbering": "ステップ番号 / Step numbers",
    "lifecycle": "返却・消去 / Return and erasure",
    "media": "媒体の受け渡し / Handing over media",
    "network": "回線・クラウド / Lines and cloud services",
    "subcontract": "再委託・要配慮 / Subcontracting and sensitive data",
    "devices": "端末・電話 / Devices carried around and phone calls",
    "forms": "図と様式 / Chart vs forms",
    "measures": "図とカタログ / Chart vs catalog",
    "checklists": "図とチェックリスト / Chart vs checklists",
    "structure": "使われていない要素 / Unused parts",
    "packet": "付議事項の全体 / Across the packet",
    "text": "文の表記 / Wording of free text",
    "waivers": "承知（waivers）",
}


def rule(id: str, severity: Severity, family: str, title: str, description: str, wrong: str,
         right: str) -> Callable[[Callable[[Context], list[Finding]]], Callable[[Context], list[Finding]]]:
    """Register a rule function (it returns the findings of this rule for one flow)."""
    if family not in FAMILIES:
        raise ValueError(family)

    def register(fn: Callable[[Context], list[Finding]]) -> Callable[[Context], list[Finding]]:
        if id in RULES:
            raise ValueError(f"rule {id} registered twice")
        RULES[id] = Rule(id, severity, family, title, description.strip(), wrong.strip() + "\n",
                         right.strip() + "\n", fn)
        return fn

    return register
