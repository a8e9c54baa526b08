"""Chart vs forms: the data items and the recording media the forms declare."""

from __future__ import annotations

import re
import unicodedata

from ..load.yaml_source import Path_
from ..model.packet import Form, FormItemGroup
from .context import Context
from .findings import Finding, rule
from .holding import CAPTION_KEY, Item, collected, holdings, item_key
from .meaning import carried
from .wording import lookalikes, loose, near_miss, tolerant

# the actor kinds a form's partner may be
FORM_PARTNERS = {"業務委託": ("contractor",), "再委託": ("subcontractor",), "電算処理": ("contractor",),
                 "外部結合": ("cloud", "system")}

_LISTED = re.compile(r"^(?P<head>[^（(]*)[（(](?P<inner>[^）)]*[、,，・][^）)]*)[）)](?P<tail>.*)$")


def form_items(text: str, path: Path_) -> list[Item]:
    """The items a form line names: 「住民基本台帳情報（世帯番号、郵便番号、…）」 names the items inside the
    parenthesis (the head is what they are); 「メールアドレス（任意）」 is one item.

    >>> [i.text for i in form_items("住民基本台帳情報（世帯番号、世帯主氏名、郵便番号）", ())]
    ['世帯番号', '世帯主氏名', '郵便番号']
    >>> [i.text for i in form_items("メールアドレス（任意）", ())]
    ['メールアドレス（任意）']
    """
    m = _LISTED.match(unicodedata.normalize("NFKC", text).strip())
    if not m or m.group("tail").strip():
        return [Item(text, path)]
    return [Item(t.strip(), path) for t in re.split(r"[、,，・]", m.group("inner")) if t.strip()]


def form_partners(ctx: Context, form: Form) -> set[str]:
    if form.actors:
        return set(form.actors)
    kinds = FORM_PARTNERS[form.kind]
    found = {a.id for a in ctx.flow.actors if a.kind in kinds}
    if not found and form.kind == "外部結合":
        found = {a.id for a in ctx.flow.actors if a.kind == "contractor"}
    return found


def _pairs(ctx: Context, fi: int, form: Form) -> list[tuple[list[Item], list[Item], str]]:
    """(chart items, form items, what) to compare for one form: titled groups to their data sets,
    the rest to the data sets the form's partner holds."""
    by_id = {d.id: (i, d) for i, d in enumerate(ctx.flow.data)}
    held = holdings(ctx)
    partners = form_partners(ctx, form)
    partner_data = set(form.data) if form.data else {d for a in partners for d in held.get(a, {})}
    gathered = {c.data for c in collected(ctx) if c.actor in partners and c.data}
    captions = {c.key: list(c.items) for c in collected(ctx) if c.actor in partners and c.data is None}

    def chart_items(ids: list[str]) -> list[Item]:
        out = [Item(t, ("data", by_id[d][0], "items", k), d in gathered) for d in ids if d in by_id
               for k, t in enumerate(by_id[d][1].items)]
        return out + [i for d in ids for i in captions.get(d, [])]

    out: list[tuple[list[Item], list[Item], str]] = []
    loose_items: list[Item] = []
    used: set[str] = set()
    for gi, g in enumerate(form.items):
        base = ("packet", "forms", fi, "items", gi)
        if isinstance(g, FormItemGroup):
            ids = list(g.data) or [d.id for d in ctx.flow.data if g.title and tolerant(d.title) == tolerant(g.title)]
            items = [i for k, t in enumerate(g.items) for i in form_items(t, base + ("items", k))]
            if ids:
                chart = chart_items(ids)
                used |= set(ids)
                out.append((chart, items, f"「{g.title or ids[0]}」"))
            else:
                loose_items += items
        else:
            loose_items += form_items(g, base)
    rest = sorted((d for d in partner_data - used if d in by_id), key=lambda x: by_id[x][0])
    rest += sorted(d for d in partner_data - used if d in captions)
    if loose_items and rest:
        names = "".join(f"「{by_id[d][1].title}」" for d in rest if d in by_id)
        names += "".join("「取得する個人情報」" for d in rest if d.startswith(CAPTION_KEY))
        out.append((chart_items(rest), loose_items, names))
    return out


