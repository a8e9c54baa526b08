"""Turn parsed YAML into a Flow: schema errors and broken references, all at once, with positions."""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..catalog import REF_PATTERN, Catalog, load_catalog
from ..diagnostics import Diagnostic, FlowError, did_you_mean
from ..model.flow import Flow, MeasureRef
from .yaml_source import MAX_STEPS, Path_, YamlDoc, read_yaml_file, read_yaml_text

_FIELD_NAMES_JA = {
    "flowdiag": "書式バージョン", "document": "文書情報", "actors": "主体", "number": "番号",
    "title": "表題", "name": "名前", "id": "id", "text": "内容", "between": "結ぶ主体", "channel": "経路",
}


@dataclass
class LoadedFlow:
    """A valid flow with where it came from (for positions in later messages)."""

    flow: Flow
    doc: YamlDoc
    catalog: Catalog
    warnings: list[Diagnostic] = field(default_factory=list)

    @property
    def file(self) -> str:
        return self.doc.file


def load_flow(path: Path | str, display: str | None = None) -> LoadedFlow:
    """Read a flow file; raise FlowError with every problem found."""
    p = Path(path)
    doc = read_yaml_file(p, display or str(path))
    return build_flow(doc)


def load_flow_text(text: str, file: str = "<text>") -> LoadedFlow:
    """Same as load_flow for YAML already in memory (tests, git revisions)."""
    return build_flow(read_yaml_text(text, file))


def build_flow(doc: YamlDoc) -> LoadedFlow:
    if not isinstance(doc.data, dict):
        kind = "リスト" if isinstance(doc.data, list) else "値"
        raise FlowError([doc.diag((), f"ファイルの最上位が{kind}です",
                                  "最上位は「flowdiag: 1」「document:」「actors:」などのキーで始めてください")])
    if "flowdiag" not in doc.data:
        raise FlowError([doc.diag((), "flowdiag: 1 の行がありません（フロー定義ファイルではないようです）",
                                  "ファイルの先頭に「flowdiag: 1」と書いてください")])
    steps = doc.data.get("steps")
    if isinstance(steps, list) and len(steps) > MAX_STEPS:
        raise FlowError([doc.diag(("steps",), f"ステップが多すぎます（{len(steps):,} 個。1つの図は {MAX_STEPS:,} 個まで）",
                                  "業務・期間ごとにファイルを分けてください（A4 1枚で読める大きさに描けるのは"
                                  " 60 ステップ程度です）", key=True)])
    try:
        flow = Flow.model_validate(doc.data)
    except ValidationError as exc:
        raise FlowError(_schema_diagnostics(exc, doc)) from None
    catalog = load_catalog()
    problems = check_blanks(doc) + check_references(flow, doc, catalog)
    if problems:
        raise FlowError(problems)
    loaded = LoadedFlow(flow, doc, catalog, list(doc.warnings))
    return loaded


# ---------------------------------------------------------------- schema errors

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


def _keys_of(model: type[BaseModel] | None) -> list[str]:
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


