"""pydantic's validation errors as messages for people: Japanese, at the value's position, with a fix.

Every error type pydantic can raise for the flow models has its own wording; an unexpected one
still gets a Japanese message (pydantic's English text only follows it in the hint).
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from ..diagnostics import Diagnostic, did_you_mean, hidden_note
from ..model.flow import Flow
from .yaml_source import Path_, YamlDoc

_FIELD_NAMES_JA = {
    "flowdiag": "書式バージョン", "document": "文書情報", "actors": "主体", "number": "番号",
    "title": "表題", "name": "名前", "id": "id", "text": "内容", "between": "結ぶ主体", "channel": "経路",
}


def _model_at(path: Path_) -> type[BaseModel] | None:
    """The pydantic model that validates the mapping at ``path`` (to suggest its keys)."""
    model: Any = Flow
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return None
        fld = _field(model, part)
        if fld is None:
            return None
        model = _inner_model(fld.annotation)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _field(model: type[BaseModel], key: str) -> Any:
    for name, f in model.model_fields.items():
        if key in (name, f.alias):
            return f
    return None


def _inner_model(tp: Any) -> Any:
    for _ in range(8):
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (list, tuple):
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            models = [a for a in typing.get_args(tp) if isinstance(a, type) and issubclass(a, BaseModel)]
            return models[0] if models else None
        else:
            return tp
    return tp


def keys_of(model: type[BaseModel] | None) -> list[str]:
    if model is None:
        return []
    return [f.alias or n for n, f in model.model_fields.items()]


def _data_path(loc: tuple[Any, ...], doc: YamlDoc) -> Path_:
    """Keep the parts of a pydantic loc that are real keys/indices in the document."""
    path: Path_ = ()
    for part in loc:
        cand = path + (part,)
        if cand in doc.pos or cand in doc.key_pos:
            path = cand
    return path


def choices_text(expected: str) -> list[str]:
    """pydantic's ``'a', 'b' or 'c'`` as a list.

    >>> choices_text("'業務委託', '外部結合' or '電算処理'")
    ['業務委託', '外部結合', '電算処理']
    """
    found = re.findall(r"'((?:[^'\\\\]|\\\\.)*)'|(-?\d+)", expected)
    return [a or b for a, b in found]


def schema_diagnostics(exc: ValidationError, doc: YamlDoc) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    seen: set[tuple[Any, ...]] = set()
    errors = exc.errors()
    # a misspelt key is reported once, as unknown with its "did you mean", not also as missing
    misspelt: set[tuple[Any, ...]] = set()
    for err in errors:
        if err["type"] == "extra_forbidden":
            path = _data_path(tuple(err["loc"]), doc)
            near = difflib.get_close_matches(str(err["loc"][-1]), keys_of(_model_at(path[:-1])), n=1, cutoff=0.6)
            if near:
                misspelt.add(path[:-1] + (near[0],))
    for err in errors:
        loc = tuple(err["loc"])
        path = _data_path(loc, doc)
        if err["type"] == "missing" and path + (loc[-1],) in misspelt:
            continue
        d = _one(err, loc, path, doc)
        key = (d.line, d.col, d.message)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def _one(err: Any, loc: tuple[Any, ...], path: Path_, doc: YamlDoc) -> Diagnostic:
    kind: str = err["type"]
    last = _label(loc)
    got = err.get("input")
    ctx = err.get("ctx") or {}
    if path == ("flowdiag",) and kind == "literal_error":
        return doc.diag(path, f"書式のバージョン flowdiag: {got} には対応していません",
                        "flowdiag: 1 と書いてください（この版の flowdiag が読めるのは書式 1 です）")
    if kind == "extra_forbidden":
        parent = _model_at(path[:-1])
        hint = did_you_mean(str(loc[-1]), keys_of(parent))
        keys = "、".join(keys_of(parent))
        return doc.diag(path, f"不明なキー「{loc[-1]}」です{hidden_note(str(loc[-1]))}", hint or f"使えるキー: {keys}", key=True)
    if kind == "missing":
        name = _FIELD_NAMES_JA.get(str(last), str(last))
        where = _where(path)
        return doc.diag(path, f"{where + ' に' if where else ''}必要なキー「{last}」（{name}）がありません",
                        f"「{last}: …」を追加してください", key=True)
    if kind == "literal_error":
        choices = choices_text(str(ctx.get("expected", "")))
        hint = did_you_mean(str(got), choices) or f"次のどれかを書いてください: {'、'.join(choices)}"
        return doc.diag(path, f"「{last}」に「{got}」は使えません{hidden_note(str(got))}", hint)
    if kind == "string_pattern_mismatch":
        return doc.diag(path, f"id「{got}」に使えない文字があります{hidden_note(str(got))}",
                        "id は半角英字で始め、半角英数字と _ だけで書いてください（例: ward, contractor_pc）")
    if kind == "string_too_long":
        return doc.diag(path, f"「{last}」が長すぎます（{len(str(got)):,} 文字。{ctx.get('max_length')} 文字まで）",
                        "短くしてください")
    if kind == "string_too_short":
        return doc.diag(path, f"「{last}」が短すぎます（{ctx.get('min_length')} 文字以上）", "内容を書いてください")
    if kind in ("string_type", "str_type") and got is None:
        return doc.diag(path, f"「{last}」が空です（何も書かれていません）", "内容を書くか、この行を削除してください")
    if kind in ("string_type", "str_type"):
        return doc.diag(path, f"「{last}」には文字列を書いてください（{_show(got)}が書かれています）",
                        "値を \"…\" で囲むと文字列になります")
    if kind in ("list_type", "tuple_type"):
        return doc.diag(path, f"「{last}」にはリスト（- で始まる行）を書いてください（{_show(got)}が書かれています）",
                        "例: - 項目1")
    if kind == "too_short" and str(last) == "between":
        n = ctx.get("actual_length", 0)
        return doc.diag(path, f"between には結ぶ主体・場所の id を2つ書いてください（{n} つ書かれています）",
                        "例: between: [ward, contractor]")
    if kind == "too_long" and str(last) == "between":
        return doc.diag(path, f"between に書けるのは2つの id です（{ctx.get('actual_length')} つ書かれています）",
                        "3つ以上の主体を結ぶときは、回線を2本に分けてください")
    if kind == "too_short":
        need, n = ctx.get("min_length", 1), ctx.get("actual_length", 0)
        if n == 0:
            return doc.diag(path, f"「{last}」が空です", f"少なくとも{need}つ書いてください")
        return doc.diag(path, f"「{last}」の数が足りません（{n} 個。{need} 個以上）", f"{need} 個以上書いてください")
    if kind == "too_long":
        return doc.diag(path, f"「{last}」の数が多すぎます（{ctx.get('actual_length')} 個。{ctx.get('max_length')} 個まで）",
                        "数を減らしてください")
    if kind in ("model_type", "model_attributes_type", "dict_type") and last == "measures":
        return doc.diag(path, "主体・場所の「measures」は operational（運用上の対策）と system（システム上の対策）に"
                        f"分けて書きます（{_show(got)}が書かれています）",
                        "「measures:」の下に「operational:」「system:」を書き、その下に対策を並べてください（docs/dsl.md 6 章）")
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return doc.diag(path, f"「{last}」には「キー: 値」の形で書いてください（{_show(got)}が書かれています）",
                        "docs/dsl.md の例を参照してください")
    if kind in ("bool_type", "bool_parsing"):
        return doc.diag(path, f"「{last}」には true か false を書いてください（{_show(got)}が書かれています）", "")
    if kind in ("int_type", "int_parsing", "int_from_float", "float_type", "float_parsing"):
        return doc.diag(path, f"「{last}」には数を書いてください（{_show(got)}が書かれています）", "例: 1")
    if kind == "value_error":
        msg = str(err.get("msg", "")).removeprefix("Value error, ")
        head, _, tail = msg.partition("。")  # validators write "problem。how to fix"
        return doc.diag(path, head, tail.rstrip("。") or "docs/dsl.md の書き方を参照してください")
    if kind == "union_tag_invalid" or kind.endswith("_type"):
        return doc.diag(path, f"「{last}」の書き方が違います（{_show(got)}）", "docs/dsl.md の例を参照してください")
    return doc.diag(path, f"「{last}」の値が正しくありません（{_show(got)}）",
                    f"docs/dsl.md の書き方を参照してください（pydantic: {err.get('msg')}）")


def _label(loc: tuple[Any, ...]) -> str:
    """How a message names the value: the key, or "items の2番目" for an entry of a list."""
    pydantic_parts = {"str", "int", "function-before[_as_list(), list[str]]"}
    keys = [p for p in loc if not (isinstance(p, str) and (p in pydantic_parts or "[" in p))]
    if not keys:
        return ""
    if isinstance(keys[-1], int):
        parent = next((str(k) for k in reversed(keys) if isinstance(k, str)), "")
        return f"{parent} の{keys[-1] + 1}番目" if parent else f"{keys[-1] + 1}番目"
    return str(keys[-1])


def _where(path: Path_) -> str:
    """A YAML path in words: ("actors", 0, "places", 1) → "actors の1番目の places の2番目"."""
    words: list[str] = []
    for part in path:
        if isinstance(part, int) and words:
            words[-1] += f" の{part + 1}番目"
        else:
            words.append(str(part))
    return "の ".join(words)


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "「true」" if value else "「false」"
    if value is None:
        return "空の値"
    if isinstance(value, list):
        return f"{len(value)} 行のリスト"
    if isinstance(value, dict):
        return "「キー: 値」の組"
    text = str(value)
    return f"「{text}」" if len(text) <= 40 else f"「{text[:37]}…」"
