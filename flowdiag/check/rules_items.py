"""Items across the packet: what a subcontractor handles is part of what the contractor handles, and
every data set the chart or the text names has its items written somewhere."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from ..load.yaml_source import Path_
from ..model.packet import Form, FormItemGroup
from .context import Context
from .findings import Finding, rule
from .holding import item_key
from .packet_facts import form_name
from .rules_packet import BASE
from .wording import loose

GENERIC = frozenset({"個人情報", "電子データ", "実データ", "ダミーデータ", "情報項目", "個人情報データ", "データ",
                     "住民基本台帳", "要配慮個人情報", "特定個人情報", "保護情報", "情報"})
"""Names of data in general, not of one data set."""

_NAME = re.compile(r"[ァ-ヺー一-鿿々]{2,}(?:情報|データ|ファイル|名簿|台帳)(?!システム|セキュリティ|保護|提供ネットワーク|処理|通信)")
"""A data set's name: two or more kanji/katakana and 情報/データ/ファイル/名簿/台帳 (not 情報システム …)."""


def form_items(form: Form, fi: int) -> Iterator[tuple[str, Path_]]:
    base: Path_ = ("packet", "forms", fi, "items")
    for gi, g in enumerate(form.items):
        if isinstance(g, FormItemGroup):
            for k, t in enumerate(g.items):
                yield t, base + (gi, "items", k)
        else:
            yield g, base + (gi,)


@rule("packet-subcontract-items", "warning", "packet", "再委託先に委託先より多くの項目を渡している",
      "再委託先が扱う情報項目（再委託の様式）は、委託先が扱う項目（業務委託の様式）の一部のはずです。"
      "業務委託の様式に無い項目が再委託の様式にあれば、どちらかの書き漏れです。",
      BASE + "  kinds: [業務委託, 再委託]\n  forms:\n    - {kind: 業務委託, items: [氏名, 住所]}\n"
      "    - {kind: 再委託, items: [氏名, 住所, 電話番号], consent: true, ward_measures: 特記事項を付す。,"
      " partner_measures: 同じ対策を行わせる。}\n",
      BASE + "  kinds: [業務委託, 再委託]\n  forms:\n    - {kind: 業務委託, items: [氏名, 住所, 電話番号]}\n"
      "    - {kind: 再委託, items: [氏名, 電話番号], consent: true, ward_measures: 特記事項を付す。,"
      " partner_measures: 同じ対策を行わせる。}\n")
def subcontract_items(ctx: Context) -> list[Finding]:
    contracts = ctx.forms("業務委託")
    if not contracts:
        return []
    known = {item_key(t) for fi, f in contracts for t, _ in form_items(f, fi)}
    if not known:
        return []
    out = []
    for fi, form in ctx.forms("再委託"):
        extra = [(t, p) for t, p in form_items(form, fi) if item_key(t) not in known]
        if extra:
            names = "、".join(t for t, _ in extra)
            out.append(ctx.finding("packet-subcontract-items", extra[0][1],
                                   f"{form_name(form)}の情報項目「{names}」が、業務委託の様式の情報項目にありません",
                                   "委託先が扱わない項目は再委託先も扱えません。業務委託の様式に加えるか、再委託の様式から"
                                   "除いてください", tuple(t for t, _ in extra)))
    return out


def _known_names(ctx: Context) -> list[str]:
    names = [d.title for d in ctx.flow.data]
    for _, form in ctx.forms():
        for g in form.items:
            if isinstance(g, FormItemGroup):
                names += [x for x in (g.title, g.note) if x]
            else:
                names.append(g)
    for a in ctx.flow.actors:
        for p in a.places:
            names += [p.name, *p.caption]
    return [loose(n) for n in names if n]


def _texts(ctx: Context) -> Iterator[tuple[str, str, Path_]]:
    """(where, text, path) of the texts that may name a data set: steps, notes, 事業の概要, the forms' prose."""
    for si, step in enumerate(ctx.flow.steps):
        yield f"ステップ{ctx.step_label(step)}", step.text, ("steps", si, "text")
    for ai, actor in enumerate(ctx.flow.actors):
        for i, note in enumerate(actor.notes):
            yield f"「{actor.name}」の注記", note, ("actors", ai, "notes", i)
    packet = ctx.packet
    if packet is not None and packet.summary is not None:
        for key, name in (("overview", "事業内容（概要）"), ("agenda", "付議内容")):
            for i, t in enumerate(getattr(packet.summary, key)):
                yield f"事業の概要の{name}", t, ("packet", "summary", key, i)
    for fi, form in ctx.forms():
        for key in ("content", "reason"):
            for i, t in enumerate(getattr(form, key)):
                yield f"{form_name(form)}", t, ("packet", "forms", fi, key, i)


@rule("packet-data-items", "warning", "packet", "名前だけで項目の無いデータ",
      "図のデータの枠に項目が無く、様式の情報項目にも同じ題名のまとまりが無いものは警告です（何を渡すのかが"
      "どこにも書かれていません）。ステップや事業内容の文で「○○情報」「○○データ」「○○ファイル」と名前を"
      "挙げたものが、図のデータ・様式の情報項目のどこにも無いときは情報として知らせます。",
      BASE.replace("packet:\n", "") + "data:\n  - {id: list, title: 対象者名簿, at: ward}\n",
      BASE.replace("packet:\n", "") + "data:\n  - {id: list, title: 対象者名簿, items: [氏名, 住所], at: ward}\n")
def data_items(ctx: Context) -> list[Finding]:
    out = []
    titled = {loose(g.title) for _, f in ctx.forms() for g in f.items if isinstance(g, FormItemGroup) and g.items
              and g.title}
    for di, ds in enumerate(ctx.flow.data):
        if not ds.items and loose(ds.title) not in titled:
            out.append(ctx.finding("packet-data-items", ("data", di, "title"),
                                   f"データ「{ds.title}」に項目がなく、様式の情報項目にも同じ題名のまとまりがありません",
                                   "items: に項目（氏名、住所 …）を書くか、様式の情報項目に題名付きで書いてください",
                                   (ds.id,)))
    known = _known_names(ctx)
    seen: set[str] = set()
    for where, text, path in _texts(ctx):
        for m in _NAME.finditer(unicodedata.normalize("NFKC", text)):
            name = m.group(0)
            key = loose(name)
            if key in seen or name in GENERIC or any(key in k or k in key for k in known if len(k) >= 2):
                continue
            seen.add(key)
            out.append(ctx.finding("packet-data-items", path,
                                   f"{where}の「{name}」の項目が、図のデータにも様式の情報項目にも書かれていません",
                                   "どの項目を扱うのかをデータの枠か様式の情報項目に書くか、既にある名前に揃えてください",
                                   (name,), "info"))
    return out
