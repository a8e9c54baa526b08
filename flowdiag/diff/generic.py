"""A structural comparison for parts of a flow the diff does not know by name.

Forms, checklist marks, waivers and any field added to the model later are compared here:
models field by field (named by their Japanese description), mappings key by key, lists of
things with an ``id`` by id, other lists in order (a checklist's marks follow its rows), so a
row that changed from ○ to － is one change at that row.

>>> from flowdiag.diff.generic import describe_path
>>> describe_path(["forms「業務委託」", "期間"])
'様式「業務委託」・期間'
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from .match import assign, similarity

KEY_JA = {
    "packet": "付議事項", "waivers": "点検の承知事項", "forms": "様式", "checklists": "チェックリスト",
    "kinds": "要綱の根拠", "items": "情報項目", "media": "記録媒体", "period": "期間", "partner": "相手方",
    "ward": "区が行う対策", "operational": "【運用上の対策】", "system": "【システム上の対策】", "version": "版",
    "consent": "承諾", "mark": "印", "text": "文言", "derive_measures": "対策の導出", "actors": "主体",
    "data": "データ", "rule": "規則", "target": "対象", "reason": "理由", "checklist": "チェックリスト",
    "title": "題名", "note": "説明", "kind": "種類", "groups": "区分", "party": "区分", "size": "用紙サイズ",
    "orientation": "用紙の向き", "page": "用紙",
}

_NAME_KEYS = ("id", "name", "title", "kind", "checklist", "rule", "actor")

Emit = Callable[..., None]
"""emit(kind, field, label, old_path, new_path, old_value, new_value)"""


def key_label(key: str, description: str | None = None) -> str:
    """A Japanese name for a field key: a known word, else the description's first phrase, else the key.

    >>> key_label("forms"), key_label("colour", "色（図の枠）"), key_label("colour")
    ('様式', '色', 'colour')
    """
    if key in KEY_JA:
        return KEY_JA[key]
    if description:
        for stop in ("。", "（", "(", ":", "：", "、"):
            description = description.split(stop)[0]
        if description.strip():
            return description.strip()
    return key


def describe_path(labels: list[str]) -> str:
    parts = [KEY_JA.get(p.split("「")[0], p.split("「")[0]) + ("「" + p.split("「", 1)[1] if "「" in p else "")
             for p in labels]
    return "・".join(parts)


def show(value: Any) -> str:
    """A value as one line of text.

    >>> show(["a", "b"]), show({"size": "A4"}), show(True), show(None)
    ('a、b', 'size: A4', 'あり', '（なし）')
    """
    if value is None:
        return "（なし）"
    if isinstance(value, bool):
        return "あり" if value else "なし"
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    if isinstance(value, dict):
        return "、".join(f"{k}: {show(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return "、".join(show(v) for v in value)
    return str(value)


def _name(value: Any, index: int) -> str:
    for key in _NAME_KEYS:
        v = getattr(value, key, None) if isinstance(value, BaseModel) else value.get(key) if isinstance(value, dict) else None
        if isinstance(v, str) and v:
            return f"「{v}」"
    return f"{index + 1}件目"


def _ident(value: Any) -> str | None:
    v = getattr(value, "id", None) if isinstance(value, BaseModel) else value.get("id") if isinstance(value, dict) else None
    return v if isinstance(v, str) else None


def compare(emit: Emit, labels: list[str], ov: Any, nv: Any, op: tuple[Any, ...], np: tuple[Any, ...]) -> None:
    """Compare two values of the same field; ``emit`` receives each difference.

    A missing value (None) compares like an empty model, list or mapping, so a new set of forms
    is listed form by form.
    """
    if ov == nv:
        return
    model = type(nv) if isinstance(nv, BaseModel) else type(ov) if isinstance(ov, BaseModel) else None
    if model is not None and all(v is None or isinstance(v, model) for v in (ov, nv)):
        for name, info in model.model_fields.items():
            key = info.alias or name
            compare(emit, labels + [key_label(key, info.description)],
                    getattr(ov, name) if ov is not None else None, getattr(nv, name) if nv is not None else None,
                    op + (key,), np + (key,))
        return
    if isinstance(ov, list | tuple) or isinstance(nv, list | tuple):
        lo, ln = list(ov or []), list(nv or [])
        if all(isinstance(v, list | tuple) or v is None for v in (ov, nv)):
            if lo != ln:
                _lists(emit, labels, lo, ln, op, np)
            return
    if isinstance(ov, dict) or isinstance(nv, dict):
        do, dn = ov or {}, nv or {}
        if all(isinstance(v, dict) or v is None for v in (ov, nv)):
            for k in list(do) + [k for k in dn if k not in do]:
                compare(emit, labels + [key_label(str(k))], do.get(k), dn.get(k), op + (k,), np + (k,))
            return
    label = describe_path(labels)
    if ov is None:
        emit("added", label, op, np, None, show(nv))
    elif nv is None:
        emit("removed", label, op, np, show(ov), None)
    else:
        emit("changed", label, op, np, show(ov), show(nv))


def _lists(emit: Emit, labels: list[str], ov: list[Any], nv: list[Any], op: tuple[Any, ...], np: tuple[Any, ...]) -> None:
    label = describe_path(labels)
    ids_o, ids_n = [_ident(x) for x in ov], [_ident(x) for x in nv]
    if all(ids_o) and all(ids_n):  # things with ids: match by id, order is no change
        pos_n = {k: j for j, k in enumerate(ids_n)}
        for i, k in enumerate(ids_o):
            if k in pos_n:
                j = pos_n[k]
                compare(emit, labels[:-1] + [labels[-1] + _name(nv[j], j)], ov[i], nv[j], op + (i,), np + (j,))
            else:
                emit("removed", label, op + (i,), np, show(ov[i]), None)
        for j, k in enumerate(ids_n):
            if k not in set(ids_o):
                emit("added", label, op, np + (j,), None, show(nv[j]))
        return
    ko, kn = [show(x) for x in ov], [show(x) for x in nv]
    removed: list[int] = []
    added: list[int] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ko, kn, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        olds, news = list(range(i1, i2)), list(range(j1, j2))
        if tag == "replace" and len(olds) == len(news):
            pairs = list(zip(olds, news, strict=True))
        else:
            got = assign([ko[i] for i in olds], [kn[j] for j in news], similarity, 0.5)
            pairs = [(olds[a], news[b]) for a, b in got]
        for i, j in pairs:
            compare(emit, labels[:-1] + [labels[-1] + _name(nv[j], j)], ov[i], nv[j], op + (i,), np + (j,))
        removed += [i for i in olds if i not in {a for a, _ in pairs}]
        added += [j for j in news if j not in {b for _, b in pairs}]
    moved = []
    for i in list(removed):  # the same value removed here and added there: a change of order
        same = [j for j in added if kn[j] == ko[i]]
        if same:
            removed.remove(i)
            added.remove(same[0])
            moved.append(same[0])
    for i in removed:
        emit("removed", label, op + (i,), np, ko[i], None)
    for j in added:
        emit("added", label, op, np + (j,), None, kn[j])
    if moved:
        emit("changed", label + "の順序", op, np, "、".join(ko), "、".join(kn))
