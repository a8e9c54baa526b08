"""The author's placement (``layout:`` in the flow) as an arrangement tree.

``columns`` runs left to right, a list inside it top to bottom, a list inside that left to right
again; ``rows`` starts top to bottom. Actors the author did not name are left out of the tree: the
placement search adds them where they read best.

>>> from flowdiag.model.flow import Layout
>>> str(layout_tree(Layout(columns=["ward", "co", ["cloud", "res"]])))
'[ward | co | (cloud / res)]'
>>> str(layout_tree(Layout(rows=[["ward", "co"], "res"])))
'([ward | co] / res)'
>>> layout_tree(Layout()) is None
True
"""

from __future__ import annotations

from ..model.flow import Flow, Layout
from .arrange import H, L, Node, V


def _cells(cells: list[object], kind: str) -> Node:
    other = "v" if kind == "h" else "h"
    kids = [L(c) if isinstance(c, str) else _cells(list(c), other) for c in cells]  # type: ignore[call-overload]
    return H(*kids) if kind == "h" else V(*kids)


def layout_tree(layout: Layout) -> Node | None:
    if layout.columns:
        return _cells(list(layout.columns), "h")
    if layout.rows:
        return _cells(list(layout.rows), "v")
    return None


def hint_tree(flow: Flow) -> Node | None:
    """The arrangement the flow asks for, or None for an automatic one."""
    return layout_tree(flow.layout)
