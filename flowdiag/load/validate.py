"""Turn parsed YAML into a Flow: YAML, schema and reference errors of a file all at once, with positions.

Each stage goes on as far as the rest can still be checked: values refused while reading the YAML
(a tag, a control character, a duplicate key), the schema (unknown keys, wrong types) and the
references (unknown actors, places, data, catalog ids) are all reported in one run, in file order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..catalog import Catalog, load_catalog
from ..diagnostics import Diagnostic, FlowError
from ..model.flow import Flow
from .layout_refs import check_layout
from .references import check_references
from .schema_errors import schema_diagnostics
from .yaml_source import MAX_STEPS, Path_, YamlDoc, read_yaml_file, read_yaml_text


@dataclass
class LoadedFlow:
    """A valid flow with where it came from (for positions in later messages)."""

    flow: Flow
    doc: YamlDoc
    catalog: Catalog
    warnings: list[Diagnostic] = field(default_factory=list)

    @property
    def file(self) -> str:
        return self.doc.file


def load_flow(path: Path | str, display: str | None = None) -> LoadedFlow:
    """Read a flow file; raise FlowError with every problem found."""
    p = Path(path)
    doc = read_yaml_file(p, display or str(path), keep_going=True)
    return build_flow(doc)


def load_flow_text(text: str, file: str = "<text>") -> LoadedFlow:
    """Same as load_flow for YAML already in memory (tests, git revisions).

    >>> load_flow_text("flowdiag: 1\\ndocument: {number: 1, title: t, titel: x}\\nactors: [{id: a, name: A}]\\n"
    ...                "steps: [{number: 1, from: a, to: b, text: x, channel: phone}]\\n", "f.yaml")
    Traceback (most recent call last):
    ...
    flowdiag.diagnostics.FlowError: f.yaml:2:33: error: 不明なキー「titel」です — title のことですか？
    f.yaml:4:34: error: 主体・場所「b」が定義されていません — 定義されている主体・場所: a
    f.yaml:4:55: error: channel「phone」は stencils にありません — 使える id: hand、mail、post、window、tel、fax、web、email、lgwan、internet、vpn、closed（日本語の自由記述も書けます）
    """
    return build_flow(read_yaml_text(text, file, keep_going=True))


def build_flow(doc: YamlDoc) -> LoadedFlow:
    if not isinstance(doc.data, dict):
        kind = "リスト" if isinstance(doc.data, list) else "値"
        raise FlowError(doc.errors or [doc.diag((), f"ファイルの最上位が{kind}です",
                                                "最上位は「flowdiag: 1」「document:」「actors:」などのキーで始めてください")])
    if "flowdiag" not in doc.data:
        raise FlowError(doc.errors + [doc.diag((), "flowdiag: 1 の行がありません（フロー定義ファイルではないようです）",
                                               "ファイルの先頭に「flowdiag: 1」と書いてください")])
    steps = doc.data.get("steps")
    if isinstance(steps, list) and len(steps) > MAX_STEPS:
        raise FlowError([doc.diag(("steps",), f"ステップが多すぎます（{len(steps):,} 個。1つの図は {MAX_STEPS:,} 個まで）",
                                  "業務・期間ごとにファイルを分けてください（A4 1枚で読める大きさに描けるのは"
                                  " 60 ステップ程度です）", key=True)])
    stages: list[list[Diagnostic]] = [list(doc.errors)]
    flow: Flow | None = None
    try:
        flow = Flow.model_validate(doc.data)
    except ValidationError as exc:
        stages.append(schema_diagnostics(exc, doc))
    catalog = load_catalog()
    stages.append(check_blanks(doc))
    refs, warnings = check_references(doc, catalog)
    stages.append(refs)
    if flow is not None:
        stages.append(check_layout(flow, doc))
    problems = _merge(stages)
    if problems or flow is None:
        raise FlowError(sorted(problems + warnings, key=_order))
    return LoadedFlow(flow, doc, catalog, list(doc.warnings) + warnings)


def _order(d: Diagnostic) -> tuple[int, int]:
    return (d.line or 0, d.col or 0)


def _merge(stages: list[list[Diagnostic]]) -> list[Diagnostic]:
    """Every stage's errors, leaving out a later stage's error at a position an earlier stage already
    reported (a refused tag is not also "empty"; a bad id is not also "unknown")."""
    out: list[Diagnostic] = []
    taken: set[tuple[int | None, int | None]] = set()
    for stage in stages:
        fresh = [d for d in stage if (d.line, d.col) not in taken or d.line is None]
        out += fresh
        taken |= {(d.line, d.col) for d in fresh}
    return out


# ---------------------------------------------------------------- blank text

# Texts drawn as a heading or a box title: a blank one is a mistake (an empty box, a missing title).
_REQUIRED_TEXT = {("document", "number"): "資料番号", ("document", "title"): "表題", ("actors", "*", "name"): "主体の名前",
                  ("actors", "*", "places", "*", "name"): "場所の名前", ("data", "*", "title"): "データの題名",
                  ("links", "*", "channel"): "回線の名前"}
# Lists of lines: a blank entry would draw an empty line or a lone bullet "・".
_LINE_KEYS = {"caption", "notes", "items", "timing", "medium", "channel", "operational", "system", "measures"}
_LINE_PARENTS = {"actors", "places", "data", "steps", "links", "measures", None}


def _blank(value: Any) -> bool:
    return isinstance(value, str) and not value.strip()


def check_blanks(doc: YamlDoc) -> list[Diagnostic]:
    """Empty or whitespace-only texts where something must be drawn, with their positions.

    Optional single texts (``via: ""`` hides the medium line) are left alone.
    """
    out: list[Diagnostic] = []

    def walk(value: Any, path: Path_) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, path + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, path + (i,))
        elif _blank(value):
            pattern = tuple("*" if isinstance(p, int) else p for p in path)
            if pattern in _REQUIRED_TEXT:
                out.append(doc.diag(path, f"{_REQUIRED_TEXT[pattern]}（{path[-1]}）が空です", "内容を書いてください"))
                return
            keys = [p for p in path if isinstance(p, str)]
            if not keys or keys[0] == "packet":
                return
            key = keys[-1]
            parent = keys[-2] if len(keys) > 1 else None
            if key in _LINE_KEYS and parent in _LINE_PARENTS:
                what = f"{key} の{path[-1] + 1}番目" if isinstance(path[-1], int) else key
                out.append(doc.diag(path, f"「{what}」が空です", "内容を書くか、この行を削除してください"))

    walk(doc.data, ())
    return out