def _compare(chart: list[Item], form: list[Item]) -> tuple[list[tuple[Item, Item]], list[Item], list[Item], bool]:
    """(near misses (chart, form), chart items not on the form, form items not on the chart, abbreviated?)."""
    form_keys = {item_key(f.text): f for f in form}
    chart_keys = {item_key(c.text) for c in chart}
    left_chart = [c for c in chart if item_key(c.text) not in form_keys]
    left_form = [f for f in form if item_key(f.text) not in chart_keys]
    near, unmatched = [], []
    paired: set[str] = set()
    for c in left_chart:
        cand = near_miss(c.text, [f.text for f in left_form])
        if cand is None:
            unmatched.append(c)
            continue
        near.append((c, next(f for f in left_form if f.text == cand)))
        paired.add(cand)
    left_form = [f for f in left_form if f.text not in paired]
    abbreviated = any(loose(x.text).endswith("等") for x in chart + form)
    return near, unmatched, left_form, abbreviated


_FLOW = """flowdiag: 1
document: {number: 資料1-1, title: 例}
actors:
  - {id: ward, name: 新宿区, kind: ward}
  - {id: contractor, name: 委託事業者, kind: contractor}
data:
  - {id: targets, title: 配布対象者情報, items: [%s], at: ward}
steps:
  - {number: 1, from: ward, to: contractor, text: 提供, data: targets, medium: usb, channel: hand,
     measures: [sets.handover, handover.password_separately]}
  - {number: 2, from: contractor, to: ward, text: 返却, returns: true, data: targets, medium: usb, channel: hand,
     measures: [sets.handover, handover.password_separately]}
packet:
  kinds: 業務委託
  forms:
    - kind: 業務委託
      items:
        - {title: 配布対象者情報, items: [世帯番号, 世帯主カナ氏名, %s]}
      media: [%s]
"""


@rule("form-item-near-miss", "warning", "forms", "図の項目名が様式と一字違い",
      "図のデータの項目名が、様式の情報項目とほとんど同じで一部の字だけ違います（誤字・似た字の混入）。"
      "両方の書き方を示すので、正しいほうに揃えてください。",
      _FLOW % ("世帯番号, 世帯主力ナ氏名, 削除フラグ", "消除フラグ", "電磁的媒体(USBメモリ)"),
      _FLOW % ("世帯番号, 世帯主カナ氏名, 消除フラグ", "消除フラグ", "電磁的媒体(USBメモリ)"))
def near_misses(ctx: Context) -> list[Finding]:
    out, seen = [], set()
    for fi, form in ctx.forms():
        for chart, items, _ in _pairs(ctx, fi, form):
            near, _, _, _ = _compare(chart, items)
            for c, f in near:
                if (c.path, f.text) in seen:
                    continue
                seen.add((c.path, f.text))
                looks = lookalikes(c.text, f.text)
                detail = f"（{'、'.join(looks)}が違います）" if looks else ""
                fline = ctx.doc.where(f.path)[0]
                out.append(ctx.finding(
                    "form-item-near-miss", c.path,
                    f"図の項目「{c.text}」は、様式（{form.kind}）の情報項目では「{f.text}」です{detail}",
                    f"どちらが正しいか確かめて揃えてください（様式は{fline}行目）", (c.text, f.text)))
    return out


@rule("form-item-not-on-form", "warning", "forms", "様式に無い項目が図にある",
      "相手方に渡る図のデータに、様式の情報項目に無い項目があります。様式で付議していない項目は渡せません。"
      "様式に加えるか、図から外してください。様式の「住民基本台帳情報（世帯番号、郵便番号、…）」は括弧の中の"
      "項目として読みます。",
      _FLOW % ("世帯番号, 世帯主カナ氏名, 電話番号", "郵便番号", "電磁的媒体(USBメモリ)"),
      _FLOW % ("世帯番号, 世帯主カナ氏名, 郵便番号", "郵便番号", "電磁的媒体(USBメモリ)"))
