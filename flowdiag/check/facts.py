"""Step-level judgement: what a step says about itself, apart from what its actor says in general.

A step's own facts are its medium and channel, its ``encrypted``, its drawn ``via`` text, the line it
runs on, and the bullets written on it (or on its primed variants: ② and ②′ share theirs). An actor's
box — often the standard list pasted whole (``sets.system``) — is a general promise: it may change how
sure a finding is, and it is quoted beside it, but it never stands in for a fact of the step.

>>> from flowdiag.load.validate import load_flow_text
>>> from flowdiag.check.context import Context
>>> ctx = Context(load_flow_text('''flowdiag: 1
... document: {number: 資料1-1, title: 例}
... actors:
...   - {id: ward, name: 区, kind: ward, measures: {system: [通信内容の暗号化]}}
...   - {id: c, name: 委託事業者, kind: contractor}
... steps:
...   - {number: 1, from: ward, to: c, text: 送信, channel: internet}
...   - {number: 2, from: ward, to: c, text: 送信, channel: internet, via: 【インターネット回線】通信暗号化}
... '''))
>>> step_encrypted(ctx, 0), step_encrypted(ctx, 1)
(False, True)
>>> [b.label for b in actor_bullets(ctx, "ward")]
['通信内容の暗号化']
"""

from __future__ import annotations

import unicodedata
import weakref
from dataclasses import dataclass, field

from ..catalog import MediumEntry
from ..load.yaml_source import Path_
from ..model.flow import Step
from .context import ChartBullet, Context

ENCRYPTED_WORD = "暗号化"


def media(ctx: Context, step: Step) -> set[str]:
    """The catalog ids of the step's media."""
    out = set()
    for m in step.medium:
        e = ctx.catalog.medium_meaning(m)
        if e is not None:
            out.add(e.id)
    return out


def channels(ctx: Context, step: Step) -> list[MediumEntry]:
    """The catalog entries of the step's channels (free text read for what it names; words that name
    nothing known are left out)."""
    return [e for e in (ctx.catalog.channel_meaning(c) for c in step.channel) if e is not None]


@dataclass
class _Index:
    by_base: dict[int, list[int]] = field(default_factory=dict)
    by_step: dict[int, list[ChartBullet]] = field(default_factory=dict)


_INDEX: weakref.WeakKeyDictionary[Context, _Index] = weakref.WeakKeyDictionary()


def _index(ctx: Context) -> _Index:
    if ctx not in _INDEX:
        index = _Index()
        for i, s in enumerate(ctx.flow.steps):
            for base in {n.base for n in s.number}:
                index.by_base.setdefault(base, []).append(i)
        for b in ctx.bullets:
            if b.step is not None:
                index.by_step.setdefault(b.step, []).append(b)
        _INDEX[ctx] = index
    return _INDEX[ctx]


def siblings(ctx: Context, si: int) -> list[int]:
    """The steps that share a base number with step ``si`` (② and ②′), ``si`` included."""
    index = _index(ctx)
    return sorted({i for n in ctx.flow.steps[si].number for i in index.by_base.get(n.base, [])})


def step_bullets(ctx: Context, si: int) -> list[ChartBullet]:
    """The bullets written on step ``si`` and on its primed variants."""
    index = _index(ctx)
    return [b for i in siblings(ctx, si) for b in index.by_step.get(i, [])]


def step_slugs(ctx: Context, si: int) -> set[str]:
    out: set[str] = set()
    for b in step_bullets(ctx, si):
        out |= b.slugs
    return out


def actor_bullets(ctx: Context, actor: str) -> list[ChartBullet]:
    """The bullets of an actor's own box and of its places (not those written on its steps)."""
    return [b for b in ctx.bullets_of(actor) if b.step is None]


def says(texts: list[str], word: str) -> bool:
    return any(word in unicodedata.normalize("NFKC", t) for t in texts if t)


def link_between(ctx: Context, step: Step) -> list[int]:
    """The lines (links) drawn between the two actors of a movement."""
    ends = {ctx.actor_of(step.from_), ctx.actor_of(step.to)}
    return [li for li, link in enumerate(ctx.flow.links)
            if {ctx.actor_of(n) for n in link.between} == ends]


def link_encrypted(ctx: Context, li: int) -> bool:
    link = ctx.flow.links[li]
    e = ctx.catalog.channel_meaning(link.channel)
    return bool(link.encrypted) or bool(e and e.encrypted) or says([link.label or ""], ENCRYPTED_WORD)


def step_encrypted(ctx: Context, si: int) -> bool:
    """Does step ``si`` itself say its content is encrypted: ``encrypted: true``, an encrypting medium or
    channel (暗号化機能付きUSBメモリ, VPN), 暗号化 in its drawn text, its line encrypted, or an
    encryption bullet on the step? ``encrypted: false`` says it is not."""
    step = ctx.flow.steps[si]
    if step.encrypted is not None:
        return step.encrypted
    found_media = [ctx.catalog.medium_meaning(m) for m in step.medium]
    chans = channels(ctx, step)
    if any(m is not None and m.encrypted for m in found_media) or (chans and all(c.encrypted for c in chans)):
        return True
    if says([step.via or ""], ENCRYPTED_WORD):
        return True
    if any(c.network for c in chans) and any(link_encrypted(ctx, li) for li in link_between(ctx, step)):
        return True
    return bool(step_slugs(ctx, si) & {"op_encryption", "sys_encryption"})


def claims(ctx: Context, actor: str, slugs: set[str]) -> list[tuple[str, Path_]]:
    """Where an actor promises ``slugs`` in general: (what, path) for each bullet of its box and each ○
    of a checklist row it plays."""
    out: list[tuple[str, Path_]] = []
    for b in actor_bullets(ctx, actor):
        if b.slugs & slugs:
            out.append((f"{ctx.name(actor)}の対策「{b.label}」", b.path))
    for slug in sorted(slugs):
        for sub, cell in ctx.marks_for(actor, slug):
            if cell.value == "yes":
                out.append((f"{sub.label(ctx.party_of(sub, actor))} {cell.number}行目の「{cell.raw}」", cell.path))
    return out


def say_where(ctx: Context, claims_: list[tuple[str, Path_]]) -> str:
    """「…」（N行目）、… for a message."""
    parts = []
    for what, path in claims_:
        line = ctx.doc.where(path)[0]
        parts.append(f"{what}（{line}行目）" if line else what)
    return "、".join(dict.fromkeys(parts))
