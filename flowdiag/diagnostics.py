"""Diagnostics: one message for a person, with file, line and column.

>>> print(Diagnostic("flow.yaml", 3, 5, "error", "不明なキー「nmae」", "name のことですか？"))
flow.yaml:3:5: error: 不明なキー「nmae」 — name のことですか？
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Diagnostic:
    file: str
    line: int | None
    col: int | None
    severity: Severity
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        text = f"{where}: {self.severity}: {self.message}"
        if self.hint:
            text += f" — {self.hint}"
        return text


class FlowError(Exception):
    """Bad input: carries every diagnostic found, so all are shown in one run."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A "did you mean" hint, or "" when nothing is close.

    >>> did_you_mean("contracter", ["ward", "contractor"])
    'contractor のことですか？'
    """
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"{close[0]} のことですか？" if close else ""
