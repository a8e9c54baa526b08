"""Findings as text (``FILE:LINE:COL: severity: message [RULE]``), JSON and SARIF 2.1.0."""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from .. import __version__
from ..diagnostics import Diagnostic
from .engine import CheckResult
from .findings import FAMILIES, RULES, Finding

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def summary_line(results: list[CheckResult], unreadable: list[int] | None = None) -> str:
    """One closing line: counts by severity, waived findings apart; ``unreadable`` holds the number
    of errors of each file that could not be read (they count as errors, and are named).

    >>> summary_line([])
    '0 ファイル: エラー 0、警告 0、情報 0'
    >>> summary_line([], [3])
    '1 ファイル（読み込めないファイル 1）: エラー 3、警告 0、情報 0'
    """
    bad = unreadable or []
    active = [f for r in results for f in r.active()]
    waived = sum(1 for r in results for f in r.findings if f.waived is not None)
    counts = {s: sum(1 for f in active if f.severity == s) for s in ("error", "warning", "info")}
    counts["error"] += sum(bad)
    files = f"{len(results) + len(bad)} ファイル" + (f"（読み込めないファイル {len(bad)}）" if bad else "")
    text = f"{files}: エラー {counts['error']}、警告 {counts['warning']}、情報 {counts['info']}"
    if waived:
        text += f"（承知済み {waived}）"
    return text


def to_text(results: list[CheckResult], hints: bool = True, unreadable: list[int] | None = None) -> str:
    lines = [f.text(hints) for r in results for f in r.findings]
    lines.append(summary_line(results, unreadable))
    return "\n".join(lines) + "\n"


def _finding_json(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "severity": f.severity,
        "message": f.message,
        "hint": f.hint,
        "file": f.file,
        "line": f.line,
        "column": f.col,
        "targets": list(f.targets),
        "waived": None if f.waived is None else {"reason": f.waived, "line": f.waiver_line},
    }


def _diagnostic_json(d: Diagnostic) -> dict[str, Any]:
    return {"severity": d.severity, "message": d.message, "hint": d.hint, "file": d.file, "line": d.line,
            "column": d.col}


def to_json(results: list[CheckResult], load_errors: list[list[Diagnostic]] | None = None) -> str:
    """The findings as JSON; the files that could not be read are listed with what is wrong in them."""
    doc: dict[str, Any] = {
        "tool": "flowdiag",
        "version": __version__,
        "files": [{"file": r.file, "findings": [_finding_json(f) for f in r.findings]} for r in results],
        "unreadable_files": [{"file": ds[0].file if ds else "", "diagnostics": [_diagnostic_json(d) for d in ds]}
                             for ds in load_errors or []],
        "summary": {s: sum(1 for r in results for f in r.active() if f.severity == s)
                    for s in ("error", "warning", "info")}
                   | {"waived": sum(1 for r in results for f in r.findings if f.waived is not None),
                      "unreadable": len(load_errors or [])},
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _uri(path: str) -> str:
    """A SARIF artifact URI: a relative reference for a relative name (a ``:`` in it is encoded, so
    ``javascript:alert(1).yaml`` cannot become a URI with a scheme), ``file:`` for an absolute one.

    >>> _uri("javascript:alert(1).yaml"), _uri("flows/区.yaml")
    ('javascript%3Aalert%281%29.yaml', 'flows/%E5%8C%BA.yaml')
    >>> _uri("/home/a b/f.yaml")
    'file:///home/a%20b/f.yaml'
    """
    p = PurePath(path)
    if p.is_absolute():
        return "file://" + ("" if p.as_posix().startswith("/") else "/") + quote(p.as_posix(), safe="/:")
    return quote(p.as_posix(), safe="/._-~")


LOAD_RULE = "load-error"
"""The rule id of a file that could not be read (YAML, schema or reference errors) in SARIF."""


def to_sarif(results: list[CheckResult], load_errors: list[list[Diagnostic]] | None = None) -> str:
    """A SARIF 2.1.0 log: one run, every rule described, waived findings as in-source suppressions.
    A file that could not be read is never a clean result: its errors are results of the rule
    ``load-error`` and the run's invocation says it did not succeed."""
    rule_ids = list(RULES)
    rules = []
    for rid in rule_ids:
        r = RULES[rid]
        rules.append({
            "id": rid,
            "name": rid.replace("-", "_"),
            "shortDescription": {"text": r.title},
            "fullDescription": {"text": r.description},
            "defaultConfiguration": {"level": SARIF_LEVEL[r.severity]},
            "help": {"text": r.description,
                     "markdown": f"{r.description}\n\n誤り:\n\n```yaml\n{r.wrong}```\n\n正しい例:\n\n```yaml\n{r.right}```"},
            "properties": {"family": FAMILIES[r.family]},
        })
    rules.append({"id": LOAD_RULE, "name": "load_error", "shortDescription": {"text": "フロー定義を読み込めない"},
                  "fullDescription": {"text": "YAML の書き方、キー、値、id の参照の誤りで、ファイルを点検できませんでした。"
                                              "誤りを直してから点検してください。"},
                  "defaultConfiguration": {"level": "error"}})
    out_results = []
    artifacts: list[str] = []
    for ds in load_errors or []:
        for d in ds:
            if d.file not in artifacts:
                artifacts.append(d.file)
            where: dict[str, Any] = {"artifactLocation": {"uri": _uri(d.file), "index": artifacts.index(d.file)}}
            if d.line is not None:
                where["region"] = {"startLine": d.line} | ({"startColumn": d.col} if d.col is not None else {})
            out_results.append({"ruleId": LOAD_RULE, "ruleIndex": len(rules) - 1, "level": SARIF_LEVEL[d.severity],
                                "message": {"text": d.message + (f" — {d.hint}" if d.hint else "")},
                                "locations": [{"physicalLocation": where}]})
    for res in results:
        if res.file not in artifacts:
            artifacts.append(res.file)
        for f in res.findings:
            loc: dict[str, Any] = {"artifactLocation": {"uri": _uri(f.file), "index": artifacts.index(res.file)}}
            if f.line is not None:
                region: dict[str, Any] = {"startLine": f.line}
                if f.col is not None:
                    region["startColumn"] = f.col
                loc["region"] = region
            item: dict[str, Any] = {
                "ruleId": f.rule,
                "ruleIndex": rule_ids.index(f.rule),
                "level": SARIF_LEVEL[f.severity],
                "message": {"text": f.message + (f" — {f.hint}" if f.hint else "")},
                "locations": [{"physicalLocation": loc}],
            }
            if f.targets:
                item["properties"] = {"targets": list(f.targets)}
            if f.waived is not None:
                item["suppressions"] = [{"kind": "inSource", "justification": f.waived}]
            out_results.append(item)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "flowdiag", "version": __version__, "semanticVersion": __version__,
                                "rules": rules}},
            "artifacts": [{"location": {"uri": _uri(a)}} for a in artifacts],
            "columnKind": "unicodeCodePoints",
            "invocations": [{"executionSuccessful": not load_errors}],
            "results": out_results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