def not_on_form(ctx: Context) -> list[Finding]:
    out, seen = [], set()
    for fi, form in ctx.forms():
        for chart, items, what in _pairs(ctx, fi, form):
            _, unmatched, _, _ = _compare(chart, items)
            for c in unmatched:
                if c.path in seen or c.collected:  # what the partner collects: form-item-acquired
                    continue
                seen.add(c.path)
                out.append(ctx.finding("form-item-not-on-form", c.path,
                                       f"図の{what}の項目「{c.text}」が様式（{form.kind}）の情報項目にありません",
                                       "様式の情報項目に加えるか、図から外してください", (c.text,)))
    return out


@rule("form-item-not-on-chart", "warning", "forms", "様式の項目が図に無い",
      "様式の情報項目にあるのに、図のデータに無い項目があります。図の項目を様式に揃えてください。"
      "図が「電話番号等」のように「等」で略している場合は情報です。",
      _FLOW % ("世帯番号, 世帯主カナ氏名", "郵便番号", "電磁的媒体(USBメモリ)"),
      _FLOW % ("世帯番号, 世帯主カナ氏名, 郵便番号", "郵便番号", "電磁的媒体(USBメモリ)"))
def not_on_chart(ctx: Context) -> list[Finding]:
    out, seen = [], set()
    for fi, form in ctx.forms():
        for chart, items, what in _pairs(ctx, fi, form):
            _, _, missing, abbreviated = _compare(chart, items)
            for f in missing:
                if f.path in seen:
                    continue
                seen.add(f.path)
                out.append(ctx.finding(
                    "form-item-not-on-chart", f.path,
                    f"様式（{form.kind}）の情報項目「{f.text}」が図の{what}にありません"
                    + ("（図は「等」で略しています）" if abbreviated else ""),
                    "図のデータの items に加えてください" + ("（略すなら、略していることが分かる書き方か確かめてください）"
                                                     if abbreviated else ""),
                    (f.text,), "info" if abbreviated else None))
    return out


MEDIA_WORDS = {"usb": ("USB",), "encrypted_usb": ("USB",), "dvd": ("DVD",), "cd": ("CD",), "paper": ("紙",),
               "pc": ("パソコン", "PC"), "cloud": ("クラウド",)}


@rule("form-medium", "warning", "forms", "図の媒体が様式の記録媒体に無い",
      "図で相手方との受け渡しに使う媒体（USBメモリ、DVD-R、紙）が、様式の「記録媒体」に書かれていません。"
      "様式の記録媒体を直すか、図の媒体を確かめてください。様式にあって図に無い媒体は情報として示します。",
      _FLOW % ("世帯番号, 世帯主カナ氏名, 郵便番号", "郵便番号", "電磁的媒体(DVD等)"),
      _FLOW % ("世帯番号, 世帯主カナ氏名, 郵便番号", "郵便番号", "電磁的媒体(USBメモリ)"))
def media(ctx: Context) -> list[Finding]:
    out = []
    for fi, form in ctx.forms():
        if not form.media:
            continue
        written = unicodedata.normalize("NFKC", " ".join(form.media)).upper()
        partners = form_partners(ctx, form)
        used: dict[str, Path_] = {}  # media the chart hands to the partner with personal data (must be on the form)
        drawn: set[str] = set()  # every medium drawn on a step of the partner (the form's media are on the chart)
        for si, step in enumerate(ctx.flow.steps):
            ends = {ctx.actor_of(step.from_), ctx.actor_of(step.to), ctx.actor_of(step.at)}
            if not (ends & partners):
                continue
            to_partner = ctx.actor_of(step.to) in partners
            for mi, m in enumerate(step.medium):
                e = ctx.catalog.medium_meaning(m)
                if e is None or e.id not in MEDIA_WORDS:
                    continue
                drawn.add(e.id)
                if carried(step) and (e.id != "paper" or to_partner):
                    used.setdefault(e.id, ("steps", si, "medium", mi))
        for a in ctx.flow.actors:
            if a.id in partners:
                drawn |= {"pc" for p in a.places if p.kind == "pc"}
            if a.id in partners and a.kind == "cloud":
                drawn.add("cloud")
        for mid, path in used.items():
            if not any(w.upper() in written for w in MEDIA_WORDS[mid]):
                label = ctx.catalog.media[mid].label
                out.append(ctx.finding("form-medium", path,
                                       f"図では{label}で受け渡していますが、様式（{form.kind}）の記録媒体「{'、'.join(form.media)}」"
                                       f"に{label}がありません", "様式の記録媒体か図の媒体を直してください", (mid,)))
        seen_words = {w for mid in drawn for w in MEDIA_WORDS[mid]}
        for mid, words in MEDIA_WORDS.items():
            if mid == "encrypted_usb":
                continue
            hit = [w for w in words if w.upper() in written]
            if hit and not set(hit) & seen_words:
                out.append(ctx.finding("form-medium", ("packet", "forms", fi, "media"),
                                       f"様式（{form.kind}）の記録媒体に「{hit[0]}」がありますが、図には描かれていません",
                                       "図に媒体・場所（委託先のパソコンなど）を描くか、様式を確かめてください",
                                       (mid,), "info"))
    return out