def _schema_diagnostics(exc: ValidationError, doc: YamlDoc) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    seen: set[tuple[Any, ...]] = set()
    errors = exc.errors()
    # a misspelt key is reported once, as unknown with its "did you mean", not also as missing
    misspelt: set[tuple[Any, ...]] = set()
    for err in errors:
        if err["type"] == "extra_forbidden":
            path = _data_path(tuple(err["loc"]), doc)
            near = difflib.get_close_matches(str(err["loc"][-1]), _keys_of(_model_at(path[:-1])), n=1, cutoff=0.6)
            if near:
                misspelt.add(path[:-1] + (near[0],))
    for err in errors:
        loc = tuple(err["loc"])
        path = _data_path(loc, doc)
        kind = err["type"]
        last = _label(loc)
        if kind == "missing" and path + (loc[-1],) in misspelt:
            continue
        if path == ("flowdiag",) and kind == "literal_error":
            d = doc.diag(path, f"書式のバージョン flowdiag: {err.get('input')} には対応していません",
                         "flowdiag: 1 と書いてください（この版の flowdiag が読めるのは書式 1 です）")
        elif kind == "extra_forbidden":
            parent = _model_at(path[:-1])
            hint = did_you_mean(str(last), _keys_of(parent))
            keys = "、".join(_keys_of(parent))
            d = doc.diag(path, f"不明なキー「{last}」です", hint or f"使えるキー: {keys}", key=True)
        elif kind == "missing":
            name = _FIELD_NAMES_JA.get(str(last), str(last))
            where = _where(path)
            d = doc.diag(path, f"{where + ' に' if where else ''}必要なキー「{last}」（{name}）がありません",
                         f"「{last}: …」を追加してください", key=True)
        elif kind == "literal_error":
            expected = err.get("ctx", {}).get("expected", "")
            got = err.get("input")
            choices = [c.strip(" '") for c in str(expected).replace(" or ", ",").split(",")]
            hint = did_you_mean(str(got), choices) or f"次のどれかを書いてください: {expected}"
            d = doc.diag(path, f"「{last}」に「{got}」は使えません", hint)
        elif kind == "string_pattern_mismatch":
            d = doc.diag(path, f"id「{err.get('input')}」に使えない文字があります",
                         "id は半角英字で始め、半角英数字と _ だけで書いてください（例: ward, contractor_pc）")
        elif kind in ("string_type", "str_type") and err.get("input") is None:
            d = doc.diag(path, f"「{last}」が空です（何も書かれていません）", "内容を書くか、この行を削除してください")
        elif kind in ("string_type", "str_type"):
            d = doc.diag(path, f"「{last}」には文字列を書いてください（{_show(err.get('input'))}が書かれています）",
                         "値を \"…\" で囲むと文字列になります")
        elif kind in ("list_type", "tuple_type"):
            d = doc.diag(path, f"「{last}」にはリスト（- で始まる行）を書いてください", "例: - 項目1")
        elif kind in ("model_type", "model_attributes_type", "dict_type") and last == "measures":
            d = doc.diag(path, "主体・場所の「measures」は operational（運用上の対策）と system（システム上の対策）に"
                         f"分けて書きます（{_show(err.get('input'))}が書かれています）",
                         "「measures:」の下に「operational:」「system:」を書き、その下に対策を並べてください（docs/dsl.md 6 章）")
        elif kind in ("model_type", "model_attributes_type", "dict_type"):
            d = doc.diag(path, f"「{last}」には「キー: 値」の形で書いてください（{_show(err.get('input'))}が書かれています）",
                         "docs/dsl.md の例を参照してください")
        elif kind == "bool_type" or kind == "bool_parsing":
            d = doc.diag(path, f"「{last}」には true か false を書いてください", "")
        elif kind == "too_short":
            d = doc.diag(path, f"「{last}」が空です", "少なくとも1つ書いてください")
        elif kind == "too_long":
            d = doc.diag(path, f"「{last}」の数が多すぎます", str(err.get("msg", "")))
        elif kind == "value_error":
            msg = str(err.get("msg", "")).removeprefix("Value error, ")
            head, _, tail = msg.partition("。")  # validators write "problem。how to fix"
            d = doc.diag(path, head, tail.rstrip("。") or "docs/dsl.md の書き方を参照してください")
        elif kind == "union_tag_invalid" or kind.endswith("_type"):
            d = doc.diag(path, f"「{last}」の書き方が違います（{_show(err.get('input'))}）", "docs/dsl.md の例を参照してください")
        else:
            d = doc.diag(path, f"「{last}」: {err.get('msg')}", "docs/dsl.md を参照してください")
        key = (d.line, d.col, d.message)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


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


# ---------------------------------------------------------------- blank text

# Texts drawn as a heading or a box title: a blank one is a mistake (an empty box, a missing title).
_REQUIRED_TEXT = {("document", "number"): "資料番号", ("document", "title"): "表題", ("actors", "*", "name"): "主体の名前",
                  ("actors", "*", "places", "*", "name"): "場所の名前", ("data", "*", "title"): "データの題名",
                  ("links", "*", "channel"): "回線の名前"}
