"""Unused actors, places and data sets (drawn, but nothing refers to them)."""

from __future__ import annotations

from .context import Context
from .findings import Finding, rule

_HEAD = """flowdiag: 1
document: {number: 資料1-1, title: 例}
actors:
  - {id: ward, name: 新宿区, kind: ward, places: [{id: host, name: ホストコンピューター, kind: system}]}
  - {id: residents, name: 区民, kind: person}
"""


def _referenced(ctx: Context) -> set[str]:
    refs: set[str] = set()
    for s in ctx.flow.steps:
        refs |= {n for n in (s.from_, s.to, s.at) if n}
    for link in ctx.flow.links:
        refs |= set(link.between)
    for d in ctx.flow.data:
        refs |= set(d.at)
    for a in ctx.flow.actors:  # a place that collects data is in use
        refs |= {a.id} if a.collects else set()
        refs |= {p.id for p in a.places if p.collects}
    if ctx.packet:
        refs |= {x.actor for x in ctx.packet.derive_measures}
    return refs


@rule("unused-actor", "warning", "structure", "どこにもつながらない主体",
      "ステップ・回線・データのどれからも参照されない主体があります。図に描く必要があるか、"
      "ステップが抜けていないかを確かめてください。",
      _HEAD + "steps:\n  - {number: 1, at: host, text: 抽出}\n",
      _HEAD + "steps:\n  - {number: 1, at: host, text: 抽出}\n  - {number: 2, from: ward, to: residents, text: 通知の送付}\n")
def unused_actor(ctx: Context) -> list[Finding]:
    refs = _referenced(ctx)
    out = []
    for a in ctx.flow.actors:
        if a.id in refs or any(p.id in refs for p in a.places):
            continue
        out.append(ctx.finding("unused-actor", ctx.actor_path(a.id),
                               f"主体「{a.name}」はどのステップ・回線・データからも参照されていません",
                               "ステップを描くか、不要なら主体を削除してください", (a.id,)))
    return out


@rule("unused-place", "info", "structure", "どこからも使われない場所",
      "主体の中の場所（システム・パソコン・窓口など）が、ステップ・回線・データのどれからも参照されていません。"
      "物品（kind: goods）は対象外です。",
      _HEAD + "steps:\n  - {number: 1, from: ward, to: residents, text: 通知の送付}\n",
      _HEAD + "steps:\n  - {number: 1, at: host, text: 抽出}\n  - {number: 2, from: ward, to: residents, text: 通知の送付}\n")
def unused_place(ctx: Context) -> list[Finding]:
    refs = _referenced(ctx)
    out = []
    for a in ctx.flow.actors:
        for p in a.places:
            if p.id in refs or p.kind == "goods":
                continue
            out.append(ctx.finding("unused-place", ctx.node_path(p.id),
                                   f"場所「{p.name}」（{a.name}）はどのステップ・回線・データからも参照されていません",
                                   "ステップの from/to/at かデータの at で参照するか、不要なら削除してください", (p.id,)))
    return out


@rule("unused-data", "warning", "structure", "どこにも出てこないデータ",
      "データの枠が、どの主体・場所にも置かれず（at が無い）、どのステップでも使われていません。"
      "図に描かれないので、at かステップの data で参照してください。",
      _HEAD + "data:\n  - {id: list, title: 対象者情報, items: [氏名]}\n"
      "steps:\n  - {number: 1, at: host, text: 抽出}\n  - {number: 2, from: ward, to: residents, text: 通知の送付}\n",
      _HEAD + "data:\n  - {id: list, title: 対象者情報, items: [氏名]}\n"
      "steps:\n  - {number: 1, at: host, text: 抽出, data: list}\n  - {number: 2, from: ward, to: residents, text: 通知の送付}\n")
def unused_data(ctx: Context) -> list[Finding]:
    used = {d for s in ctx.flow.steps for d in s.data}
    used |= {d for a in ctx.flow.actors for d in [*a.collects, *(d for p in a.places for d in p.collects)]}
    if ctx.packet:
        for f in ctx.packet.forms:
            used |= set(f.data)
    out = []
    for di, d in enumerate(ctx.flow.data):
        if d.at or d.id in used:
            continue
        out.append(ctx.finding("unused-data", ("data", di),
                               f"データ「{d.title}」はどこにも置かれず、どのステップでも使われていません",
                               "at: で置く主体・場所を書くか、ステップの data で参照してください", (d.id,), key=True))
    return out


_OTHER = """flowdiag: 1
document: {number: 資料1-1, title: 例}
actors:
  - {id: ward, name: 新宿区, kind: ward}
  - {id: agency, name: 発送代行会社%s}
data:
  - {id: list, title: 発送先情報, items: [氏名, 住所], at: ward}
steps:
  - {number: 1, from: ward, to: agency, text: 発送先情報の提供, data: list, medium: encrypted_usb, channel: hand,
     measures: [sets.handover]}
  - {number: 2, from: agency, to: ward, text: 契約終了後、発送先情報とUSBメモリの返却, returns: true, data: list,
     medium: encrypted_usb, channel: hand, measures: [sets.handover]}
"""


@rule("actor-kind-other", "info", "structure", "個人情報が渡る主体に種類（kind）が無い",
      "種類（kind）を書いていない主体（other）に個人情報が渡っています。種類が分からないので、返却・消去や保護対策の"
      "点検をしていません。委託事業者なら kind: contractor、クラウドなら cloud、金融機関・他の機関なら "
      "organization、区民なら person などを書いてください（種類ごとの点検は docs/check.md の表のとおり）。",
      _OTHER % "",
      _OTHER % ", kind: contractor")
def kind_other(ctx: Context) -> list[Finding]:
    out = []
    for a in ctx.flow.actors:
        if a.kind != "other":
            continue
        nodes = {a.id, *(p.id for p in a.places)}
        held = [d.title for d in ctx.flow.data if nodes & set(d.at)]
        held += [d for s in ctx.flow.steps if s.to in nodes or s.at in nodes for d in s.data]
        if not held:
            continue
        out.append(ctx.finding("actor-kind-other", ctx.actor_path(a.id),
                               f"主体「{a.name}」に個人情報が渡りますが、種類（kind）が書かれていないので点検していません",
                               "kind: contractor / cloud / organization / person などを書いてください", (a.id,), key=True))
    return out