def _covered(item: str, listed: list[str]) -> bool:
    key = item_key(item)
    return any(key == item_key(f) or (len(key) >= 2 and key in item_key(f)) for f in listed)


@rule("form-item-acquired", "warning", "forms", "相手方が取得する個人情報が様式に無い",
      "相手方が自分で集める個人情報（場所の「取得する個人情報: …」の見出しの項目や、collects: で挙げたデータの項目）が、"
      "その相手方の様式の情報項目にありません。相手方が集める項目も様式で付議します。様式に加えてください。"
      "様式の別の項目と似た名前なら情報として示します。",
      (_FLOW % ("世帯番号, 世帯主カナ氏名, 郵便番号", "郵便番号", "電磁的媒体(USBメモリ)")).replace(
          "kind: contractor}", "kind: contractor, places: [{id: cc, name: 【コールセンター】, kind: callcenter,\n"
          "     caption: [取得する個人情報, 氏名・電話番号]}]}"),
      (_FLOW % ("世帯番号, 世帯主カナ氏名, 郵便番号", "郵便番号", "電磁的媒体(USBメモリ)")).replace(
          "packet:", "  - {number: 3, at: cc, text: 契約終了後、取得した情報の消去, returns: true}\npacket:").replace(
          "      media:", "        - 電話番号\n      media:").replace(
          "kind: contractor}", "kind: contractor, places: [{id: cc, name: 【コールセンター】, kind: callcenter,\n"
          "     caption: [取得する個人情報, 氏名・電話番号]}]}"))
def acquired(ctx: Context) -> list[Finding]:
    out = []
    seen: set[tuple[Path_, str, int]] = set()
    for c in collected(ctx):
        where = ctx.name(c.node)
        for fi, form in ctx.forms():
            if c.actor not in form_partners(ctx, form):
                continue
            flat = [i.text for g in form.items if isinstance(g, str) for i in form_items(g, ())] + [
                i.text for g in form.items if isinstance(g, FormItemGroup) for t in g.items for i in form_items(t, ())]
            for item in c.items:
                if _covered(item.text, flat) or (item.path, item.text, fi) in seen:
                    continue
                seen.add((item.path, item.text, fi))
                near = near_miss(item.text, flat, 0.6)
                # an item the form records about this very place (コールセンター対応内容 for 相談内容)
                place = loose(where).strip("【】[]")
                about = next((f for f in flat if place and place in loose(f)
                              and loose(f)[-2:] == loose(item.text)[-2:]), None)
                if near:
                    hint = f"様式の「{near}」の誤記なら揃えてください"
                elif about:
                    hint = f"様式の「{about}」に含まれるなら、図と様式の表記を揃えてください"
                else:
                    hint = "様式の情報項目に加えてください（相手方が集める個人情報も付議が要ります）"
                out.append(ctx.finding(
                    "form-item-acquired", item.path,
                    f"{where}で取得する「{item.text}」が様式（{form.kind}）の情報項目にありません", hint,
                    (item.text,), "info" if near or about else None))
    return out
