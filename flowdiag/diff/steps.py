"""Steps: matched by what they are, compared field by field; renumbering is reported once.

A step that keeps its content but gets a new number (because one was inserted before it) is a
renumbering, not a change of the step: the report shows one 番号 line (③→④、④→⑤、…) and the
chart marks only the numbers.
"""

from __future__ import annotations

from ..load.validate import LoadedFlow
from ..model.flow import Flow, Step
from ..model.numbers import numbers_label
from ..resolve import measure_bullets, step_channels, step_media, via_text
from .changes import ModelPath
from .generic import show
from .match import Matching
from .walk import Walker

STEP_FIELDS = {"number", "id", "text", "from_", "to", "at", "timing", "medium", "channel", "encrypted", "via",
               "returns", "data", "show_items", "measures", "notes"}


def node_names(flow: Flow) -> dict[str, str]:
    """Display names of actors and places by id."""
    return {k: v.name for k, v in flow.nodes().items()}


class StepWalker(Walker):
    def __init__(self, old: LoadedFlow, new: LoadedFlow, matching: Matching) -> None:
        super().__init__(old, new)
        self.m = matching
        self.names_old = node_names(old.flow)
        self.names_new = node_names(new.flow)
        self.titles_old = {d.id: d.title for d in old.flow.data}
        self.titles_new = {d.id: d.title for d in new.flow.data}

    def route(self, step: Step, names: dict[str, str]) -> str:
        """「新宿区から委託事業者へ」 or 「ホストコンピューターで」."""
        if step.at:
            return f"{names.get(step.at, step.at)}で"
        return f"{names.get(step.from_ or '', step.from_)}から{names.get(step.to or '', step.to)}へ"

    def steps(self) -> None:
        fo, fn = self.lo.flow, self.ln.flow
        back = {j: i for i, j in self.m.steps.items()}
        renumbered = []
        for j, sn in enumerate(fn.steps):
            key = _key(sn)
            if j not in back:
                self._added(j, sn)
                self._ordered((key, 0))
                continue
            i = back[j]
            so = fo.steps[i]
            if so.number != sn.number:
                renumbered.append((key, i, j))
            self._compare(i, j, so, sn)
            self._ordered((key, 0))
        for i, so in enumerate(fo.steps):
            if i not in self.m.steps:
                label = numbers_label(so.number)
                route = self.route(so, self.names_old)
                self.add("removed", "step", f"ステップ{label}「{so.text}」", old=self.old_side(("steps", i), so.text),
                         removed_line=f"ステップ{label}「{so.text}」（{route}）", detail=self._detail(so, self.lo))
                self._ordered((_key(so), 1))
        for key, i, j in sorted(renumbered):
            so, sn = fo.steps[i], fn.steps[j]
            self.add("renumbered", "step", f"ステップ「{sn.text}」", "number", "番号",
                     old=self.old_side(("steps", i, "number"), numbers_label(so.number)),
                     new=self.new_side(("steps", j, "number"), numbers_label(sn.number)),
                     marks=(("steps", j, "number"),))
            self._ordered(((10**9,), key))

    def _added(self, j: int, sn: Step) -> None:
        base: ModelPath = ("steps", j)
        self.add("added", "step", f"ステップ{numbers_label(sn.number)}「{sn.text}」", new=self.new_side(base, sn.text),
                 marks=(base,), detail=self._detail(sn, self.ln))

    def _detail(self, s: Step, side: LoadedFlow) -> tuple[str, ...]:
        old = side is self.lo
        names = self.names_old if old else self.names_new
        titles = self.titles_old if old else self.titles_new
        out = [f"経路: {self.route(s, names)}"]
        if s.timing:
            out.append(f"時点・期間: {'、'.join(s.timing)}")
        via = via_text(s, side.catalog)
        if via:
            out.append(f"媒体・経路: {via}")
        if s.data:
            out.append(f"データ: {'、'.join(titles.get(d, d) for d in s.data)}")
        if s.returns:
            out.append("返却・消去のステップ")
        bullets = measure_bullets(s.measures, side.catalog)
        if bullets:
            out.append(f"対策: {'、'.join(b.label for b in bullets)}")
        out += [f"注記: {x}" for x in s.notes]
        return tuple(out)

    def _compare(self, i: int, j: int, so: Step, sn: Step) -> None:
        ob: ModelPath = ("steps", i)
        base: ModelPath = ("steps", j)
        subject = f"ステップ{numbers_label(sn.number)}「{sn.text}」"
        self.scalar("step", subject, "text", "内容", so.text, sn.text, ob + ("text",), base + ("text",))
        ends_o = tuple(self.m.node_map.get(e, "\0" + e) if e else None for e in (so.from_, so.to, so.at))
        if ends_o != (sn.from_, sn.to, sn.at):
            where = "at" if sn.at else "from"
            self.add("changed", "step", subject, "route", "経路",
                     old=self.old_side(ob + ("route",), self.route(so, self.names_old), ob + ("at" if so.at else "from",)),
                     new=self.new_side(base + ("route",), self.route(sn, self.names_new), base + (where,)),
                     marks=(base,))
        self.lines("step", subject, "timing", "時点・期間", so.timing, sn.timing, ob + ("timing",), base + ("timing",),
                   ordered=True)
        self._via(ob, base, subject, so, sn)
        self.scalar("step", subject, "returns", "返却・消去", so.returns, sn.returns, ob + ("returns",), base + ("returns",),
                    mark=False)
        shows_items = bool(getattr(sn, "show_items", False)) and sn.at is not None
        self.refs("step", subject, "data", "データ", so.data, sn.data, self.m.data_map, self.titles_old, self.titles_new,
                  ob + ("data",), base + ("data",), mark=shows_items)
        old_shows = bool(getattr(so, "show_items", False))
        if old_shows != bool(getattr(sn, "show_items", False)):
            self.scalar("step", subject, "show_items", "項目の表示", old_shows, not old_shows, ob + ("show_items",),
                        base + ("show_items",), mark=base + ("data",) if shows_items else False)
        self.measures("step", subject, "対策", so.measures, sn.measures, ob + ("measures",), base + ("measures",))
        self.lines("step", subject, "notes", "注記", so.notes, sn.notes, ob + ("notes",), base + ("notes",), ordered=True)
        self.extras("step", subject, so, sn, STEP_FIELDS, ob, base)

    def _via(self, ob: ModelPath, base: ModelPath, subject: str, so: Step, sn: Step) -> None:
        """Medium and channel as the chart shows them; a change hidden by a ``via`` override is still listed."""
        vo, vn = via_text(so, self.lo.catalog), via_text(sn, self.ln.catalog)
        if vo != vn:
            self.add("changed", "step", subject, "via", "媒体・経路",
                     old=self.old_side(ob + ("via",), vo or None, ob + (_via_key(so),)),
                     new=self.new_side(base + ("via",), vn or None, base + (_via_key(sn),)),
                     marks=(base + ("via",),))
            return
        mo = _means(so, self.lo)
        mn = _means(sn, self.ln)
        if mo != mn:
            self.add("changed", "step", subject, "medium", "媒体・経路（表示は via のまま）",
                     old=self.old_side(ob + ("medium",), show(mo)), new=self.new_side(base + ("medium",), show(mn)))


def _means(step: Step, side: LoadedFlow) -> list[str]:
    out = [label for label, _ in step_media(step, side.catalog)] + [label for label, _ in step_channels(step, side.catalog)]
    if step.encrypted:
        out.append("暗号化")
    return out


def _via_key(step: Step) -> str:
    for key in ("via", "medium", "channel", "encrypted"):
        if getattr(step, key):
            return key
    return "text"


def _key(step: Step) -> tuple[int, int]:
    first = step.number[0]
    return (first.base, first.primes)
