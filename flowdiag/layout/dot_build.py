"""Flow → Graphviz DOT: the 資料X-1 layout.

The chart reads left to right like the hand-drawn originals: every actor is a column
(a cluster holding its places, actions, data sets and measure lists, top to bottom in
time order), and every movement between two actors is a label node in the gap between
their columns, stacked in step order, with an arrow from one column to the other.
The order inside each column and gap is pinned with invisible flat edges, so ``dot``
never has to search for it: layout time grows about linearly with the number of steps,
and numbers always read top to bottom.

>>> from flowdiag.load.validate import load_flow_text
>>> lf = load_flow_text('''
... flowdiag: 1
... document: {number: 資料1-1, title: 例}
... actors: [{id: ward, name: 区}, {id: co, name: 委託先}]
... steps: [{number: 1, from: ward, to: co, text: 提供}]
... ''')
>>> src = build_dot(lf.flow, lf.catalog)
>>> 'lbl_s1 -> ' in src and 'cluster_ward' in src
True
"""

from __future__ import annotations

from dataclasses import dataclass, field

import graphviz

from ..catalog import Catalog
from ..model.flow import Actor, Flow, Place, Step
from ..model.marks import NO_MARKS, Marks
from ..model.numbers import numbers_label
from ..resolve import Bullet, measure_bullets, via_text
from . import style as S
from .html import bullet_cell, table, text_cell
from .text import NUMBER_SEP, Span, escape, wrap

LATE = 1e9  # order key for things drawn after every step (measure lists, notes)


@dataclass
class Column:
    """What goes in one actor's column, each with an order key (step index) and DOT name."""

    actor: Actor
    index: int
    items: list[tuple[float, int, str]] = field(default_factory=list)
    nodes: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def add(self, key: float, name: str, attrs: dict[str, str]) -> None:
        self.items.append((key, len(self.items), name))
        self.nodes.append((name, attrs))


def step_ids(flow: Flow) -> list[str]:
    """A DOT-safe, stable name for each step: its ``id``, else its numbers (s2p for ②′)."""
    seen: dict[str, int] = {}
    out = []
    for step in flow.steps:
        base = step.id or "s" + "_".join(n.plain() for n in step.number)
        seen[base] = seen.get(base, 0) + 1
        out.append(base if seen[base] == 1 else f"{base}_{seen[base]}")
    return out


@dataclass(frozen=True)
class LayoutParams:
    """Choices the page fitting tries: an actor's two measure lists side by side (a wider,
    shorter column) or stacked (narrower, taller)."""

    stack_measures: bool = False
    narrow: bool = False  # narrower text columns: more lines, less width


def build_dot(flow: Flow, catalog: Catalog, marks: Marks = NO_MARKS, params: LayoutParams = LayoutParams()) -> str:
    """The DOT source of the chart (deterministic: same flow, same text)."""
    return _Builder(flow, catalog, marks, params).build()


