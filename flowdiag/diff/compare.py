"""Compare two flows part by part and list the changes in reading order.

What counts as a change (documented for users in docs/diff.md):

- order of actors, places, data sets, steps and links in the file: no change (steps are ordered
  by their numbers; a different number is a renumbering);
- order of measures, data items, ``data.at`` and the data a step carries: no change;
- order of captions, notes and timings: a change (the chart reads them top to bottom);
- ids: no change by themselves (they are not drawn); a renamed id is matched by name and content.

>>> from flowdiag.load.validate import load_flow
>>> a = load_flow("samples/000-keitai-toilet.yaml")
>>> diff_flows(a, a).summary()
'変更はありません'
"""

from __future__ import annotations

from dataclasses import replace

from ..load.validate import LoadedFlow
from ..model.flow import Actor, Flow, Place
from ..resolve import measure_bullets
from ..wording import GROUP_LABELS
from .changes import ChangeSet, FlowInfo, ModelPath
from .checklists import ChecklistReader, compare_cells, compare_legends, skip_marks
from .generic import key_label, show
from .match import Matching, match_keys
from .steps import StepWalker

GROUPS = tuple(GROUP_LABELS.items())
DOCUMENT_FIELDS = (("number", "資料番号"), ("title", "表題"), ("department", "担当部課"),
                   ("business", "事業名"), ("version", "版"), ("date", "日付"))


def diff_flows(old: LoadedFlow, new: LoadedFlow, checklists: ChecklistReader | None = None) -> ChangeSet:
    """Every change from ``old`` to ``new``, matched by meaning rather than by position.

    ``checklists`` resolves checklist marks to their rows (see checklists.py); without it the
    marks are compared as lists.
    """
    walker = FlowWalker(old, new, checklists)
    walker.run()
    changes = sorted(walker.changes, key=lambda c: c.order)
    return ChangeSet(_info(old), _info(new), tuple(changes))


def _owners(flow: Flow) -> dict[str, int]:
    """The index of the actor that holds each actor or place id."""
    return {node: i for i, actor in enumerate(flow.actors) for node in (actor.id, *(p.id for p in actor.places))}


def _info(loaded: LoadedFlow) -> FlowInfo:
    doc = loaded.flow.document
    return FlowInfo(loaded.file, doc.version, doc.title)