# Lists of lines: a blank entry would draw an empty line or a lone bullet "・".
_LINE_KEYS = {"caption", "notes", "items", "timing", "medium", "channel", "operational", "system", "measures"}
_LINE_PARENTS = {"actors", "places", "data", "steps", "links", "measures", None}


def _blank(value: Any) -> bool:
    return isinstance(value, str) and not value.strip()


def check_blanks(doc: YamlDoc) -> list[Diagnostic]:
    """Empty or whitespace-only texts where something must be drawn, with their positions.

    Optional single texts (``via: ""`` hides the medium line) are left alone.
    """
    out: list[Diagnostic] = []

    def walk(value: Any, path: Path_) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, path + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, path + (i,))
        elif _blank(value):
            pattern = tuple("*" if isinstance(p, int) else p for p in path)
            if pattern in _REQUIRED_TEXT:
                out.append(doc.diag(path, f"{_REQUIRED_TEXT[pattern]}（{path[-1]}）が空です", "内容を書いてください"))
                return
            keys = [p for p in path if isinstance(p, str)]
            if not keys or keys[0] == "packet":
                return
            key = keys[-1]
            parent = keys[-2] if len(keys) > 1 else None
            if key in _LINE_KEYS and parent in _LINE_PARENTS:
                what = f"{key} の{path[-1] + 1}番目" if isinstance(path[-1], int) else key
                out.append(doc.diag(path, f"「{what}」が空です", "内容を書くか、この行を削除してください"))

    walk(doc.data, ())
    return out


# ---------------------------------------------------------------- references

def check_references(flow: Flow, doc: YamlDoc, catalog: Catalog) -> list[Diagnostic]:
    """Duplicate ids and references to actors, places, data sets and catalog entries."""
    out: list[Diagnostic] = []
    nodes: dict[str, Path_] = {}

    def define(ident: str, path: Path_, what: str) -> None:
        if ident in nodes:
            first = doc.where(nodes[ident] + ("id",))[0]
            out.append(doc.diag(path + ("id",), f"{what}の id「{ident}」が重複しています（{first}行目でも使われています）",
                                "別の id にしてください"))
        else:
            nodes[ident] = path

    for ai, actor in enumerate(flow.actors):
        define(actor.id, ("actors", ai), "主体")
        for pi, place in enumerate(actor.places):
            define(place.id, ("actors", ai, "places", pi), "場所")
    data_ids: dict[str, Path_] = {}
    for di, ds in enumerate(flow.data):
        if ds.id in data_ids:
            out.append(doc.diag(("data", di, "id"), f"データの id「{ds.id}」が重複しています", "別の id にしてください"))
        data_ids[ds.id] = ("data", di)
        for j, ref in enumerate(ds.at):
            if ref not in nodes:
                out.append(_unknown(doc, ("data", di, "at", j), ref, nodes, "主体・場所"))

    step_ids: set[str] = set()
    for si, step in enumerate(flow.steps):
        base: Path_ = ("steps", si)
        if step.id:
            if step.id in step_ids:
                out.append(doc.diag(base + ("id",), f"ステップの id「{step.id}」が重複しています", "別の id にしてください"))
            step_ids.add(step.id)
        moving = step.from_ is not None or step.to is not None
        if step.at is not None and moving:
            out.append(doc.diag(base + ("at",), "at と from/to は同時に書けません",
                                "主体の中の作業なら at だけ、受け渡しなら from と to を書いてください"))
        elif step.at is None and not moving:
            out.append(doc.diag(base, "ステップに at も from/to もありません",
                                "作業なら「at: 主体のid」、受け渡しなら「from: …」「to: …」を書いてください", key=True))
        elif moving and (step.from_ is None or step.to is None):
            absent = "to" if step.to is None else "from"
            out.append(doc.diag(base, f"ステップに {absent} がありません", f"「{absent}: 主体のid」を追加してください", key=True))
        for key, end in (("from", step.from_), ("to", step.to), ("at", step.at)):
            if end is not None and end not in nodes:
                out.append(_unknown(doc, base + (key,), end, nodes, "主体・場所"))
        for j, ref in enumerate(step.data):
            if ref not in data_ids:
                out.append(_unknown(doc, base + ("data", j), ref, data_ids, "データ"))
        out += _check_measures(step.measures, base + ("measures",), doc, catalog)
        for key, table in (("medium", catalog.media), ("channel", catalog.channels)):
            for j, value in enumerate(getattr(step, key)):
                if value.isascii() and value.replace("_", "").isalnum() and value.islower() and value not in table:
                    out.append(doc.diag(base + (key, j), f"{key}「{value}」は stencils にありません",
                                        did_you_mean(value, table) or f"使える id: {'、'.join(table)}（日本語の自由記述も書けます）"))

    for li, link in enumerate(flow.links):
        for j, ref in enumerate(link.between):
            if ref not in nodes:
                out.append(_unknown(doc, ("links", li, "between", j), ref, nodes, "主体・場所"))

    for ai, actor in enumerate(flow.actors):
        for group in ("operational", "system"):
            out += _check_measures(getattr(actor.measures, group), ("actors", ai, "measures", group), doc, catalog)
        for pi, place in enumerate(actor.places):
            for group in ("operational", "system"):
                out += _check_measures(getattr(place.measures, group),
                                       ("actors", ai, "places", pi, "measures", group), doc, catalog)
    out += _check_packet_refs(flow, doc, nodes, data_ids)
    return out


