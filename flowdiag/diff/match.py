"""Matching: which thing in the new flow is which thing in the old one.

Things are matched by what they are, never by their position or step number:

- actors, places, data sets and links by ``id``; when an id was renamed, by name/title and content;
- steps by ``id`` when both versions have one; otherwise identical content first, then the same
  number, route, medium and data (a reworded step), then similar content (endpoints, text, data
  carried, medium) — so inserting a step that renumbers the later ones still matches every old step;
- lines (items, notes, timings, measures) first by equal text, then by similar text (a typo fixed,
  a date moved), the rest are additions and removals.

Every score is symmetric, so ``diff(a, b)`` and ``diff(b, a)`` pair the same things.

>>> similarity("R6.7.1時点", "R7.7.1時点") > 0.8
True
>>> match_lines(["世帯番号", "世帯主力ナ氏名"], ["世帯主カナ氏名", "世帯番号", "電話番号"])
([(0, 1), (1, 0)], [], [2])
"""

from __future__ import annotations

import difflib
import unicodedata
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

from ..model.flow import Flow, Step
from ..wording import similarity as _similarity


def similarity(a: str, b: str) -> float:
    """The shared similarity on the texts as written (the diff pairs wording changes, so punctuation counts).

    >>> similarity("a", "a"), similarity("", "")
    (1.0, 1.0)
    >>> similarity("携帯トイレ等の配布", "再配達希望者へ配布") == similarity("再配達希望者へ配布", "携帯トイレ等の配布")
    True
    """
    return _similarity(a, b, normalise=False)


def loose(text: str) -> str:
    """NFKC and no spaces: the diff's key for names (punctuation kept: a changed bracket is a change)."""
    return "".join(unicodedata.normalize("NFKC", text).split())

T = TypeVar("T")
U = TypeVar("U")

LINE_THRESHOLD = 0.5
STEP_THRESHOLD = 0.55
NAME_THRESHOLD = 0.6
CLOSER_TEXT = 0.6
CLOSER_MARGIN = 0.2
"""A reworded step keeps its number, route and medium unless its old text is at least this alike
(and this much more alike) to another step's text."""




def _quick(a: str, b: str) -> float:
    """An upper bound of :func:`similarity`, much cheaper to compute."""
    x, y = sorted((a, b))
    return difflib.SequenceMatcher(None, x, y, autojunk=False).quick_ratio()




def assign(
    olds: Sequence[T], news: Sequence[U], score: Callable[[T, U], float], threshold: float,
    distance: Callable[[int, int], float] | None = None,
) -> list[tuple[int, int]]:
    """Greedy best-first pairing of two lists by ``score`` (pairs below ``threshold`` are never made).

    Ties go to the pair closest in position, so identical things pair in order.

    >>> assign(["a", "b"], ["b", "x", "a"], lambda s, t: float(s == t), 0.5)
    [(0, 2), (1, 0)]
    """
    dist = distance or (lambda i, j: abs(i - j))
    cands = []
    for i, o in enumerate(olds):
        for j, n in enumerate(news):
            s = score(o, n)
            if s >= threshold:
                cands.append((-s, dist(i, j), min(i, j), i, j))
    cands.sort()
    used_o: set[int] = set()
    used_n: set[int] = set()
    pairs = []
    for _s, _d, _m, i, j in cands:
        if i in used_o or j in used_n:
            continue
        used_o.add(i)
        used_n.add(j)
        pairs.append((i, j))
    return sorted(pairs)


def match_keys(olds: Sequence[Hashable], news: Sequence[Hashable]) -> list[tuple[int, int]]:
    """Pair equal keys as a multiset (the k-th old ``x`` with the k-th new ``x``).

    >>> match_keys(["a", "b", "a"], ["a", "a", "c"])
    [(0, 0), (2, 1)]
    """
    pending: dict[Hashable, list[int]] = {}
    for j, key in enumerate(news):
        pending.setdefault(key, []).append(j)
    pairs = []
    for i, key in enumerate(olds):
        queue = pending.get(key)
        if queue:
            pairs.append((i, queue.pop(0)))
    return pairs


