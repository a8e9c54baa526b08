"""References in ``layout:``: every name an actor (not a place), each at most once, and either
``columns`` or ``rows``.

>>> from flowdiag.load.validate import load_flow_text
>>> from flowdiag.diagnostics import FlowError
>>> try:
...     load_flow_text('''
... flowdiag: 1
... document: {number: 資料1-1, title: 例}
... actors: [{id: ward, name: 区, places: [{id: host, name: ホスト}]}, {id: co, name: 委託先}]
... layout: {columns: [ward, [co, ward], host]}
... ''')
... except FlowError as e:
...     print(e)
<text>:5:31: error: layout に「ward」が2回あります — 1つの主体は1か所にだけ書いてください
<text>:5:38: error: layout の「host」は場所です — layout には主体（actors）の id を書いてください
"""

from __future__ import annotations

from typing import Any

from ..diagnostics import Diagnostic, did_you_mean
from ..model.flow import Flow

PathT = tuple[Any, ...]


def check_layout(flow: Flow, doc: Any) -> list[Diagnostic]:
    layout = flow.layout
    out: list[Diagnostic] = []
    if layout.columns and layout.rows:
        out.append(doc.diag(("layout", "rows"), "layout に columns と rows の両方があります",
                            "列から始めるなら columns、段から始めるなら rows のどちらか一方にしてください"))
    actors = {a.id for a in flow.actors}
    places = {p.id for a in flow.actors for p in a.places}
    seen: set[str] = set()
    key = "columns" if layout.columns else "rows"

    def walk(cells: list[Any], path: PathT) -> None:
        for i, cell in enumerate(cells):
            if isinstance(cell, list):
                walk(cell, path + (i,))
                continue
            where = path + (i,)
            if cell in places:
                out.append(doc.diag(where, f"layout の「{cell}」は場所です",
                                    "layout には主体（actors）の id を書いてください"))
            elif cell not in actors:
                hint = did_you_mean(cell, actors) or "actors の id を書いてください: " + "、".join(sorted(actors))
                out.append(doc.diag(where, f"layout の「{cell}」という主体はありません", hint))
            elif cell in seen:
                out.append(doc.diag(where, f"layout に「{cell}」が2回あります", "1つの主体は1か所にだけ書いてください"))
            seen.add(cell)

    walk(list(layout.columns or layout.rows or []), ("layout", key))
    for ai, actor in enumerate(flow.actors):
        ref = actor.measures.same_as
        if ref is not None and ref not in actors:
            out.append(doc.diag(("actors", ai, "measures", "same_as"), f"same_as の「{ref}」という主体はありません",
                                did_you_mean(ref, actors) or "保護対策が同じ主体の id を書いてください"))
        elif ref == actor.id:
            out.append(doc.diag(("actors", ai, "measures", "same_as"), "same_as に自分自身が書かれています",
                                "保護対策が同じ別の主体の id を書いてください"))
    return out
