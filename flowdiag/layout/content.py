"""What each actor's region holds and what each connection carries, as measured blocks.

Reads the flow (never changes it) and builds, per actor, its header, the items of its main
column in time order (places with their work, actions, data sets, goods, notes) and its
measure lists; and per movement between actors (a step or a network line) its label.
Wrap widths come from :class:`Widths`, which the page fitting varies.

>>> from flowdiag.load.validate import load_flow_text
>>> lf = load_flow_text('''
... flowdiag: 1
... document: {number: 資料1-1, title: 例}
... actors:
...   - {id: ward, name: 区, places: [{id: host, name: ホスト}]}
...   - {id: co, name: 委託先}
... steps:
...   - {number: 1, at: host, text: 抽出}
...   - {number: 2, from: host, to: co, text: 提供, medium: usb, channel: hand}
... ''')
>>> c = build_content(lf.flow, lf.catalog)
>>> [i.kind for i in c.actors["ward"].items], [(k.a, k.pa, k.b, k.pb) for k in c.conns]
(['place'], [('ward', 'host', 'co', None)])
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..catalog import Catalog
from ..model.flow import Actor, Flow, Place, Step
from ..model.ids import step_element_ids
from ..model.marks import NO_MARKS, Marks
from ..model.numbers import numbers_label
from ..resolve import Bullet, measure_bullets, via_text
from . import style as S
from .blocks import Block, Frame, Para, Row, Stack, balanced_columns, bullets
from .text import NUMBER_SEP, Span

LATE = 1e9  # order key for what comes after every step (goods, notes)
REFERENCE = "※保護対策は別紙「保護対策一覧」のとおり"
NARROW_EM = 8.0  # labels of arrows that run up or down stand side by side: narrower


@dataclass(frozen=True)
class Widths:
    """Wrap widths in em; the page fitting tries narrower and wider ones."""

    step: float = S.STEP_EM
    action: float = S.ACTION_EM
    place: float = S.PLACE_EM
    data: float = S.DATA_EM
    measure: float = S.MEASURE_EM


@dataclass
class ItemSpec:
    """One block of an actor's main column."""

    order: float
    kind: str  # place | action | data | goods | note | inner (the label of a step within the actor)
    block: Block
    ref: str | None = None  # the place id arrows attach to (an inner label: its connection's id)


@dataclass
class ActorContent:
    actor: Actor
    index: int
    header: Block
    items: list[ItemSpec] = field(default_factory=list)
    lists: list[Block] = field(default_factory=list)  # 【運用上の対策】, 【システム上の対策】
    columns: Block | None = None  # the same lists flowed into two balanced columns

    @property
    def small(self) -> bool:
        """Nothing but a name: drawn at its own size, not stretched."""
        return not self.items and not self.lists


@dataclass
class Conn:
    """A movement between two actors: a step's arrow or a network line, with its label."""

    id: str  # the SVG group id prefix: e_<step id> or link_<id>
    kind: str  # step | link
    order: float  # time order
    a: str  # actor at the start
    b: str  # actor at the end
    pa: str | None  # place at the start, or None for the actor itself
    pb: str | None
    label: Block
    narrow: Block  # the label wrapped narrower, for an arrow that runs up or down (labels side by side)


@dataclass
class Content:
    actors: dict[str, ActorContent]
    conns: list[Conn]
    inner: list[Conn]  # steps between two places of one actor

    def only(self, names: set[str]) -> Content:
        """The part of the chart that concerns ``names`` (the arrangement search adds actors one by one)."""
        return Content({a: ac for a, ac in self.actors.items() if a in names},
                       [c for c in self.conns if c.a in names and c.b in names],
                       [c for c in self.inner if c.a in names])


def step_ids(flow: Flow) -> list[str]:
    """A distinct, stable name for each step (its ``id``, else its numbers and occurrence): two steps
    never share one, whatever their numbers (:func:`flowdiag.model.ids.step_element_ids`)."""
    return step_element_ids([(s.id or "", s.number) for s in flow.steps])


