"""Free text against the committee's vocabulary: near misses of its terms, and known drift as info.

Free text is what the authors write in their own words: the cover and 事業の概要, the forms'
sentences, the steps, notes and captions of the chart. Measure bullets and data items have their
own rules (measure-typo, form-item-near-miss).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..load.yaml_source import Path_
from .context import Context
from .findings import Finding, rule
from .packet_facts import form_name
from .rules_packet import BASE
from .vocabulary import load_vocabulary

FORM_TEXT = ("subject", "department", "business", "partner", "computer", "media", "reason", "content", "connection",
             "period", "ward_measures", "partner_measures", "measures", "change_note")


def free_texts(ctx: Context) -> Iterator[tuple[str, str, Path_]]:
    """(where, text, path) of every free text of the flow and its packet."""
    flow = ctx.flow
    for i, t in enumerate(flow.notes):
        yield "図の注記", t, ("notes", i)
    for ai, a in enumerate(flow.actors):
        for key in ("caption", "notes"):
            for i, t in enumerate(getattr(a, key)):
                yield f"「{a.name}」", t, ("actors", ai, key, i)
        for pi, p in enumerate(a.places):
            for key in ("caption", "notes"):
                for i, t in enumerate(getattr(p, key)):
                    yield f"「{p.name}」", t, ("actors", ai, "places", pi, key, i)
    for si, step in enumerate(flow.steps):
        yield f"ステップ{ctx.step_label(step)}", step.text, ("steps", si, "text")
        for i, t in enumerate(step.notes):
            yield f"ステップ{ctx.step_label(step)}の注記", t, ("steps", si, "notes", i)
    packet = ctx.packet
    if packet is None:
        return
    if packet.cover is not None and packet.cover.subject:
        yield "表紙の件名", packet.cover.subject, ("packet", "cover", "subject")
    if packet.summary is not None:
        s = packet.summary
        for key, name in (("purpose", "目的"), ("subjects", "対象者"), ("overview", "事業内容"), ("agenda", "付議内容"),
                          ("count", "対象者数")):
            for i, t in enumerate(getattr(s, key)):
                yield f"事業の概要の{name}", t, ("packet", "summary", key, i)
    for fi, form in ctx.forms():
        for key in FORM_TEXT:
            value = getattr(form, key)
            for i, t in enumerate(value if isinstance(value, list) else [value] if value else []):
                path = ("packet", "forms", fi, key) + ((i,) if isinstance(value, list) else ())
                yield form_name(form), t, path
    for i, t in enumerate(packet.special_terms):
        yield "特記事項", t, ("packet", "special_terms", i)


@rule("text-near-miss", "warning", "text", "委員会の用語から1〜2字違う語",
      "事業の概要・様式の文・ステップ・注記などの自由記述に、委員会の用語（チェックリスト・様式・特記事項の語、"
      "stencils/vocabulary.yaml）から1〜2字だけ違う語があれば、誤記の疑いとして知らせます"
      "（例: バックアッブ → バックアップ、管理運用会議 → 管理運営会議）。",
      BASE + "  summary: {business: 例の事業, purpose: 毎日バックアッブを取得するため, subjects: 区民}\n",
      BASE + "  summary: {business: 例の事業, purpose: 毎日バックアップを取得するため, subjects: 区民}\n")
def near_misses(ctx: Context) -> list[Finding]:
    vocab = load_vocabulary()
    out = []
    for where, text, path in free_texts(ctx):
        for word, term, _ in vocab.near_misses(text):
            out.append(ctx.finding("text-near-miss", path, f"{where}の「{word}」は「{term}」の誤りではありませんか",
                                   f"委員会の用語は「{term}」です。意図した語なら、このままで構いません", (word,)))
    return out


@rule("text-drift", "info", "text", "表記の揺れ（委員会の文言と違う書き方）",
      "ウイルス/ウィルス、サーバ/サーバー、コンピュータ/コンピューター のように、同じ意味で書き方だけが"
      "委員会の文言と違うものを情報として知らせます（誤りではありません。揃えると読みやすくなります）。",
      BASE + "  summary: {business: 例の事業, purpose: ウィルス対策のため, subjects: 区民}\n",
      BASE + "  summary: {business: 例の事業, purpose: ウイルス対策のため, subjects: 区民}\n")
def drift(ctx: Context) -> list[Finding]:
    vocab = load_vocabulary()
    out = []
    for where, text, path in free_texts(ctx):
        seen: set[str] = set()
        for word, canonical, _ in vocab.drifts(text):
            if word in seen:
                continue
            seen.add(word)
            out.append(ctx.finding("text-drift", path, f"{where}の「{word}」は、委員会の文言では「{canonical}」です",
                                   "揃えるなら委員会の書き方に。このままでも誤りではありません", (word,)))
    return out
