"""One build for the live preview: load the flow, check it, render the chart as SVG.

Only the public entry points of the stages are used (``load_flow``, ``check_loaded``,
``render``), so the preview draws exactly what ``flowdiag render`` draws.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, FlowError
from ..load.validate import LoadedFlow, load_flow
from .watch import Snapshot

Prepare = Callable[[LoadedFlow], LoadedFlow]


def _problem(d: Diagnostic, source: str) -> dict[str, Any]:
    return {"source": source, "severity": d.severity, "line": d.line, "col": d.col, "message": d.message,
            "hint": d.hint, "rule": None, "text": str(d)}


def build(path: Path, prepare: Prepare | None = None) -> Snapshot:
    """Load, check and render ``path``; a file that does not load gives its errors and no chart."""
    from ..check.engine import check_loaded
    from ..render.pipeline import RenderOptions, render

    try:
        loaded = load_flow(path, path.name)
    except FlowError as exc:
        return Snapshot(ok=False, problems=[_problem(d, "load") for d in exc.diagnostics])
    problems = [_problem(d, "load") for d in loaded.warnings]
    for f in check_loaded(loaded).findings:
        problems.append({"source": "check", "severity": f.severity, "line": f.line, "col": f.col,
                         "message": f.message, "hint": f.hint, "rule": f.rule, "waived": f.waived,
                         "text": f.text()})
    try:
        drawn = prepare(loaded) if prepare else loaded
        result = render(drawn, "svg", RenderOptions())
    except FlowError as exc:
        return Snapshot(ok=False, problems=problems + [_problem(d, "render") for d in exc.diagnostics])
    for w in result.warnings:
        problems.append({"source": "render", "severity": "warning", "line": None, "col": None, "message": w,
                         "hint": "", "rule": None, "text": w})
    return Snapshot(ok=True, svg=result.data.decode("utf-8"), problems=problems)