class FlowWalker(StepWalker):
    def __init__(self, old: LoadedFlow, new: LoadedFlow, checklists: ChecklistReader | None = None) -> None:
        super().__init__(old, new, Matching(old.flow, new.flow))
        self.reader = checklists
        self.fo: Flow = old.flow
        self.fn: Flow = new.flow

    def run(self) -> None:
        for section, part in enumerate((self.document, self.actors, self.data, self.steps, self.links, self.notes)):
            self._section = section
            part()

    def notes(self) -> None:
        self.lines("note", "図", "notes", "注記", self.fo.notes, self.fn.notes, ("notes",), ("notes",), ordered=True)
        known = {"flowdiag", "document", "actors", "data", "steps", "links", "notes"}
        if self.reader is None:
            self.extras("other", None, self.fo, self.fn, known, (), ())
        else:
            self.extras("other", None, self.fo, self.fn, known, (), (), skip_marks)
            cells_old, cells_new = self.reader(self.lo), self.reader(self.ln)
            compare_cells(self, cells_old, cells_new)
            compare_legends(self, cells_old, cells_new)
        self._ordered(())

    # -- document

    def document(self) -> None:
        do, dn = self.fo.document, self.fn.document
        for key, label in DOCUMENT_FIELDS:
            self.scalar("document", "文書", key, label, getattr(do, key), getattr(dn, key),
                        ("document", key), ("document", key), mark=key == "title")
        for key in ("size", "orientation"):
            path = ("document", "page", key)
            self.scalar("document", "文書", f"page.{key}", key_label(key), getattr(do.page, key), getattr(dn.page, key),
                        path, path, mark=False)
        self.extras("document", "文書", do, dn, {k for k, _ in DOCUMENT_FIELDS} | {"page"}, ("document",), ("document",))
        self._ordered((0,))

    # -- actors and places

    def actors(self) -> None:
        m = self.m
        back = {j: i for i, j in m.actors.items()}
        place_back = {v: k for k, v in m.places.items()}
        for j, an in enumerate(self.fn.actors):
            base: ModelPath = ("actors", j)
            if j not in back:
                self.add("added", "actor", f"主体「{an.name}」", new=self.new_side(base, an.name), marks=(base,),
                         detail=self._actor_detail(an, self.ln))
                for pj in range(len(an.places)):
                    if (j, pj) in place_back:
                        self._place(place_back[(j, pj)], (j, pj))
                self._ordered((j,))
                continue
            i = back[j]
            ao = self.fo.actors[i]
            subject = f"主体「{an.name}」"
            self._holder("actor", subject, ao, an, ("actors", i), base)
            self.scalar("actor", subject, "kind", "種類", ao.kind, an.kind, ("actors", i, "kind"), base + ("kind",), mark=False)
            self.extras("actor", subject, ao, an, {"id", "name", "kind", "caption", "notes", "measures", "places"},
                        ("actors", i), base)
            for pj in range(len(an.places)):
                if (j, pj) in place_back:
                    self._place(place_back[(j, pj)], (j, pj))
                else:
                    pn = an.places[pj]
                    path = base + ("places", pj)
                    self.add("added", "place", f"場所「{pn.name}」（{an.name}）", new=self.new_side(path, pn.name),
                             marks=(path,), detail=self._holder_detail(pn, self.ln))
            for pi, po in enumerate(ao.places):
                if (i, pi) not in m.places:
                    path = ("actors", i, "places", pi)
                    self.add("removed", "place", f"場所「{po.name}」（{ao.name}）", old=self.old_side(path, po.name),
                             detail=self._holder_detail(po, self.lo))
            self._ordered((j,))
        for i, ao in enumerate(self.fo.actors):
            if i not in m.actors:
                self.add("removed", "actor", f"主体「{ao.name}」", old=self.old_side(("actors", i), ao.name),
                         detail=self._actor_detail(ao, self.lo))
                self._ordered((len(self.fn.actors) + i,))

    def _place(self, old_at: tuple[int, int], new_at: tuple[int, int]) -> None:
        (ai, pi), (aj, pj) = old_at, new_at
        ao, an = self.fo.actors[ai], self.fn.actors[aj]
        po, pn = ao.places[pi], an.places[pj]
        old_base: ModelPath = ("actors", ai, "places", pi)
        base: ModelPath = ("actors", aj, "places", pj)
        subject = f"場所「{pn.name}」（{an.name}）"
        if self.m.actors.get(ai) != aj:
            self.add("changed", "place", subject, "actor", "所属", old=self.old_side(old_base, ao.name),
                     new=self.new_side(base, an.name), marks=(base,))
        self._holder("place", subject, po, pn, old_base, base)
        self.scalar("place", subject, "kind", "種類", po.kind, pn.kind, old_base + ("kind",), base + ("kind",), mark=False)
        self.extras("place", subject, po, pn, {"id", "name", "kind", "caption", "notes", "measures"}, old_base, base)

    def _holder(self, area: str, subject: str, o: Actor | Place, n: Actor | Place,
                old_base: ModelPath, base: ModelPath) -> None:
        """Name, caption, notes and measures: what actors and places share."""
        self.scalar(area, subject, "name", "名前", o.name, n.name, old_base + ("name",), base + ("name",))
        self.lines(area, subject, "caption", "説明", o.caption, n.caption, old_base + ("caption",), base + ("caption",),
                   ordered=True)
        self.lines(area, subject, "notes", "注記", o.notes, n.notes, old_base + ("notes",), base + ("notes",), ordered=True)
        for group, label in GROUPS:
            self.measures(area, subject, label, getattr(o.measures, group), getattr(n.measures, group),
                          old_base + ("measures", group), base + ("measures", group))

    def _holder_detail(self, h: Actor | Place, side: LoadedFlow) -> tuple[str, ...]:
        out = [f"説明: {show(h.caption)}"] if h.caption else []
        for group, label in GROUPS:
            bullets = measure_bullets(getattr(h.measures, group), side.catalog)
            if bullets:
                out.append(f"{label}: {'、'.join(b.label for b in bullets)}")
        out += [f"注記: {x}" for x in h.notes]
        return tuple(out)

    def _actor_detail(self, a: Actor, side: LoadedFlow) -> tuple[str, ...]:
        out = list(self._holder_detail(a, side))
        for p in a.places:
            inner = self._holder_detail(p, side)
            out.append(f"場所「{p.name}」" + (f"（{' / '.join(inner)}）" if inner else ""))
        return tuple(out)

    # -- data sets

    def data(self) -> None:
        back = {j: i for i, j in self.m.data.items()}
        for j, dn in enumerate(self.fn.data):
            base: ModelPath = ("data", j)
            if j not in back:
                boxes = tuple(base + ("at", k) for k in range(len(dn.at)))
                self.add("added", "data", f"データ「{dn.title}」", new=self.new_side(base, dn.title),
                         marks=(base, *boxes), detail=self._data_detail(dn, self.fn))
                self._ordered((j,))
                continue
            i = back[j]
            do = self.fo.data[i]
            ob: ModelPath = ("data", i)
            subject = f"データ「{dn.title}」"
            self.scalar("data", subject, "title", "名称", do.title, dn.title, ob + ("title",), base + ("title",))
            self.lines("data", subject, "items", "項目", do.items, dn.items, ob + ("items",), base + ("items",),
                       ordered=False)
            self._data_at(subject, do.at, dn.at, ob + ("at",), base + ("at",))
            self.lines("data", subject, "sensitive", "区分", list(do.sensitive), list(dn.sensitive),
                       ob + ("sensitive",), base + ("sensitive",), ordered=False)
            self.lines("data", subject, "notes", "注記", do.notes, dn.notes, ob + ("notes",), base + ("notes",), ordered=True)
            self.extras("data", subject, do, dn, {"id", "title", "items", "at", "sensitive", "notes"}, ob, base)
            self._ordered((j,))
        for i, do in enumerate(self.fo.data):
            if i not in self.m.data:
                self.add("removed", "data", f"データ「{do.title}」", old=self.old_side(("data", i), do.title),
                         removed_line=f"データ「{do.title}」（{'、'.join(do.items)}）" if do.items else None,
                         detail=self._data_detail(do, self.fo))
                self._ordered((len(self.fn.data) + i,))

    def _data_at(self, subject: str, olds: list[str], news: list[str], old_base: ModelPath, new_base: ModelPath) -> None:
        """Where a data box is drawn. A box now shown at an actor that did not show it before is marked at
        ``("data", j, "at", k)``: an entry added there, or a place that moved there with its box (that
        mark joins the place's change of actor, so the list names the move once)."""
        owner_o = _owners(self.fo)
        owner_n = _owners(self.fn)
        before = {self.m.actors.get(owner_o[x]) for x in olds if x in owner_o}
        mapped = [self.m.node_map.get(x, "\0" + x) for x in olds]
        pairs = match_keys(mapped, news)
        got_o = {i for i, _ in pairs}
        got_n = {j for _, j in pairs}
        for i, ref in enumerate(olds):
            if i not in got_o:
                self.add("removed", "data", subject, "at", "表示場所",
                         old=self.old_side(old_base + (i,), self.names_old.get(ref, ref)))
        for k, ref in enumerate(news):
            new_box = owner_n.get(ref) not in before
            if k not in got_n:
                self.add("added", "data", subject, "at", "表示場所", new=self.new_side(new_base + (k,), self.names_new.get(ref, ref)),
                         marks=(new_base + (k,),) if new_box else ())
            elif new_box:
                self._join_place_move(ref, new_base + (k,))

    def _join_place_move(self, ref: str, mark: ModelPath) -> None:
        """Add ``mark`` to the change that moved place ``ref`` to another actor."""
        for n, c in enumerate(self.changes):
            if c.area == "place" and c.field == "actor" and c.new is not None and len(c.new.path) == 4:
                _, aj, _, pj = c.new.path
                if self.fn.actors[int(aj)].places[int(pj)].id == ref:
                    self.changes[n] = replace(c, marks=c.marks + (mark,))
                    return

    def _data_detail(self, d, flow: Flow) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
        names = self.names_old if flow is self.fo else self.names_new
        out = [f"項目: {'、'.join(d.items)}"] if d.items else []
        if d.at:
            out.append(f"表示場所: {'、'.join(names.get(x, x) for x in d.at)}")
        if d.sensitive:
            out.append(f"区分: {'、'.join(d.sensitive)}")
        return tuple(out)

    # -- links

    def links(self) -> None:
        back = {j: i for i, j in self.m.links.items()}

        def describe(link, names) -> str:  # type: ignore[no-untyped-def]
            a, b = (names.get(x, x) for x in link.between)
            return f"回線「{link.label or link.channel}」（{a}―{b}）"

        for j, ln in enumerate(self.fn.links):
            base: ModelPath = ("links", j)
            subject = describe(ln, self.names_new)
            if j not in back:
                self.add("added", "link", subject, new=self.new_side(base, ln.label or ln.channel), marks=(base,))
                self._ordered((j,))
                continue
            i = back[j]
            lo = self.fo.links[i]
            ob: ModelPath = ("links", i)
            ends_o = {self.m.node_map.get(x, "\0" + x) for x in lo.between}
            if ends_o != set(ln.between):
                self.add("changed", "link", subject, "between", "結ぶ主体",
                         old=self.old_side(ob + ("between",), "・".join(self.names_old.get(x, x) for x in lo.between)),
                         new=self.new_side(base + ("between",), "・".join(self.names_new.get(x, x) for x in ln.between)),
                         marks=(base,))
            for key, label in (("channel", "経路"), ("encrypted", "暗号化"), ("label", "表示")):
                self.scalar("link", subject, key, label, getattr(lo, key), getattr(ln, key), ob + (key,), base + (key,),
                            mark=base)
            self.lines("link", subject, "notes", "注記", lo.notes, ln.notes, ob + ("notes",), base + ("notes",), ordered=True)
            self.extras("link", subject, lo, ln, {"id", "between", "channel", "encrypted", "label", "notes"}, ob, base)
            self._ordered((j,))
        for i, lo in enumerate(self.fo.links):
            if i not in self.m.links:
                self.add("removed", "link", describe(lo, self.names_old), old=self.old_side(("links", i), lo.label or lo.channel))
                self._ordered((len(self.fn.links) + i,))

