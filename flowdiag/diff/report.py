"""The change list as text (Japanese, one change a line, with file:line in OLD and NEW) and as JSON.

>>> from flowdiag.load.validate import load_flow
>>> a = load_flow("samples/000-keitai-toilet.yaml")
>>> print(text_report(diff_flows(a, a)))
旧: samples/000-keitai-toilet.yaml（令和6年度第1回）
新: samples/000-keitai-toilet.yaml（令和6年度第1回）
<BLANKLINE>
変更はありません
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ..diagnostics import one_line
from .changes import KIND_JA, Change, ChangeSet, FlowInfo, Side
from .compare import diff_flows
from .marks import caption, render_marks

SECTION_JA = {"document": "文書情報", "actor": "主体・場所", "place": "主体・場所", "data": "データ",
              "step": "ステップ", "link": "回線", "note": "注記・その他", "other": "注記・その他",
              "packet": "付議事項（様式・チェックリスト）"}

Style = Callable[[str, str], str]


def _plain(text: str, _kind: str) -> str:
    return text


def side_title(info: FlowInfo) -> str:
    return info.file + (f"（{info.version}）" if info.version else "")


def renumber_line(changes: list[Change]) -> str:
    """All renumberings as one line: ``③→④、④→⑤（2 ステップ）``."""
    pairs = "、".join(f"{c.old.value if c.old else ''}→{c.new.value if c.new else ''}" for c in changes)
    return f"{pairs}（{len(changes)} ステップ）"


def text_report(cs: ChangeSet, style: Style = _plain) -> str:
    """The change list for people: sections, one line per change, details indented.

    ``style(text, kind)`` may colour the kind word (the CLI does on a terminal).
    """
    out = [f"旧: {one_line(side_title(cs.old))}", f"新: {one_line(side_title(cs.new))}", ""]
    if not cs:
        out.append(cs.summary())
        return "\n".join(out)
    section = None
    renumbered = cs.of_kind("renumbered")
    for c in cs.changes:  # user text is made one line (one_line) before the style's colours are added
        name = SECTION_JA.get(c.area, "注記・その他")
        if name != section:
            if section is not None:
                out.append("")
            out.append(f"■ {name}")
            section = name
        if c.kind == "renumbered":
            if c is renumbered[0]:
                out.append(f"{style(KIND_JA['renumbered'], 'renumbered')} 振り直し {one_line(renumber_line(renumbered))}")
                for r in renumbered:
                    out.append(one_line(f"    {r.old.value if r.old else ''}→{r.new.value if r.new else ''} "
                                        f"{r.subject.removeprefix('ステップ')}  ({r.where()})"))
            continue
        kind = KIND_JA[c.kind]
        line = c.headline().removeprefix(kind + " ")
        out.append(f"{style(kind, c.kind)} {one_line(line)}  ({one_line(c.where())})")
        out.extend(f"    {one_line(d)}" for d in c.detail)
    out += ["", f"計: {cs.summary()}"]
    return "\n".join(out)


def _side(s: Side | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {"file": s.file, "line": s.line, "path": list(s.path), "value": s.value}


def change_dict(c: Change) -> dict[str, Any]:
    return {
        "kind": c.kind, "area": c.area, "subject": c.subject, "field": c.field, "field_label": c.field_label,
        "text": c.headline(), "old": _side(c.old), "new": _side(c.new), "detail": list(c.detail),
        "marks": [list(m) for m in c.marks], "removed_line": c.removed_line,
    }


def json_report(cs: ChangeSet, since_label: str | None = None) -> str:
    """Machine-readable: every change with both sides, plus the render marks."""
    rm = render_marks(cs, since_label)
    counts = cs.counts()
    counts["renumbered"] = len(cs.of_kind("renumbered"))
    data = {
        "format": "flowdiag-diff",
        "format_version": 1,
        "old": {"file": cs.old.file, "version": cs.old.version, "title": cs.old.title},
        "new": {"file": cs.new.file, "version": cs.new.version, "title": cs.new.title},
        "changed": bool(cs),
        "summary": counts,
        "summary_text": cs.summary(),
        "changes": [change_dict(c) for c in cs.changes],
        "render": {
            "marks": sorted([list(m) for m in rm.paths], key=lambda p: [(0, x) if isinstance(x, int) else (1, x) for x in p]),
            "words": [{"path": list(path), "text": value, "changed": [value[a:b] for a, b in ranges],
                       "ranges": [list(r) for r in ranges]} for path, value, ranges in rm.words],
            "removed": list(rm.removed),
            "since_label": rm.since_label,
            "caption": caption(rm.since_label),
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


__all__ = ["diff_flows", "json_report", "renumber_line", "side_title", "text_report"]
