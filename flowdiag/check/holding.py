"""Who holds which personal data, including what a contractor collects itself.

Data reach an actor three ways: a data set drawn ``at`` it, a step that carries the data to or from it,
or collection — a place that collects from the people concerned. Collection is written either as a
data set named by ``collects:`` (or drawn ``at`` the place), or only as a caption
「取得する個人情報 / 氏名・住所・電話番号・相談内容」. The caption alone is data too: its items no data
set covers become a collected set of their own (key ``caption:<place id>``), so the return/erasure,
form and sensitivity rules see the same data whichever way the author wrote it.

>>> from flowdiag.load.validate import load_flow_text
>>> from flowdiag.check.context import Context
>>> ctx = Context(load_flow_text('''flowdiag: 1
... document: {number: 資料1-1, title: 例}
... actors:
...   - {id: ward, name: 区, kind: ward}
...   - id: c
...     name: 委託事業者
...     kind: contractor
...     places: [{id: cc, name: 【コールセンター】, caption: [取得する個人情報, 氏名・電話番号]}]
... '''))
>>> [(s.key, s.title, [i.text for i in s.items]) for s in collected(ctx)]
[('caption:cc', '【コールセンター】で取得する個人情報（氏名・電話番号）', ['氏名', '電話番号'])]
>>> holdings(ctx)
{'c': {'caption:cc': (0, 0)}}
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass

from ..load.yaml_source import Path_
from ..model.flow import Actor, DataSet, Place, Step
from ..wording import loose, tolerant
from .context import Context
from .meaning import HOLDER_KINDS, carried, is_certificate, items_sensitivity

ACQUIRED = "取得する個人情報"
CAPTION_KEY = "caption:"


@dataclass(frozen=True)
class Item:
    """One data item as written, with where it is written."""

    text: str
    path: Path_
    collected: bool = False  # collected by the partner itself (checked by form-item-acquired)


@dataclass(frozen=True)
class Collected:
    """Data a place (or actor) collects from the people concerned."""

    key: str  # the data id, or caption:<node id> for caption items no data set covers
    node: str
    actor: str
    title: str
    items: tuple[Item, ...]
    data: str | None  # the data set, when there is one
    sensitive: tuple[str, ...]
    path: Path_
    records: tuple[str, ...] = ()  # data sets that record this place's work (コールセンター対応内容 …)


def item_key(text: str) -> str:
    """Key for matching item names: accepted variants folded, no （任意） notes, no trailing 等.

    >>> item_key("メールアドレス（任意）"), item_key("電話番号等"), item_key("世帯主カナ氏名")
    ('メールアドレス', '電話番号', '世帯主カナ氏名')
    """
    t = re.sub(r"[(（][^)）]*[)）]", "", text)
    t = tolerant(t)
    return t[:-1] if t.endswith("等") and len(t) > 1 else t


def caption_items(node: Actor | Place, base: Path_) -> list[Item]:
    """Items a caption lists after 「取得する個人情報」 (after ： on the same line, or on the next line,
    separated by ・ 、 or ,)."""
    out: list[Item] = []
    lines = node.caption
    for li, line in enumerate(lines):
        if not loose(line).startswith(loose(ACQUIRED)):
            continue
        rest = re.split(r"[:：]", line, maxsplit=1)[1] if re.search(r"[:：]", line) else ""
        k = li
        if not rest.strip() and li + 1 < len(lines):
            rest, k = lines[li + 1], li + 1
        path = base + ("caption", k) if len(lines) > 1 else base + ("caption",)
        out += [Item(t.strip(), path, True) for t in re.split(r"[・、,，]", rest) if t.strip()]
    return out


_CACHE: weakref.WeakKeyDictionary[Context, list[Collected]] = weakref.WeakKeyDictionary()


def collected(ctx: Context) -> list[Collected]:
    """Every collected data set of the flow (computed once per context)."""
    if ctx not in _CACHE:
        _CACHE[ctx] = _collected(ctx)
    return _CACHE[ctx]


def _collected(ctx: Context) -> list[Collected]:
    by_id = {d.id: (i, d) for i, d in enumerate(ctx.flow.data)}
    out: list[Collected] = []
    for ai, actor in enumerate(ctx.flow.actors):
        nodes: list[tuple[Actor | Place, Path_]] = [(actor, ("actors", ai))]
        nodes += [(p, ("actors", ai, "places", pi)) for pi, p in enumerate(actor.places)]
        for node, base in nodes:
            from_caption = caption_items(node, base)
            named = list(node.collects)
            if from_caption:  # a data set drawn at a place that says what it collects is that collection
                named += [d.id for d in ctx.flow.data if node.id in d.at and d.id not in named]
            covered: set[str] = set()
            for did in named:
                if did not in by_id:
                    continue
                di, ds = by_id[did]
                items = tuple(Item(t, ("data", di, "items", k), True) for k, t in enumerate(ds.items))
                covered |= {item_key(t) for t in ds.items}
                out.append(Collected(did, node.id, actor.id, ds.title, items, did, tuple(ds.sensitive), ("data", di)))
            rest = tuple(i for i in from_caption if item_key(i.text) not in covered)
            if rest:
                title = f"{node.name}で{ACQUIRED}（{'・'.join(i.text for i in rest)}）"
                out.append(Collected(CAPTION_KEY + node.id, node.id, actor.id, title, rest, None,
                                     items_sensitivity(i.text for i in rest), rest[0].path, _records(ctx, node)))
    return out


def _records(ctx: Context, node: Actor | Place) -> tuple[str, ...]:
    """Data sets whose items are the records of ``node`` (コールセンター対応内容 for 【コールセンター】): returning
    them returns what the place collected."""
    core = re.sub(r"[【】\[\]「」()（）\s]", "", node.name)
    if len(core) < 2:
        return ()
    return tuple(d.id for d in ctx.flow.data if any(core in i for i in d.items))


def holdings(ctx: Context) -> dict[str, dict[str, tuple[int, int]]]:
    """actor id → data key → the earliest step order at which the actor holds it ((0, 0) = from the start).
    Only actors that hold data for the ward (contractor, subcontractor, cloud) are listed."""
    out: dict[str, dict[str, tuple[int, int]]] = {}

    def hold(actor: str | None, data: str, order: tuple[int, int]) -> None:
        if actor is None or ctx.kind(actor) not in HOLDER_KINDS:
            return
        known = out.setdefault(actor, {})
        if data not in known or order < known[data]:
            known[data] = order

    for ds in ctx.flow.data:
        for node in ds.at:
            hold(ctx.actor_of(node), ds.id, (0, 0))
    for c in collected(ctx):
        hold(c.actor, c.key, (0, 0))
    for step in ctx.flow.steps:
        for d in carried(step):
            for end in (step.to, step.at, step.from_):
                hold(ctx.actor_of(end), d, ctx.step_order(step))
    return out


def ends_holding(ctx: Context, step: Step, actor: str, data: str) -> bool:
    """Does ``step`` end ``actor``'s holding of ``data``: a return/erasure step (or a certificate of
    erasure) by the actor, or paper originals handed to the ward."""
    involved = {ctx.actor_of(step.from_), ctx.actor_of(step.at)}
    if actor not in involved:
        return False
    if step.returns or is_certificate(step):
        if not step.data or data in step.data:
            return True
        return data.startswith(CAPTION_KEY) and any(
            c.key == data and set(c.records) & set(step.data) for c in collected(ctx))
    if data in step.data and step.to is not None and ctx.is_ward(step.to) and step.medium:
        media = [ctx.catalog.medium_meaning(m) for m in step.medium]
        return all(m is not None and m.id == "paper" for m in media)
    return False


def title(ctx: Context, key: str) -> str:
    """How to name a data set or a collected caption in a message."""
    for ds in ctx.flow.data:
        if ds.id == key:
            return ds.title
    for c in collected(ctx):
        if c.key == key:
            return c.title
    return key


def target(key: str) -> str:
    """The waiver target of a data key (a caption's collection is named by its place id)."""
    return key[len(CAPTION_KEY):] if key.startswith(CAPTION_KEY) else key


def sensitive_keys(ctx: Context) -> dict[str, tuple[str, ...]]:
    """Data keys marked (or, for a caption, named) sensitive, with their kinds; その他 alone does not count."""
    out: dict[str, tuple[str, ...]] = {}
    for ds in ctx.flow.data:
        if ds.sensitive and set(ds.sensitive) != {"その他"}:
            out[ds.id] = tuple(ds.sensitive)
    for c in collected(ctx):
        if c.data is None and c.sensitive:
            out[c.key] = c.sensitive
    return out


def data_set(ctx: Context, key: str) -> tuple[int, DataSet] | None:
    for i, ds in enumerate(ctx.flow.data):
        if ds.id == key:
            return i, ds
    return None