def build_content(flow: Flow, catalog: Catalog, marks: Marks = NO_MARKS, widths: Widths = Widths(),
                  with_lists: bool = True) -> Content:
    return _Builder(flow, catalog, marks, widths, with_lists).build()


class _Builder:
    def __init__(self, flow: Flow, catalog: Catalog, marks: Marks, widths: Widths, with_lists: bool) -> None:
        self.flow, self.catalog, self.marks, self.w = flow, catalog, marks, widths
        self.with_lists = with_lists
        self.owner = flow.owner()
        self.sids = step_ids(flow)
        self.data_index = {d.id: i for i, d in enumerate(flow.data)}
        self.names = {a.id: a.name for a in flow.actors}

    def build(self) -> Content:
        first = self._first_steps()
        actors = {a.id: self._actor(ai, a, first) for ai, a in enumerate(self.flow.actors)}
        conns: list[Conn] = []
        inner: list[Conn] = []
        for si, step in enumerate(self.flow.steps):
            if step.at is not None or step.from_ is None or step.to is None:
                continue
            a, b = self.owner[step.from_].id, self.owner[step.to].id
            conn = Conn(f"e_{self.sids[si]}", "step", si, a, b, None if step.from_ == a else step.from_,
                        None if step.to == b else step.to, self._step_label(si, step, self.w.step),
                        self._step_label(si, step, NARROW_EM))
            if a != b:
                conns.append(conn)
                continue
            inner.append(conn)  # within one actor: its label is a block of the region, between its ends
            actors[a].items.append(ItemSpec(si - 0.25, "inner", conn.label, conn.id))
            actors[a].items.sort(key=lambda it: it.order)
        for li, link in enumerate(self.flow.links):
            x, y = link.between
            a, b = self.owner[x].id, self.owner[y].id
            if a == b:
                continue
            touching = [si for si, s in enumerate(self.flow.steps) if {s.from_, s.to} & {x, y}]
            text = link.label if link.label is not None else link.channel + ("通信暗号化" if link.encrypted else "")
            label, narrow = (Para.of([(text, ("links", li))], S.STEP_PT, max_em=em, marks=self.marks, bold=True,
                                     align="center") for em in (self.w.step, NARROW_EM))
            conns.append(Conn(f"link_{link.id or li}", "link", (touching[0] - 0.5) if touching else -1.0, a, b,
                              None if x == a else x, None if y == b else y, label, narrow))
        return Content(actors, conns, inner)

    def _first_steps(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for si, step in enumerate(self.flow.steps):
            for ref in (step.at, step.from_, step.to):
                if ref is not None:
                    out.setdefault(ref, si)
        return out

    # ------------------------------------------------------------------ actors
    def _actor(self, ai: int, actor: Actor, first: dict[str, int]) -> ActorContent:
        head: list[Block] = [Para.of([(actor.name, ("actors", ai, "name"))], S.ACTOR_PT, max_em=S.ACTOR_EM,
                                     marks=self.marks, bold=True, align="center")]
        for k, cap in enumerate(actor.caption):
            head.append(Para.of([(cap, ("actors", ai, "caption", k))], S.CAPTION_PT, max_em=S.CAPTION_EM,
                                marks=self.marks, align="center"))
        content = ActorContent(actor, ai, Stack(head, gap=1, align="center"))
        items = content.items
        goods = [(pj, p) for pj, p in enumerate(actor.places) if p.kind == "goods" and p.id not in first]
        place_ids = {p.id for p in actor.places}
        for pj, place in enumerate(actor.places):
            if (pj, place) in goods:
                continue
            items.append(ItemSpec(first.get(place.id, LATE / 2 + pj), "place", self._place(ai, pj, place),
                                  place.id))
        if goods:
            items.append(ItemSpec(LATE / 2 + goods[0][0], "goods", self._goods(ai, goods)))
        for si, step in enumerate(self.flow.steps):
            if step.at == actor.id:
                items.append(ItemSpec(si, "action", self._action(si, step)))
        for di, ds in enumerate(self.flow.data):
            here = [k for k, ref in enumerate(ds.at) if ref == actor.id or ref in place_ids]
            if not here:
                continue
            carried = [si for si, s in enumerate(self.flow.steps) if ds.id in s.data]
            at_place = [ds.at[k] for k in here if ds.at[k] in place_ids]
            if at_place and at_place[0] in first:
                order = first[at_place[0]] + 0.5  # under its place
            else:
                order = (carried[0] + 0.5) if carried else LATE / 4 + di
            items.append(ItemSpec(order, "data", self._data(di, [("data", di, "at", k) for k in here])))
        if actor.notes:
            spans: list[Span] = []
            for k, n in enumerate(actor.notes):
                spans += [(n, ("actors", ai, "notes", k)), ("\n", None)]
            items.append(ItemSpec(LATE + 2, "note", Para.of(spans[:-1], S.NOTE_PT, max_em=S.NOTE_EM, marks=self.marks)))
        lists: list[Block] = []
        same = actor.measures.same_as
        if same is not None and same in self.names:
            path: tuple[str | int, ...] = ("actors", ai, "measures", "same_as")
            lists.append(Frame(bullets([(f"保護対策は{self.names[same]}と同様", path)], S.MEASURE_PT, self.w.measure,
                                       self.marks), pad=3, stroke=S.MEASURE_PEN, fill=S.MEASURE_FILL))
        for group in ("operational", "system"):
            bl = measure_bullets(getattr(actor.measures, group), self.catalog)
            if bl:
                lists.append(self._bullets(bl, ("actors", ai, "measures", group)))
        if self.with_lists:
            content.lists = lists
            content.columns = balanced_columns(lists, S.ITEM_GAP)
        elif lists:  # the lists are on the second page: say so where they would be
            items.append(ItemSpec(LATE + 3, "note", Para.of([(REFERENCE, None)], S.NOTE_PT, max_em=S.NOTE_EM)))
        items.sort(key=lambda it: it.order)
        return content

    def _bullets(self, bl: list[Bullet], path: tuple[str | int, ...]) -> Frame:
        para = bullets([(b.label, path + (b.index,)) for b in bl], S.MEASURE_PT, self.w.measure, self.marks)
        return Frame(para, pad=3, stroke=S.MEASURE_PEN, fill=S.MEASURE_FILL)

    def _place(self, ai: int, pj: int, place: Place) -> Frame:
        path: tuple[str | int, ...] = ("actors", ai, "places", pj)
        rows: list[Block] = [Para.of([(place.name, path + ("name",))], S.PLACE_PT, max_em=self.w.place,
                                     marks=self.marks, bold=True, align="center")]
        for k, cap in enumerate(place.caption):
            rows.append(Para.of([(cap, path + ("caption", k))], S.CAPTION_PT, max_em=self.w.place, marks=self.marks,
                                align="center"))
        for si, step in enumerate(self.flow.steps):
            if step.at == place.id:
                rows.append(Para.of(self._step_spans(si, step), S.STEP_PT, max_em=self.w.place, marks=self.marks))
                rows += self._carried(si, step, self.w.place)
                rows += self._extras(si, step)
        for k, note in enumerate(place.notes):
            rows.append(Para.of([(note, path + ("notes", k))], S.NOTE_PT, max_em=self.w.place, marks=self.marks))
        for group in ("operational", "system"):
            bl = measure_bullets(getattr(place.measures, group), self.catalog)
            if bl:
                rows.append(self._bullets(bl, path + ("measures", group)))
        fill, pen, kind = S.PLACE_STYLES.get(place.kind, S.PLACE_STYLES["other"])
        return Frame(Stack(rows, gap=2, align="center"), pad=4, fill=fill, stroke=pen, stroke_width=1.0,
                     radius=0 if kind == "plain" else 6, dashed=kind == "dashed")

    def _goods(self, ai: int, goods: list[tuple[int, Place]]) -> Row:
        cells: list[Block] = []
        for pj, place in goods:
            path: tuple[str | int, ...] = ("actors", ai, "places", pj)
            spans: list[Span] = [(place.name, path + ("name",))]
            for k, cap in enumerate(place.caption):
                spans += [("\n", None), (cap, path + ("caption", k))]
            for k, note in enumerate(place.notes):
                spans += [("\n", None), (note, path + ("notes", k))]
            cells.append(Frame(Para.of(spans, S.PLACE_PT, max_em=S.GOODS_EM, marks=self.marks, align="center"),
                               pad=4, stroke=S.GOODS_PEN, dashed=True))
        return Row(cells, gap=4)

    def _data(self, di: int, at_paths: list[tuple[str | int, ...]]) -> Frame:
        ds = self.flow.data[di]
        path: tuple[str | int, ...] = ("data", di)
        marks = self.marks
        if any(marks.marked(p) for p in at_paths):  # newly shown at this actor: the whole box is a change
            marks = Marks(marks.paths | {path}, marks.removed, marks.since_label, marks.words)
        items: list[Span] = [(item + ("、" if k < len(ds.items) - 1 else ""), path + ("items", k))
                             for k, item in enumerate(ds.items)]
        head = Para.of([(ds.title, path + ("title",))], S.DATA_PT, max_em=self.w.data, marks=marks, bold=True,
                       align="center")
        rows: list[Block] = []
        if items:
            rows.append(Para.of(items, S.DATA_PT, max_em=self.w.data, marks=marks))
        for k, note in enumerate(ds.notes):
            rows.append(Para.of([(note, path + ("notes", k))], S.NOTE_PT, max_em=self.w.data, marks=marks))
        return Frame(Stack(rows, gap=2), pad=3, fill=S.DATA_FILL, stroke=S.DATA_PEN, head=head, head_fill=S.DATA_HEAD)

    # ------------------------------------------------------------------ steps
    def _step_spans(self, si: int, step: Step) -> list[Span]:
        base: tuple[str | int, ...] = ("steps", si)
        spans: list[Span] = [(numbers_label(step.number, NUMBER_SEP), base + ("number",)),
                             (step.text, base + ("text",))]
        for k, t in enumerate(step.timing):
            spans.append((f"({t})", base + ("timing", k)))
        via = via_text(step, self.catalog)
        if via:
            spans += [("\n", None), (via, base + ("via",))]
        return spans

    def _extras(self, si: int, step: Step) -> list[Block]:
        out: list[Block] = []
        bl = measure_bullets(step.measures, self.catalog)
        if bl:
            out.append(self._bullets(bl, ("steps", si, "measures")))
        for k, note in enumerate(step.notes):
            out.append(Para.of([(note, ("steps", si, "notes", k))], S.NOTE_PT, max_em=S.NOTE_EM, marks=self.marks))
        return out

    def _carried(self, si: int, step: Step, em: float) -> list[Block]:
        """Items of the data an action works on (``show_items: true``), unless a box of that data
        set is already drawn at the same actor."""
        if not step.show_items:
            return []
        actor = self.owner[step.at or ""].id
        out: list[Block] = []
        for ref in step.data:
            di = self.data_index[ref]
            ds = self.flow.data[di]
            shown = {self.owner[x].id for x in ds.at if x in self.owner}
            if actor in shown or not ds.items:
                continue
            spans: list[Span] = [(item + ("、" if k < len(ds.items) - 1 else ""), ("data", di, "items", k))
                                 for k, item in enumerate(ds.items)]
            out.append(Para.of(spans, S.DATA_PT, max_em=em, marks=self.marks))
        return out

    def _step_label(self, si: int, step: Step, em: float) -> Block:
        rows: list[Block] = [Para.of(self._step_spans(si, step), S.STEP_PT, max_em=em, marks=self.marks)]
        return Stack(rows + self._extras(si, step), gap=2)

    def _action(self, si: int, step: Step) -> Block:
        rows: list[Block] = [Para.of(self._step_spans(si, step), S.STEP_PT, max_em=self.w.action, marks=self.marks)]
        return Stack(rows + self._carried(si, step, self.w.action) + self._extras(si, step), gap=2)