def match_lines(
    olds: Sequence[str], news: Sequence[str], keys: tuple[Sequence[Hashable], Sequence[Hashable]] | None = None,
    threshold: float = LINE_THRESHOLD,
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pair lines: equal keys first (default: the text), then similar texts.

    Returns (pairs, removed old indices, added new indices).
    """
    okeys, nkeys = keys if keys is not None else (olds, news)
    pairs = match_keys(okeys, nkeys)
    used_o = {i for i, _ in pairs}
    used_n = {j for _, j in pairs}
    rest_o = [i for i in range(len(olds)) if i not in used_o]
    rest_n = [j for j in range(len(news)) if j not in used_n]
    similar = assign([olds[i] for i in rest_o], [news[j] for j in rest_n], similarity, threshold)
    pairs += [(rest_o[a], rest_n[b]) for a, b in similar]
    pairs.sort()
    used_o = {i for i, _ in pairs}
    used_n = {j for _, j in pairs}
    return pairs, [i for i in range(len(olds)) if i not in used_o], [j for j in range(len(news)) if j not in used_n]


def out_of_order(pairs: Sequence[tuple[int, int]]) -> list[int]:
    """New indices of paired lines that left their relative order (not on a longest increasing run).

    >>> out_of_order([(0, 1), (1, 0), (2, 2)])
    [1]
    >>> out_of_order([(0, 0), (1, 2), (2, 1)])
    [2]
    """
    seq = sorted(pairs, key=lambda p: p[1])
    olds = [i for i, _ in seq]
    n = len(olds)
    best = [1] * n
    prev = [-1] * n
    for a in range(n):
        for b in range(a):
            if olds[b] < olds[a] and best[b] + 1 > best[a]:
                best[a], prev[a] = best[b] + 1, b
    keep: set[int] = set()
    if n:
        k = max(range(n), key=lambda x: (best[x], -x))
        while k != -1:
            keep.add(k)
            k = prev[k]
    return sorted(seq[x][1] for x in range(n) if x not in keep)


# ---------------------------------------------------------------- whole-flow matching

class Matching:
    """Old↔new correspondences for every identified thing in two flows."""

    def __init__(self, old: Flow, new: Flow) -> None:
        self.old, self.new = old, new
        self.actors = self._by_id_then_name(old.actors, new.actors, lambda a: a.name, lambda a: a.kind)
        old_places = [(ai, pi, p) for ai, a in enumerate(old.actors) for pi, p in enumerate(a.places)]
        new_places = [(ai, pi, p) for ai, a in enumerate(new.actors) for pi, p in enumerate(a.places)]
        pp = self._by_id_then_name([p for *_, p in old_places], [p for *_, p in new_places],
                                   lambda p: p.name, lambda p: p.kind, parent=(old_places, new_places))
        self.places = {(old_places[i][0], old_places[i][1]): (new_places[j][0], new_places[j][1]) for i, j in pp.items()}
        self.node_map: dict[str, str] = {}
        for i, j in self.actors.items():
            self.node_map[old.actors[i].id] = new.actors[j].id
        for (ai, pi), (aj, pj) in self.places.items():
            self.node_map[old.actors[ai].places[pi].id] = new.actors[aj].places[pj].id
        self.data = self._data()
        self.data_map = {old.data[i].id: new.data[j].id for i, j in self.data.items()}
        self.steps = self._steps()
        self.links = self._links()

    # -- actors, places, data

    def _by_id_then_name(self, olds, news, name, kind, parent=None) -> dict[int, int]:  # type: ignore[no-untyped-def]
        pairs = dict(match_keys([o.id for o in olds], [n.id for n in news]))
        rest_o = [i for i in range(len(olds)) if i not in pairs]
        rest_n = [j for j in range(len(news)) if j not in pairs.values()]

        def score(i: int, j: int) -> float:
            o, n = olds[i], news[j]
            s = similarity(loose(name(o)), loose(name(n)))
            if kind(o) != kind(n):
                s -= 0.2
            if parent is not None:  # a place keeps its actor unless it clearly moved
                po, pn = parent[0][i][0], parent[1][j][0]
                if self.actors.get(po) != pn:
                    s -= 0.1
            return s

        extra = assign(rest_o, rest_n, score, NAME_THRESHOLD)
        pairs.update((rest_o[a], rest_n[b]) for a, b in extra)
        return pairs

    def _data(self) -> dict[int, int]:
        olds, news = self.old.data, self.new.data
        pairs = dict(match_keys([d.id for d in olds], [d.id for d in news]))
        rest_o = [i for i in range(len(olds)) if i not in pairs]
        rest_n = [j for j in range(len(news)) if j not in pairs.values()]

        def score(i: int, j: int) -> float:
            o, n = olds[i], news[j]
            items_o, items_n = {loose(x) for x in o.items}, {loose(x) for x in n.items}
            jac = len(items_o & items_n) / len(items_o | items_n) if items_o | items_n else 1.0
            return 0.6 * similarity(loose(o.title), loose(n.title)) + 0.4 * jac

        extra = assign(rest_o, rest_n, score, NAME_THRESHOLD)
        pairs.update((rest_o[a], rest_n[b]) for a, b in extra)
        return pairs

    # -- steps

    def _endpoints(self, step: Step, mapped: bool) -> tuple[str | None, ...]:
        ends = (step.from_, step.to, step.at)
        if not mapped:
            return ends
        return tuple(self.node_map.get(e, "\0" + e) if e else None for e in ends)

    def _steps(self) -> dict[int, int]:
        """Steps: by id where both have one, then identical content in order, then by similarity.

        The first two passes are exact and cheap, so a long flow with one inserted step is not
        compared step against step.
        """
        olds, news = self.old.steps, self.new.steps
        new_ids = {s.id: j for j, s in enumerate(news) if s.id}
        pairs = {i: new_ids[s.id] for i, s in enumerate(olds) if s.id and s.id in new_ids}
        rest_o = [i for i in range(len(olds)) if i not in pairs]
        taken = set(pairs.values())
        rest_n = [j for j in range(len(news)) if j not in taken]
        same = match_keys([self._content(olds[i], True) for i in rest_o], [self._content(news[j], False) for j in rest_n])
        for a, b in same:
            if not (olds[rest_o[a]].id and news[rest_n[b]].id):
                pairs[rest_o[a]] = rest_n[b]
        rest_o = [i for i in rest_o if i not in pairs]
        taken = set(pairs.values())
        rest_n = [j for j in rest_n if j not in taken]
        pairs.update(self._same_place(rest_o, rest_n))
        rest_o = [i for i in rest_o if i not in pairs]
        taken = set(pairs.values())
        rest_n = [j for j in rest_n if j not in taken]
        got = assign([olds[i] for i in rest_o], [news[j] for j in rest_n], self.step_score, STEP_THRESHOLD,
                     lambda a, b: self._step_distance(rest_o[a], rest_n[b]))
        pairs.update((rest_o[a], rest_n[b]) for a, b in got)
        return pairs

    def _shape(self, step: Step, mapped: bool) -> tuple[object, ...]:
        """Everything but the text: number, route, medium and channel, and the data carried."""
        data = sorted(self.data_map.get(d, "\0" + d) if mapped else d for d in step.data)
        return (step.number, self._endpoints(step, mapped), tuple(step.medium), tuple(step.channel), step.encrypted,
                step.via, tuple(data))

    def _same_place(self, rest_o: list[int], rest_n: list[int]) -> dict[int, int]:
        """Steps without ids that keep their number, route, medium and data: the same step reworded.

        A pair is made only when its shape is unique on both sides, and not when either step's
        text is clearly closer to another unpaired step (a step inserted before a reworded one
        can take its number).
        """
        olds, news = self.old.steps, self.new.steps
        shape_o = {i: self._shape(olds[i], True) for i in rest_o}
        shape_n = {j: self._shape(news[j], False) for j in rest_n}
        count_o = Counter(shape_o.values())
        count_n = Counter(shape_n.values())
        by_shape = {shape: j for j, shape in shape_n.items() if count_n[shape] == 1}
        out: dict[int, int] = {}
        for i, shape in shape_o.items():
            j = by_shape.get(shape)
            if j is None or count_o[shape] != 1 or (olds[i].id and news[j].id):
                continue
            here = similarity(olds[i].text, news[j].text)
            closer_n = any(self._closer(olds[i].text, news[k].text, here) for k in rest_n if k != j)
            closer_o = any(self._closer(olds[k].text, news[j].text, here) for k in rest_o if k != i)
            if not (closer_n or closer_o):
                out[i] = j
        return out

    @staticmethod
    def _closer(a: str, b: str, than: float) -> bool:
        if _quick(a, b) < max(CLOSER_TEXT, than + CLOSER_MARGIN):
            return False
        s = similarity(a, b)
        return s >= CLOSER_TEXT and s >= than + CLOSER_MARGIN

    def _content(self, step: Step, mapped: bool) -> tuple[object, ...]:
        data = sorted(self.data_map.get(d, "\0" + d) if mapped else d for d in step.data)
        return (step.text, self._endpoints(step, mapped), tuple(data), tuple(step.medium), tuple(step.channel),
                step.encrypted, step.via)

    def step_score(self, o: Step, n: Step) -> float:
        """How alike two steps are (0–1); steps that both carry an id are alike only if the ids are equal."""
        if o.id and n.id:
            return 1.0 if o.id == n.id else 0.0
        if 0.5 * _quick(o.text, n.text) + 0.5 < STEP_THRESHOLD:
            return 0.0
        text = similarity(o.text, n.text)
        ends_o, ends_n = self._endpoints(o, True), self._endpoints(n, False)
        same = sum(1 for a, b in zip(ends_o, ends_n, strict=True) if a == b and a is not None)
        total = max(sum(1 for e in ends_o if e), sum(1 for e in ends_n if e), 1)
        ends = same / total
        data_o = {self.data_map.get(d, "\0" + d) for d in o.data}
        data_n = set(n.data)
        data = len(data_o & data_n) / len(data_o | data_n) if data_o | data_n else 1.0
        how = 1.0 if (o.medium, o.channel, o.encrypted, o.via) == (n.medium, n.channel, n.encrypted, n.via) else 0.0
        num = 1.0 if o.number == n.number else 0.0
        return 0.5 * text + 0.25 * ends + 0.1 * data + 0.05 * how + 0.1 * num

    def _step_distance(self, i: int, j: int) -> float:
        a, b = self.old.steps[i].number[0], self.new.steps[j].number[0]
        return abs(a.base - b.base) + abs(a.primes - b.primes) / 10

    # -- links

    def _links(self) -> dict[int, int]:
        olds, news = self.old.links, self.new.links

        def score(o, n) -> float:  # type: ignore[no-untyped-def]
            if o.id and n.id:
                return 1.0 if o.id == n.id else 0.0
            ends = {self.node_map.get(e, "\0" + e) for e in o.between} == set(n.between)
            return 0.6 * ends + 0.4 * similarity(o.channel, n.channel)

        return dict(assign(olds, news, score, NAME_THRESHOLD))