def _unknown(doc: YamlDoc, path: Path_, ref: str, known: Any, what: str) -> Diagnostic:
    hint = did_you_mean(ref, known) or (f"定義されている{what}: {'、'.join(list(known)[:12])}" if known else "")
    return doc.diag(path, f"{what}「{ref}」が定義されていません", hint)


def _check_measures(items: list[Any], path: Path_, doc: YamlDoc, catalog: Catalog) -> list[Diagnostic]:
    out = []
    known = list(catalog.measures) + list(catalog.sets)
    for j, item in enumerate(items):
        ref = item.ref if isinstance(item, MeasureRef) else item.strip()
        if isinstance(item, MeasureRef) and not item.ref and not item.text:
            out.append(doc.diag(path + (j,), "対策に ref も text もありません", "ref: カタログの id か text: 文言 を書いてください"))
            continue
        if isinstance(item, MeasureRef) and not item.ref:
            continue
        if ref and REF_PATTERN.match(ref) and ref not in catalog.measures and ref not in catalog.sets:
            out.append(doc.diag(path + (j,), f"対策「{ref}」は stencils/measures.yaml にありません",
                                did_you_mean(ref, known) or "flowdiag stencils で一覧を確かめてください"))
    return out


def _check_packet_refs(flow: Flow, doc: YamlDoc, nodes: dict[str, Path_], data_ids: dict[str, Path_]) -> list[Diagnostic]:
    """References from the packet (forms, checklists, derive_measures) to actors and data sets."""
    out: list[Diagnostic] = []
    if flow.packet is None:
        return out
    actors = {a.id: ("actors", i) for i, a in enumerate(flow.actors)}
    for fi, form in enumerate(flow.packet.forms):
        base: Path_ = ("packet", "forms", fi)
        for j, ref in enumerate(form.data):
            if ref not in data_ids:
                out.append(_unknown(doc, base + ("data", j), ref, data_ids, "データ"))
        for j, ref in enumerate(form.actors):
            if ref not in actors:
                out.append(_unknown(doc, base + ("actors", j), ref, actors, "主体"))
        for gi, group in enumerate(form.items):
            for j, ref in enumerate(getattr(group, "data", [])):
                if ref not in data_ids:
                    out.append(_unknown(doc, base + ("items", gi, "data", j), ref, data_ids, "データ"))
    for ci, marks in enumerate(flow.packet.checklists):
        for j, ref in enumerate(marks.actors):
            if ref not in actors:
                out.append(_unknown(doc, ("packet", "checklists", ci, "actors", j), ref, actors, "主体"))
    for di, spec in enumerate(flow.packet.derive_measures):
        if spec.actor not in actors:
            out.append(_unknown(doc, ("packet", "derive_measures", di, "actor"), spec.actor, actors, "主体"))
    return out
