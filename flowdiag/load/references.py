"""References between the parts of a flow, checked on the plain data (so they are found in the same
run as schema errors): duplicate ids, unknown actors, places, data sets and catalog entries, links
that could not be drawn, and catalog words written in another case or width.

Works on whatever the YAML holds: an entry of the wrong type is skipped here (the schema reports it).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any

from ..catalog import REF_PATTERN, Catalog
from ..diagnostics import Diagnostic, did_you_mean, hidden_note
from .yaml_source import Path_, YamlDoc


def _entries(value: Any, base: Path_) -> Iterator[tuple[Path_, dict[str, Any]]]:
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, dict):
                yield base + (i,), item


def _refs(value: Any, base: Path_) -> Iterator[tuple[Path_, str]]:
    """A list of ids or one id written alone (``at: ward``)."""
    if isinstance(value, str):
        yield base, value
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, str):
                yield base + (i,), item


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def check_references(doc: YamlDoc, catalog: Catalog) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """Errors and warnings about references in ``doc.data`` (a mapping)."""
    data: dict[str, Any] = doc.data
    out: list[Diagnostic] = []
    warnings: list[Diagnostic] = []
    nodes: dict[str, Path_] = {}
    owner: dict[str, str] = {}

    def define(ident: str, path: Path_, what: str) -> None:
        if ident in nodes:
            first = doc.where(nodes[ident] + ("id",))[0]
            out.append(doc.diag(path + ("id",), f"{what}の id「{ident}」が重複しています（{first}行目でも使われています）",
                                "別の id にしてください"))
        else:
            nodes[ident] = path

    actors: dict[str, Path_] = {}
    for apath, actor in _entries(data.get("actors"), ("actors",)):
        aid = _text(actor.get("id"))
        if aid:
            define(aid, apath, "主体")
            actors.setdefault(aid, apath)
            owner[aid] = aid
        for ppath, place in _entries(actor.get("places"), apath + ("places",)):
            pid = _text(place.get("id"))
            if pid:
                define(pid, ppath, "場所")
                if aid:
                    owner[pid] = aid
            out += _measure_groups(place.get("measures"), ppath + ("measures",), doc, catalog)
        out += _measure_groups(actor.get("measures"), apath + ("measures",), doc, catalog)

    data_ids: dict[str, Path_] = {}
    for dpath, ds in _entries(data.get("data"), ("data",)):
        did = _text(ds.get("id"))
        if did:
            if did in data_ids:
                first = doc.where(data_ids[did] + ("id",))[0]
                out.append(doc.diag(dpath + ("id",), f"データの id「{did}」が重複しています（{first}行目でも使われています）",
                                    "別の id にしてください"))
            data_ids.setdefault(did, dpath)
        for rpath, ref in _refs(ds.get("at"), dpath + ("at",)):
            if ref not in nodes:
                out.append(_unknown(doc, rpath, ref, nodes, "主体・場所"))
    for apath, actor in _entries(data.get("actors"), ("actors",)):  # collects: names data sets
        holders = [(apath, actor)] + list(_entries(actor.get("places"), apath + ("places",)))
        for hpath, holder in holders:
            for rpath, ref in _refs(holder.get("collects"), hpath + ("collects",)):
                if ref not in data_ids:
                    out.append(_unknown(doc, rpath, ref, data_ids, "データ"))

    step_ids: dict[str, Path_] = {}
    for base, step in _entries(data.get("steps"), ("steps",)):
        sid = _text(step.get("id"))
        if sid:
            if sid in step_ids:
                first = doc.where(step_ids[sid] + ("id",))[0]
                out.append(doc.diag(base + ("id",), f"ステップの id「{sid}」が重複しています（{first}行目でも使われています）",
                                    "別の id にしてください"))
            step_ids.setdefault(sid, base)
        out += _step_shape(step, base, doc)
        for key in ("from", "to", "at"):
            end = step.get(key)
            if isinstance(end, str) and end not in nodes:
                out.append(_unknown(doc, base + (key,), end, nodes, "主体・場所"))
        for rpath, ref in _refs(step.get("data"), base + ("data",)):
            if ref not in data_ids:
                out.append(_unknown(doc, rpath, ref, data_ids, "データ"))
        out += _measures(step.get("measures"), base + ("measures",), doc, catalog)
        for key, table, what in (("medium", catalog.media, "媒体"), ("channel", catalog.channels, "経路")):
            for rpath, value in _refs(step.get(key), base + (key,)):
                d = _catalog_word(doc, rpath, key, value, table, what, catalog)
                if d is not None:
                    (out if d.severity == "error" else warnings).append(d)

    out += _links(data, doc, nodes, owner)
    out += _packet_refs(data.get("packet"), doc, actors, data_ids)
    # with no usable actors: or data: list, every reference to them would be "unknown": the schema
    # error about the list says it once
    broken = [p for key in ("actors", "data") if not _usable(data, key) for p in (key,)]
    if broken:
        unknown = {"actors": "主体・場所「", "data": "データ「"}
        out = [d for d in out if not any(d.message.startswith(unknown[b]) or
                                         (b == "actors" and d.message.startswith("主体「")) for b in broken)]
    return out, warnings


def _usable(data: dict[str, Any], key: str) -> bool:
    value = data.get(key)
    if key == "data" and key not in data:
        return True
    return isinstance(value, list) and any(isinstance(v, dict) for v in value)


def _step_shape(step: dict[str, Any], base: Path_, doc: YamlDoc) -> list[Diagnostic]:
    moving = step.get("from") is not None or step.get("to") is not None
    at = step.get("at")
    if at is not None and moving:
        return [doc.diag(base + ("at",), "at と from/to は同時に書けません",
                         "主体の中の作業なら at だけ、受け渡しなら from と to を書いてください")]
    if at is None and not moving:
        return [doc.diag(base, "ステップに at も from/to もありません",
                         "作業なら「at: 主体のid」、受け渡しなら「from: …」「to: …」を書いてください", key=True)]
    if moving and (step.get("from") is None or step.get("to") is None):
        absent = "to" if step.get("to") is None else "from"
        return [doc.diag(base, f"ステップに {absent} がありません", f"「{absent}: 主体のid」を追加してください", key=True)]
    return []


def _links(data: dict[str, Any], doc: YamlDoc, nodes: dict[str, Path_], owner: dict[str, str]) -> list[Diagnostic]:
    """Unknown ends, duplicate ids, and links that would not be drawn (both ends in one actor)."""
    out: list[Diagnostic] = []
    link_ids: dict[str, Path_] = {}
    for lpath, link in _entries(data.get("links"), ("links",)):
        lid = _text(link.get("id"))
        if lid:
            if lid in link_ids:
                first = doc.where(link_ids[lid] + ("id",))[0]
                out.append(doc.diag(lpath + ("id",), f"回線の id「{lid}」が重複しています（{first}行目でも使われています）",
                                    "別の id にしてください"))
            link_ids.setdefault(lid, lpath)
        ends = list(_refs(link.get("between"), lpath + ("between",)))
        known = True
        for rpath, ref in ends:
            if ref not in nodes:
                out.append(_unknown(doc, rpath, ref, nodes, "主体・場所"))
                known = False
        if known and len(ends) == 2:
            (_, x), (_, y) = ends
            if x == y:
                out.append(doc.diag(lpath + ("between",), f"回線の両端が同じ「{x}」です",
                                    "between には結ぶ2つの主体（または場所）の id を書いてください"))
            elif owner.get(x) is not None and owner.get(x) == owner.get(y):
                out.append(doc.diag(lpath + ("between",), f"回線の両端「{x}」と「{y}」が同じ主体「{owner[x]}」の中にあります",
                                    "回線は主体と主体の間に描きます。主体の中のつながりは、その主体の notes に書いてください"))
    return out


def _unknown(doc: YamlDoc, path: Path_, ref: str, known: Any, what: str) -> Diagnostic:
    hint = did_you_mean(ref, known) or (f"定義されている{what}: {'、'.join(list(known)[:12])}" if known
                                        else f"{what}を定義してから参照してください")
    return doc.diag(path, f"{what}「{ref}」が定義されていません{hidden_note(ref)}", hint)


def _measure_groups(value: Any, base: Path_, doc: YamlDoc, catalog: Catalog) -> list[Diagnostic]:
    if not isinstance(value, dict):
        return []
    out: list[Diagnostic] = []
    for group in ("operational", "system"):
        out += _measures(value.get(group), base + (group,), doc, catalog)
    return out


def _measures(items: Any, path: Path_, doc: YamlDoc, catalog: Catalog) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    if not isinstance(items, list):
        return out
    known = list(catalog.measures) + list(catalog.sets)
    for j, item in enumerate(items):
        if isinstance(item, dict):
            ref, text = item.get("ref"), item.get("text")
            if not ref and not text:
                out.append(doc.diag(path + (j,), "対策に ref も text もありません", "ref: カタログの id か text: 文言 を書いてください"))
                continue
            row = item.get("row")
            if isinstance(row, str) and "." not in row:
                out.append(doc.diag(path + (j, "row"), f"チェックリストの行「{row}」は「様式.行」の形ではありません",
                                    "flowdiag checklist --kind 業務委託 --ids で行の id（例: itaku.op_locked_bag）を確かめてください"))
            if not isinstance(ref, str):
                continue
        elif isinstance(item, str):
            ref = item.strip()
        else:
            continue
        if ref and REF_PATTERN.match(ref) and ref not in catalog.measures and ref not in catalog.sets:
            out.append(doc.diag(path + (j,), f"対策「{ref}」は stencils/measures.yaml にありません",
                                did_you_mean(ref, known) or "flowdiag stencils で一覧を確かめてください"))
    return out


def _catalog_word(doc: YamlDoc, path: Path_, key: str, value: str, table: dict[str, Any], what: str,
                  catalog: Catalog) -> Diagnostic | None:
    """A medium or channel: a catalog id (in any case or width) or label is fine; an unknown id-like
    word is an error; another ASCII word that names nothing the checks know (``Web`` does: the
    internet) is drawn as free text, with a warning that the checks of media and lines do not apply
    to it."""
    entry = catalog.find_medium(value) if key == "medium" else catalog.find_channel(value)
    if entry is not None:
        return None
    plain = unicodedata.normalize("NFKC", value).strip()
    if value.isascii() and plain.replace("_", "").isalnum() and plain.islower():
        return doc.diag(path, f"{key}「{value}」は stencils にありません{hidden_note(value)}",
                        did_you_mean(value, table) or f"使える id: {'、'.join(table)}（日本語の自由記述も書けます）")
    meaning = catalog.medium_meaning(value) if key == "medium" else catalog.channel_meaning(value)
    if plain.isascii() and any(c.isalpha() for c in plain) and meaning is None:
        near = did_you_mean(plain.casefold(), table)
        return doc.diag(path, f"{what}「{value}」は stencils にないため、自由記述として描きます"
                        f"（{what}の点検はこの値には行いません）",
                        near or f"stencils の id（{'、'.join(table)}）を使うと点検の対象になります", severity="warning")
    return None


def _packet_refs(packet: Any, doc: YamlDoc, actors: dict[str, Path_], data_ids: dict[str, Path_]) -> list[Diagnostic]:
    """References from the packet (forms, checklists, derive_measures) to actors and data sets."""
    out: list[Diagnostic] = []
    if not isinstance(packet, dict):
        return out
    for base, form in _entries(packet.get("forms"), ("packet", "forms")):
        for rpath, ref in _refs(form.get("data"), base + ("data",)):
            if ref not in data_ids:
                out.append(_unknown(doc, rpath, ref, data_ids, "データ"))
        for rpath, ref in _refs(form.get("actors"), base + ("actors",)):
            if ref not in actors:
                out.append(_unknown(doc, rpath, ref, actors, "主体"))
        for gpath, group in _entries(form.get("items"), base + ("items",)):
            for rpath, ref in _refs(group.get("data"), gpath + ("data",)):
                if ref not in data_ids:
                    out.append(_unknown(doc, rpath, ref, data_ids, "データ"))
    for cpath, marks in _entries(packet.get("checklists"), ("packet", "checklists")):
        for rpath, ref in _refs(marks.get("actors"), cpath + ("actors",)):
            if ref not in actors:
                out.append(_unknown(doc, rpath, ref, actors, "主体"))
    for dpath, spec in _entries(packet.get("derive_measures"), ("packet", "derive_measures")):
        actor = spec.get("actor")
        if isinstance(actor, str) and actor not in actors:
            out.append(_unknown(doc, dpath + ("actor",), actor, actors, "主体"))
    return out
