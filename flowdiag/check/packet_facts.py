"""What the packet rules read from the forms and 事業の概要: periods, counts, names, with their positions.

>>> from flowdiag.load.validate import load_flow
>>> from flowdiag.check.context import Context
>>> ctx = Context(load_flow("samples/000-keitai-toilet.yaml"))
>>> [(p.what, p.period.start.first.isoformat()) for p in periods(ctx)]
[('様式（業務委託）の委託の開始時期及び期限', '2024-07-22')]
>>> [(c.number, c.unit, c.source) for c in counts(ctx)][:1]
[(230000, '人', '対象者数')]
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from ..load.yaml_source import Path_
from ..model.dates import Period, parse_period
from ..model.packet import FORM_ROWS, Form
from .context import Context

ROW_JA = {"subject": "件名", "department": "保有課（担当課）", "business": "登録業務の名称", "partner": "相手方",
          "items": "情報項目", "media": "記録媒体", "reason": "理由", "content": "内容", "connection": "結合の形態",
          "period": "開始時期及び期限", "ward_measures": "区が行う情報保護対策",
          "partner_measures": "相手方に行わせる情報保護対策", "measures": "情報保護対策", "schedule": "時期"}
PERIOD_JA = {"業務委託": "委託の開始時期及び期限", "外部結合": "結合の開始時期と期間", "再委託": "再委託の開始時期及び期限"}
SCHEDULE_JA = {"development": "開発", "test": "テスト", "go_live": "本稼働"}


@dataclass(frozen=True)
class Dated:
    """A period written somewhere in the packet."""

    what: str  # 様式（業務委託）の委託の開始時期及び期限
    period: Period
    path: Path_
    form: int | None = None
    key: str = ""


def form_name(form: Form) -> str:
    return form.label()


def periods(ctx: Context) -> list[Dated]:
    """The forms' periods and the 電算処理 schedules that can be read as dates."""
    out = []
    for fi, form in ctx.forms():
        base = ("packet", "forms", fi)
        if form.period:
            p = parse_period(form.period)
            if p is not None:
                out.append(Dated(f"{form_name(form)}の{PERIOD_JA.get(form.kind, '期間')}", p, base + ("period",),
                                 fi, "period"))
        if form.schedule is not None:
            for key, name in SCHEDULE_JA.items():
                text = getattr(form.schedule, key)
                p = parse_period(text) if text else None
                if p is not None:
                    out.append(Dated(f"{form_name(form)}の{name}の時期", p, base + ("schedule", key), fi, key))
    return out


def unreadable(ctx: Context) -> Iterator[tuple[str, str, Path_]]:
    """(what, text, path) of the periods written in words no date can be read from."""
    for fi, form in ctx.forms():
        base = ("packet", "forms", fi)
        texts = [("period", form.period)] if form.period else []
        if form.schedule is not None:
            texts += [(k, getattr(form.schedule, k)) for k in SCHEDULE_JA if getattr(form.schedule, k)]
        for key, text in texts:
            if parse_period(text) is None:
                path = base + (("period",) if key == "period" else ("schedule", key))
                name = PERIOD_JA.get(form.kind, "期間") if key == "period" else f"{SCHEDULE_JA[key]}の時期"
                yield f"{form_name(form)}の{name}", text, path


@dataclass(frozen=True)
class Count:
    number: int
    unit: str  # 人 (人・名) / 世帯 / 件
    text: str
    source: str
    path: Path_


_COUNT = re.compile(r"(?P<n>\d[\d,]*)\s*(?P<unit>人|名|世帯|件)")
UNITS = {"人": "人", "名": "人", "世帯": "世帯", "件": "件"}


def _counts_in(text: str, source: str, path: Path_) -> list[Count]:
    t = unicodedata.normalize("NFKC", text)
    out = []
    for m in _COUNT.finditer(t):
        if t[max(0, m.start() - 1):m.start()] in ("年", "月", "第"):  # 年3回, 第1回 … are not counts
            continue
        out.append(Count(int(m.group("n").replace(",", "")), UNITS[m.group("unit")], m.group(0), source, path))
    return out


def counts(ctx: Context) -> list[Count]:
    """Numbers of people, households and records: 対象者数 first, then everywhere else they are written."""
    out: list[Count] = []
    packet = ctx.packet
    s = packet.summary if packet else None
    if s is not None:
        for i, t in enumerate(s.count):
            out += _counts_in(t, "対象者数", ("packet", "summary", "count", i))
        for key, name in (("overview", "事業内容（概要）"), ("agenda", "付議内容"), ("subjects", "対象者"),
                          ("purpose", "目的")):
            for i, t in enumerate(getattr(s, key)):
                out += _counts_in(t, name, ("packet", "summary", key, i))
    for ai, actor in enumerate(ctx.flow.actors):
        for i, t in enumerate(actor.caption):
            out += _counts_in(t, f"図の「{actor.name}」", ("actors", ai, "caption", i))
        for i, t in enumerate(actor.notes):
            out += _counts_in(t, f"図の「{actor.name}」の注記", ("actors", ai, "notes", i))
    for i, t in enumerate(ctx.flow.notes):
        out += _counts_in(t, "図の注記", ("notes", i))
    for fi, form in ctx.forms():
        for key in ("reason", "content"):
            for i, t in enumerate(getattr(form, key)):
                out += _counts_in(t, f"{form_name(form)}の{ROW_JA[key]}", ("packet", "forms", fi, key, i))
    return out


def blank_rows(form: Form) -> list[str]:
    """The printed rows of a form left empty (件名 counts when neither the form nor the cover has one)."""
    out = []
    for key in FORM_ROWS[form.kind]:
        value = getattr(form, key)
        if value in (None, "", []) or (key == "schedule" and not any(
                getattr(value, k) for k in SCHEDULE_JA)):
            out.append(key)
    return out


def written_names(ctx: Context) -> list[tuple[str, str, Path_]]:
    """(role, name, path) of every place the business is named: 事業名, the chart's title, 登録業務の名称, 件名."""
    out: list[tuple[str, str, Path_]] = []
    packet = ctx.packet
    doc = ctx.flow.document
    if packet is not None and packet.summary is not None and packet.summary.business:
        out.append(("事業名", packet.summary.business, ("packet", "summary", "business")))
    elif doc.business:
        out.append(("事業名", doc.business, ("document", "business")))
    out.append(("図の表題", title_core(doc.title), ("document", "title")))
    if packet is not None:
        for fi, form in ctx.forms():
            if form.business:
                out.append((f"{form_name(form)}の登録業務の名称", form.business, ("packet", "forms", fi, "business")))
        if packet.cover is not None and packet.cover.subject:
            out.append(("件名", packet.cover.subject, ("packet", "cover", "subject")))
        for fi, form in ctx.forms():
            if form.subject:
                out.append((f"{form_name(form)}の件名", form.subject, ("packet", "forms", fi, "subject")))
    return out


def title_core(title: str) -> str:
    """The business named in a chart title: without brackets and 「…の個人情報の流れ」.

    >>> title_core("【携帯トイレ等の全世帯配布事業の個人情報の流れ】"), title_core("「いきいきハイキング」に係る個人情報の流れ")
    ('携帯トイレ等の全世帯配布事業', 'いきいきハイキング')
    """
    t = title.strip().strip("【】")
    t = re.sub(r"\s*(?:の|に係る|にかかる|に関する|における)?\s*個人情報の流れ\s*$", "", t)
    return t.strip().strip("「」『』【】")
