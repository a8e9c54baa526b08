"""A structural comparison for parts of a flow the diff does not know by name.

Forms, checklist marks, waivers and any field added to the model later are compared here:
models field by field (named by their Japanese description), mappings key by key, lists of
things with an ``id`` by id, other lists in order (a checklist's marks follow its rows), so a
row that changed from ○ to － is one change at that row, and a run of rows that changed the
same way is one change (「1〜11件目: － → ○」).

>>> out = []
>>> compare(lambda *a, **k: out.append(a[:2] + a[4:6]), ["版"], "令和6年度", "令和7年度", ("v",), ("v",))
>>> out
[('changed', '版', '令和6年度', '令和7年度')]
>>> out.clear()
>>> compare(lambda *a, **k: out.append(a[:2] + a[4:6]), ["印"], ["－", "－", "○"], ["○", "○", "○"], ("m",), ("m",))
>>> out
[('changed', '印1〜2件目', '－', '○')]
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from ..wording import GROUP_LABELS
from .match import assign, similarity

KEY_JA = {
    "packet": "付議事項", "waivers": "点検の承知事項", "forms": "様式", "checklists": "チェックリスト",
    "kinds": "要綱の根拠", "items": "情報項目", "media": "記録媒体", "period": "期間", "partner": "相手方",
    "ward": "区が行う対策", **GROUP_LABELS, "version": "版",
    "consent": "承諾", "mark": "印", "text": "文言", "derive_measures": "図の対策の作成", "actors": "主体",
    "data": "データ", "rule": "規則", "target": "対象", "reason": "理由", "checklist": "チェックリスト",
    "title": "題名", "note": "説明", "kind": "種類", "groups": "区分", "party": "区分", "size": "用紙サイズ",
    "orientation": "用紙の向き", "page": "用紙", "actor": "主体",
    "cover": "表紙", "summary": "事業の概要", "subject": "件名", "department": "担当課", "business": "事業名・登録業務の名称",
    "basis": "要綱の根拠の条項", "committee": "会議", "date": "日付", "purpose": "目的", "subjects": "対象者",
    "overview": "事業内容（概要）", "agenda": "付議内容", "count": "対象者数", "flow_note": "個人情報の流れの注記",
    "content": "内容", "connection": "結合の形態", "computer": "記録するコンピュータ",
    "schedule": "新規開発・追加・変更の時期", "development": "開発", "test": "テスト", "go_live": "本稼働",
    "ward_measures": "区が行う情報保護対策", "partner_measures": "相手方に行わせる情報保護対策",
    "measures": "情報保護対策", "change_note": "変更箇所の注記", "labels": "欄名", "special_terms": "特記事項",
    "number": "資料番号",
}

_NAME_KEYS = ("name", "title", "kind", "id", "checklist", "rule", "actor")

Emit = Callable[..., None]
"""emit(kind, label, old_path, new_path, old_value, new_value, detail=())"""


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
    """Join field names: 「様式「業務委託」の期間」.

    >>> describe_path(["様式「業務委託」", "期間"])
    '様式「業務委託」の期間'
    """
    return "の".join(x for x in labels if x)


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    return value


def show(value: Any) -> str:
    """A value as one line of text; a titled group of items reads 「題名（項目、項目）」.

    >>> show(["a", "b"]), show({"size": "A4"}), show(True), show(None)
    ('a、b', '用紙サイズ: A4', 'あり', '（なし）')
    >>> show({"title": "配布状況", "items": ["発送年月日", "再発送の年月日"]})
    '配布状況（発送年月日、再発送の年月日）'
    """
    value = _plain(value)
    if value is None:
        return "（なし）"
    if isinstance(value, bool):
        return "あり" if value else "なし"
    if isinstance(value, dict):
        name = next((value[k] for k in ("title", "name") if isinstance(value.get(k), str)), None)
        if name and set(value) <= {"title", "name", "items", "note"} and isinstance(value.get("items"), list):
            return f"{name}（{show(value['items'])}）"
        return "、".join(f"{key_label(str(k))}: {show(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return "、".join(show(v) for v in value)
    return str(value)


def details(value: Any, skip: str | None = None) -> tuple[str, ...]:
    """What an added or removed model or mapping holds, one field a line (``skip``: the field naming it)."""
    value = _plain(value)
    if not isinstance(value, dict):
        return ()
    return tuple(f"{key_label(str(k))}: {show(v)}" for k, v in value.items()
                 if v not in (None, [], {}, "") and k != skip)


def _name_key(value: Any) -> str | None:
    for key in _NAME_KEYS:
        v = getattr(value, key, None) if isinstance(value, BaseModel) else value.get(key) if isinstance(value, dict) else None
        if isinstance(v, str) and v:
            return key
    return None


def _field(value: Any, key: str) -> Any:
    return getattr(value, key, None) if isinstance(value, BaseModel) else value.get(key) if isinstance(value, dict) else None


_TELLERS = ("partner", "title", "name", "target")
"""Fields that tell apart two things of the same name (two forms of one kind by their partner)."""


def name_of(value: Any, index: int, siblings: list[Any] | None = None) -> str:
    """How the change list names an element of a list: 「業務委託」, or 「電算処理」（A社） when a
    sibling has the same name, else its position.

    >>> forms = [{"kind": "電算処理", "partner": "A社"}, {"kind": "電算処理", "partner": "B社"}, {"kind": "再委託"}]
    >>> name_of(forms[1], 1, forms), name_of(forms[2], 2, forms), name_of({"x": 1}, 0)
    ('「電算処理」（B社）', '「再委託」', '1件目')
    >>> name_of({"kind": "外部結合"}, 1, [{"kind": "外部結合"}, {"kind": "外部結合"}])
    '「外部結合」（2件目）'
    """
    key = _name_key(value)
    if key is None:
        return f"{index + 1}件目"
    v = _field(value, key)
    name = f"「{v}」"
    same = [s for k, s in enumerate(siblings or []) if k != index and _name_key(s) == key and _field(s, key) == v]
    if not same:
        return name
    for teller in _TELLERS:
        mine = _field(value, teller)
        if teller != key and isinstance(mine, str) and mine and all(_field(s, teller) != mine for s in same):
            return f"{name}（{mine}）"
    return f"{name}（{index + 1}件目）"


def _ident(value: Any) -> str | None:
    v = getattr(value, "id", None) if isinstance(value, BaseModel) else value.get("id") if isinstance(value, dict) else None
    return v if isinstance(v, str) else None


def _child(labels: list[str], suffix: str) -> list[str]:
    """The labels of a list element: the list's name with the element's name or position added."""
    return labels[:-1] + [labels[-1] + suffix] if labels else [suffix]


def _whole(emit: Emit, kind: str, labels: list[str], value: Any, index: int, op: tuple[Any, ...],
           np: tuple[Any, ...], ambiguous: bool = False, siblings: list[Any] | None = None) -> None:
    """A list element added or removed as a whole: named, with its fields as details.

    A plain value that occurs more than once (a checklist's ○) is also told by its position.
    """
    if isinstance(value, BaseModel | dict):
        key = _name_key(value)
        head = labels or ([key_label(key)] if key else [])
        label = describe_path(_child(head, name_of(value, index, siblings)))
        emit(kind, label, op, np, None, None, details(value, _name_key(value)))
    else:
        text = show(value)
        where = f"{index + 1}件目" if ambiguous else ""
        emit(kind, describe_path(_child(labels, where)), op, np,
             text if kind == "removed" else None, text if kind == "added" else None)


def compare(emit: Emit, labels: list[str], ov: Any, nv: Any, op: tuple[Any, ...], np: tuple[Any, ...],
            skip: Callable[[tuple[Any, ...]], bool] | None = None) -> None:
    """Compare two values of the same field; ``emit`` receives each difference.

    A missing value (None) compares like an empty model, list or mapping, so a new set of forms
    is listed form by form. Fields whose new path ``skip`` accepts are left out.
    """
    if ov == nv or (skip is not None and skip(np)):
        return
    model = type(nv) if isinstance(nv, BaseModel) else type(ov) if isinstance(ov, BaseModel) else None
    if model is not None and all(v is None or isinstance(v, model) for v in (ov, nv)):
        for name, info in model.model_fields.items():
            key = info.alias or name
            compare(emit, labels + [key_label(key, info.description)],
                    getattr(ov, name) if ov is not None else None, getattr(nv, name) if nv is not None else None,
                    op + (key,), np + (key,), skip)
        return
    if isinstance(ov, list | tuple) or isinstance(nv, list | tuple):
        lo, ln = list(ov or []), list(nv or [])
        if all(isinstance(v, list | tuple) or v is None for v in (ov, nv)):
            if lo != ln:
                _lists(emit, labels, lo, ln, op, np, skip)
            return
    if isinstance(ov, dict) or isinstance(nv, dict):
        do, dn = ov or {}, nv or {}
        if all(isinstance(v, dict) or v is None for v in (ov, nv)):
            for k in list(do) + [k for k in dn if k not in do]:
                compare(emit, labels + [key_label(str(k))], do.get(k), dn.get(k), op + (k,), np + (k,), skip)
            return
    label = describe_path(labels)
    if ov is None:
        emit("added", label, op, np, None, show(nv), details(nv))
    elif nv is None:
        emit("removed", label, op, np, show(ov), None, details(ov))
    else:
        emit("changed", label, op, np, show(ov), show(nv))


def _lists(emit: Emit, labels: list[str], ov: list[Any], nv: list[Any], op: tuple[Any, ...], np: tuple[Any, ...],
           skip: Callable[[tuple[Any, ...]], bool] | None = None) -> None:
    ids_o, ids_n = [_ident(x) for x in ov], [_ident(x) for x in nv]
    if ids_o + ids_n and all(ids_o) and all(ids_n):  # things with ids: match by id, order is no change
        pos_n = {k: j for j, k in enumerate(ids_n)}
        for i, k in enumerate(ids_o):
            if k in pos_n:
                j = pos_n[k]
                compare(emit, _child(labels, name_of(nv[j], j, nv)), ov[i], nv[j], op + (i,), np + (j,), skip)
            else:
                _whole(emit, "removed", labels, ov[i], i, op + (i,), np, siblings=ov)
        for j, k in enumerate(ids_n):
            if k not in set(ids_o):
                _whole(emit, "added", labels, nv[j], j, op, np + (j,), siblings=nv)
        return
    single = len(ov) == len(nv) == 1
    ko, kn = [show(x) for x in ov], [show(x) for x in nv]
    removed: list[int] = []
    added: list[int] = []
    runs: list[list[tuple[int, int]]] = []
    opcodes: list[tuple[str, int, int, int, int]]
    if len(ko) == len(kn) and sorted(ko) != sorted(kn):  # rows kept, values changed: compare row by row
        opcodes = [("replace", 0, len(ko), 0, len(kn))]
    else:
        opcodes = list(difflib.SequenceMatcher(None, ko, kn, autojunk=False).get_opcodes())
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            continue
        olds, news = list(range(i1, i2)), list(range(j1, j2))
        if tag == "replace" and len(olds) == len(news):
            pairs = list(zip(olds, news, strict=True))
        else:
            got = assign([ko[i] for i in olds], [kn[j] for j in news], similarity, 0.5)
            pairs = [(olds[a], news[b]) for a, b in got]
        for i, j in pairs:
            if ko[i] == kn[j] and not isinstance(ov[i], BaseModel | dict | list):
                continue
            scalar = not isinstance(ov[i], BaseModel | dict | list) and not isinstance(nv[j], BaseModel | dict | list)
            if scalar and runs and runs[-1][-1] == (i - 1, j - 1) and (ko[i], kn[j]) == (ko[i - 1], kn[j - 1]):
                runs[-1].append((i, j))
            elif scalar:
                runs.append([(i, j)])
            else:
                compare(emit, _child(labels, name_of(nv[j], j, nv)), ov[i], nv[j], op + (i,), np + (j,), skip)
        removed += [i for i in olds if i not in {a for a, _ in pairs}]
        added += [j for j in news if j not in {b for _, b in pairs}]
    for run in runs:
        (i, j), (_, last) = run[0], run[-1]
        where = "" if single else f"{j + 1}件目" if len(run) == 1 else f"{j + 1}〜{last + 1}件目"
        emit("changed", describe_path(_child(labels, where)), op + (i,), np + (j,), ko[i], kn[j])
    moved = []
    for i in list(removed):  # the same value removed here and added there: a change of order
        same = [j for j in added if kn[j] == ko[i]]
        if same:
            removed.remove(i)
            added.remove(same[0])
            moved.append(same[0])
    for i in removed:
        _whole(emit, "removed", labels, ov[i], i, op + (i,), np, ko.count(ko[i]) > 1 or kn.count(ko[i]) > 0, ov)
    for j in added:
        _whole(emit, "added", labels, nv[j], j, op, np + (j,), kn.count(kn[j]) > 1 or ko.count(kn[j]) > 0, nv)
    if moved:
        emit("changed", describe_path(labels) + "の順序", op, np, "、".join(ko), "、".join(kn))