class _Builder:
    def __init__(self, flow: Flow, catalog: Catalog, marks: Marks, params: LayoutParams) -> None:
        self.params = params
        shrink = 0.75 if params.narrow else 1.0
        self.step_em = S.STEP_EM * shrink
        self.action_em = S.ACTION_EM * shrink
        self.place_em = S.PLACE_EM * shrink
        self.data_em = S.DATA_EM * shrink
        self.measure_em = S.MEASURE_EM * (0.85 if params.narrow else 1.0)
        self.flow = flow
        self.catalog = catalog
        self.marks = marks
        self.owner = flow.owner()
        self.col_of = {a.id: i for i, a in enumerate(flow.actors)}
        self.cols = [Column(a, i) for i, a in enumerate(flow.actors)]
        self.sids = step_ids(flow)
        self.gaps: dict[int, list[tuple[float, int, str]]] = {}
        self.gap_nodes: list[tuple[str, dict[str, str]]] = []
        self.edges: list[tuple[str, str, dict[str, str]]] = []
        self.actor_index = {a.id: i for i, a in enumerate(flow.actors)}
        self.place_index = {p.id: (i, j) for i, a in enumerate(flow.actors) for j, p in enumerate(a.places)}

    # ------------------------------------------------------------------ structure
    def build(self) -> str:
        g = graphviz.Digraph("flow", graph_attr=S.GRAPH, node_attr=S.NODE, edge_attr=S.EDGE)
        first_step = self._first_steps()
        for col in self.cols:
            self._fill_column(col, first_step)
        for si, step in enumerate(self.flow.steps):
            if step.at is None:
                self._movement(si, step)
        for li, link in enumerate(self.flow.links):
            self._link(li, link.between[0], link.between[1])
        for col in self.cols:
            self._emit_column(g, col)
        for gi in range(len(self.cols) - 1):
            self.gap_nodes.append((f"gap_{gi}_spacer", {"shape": "point", "style": "invis", "width": "0.01",
                                                         "height": "0.01", "label": ""}))
            self.gaps.setdefault(gi, []).append((-LATE, len(self.gap_nodes), f"gap_{gi}_spacer"))
        self._emit_gaps(g)
        # keep the columns in declared order: column → gap spacer → next column. (dot's default
        # ranking collapses clusters, so a direct minlen=2 edge between two columns is not kept.)
        heads = [self._head(c) for c in self.cols]
        for gi, (a, b) in enumerate(zip(heads, heads[1:], strict=False)):
            if a and b:
                g.edge(a, f"gap_{gi}_spacer", style="invis")
                g.edge(f"gap_{gi}_spacer", b, style="invis")
        for tail, head, attrs in self.edges:
            g.edge(tail, head, **attrs)
        return g.source

    def _first_steps(self) -> dict[str, int]:
        """The first step index that touches each actor/place id."""
        out: dict[str, int] = {}
        for si, step in enumerate(self.flow.steps):
            for ref in (step.at, step.from_, step.to):
                if ref is not None:
                    out.setdefault(ref, si)
        return out

    def _fill_column(self, col: Column, first_step: dict[str, int]) -> None:
        actor = col.actor
        ai = self.actor_index[actor.id]
        goods = [(pj, p) for pj, p in enumerate(actor.places) if p.kind == "goods" and p.id not in first_step]
        for pj, place in enumerate(actor.places):
            if (pj, place) in goods:
                continue
            key = first_step.get(place.id, LATE / 2 + pj)
            col.add(key, f"place_{place.id}", self._place_node(place, ("actors", ai, "places", pj)))
        if goods:
            col.add(LATE / 2 + goods[0][0], f"goods_{actor.id}", self._goods_node(goods, ai))
        for si, step in enumerate(self.flow.steps):
            if step.at == actor.id:
                col.add(si, f"act_{self.sids[si]}", self._action_node(si, step))
        for di, ds in enumerate(self.flow.data):
            if actor.id in ds.at or any(p.id in ds.at for p in actor.places):
                carried = [si for si, s in enumerate(self.flow.steps) if ds.id in s.data]
                key = (carried[0] + 0.5) if carried else LATE / 4 + di
                col.add(key, f"data_{ds.id}_{actor.id}", self._data_node(di))
        groups = [(g, measure_bullets(getattr(actor.measures, g), self.catalog)) for g in ("operational", "system")]
        groups = [(g, b) for g, b in groups if b]
        if groups and self.params.stack_measures:
            for k, group in enumerate(groups):
                col.add(LATE + k, f"meas_{actor.id}_{group[0]}", self._measures_node([group], ("actors", ai, "measures")))
        elif groups:
            col.add(LATE, f"meas_{actor.id}", self._measures_node(groups, ("actors", ai, "measures")))
        if actor.notes:
            spans = [s for k, n in enumerate(actor.notes) for s in ((n, ("actors", ai, "notes", k)), ("\n", None))][:-1]
            col.add(LATE + 2, f"note_{actor.id}", {"label": "<" + table([
                "<TR>" + text_cell(spans, S.NOTE_EM, self.marks, size=S.NOTE_PT) + "</TR>"]) + ">", "shape": "plain"})

    def _endpoint(self, si: int, ref: str, side: str) -> tuple[str, str | None]:
        """The DOT node an arrow starts/ends at, and the cluster to clip it at (for actors)."""
        if ref in self.col_of:  # an actor: a point of its own in the actor's column
            name = f"anc_{self.sids[si]}_{side}"
            self.cols[self.col_of[ref]].add(si, name, {"shape": "point", "width": "0.01", "height": "0.01",
                                                        "style": "invis", "label": ""})
            return name, f"cluster_{ref}"
        return f"place_{ref}", None

    def _movement(self, si: int, step: Step) -> None:
        assert step.from_ is not None and step.to is not None
        a = self.owner[step.from_].id
        b = self.owner[step.to].id
        ca, cb = self.col_of[a], self.col_of[b]
        tail, tail_cl = self._endpoint(si, step.from_, "from")
        head, head_cl = self._endpoint(si, step.to, "to")
        sid = self.sids[si]
        label = self._step_label(si, step)
        if ca == cb:  # within one actor: a direct arrow with its label
            # xlabel, not label: dot 2.43 crashes on some labelled edges inside a cluster
            attrs = {"id": f"e_{sid}", "xlabel": label, "constraint": "false"}
            self.edges.append((tail, head, attrs))
            return
        lbl = f"lbl_{sid}"
        self.gap_nodes.append((lbl, {"id": lbl, "label": label, "shape": "plain"}))
        self.gaps.setdefault(min(ca, cb), []).append((si, len(self.gap_nodes), lbl))
        left, left_cl, right, right_cl = (tail, tail_cl, head, head_cl) if ca < cb else (head, head_cl, tail, tail_cl)
        forward = ca < cb
        e1: dict[str, str] = {"id": f"e_{sid}_1", "weight": "8"}
        e2: dict[str, str] = {"id": f"e_{sid}_2", "weight": "8"}
        if forward:
            e1["arrowhead"] = "none"
        else:
            e1.update(dir="back", arrowtail="normal")
            e2["arrowhead"] = "none"
        if left_cl:
            e1["ltail"] = left_cl
        if right_cl:
            e2["lhead"] = right_cl
        self.edges.append((left, lbl, e1))
        self.edges.append((lbl, right, e2))

    def _link(self, li: int, x: str, y: str) -> None:
        link = self.flow.links[li]
        a, b = self.owner[x].id, self.owner[y].id
        ca, cb = self.col_of[a], self.col_of[b]
        if ca == cb:
            return
        if ca > cb:
            x, y, ca, cb = y, x, cb, ca
        text = link.label if link.label is not None else link.channel + ("通信暗号化" if link.encrypted else "")
        label = "<" + table(["<TR>" + text_cell([(text, ("links", li))], self.step_em, self.marks, size=S.STEP_PT,
                                                bold=True, align="CENTER") + "</TR>"]) + ">"
        name = f"link_{link.id or li}"
        self.gap_nodes.append((name, {"id": name, "label": label, "shape": "plain"}))
        touching = [si for si, s in enumerate(self.flow.steps) if {s.from_, s.to} & {x, y}]
        self.gaps.setdefault(ca, []).append(((touching[0] - 0.5) if touching else -1, len(self.gap_nodes), name))
        left, lcl = self._endpoint_link(li, x, "a")
        right, rcl = self._endpoint_link(li, y, "b")
        common = {"arrowhead": "none", "penwidth": "3", "color": S.LINK_COLOR, "weight": "4"}
        self.edges.append((left, name, {"id": f"{name}_1", **common, **({"ltail": lcl} if lcl else {})}))
        self.edges.append((name, right, {"id": f"{name}_2", **common, **({"lhead": rcl} if rcl else {})}))

    def _endpoint_link(self, li: int, ref: str, side: str) -> tuple[str, str | None]:
        if ref in self.col_of:
            name = f"anc_link{li}_{side}"
            touching = [si for si, s in enumerate(self.flow.steps) if ref in (s.from_, s.to)]
            self.cols[self.col_of[ref]].add((touching[0] - 0.5) if touching else -1, name,
                                            {"shape": "point", "width": "0.01", "height": "0.01", "style": "invis",
                                             "label": ""})
            return name, f"cluster_{ref}"
        return f"place_{ref}", None

    def _head(self, col: Column) -> str | None:
        return min(col.items)[2] if col.items else None

    def _emit_column(self, g: graphviz.Digraph, col: Column) -> None:
        actor = col.actor
        ai = self.actor_index[actor.id]
        fill, pen = S.ACTOR_COLORS.get(actor.kind, S.ACTOR_COLORS["other"])
        spans: list[Span] = [(actor.name, ("actors", ai, "name"))]
        rows = ["<TR>" + text_cell(spans, S.ACTOR_EM, self.marks, size=S.ACTOR_PT, bold=True, align="CENTER") + "</TR>"]
        for k, cap in enumerate(actor.caption):
            rows.append("<TR>" + text_cell([(cap, ("actors", ai, "caption", k))], S.CAPTION_EM, self.marks,
                                           size=S.CAPTION_PT, align="CENTER") + "</TR>")
        with g.subgraph(name=f"cluster_{actor.id}") as c:
            c.attr(id=f"cluster_{actor.id}", label="<" + table(rows) + ">", style="rounded,filled",
                   fillcolor=fill, color=pen, penwidth="1.6", labelloc="t", margin="10")
            if not col.items:
                c.node(f"empty_{actor.id}", label="", shape="point", style="invis", width="0.01")
                col.add(0, f"empty_{actor.id}", {})
            for name, attrs in col.nodes:
                if attrs:
                    c.node(name, **{"id": name, **attrs})
            ordered = [name for _, _, name in sorted(col.items)]
            with c.subgraph(name=f"rank_{actor.id}") as r:
                r.attr(rank="same")
                for name in ordered:
                    r.node(name)
            for a, b in zip(ordered, ordered[1:], strict=False):
                c.edge(b, a, style="invis")  # in LR a flat edge b->a draws a above b

    def _emit_gaps(self, g: graphviz.Digraph) -> None:
        for name, attrs in self.gap_nodes:
            g.node(name, **attrs)
        for gap in sorted(self.gaps):
            ordered = [name for _, _, name in sorted(self.gaps[gap])]
            with g.subgraph(name=f"gap_{gap}") as r:
                r.attr(rank="same")
                for name in ordered:
                    r.node(name)
            for a, b in zip(ordered, ordered[1:], strict=False):
                g.edge(a, b, style="invis")

    # ------------------------------------------------------------------ labels
    def _step_spans(self, si: int, step: Step) -> list[Span]:
        base = ("steps", si)
        spans: list[Span] = [(numbers_label(step.number, NUMBER_SEP), base + ("number",)), (step.text, base + ("text",))]
        for k, t in enumerate(step.timing):
            spans.append((f"({t})", base + ("timing", k)))
        via = via_text(step, self.catalog)
        if via:
            spans += [("\n", None), (via, base + ("via",))]
        return spans

    def _extras(self, si: int, step: Step) -> list[str]:
        """Rows under a step's text: its measures (boxed) and notes."""
        rows = []
        bullets = measure_bullets(step.measures, self.catalog)
        if bullets:
            rows.append("<TR>" + self._bullets(bullets, ("steps", si, "measures"), S.MEASURE_BOX) + "</TR>")
        for k, note in enumerate(step.notes):
            rows.append("<TR>" + text_cell([(note, ("steps", si, "notes", k))], S.NOTE_EM, self.marks,
                                           size=S.NOTE_PT) + "</TR>")
        return rows

    def _step_label(self, si: int, step: Step) -> str:
        rows = ["<TR>" + text_cell(self._step_spans(si, step), self.step_em, self.marks, size=S.STEP_PT) + "</TR>"]
        rows += self._extras(si, step)
        return "<" + table(rows, spacing=2, padding=1) + ">"

    def _carried(self, si: int, step: Step, em: float) -> list[str]:
        """Items of the data an action works on (``show_items: true``), unless a box of that data
        set is already drawn in the same actor."""
        if not step.show_items:
            return []
        actor = self.owner[step.at or ""].id
        rows = []
        for ref in step.data:
            di = next(i for i, d in enumerate(self.flow.data) if d.id == ref)
            ds = self.flow.data[di]
            shown = {self.owner[x].id for x in ds.at if x in self.owner}
            if actor in shown or not ds.items:
                continue
            spans: list[Span] = [(item + ("、" if k < len(ds.items) - 1 else ""), ("data", di, "items", k))
                                 for k, item in enumerate(ds.items)]
            rows.append("<TR>" + text_cell(spans, em, self.marks, size=S.DATA_PT) + "</TR>")
        return rows

    def _action_node(self, si: int, step: Step) -> dict[str, str]:
        rows = ["<TR>" + text_cell(self._step_spans(si, step), self.action_em, self.marks, size=S.STEP_PT) + "</TR>"]
        rows += self._carried(si, step, self.action_em)
        rows += self._extras(si, step)
        return {"label": "<" + table(rows, spacing=2, padding=1) + ">", "shape": "plain"}

    def _place_node(self, place: Place, path: tuple[str | int, ...]) -> dict[str, str]:
        rows = ["<TR>" + text_cell([(place.name, path + ("name",))], self.place_em, self.marks, size=S.PLACE_PT,
                                   bold=True, align="CENTER") + "</TR>"]
        for k, cap in enumerate(place.caption):
            rows.append("<TR>" + text_cell([(cap, path + ("caption", k))], self.place_em, self.marks,
                                           size=S.CAPTION_PT, align="CENTER") + "</TR>")
        for si, step in enumerate(self.flow.steps):
            if step.at == place.id:
                rows.append("<TR>" + text_cell(self._step_spans(si, step), self.place_em, self.marks,
                                               size=S.STEP_PT) + "</TR>")
                rows += self._carried(si, step, self.place_em)
                rows += self._extras(si, step)
        for k, note in enumerate(place.notes):
            rows.append("<TR>" + text_cell([(note, path + ("notes", k))], self.place_em, self.marks,
                                           size=S.NOTE_PT) + "</TR>")
        for group in ("operational", "system"):
            bullets = measure_bullets(getattr(place.measures, group), self.catalog)
            if bullets:
                rows.append("<TR>" + self._bullets(bullets, path + ("measures", group), S.MEASURE_BOX) + "</TR>")
        fill, pen, shape_style = S.PLACE_STYLES.get(place.kind, S.PLACE_STYLES["other"])
        return {"label": "<" + table(rows, padding=1) + ">", "shape": "box", "style": shape_style,
                "fillcolor": fill, "color": pen, "margin": "0.06,0.04"}

    def _data_node(self, di: int) -> dict[str, str]:
        ds = self.flow.data[di]
        path = ("data", di)
        items: list[Span] = []
        for k, item in enumerate(ds.items):
            items.append((item + ("、" if k < len(ds.items) - 1 else ""), path + ("items", k)))
        head = text_cell([(ds.title, path + ("title",))], self.data_em, self.marks, size=S.DATA_PT, bold=True,
                         align="CENTER", extra=f' BGCOLOR="{S.DATA_HEAD}"')
        rows = [f"<TR>{head}</TR>"]
        if items:
            rows.append("<TR>" + text_cell(items, self.data_em, self.marks, size=S.DATA_PT) + "</TR>")
        for k, note in enumerate(ds.notes):
            rows.append("<TR>" + text_cell([(note, path + ("notes", k))], self.data_em, self.marks,
                                           size=S.NOTE_PT) + "</TR>")
        return {"label": "<" + table(rows, border=1, cellborder=0, padding=3, bgcolor=S.DATA_FILL,
                                     color=S.DATA_PEN) + ">", "shape": "plain"}

    def _bullets(self, bullets: list[Bullet], path: tuple[str | int, ...], extra: str = "") -> str:
        return bullet_cell([(b.label, path + (b.index,)) for b in bullets], self.measure_em, self.marks, S.MEASURE_PT,
                           extra)

    def _measures_node(self, groups: list[tuple[str, list[Bullet]]], path: tuple[str | int, ...]) -> dict[str, str]:
        """An actor's measure lists, side by side (operational | system) to keep the column short.

        Cells of one row share a height, so the shorter list sits in the first of several rows
        that the longer list spans: Graphviz shares the extra height among the rows, and the
        shorter list's box stays close to its own height.
        """
        cells = [self._bullets(bullets, path + (group,), S.MEASURE_BOX) for group, bullets in groups]
        if len(cells) == 1:
            return {"label": "<" + table(["<TR>" + cells[0] + "</TR>"], padding=3) + ">", "shape": "plain"}
        sizes = [sum(len(wrap(b.label, self.measure_em - 1)) for b in bullets) for _, bullets in groups]
        long_i = 0 if sizes[0] > sizes[1] else 1
        fill = 8 if min(sizes) < 0.8 * max(sizes) else 0
        span = f' ROWSPAN="{fill + 1}"' if fill else ""
        first = [cells[0], cells[1]]
        first[long_i] = first[long_i].replace("<TD ", f"<TD{span} ", 1)
        rows = ["<TR>" + "".join(first) + "</TR>"] + ['<TR><TD BORDER="0"></TD></TR>'] * fill
        return {"label": "<" + table(rows, spacing=4, padding=3) + ">",
                "shape": "plain"}

    def _goods_node(self, goods: list[tuple[int, Place]], ai: int) -> dict[str, str]:
        """Things handed out (not personal data), drawn as a row of dashed boxes."""
        cells = []
        for pj, place in goods:
            spans: list[Span] = [(place.name, ("actors", ai, "places", pj, "name"))]
            for k, cap in enumerate(place.caption):
                spans += [("\n", None), (cap, ("actors", ai, "places", pj, "caption", k))]
            for k, note in enumerate(place.notes):
                spans += [("\n", None), (note, ("actors", ai, "places", pj, "notes", k))]
            cells.append(text_cell(spans, S.GOODS_EM, self.marks, size=S.PLACE_PT, align="CENTER",
                                   extra=f' BORDER="1" STYLE="dashed" COLOR="{S.GOODS_PEN}" BGCOLOR="#FFFFFF"'))
        return {"label": "<" + table(["<TR>" + "".join(cells) + "</TR>"], spacing=4, padding=4) + ">",
                "shape": "plain"}


__all__ = ["LayoutParams", "build_dot", "step_ids", "escape"]
