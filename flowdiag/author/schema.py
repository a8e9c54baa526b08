"""The JSON Schema of the flow DSL, generated from the pydantic models so it cannot drift.

Editors (VS Code with the YAML extension) read it through the first line of a flow file,
``# yaml-language-server: $schema=flowdiag.schema.json``, and then complete keys and catalog ids
and show the Japanese descriptions. The structure comes from :class:`flowdiag.model.flow.Flow`;
the Japanese titles, descriptions and examples come from ``schema_text.yaml`` (one entry per
model and field); the catalog ids from ``stencils/``.

>>> schema = build_schema()
>>> schema["properties"]["actors"]["title"]
'主体'
>>> "usb" in schema["$defs"]["Step"]["properties"]["medium"]["anyOf"][0]["anyOf"][0]["enum"]
True
"""

from __future__ import annotations

import functools
import json
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from ..catalog import REF_PATTERN, Catalog, load_catalog
from ..model import flow as flow_model
from ..model import packet as packet_model
from ..model.flow import Flow

SCHEMA_FILE = "flowdiag.schema.json"
"""The name ``flowdiag schema`` and ``flowdiag new`` give the schema beside the flow files."""

DIALECT = "http://json-schema.org/draft-07/schema#"
"""Draft 7: the dialect editors' YAML support reads completely."""

TEXT_FILE = Path(__file__).with_name("schema_text.yaml")

ID_WORD = "^[a-z0-9_]*[a-z][a-z0-9_]*$"
"""A medium or channel written like this is taken as a catalog id (the loader's rule)."""


@functools.lru_cache(maxsize=1)
def schema_text() -> dict[str, dict[str, dict[str, Any]]]:
    """The Japanese texts: model name → field (YAML key, ``_`` for the model) → title/description/…"""
    data = yaml.safe_load(TEXT_FILE.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise RuntimeError(f"{TEXT_FILE.name} is malformed")
    return data


def models() -> list[type[BaseModel]]:
    """Every model a flow file can contain, from :class:`Flow` down, in a stable order."""
    seen: list[type[BaseModel]] = []

    def walk(tp: Any) -> None:
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if tp not in seen:
                seen.append(tp)
                for info in tp.model_fields.values():
                    walk(info.annotation)
            return
        for arg in typing.get_args(tp):
            walk(arg)

    walk(Flow)
    return seen


def yaml_keys(model: type[BaseModel]) -> list[str]:
    """The keys a user writes for a model's fields (``from``, not ``from_``)."""
    return [info.alias or name for name, info in model.model_fields.items()]


# ---------------------------------------------------------------- what the before-validators accept

def _one_or_list(inner: JsonSchemaValue) -> JsonSchemaValue:
    """A list where one string may stand for a one-item list (``at: ward``)."""
    return {"anyOf": [inner.get("items", {}), inner]}


def _text(inner: JsonSchemaValue) -> JsonSchemaValue:
    """Text where a number is read as text (``version: 2``)."""
    if inner == {"type": "string"}:
        return {"type": ["string", "number"]}
    return {"anyOf": [inner, {"type": "number"}]}


_PRIMES = "'\u2032\u2019\uff07\u00b4`\"\u2033\u201d\uff02"
_CIRCLED = "\u2460-\u2473\u3251-\u325f\u32b1-\u32bf"
STEP_NUMBER_TEXT = (f"^\\s*(?:(?:[{_CIRCLED}][{_PRIMES}]*)+|[0-9\uff10-\uff19]*[1-9\uff11-\uff19][0-9\uff10-\uff19]*"
                    f"[{_PRIMES}]*)\\s*$")
"""A step number as text: ①, ③③′, 2', full-width ３ (see :mod:`flowdiag.model.numbers`)."""


def _step_numbers(_inner: JsonSchemaValue) -> JsonSchemaValue:
    one = {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "string", "pattern": STEP_NUMBER_TEXT}]}
    return {"anyOf": [one, {"type": "array", "items": one, "minItems": 1}]}


def _format_version(_inner: JsonSchemaValue) -> JsonSchemaValue:
    return {"enum": [1]}


def _checklist_kind(inner: JsonSchemaValue) -> JsonSchemaValue:
    names = list(inner.get("enum", []))
    return {"enum": names + sorted(packet_model.CHECKLIST_NUMBERS) + [3, 4, 5]}


BEFORE: dict[Callable[..., Any], Callable[[JsonSchemaValue], JsonSchemaValue]] = {
    flow_model._as_list: _one_or_list,
    packet_model._as_list: _one_or_list,
    flow_model._as_text: _text,
    packet_model._as_text: _text,
    flow_model._parse_numbers: _step_numbers,
    flow_model._format_version: _format_version,
    packet_model._checklist_kind: _checklist_kind,
}
"""What each before-validator of the models accepts, as schema. A new one must be added here
(generation stops with a message naming it, so the schema never silently says less than the loader)."""


class _Generator(GenerateJsonSchema):
    def function_before_schema(self, schema: core_schema.BeforeValidatorFunctionSchema) -> JsonSchemaValue:
        func = schema["function"]["function"]
        handler = BEFORE.get(func)
        if handler is None:
            raise RuntimeError(f"flowdiag schema: no schema rule for the validator {func.__module__}.{func.__qualname__}"
                               " — add one to flowdiag/author/schema.py BEFORE")
        return handler(self.generate_inner(schema["schema"]))


# ---------------------------------------------------------------- catalog ids

def _catalog_schemas(cat: Catalog) -> dict[str, JsonSchemaValue]:
    measure_ids = list(cat.measures) + list(cat.sets)
    ref = REF_PATTERN.pattern
    return {
        "media": {"anyOf": [{"enum": list(cat.media)}, {"type": "string", "not": {"pattern": ID_WORD}}]},
        "channels": {"anyOf": [{"enum": list(cat.channels)}, {"type": "string", "not": {"pattern": ID_WORD}}]},
        "channel_words": {"anyOf": [{"enum": list(cat.channels)}, {"type": "string"}]},
        "measures": {"anyOf": [{"enum": measure_ids}, {"type": "string", "not": {"pattern": ref}}]},
        "measure_ref": {"enum": measure_ids},
    }


def _is_text(node: Any) -> bool:
    return isinstance(node, dict) and node.get("type") in ("string", ["string", "number"]) and "enum" not in node


def _replace_text(node: Any, replacement: JsonSchemaValue) -> Any:
    """Every plain text leaf of a property schema (not behind a $ref) becomes ``replacement``."""
    if _is_text(node):
        return dict(replacement)
    if isinstance(node, dict):
        return {k: _replace_text(v, replacement) if k in ("anyOf", "items") else v for k, v in node.items()}
    if isinstance(node, list):
        return [_replace_text(v, replacement) for v in node]
    return node


# ---------------------------------------------------------------- the loader's rules the schema can say

NON_BLANK = "\\S"
"""A text must contain something besides spaces (full-width spaces included)."""

REQUIRED_TEXT = frozenset({("Document", "number"), ("Document", "title"), ("Actor", "name"), ("Place", "name"),
                           ("DataSet", "title"), ("Link", "channel"), ("Step", "text"),
                           ("Flow", "notes"), ("Actor", "caption"), ("Actor", "notes"), ("Place", "caption"),
                           ("Place", "notes"), ("DataSet", "items"), ("DataSet", "notes"), ("Step", "timing"),
                           ("Step", "medium"), ("Step", "channel"), ("Step", "notes"), ("Step", "measures"),
                           ("Link", "notes"), ("MeasureGroups", "operational"), ("MeasureGroups", "system")})
"""Texts and lists of lines the loader refuses blank (see ``check_blanks`` in flowdiag/load/validate.py)."""

STEP_SHAPE: list[JsonSchemaValue] = [
    {"not": {"required": ["at", "from"]}},
    {"not": {"required": ["at", "to"]}},
    {"dependencies": {"from": ["to"], "to": ["from"]}},
    {"anyOf": [{"required": ["at"]}, {"required": ["from"]}]},
]
"""A step is a movement (from and to) or an action (at), never both."""


def _non_blank(node: Any) -> Any:
    if isinstance(node, dict):
        out = {k: _non_blank(v) if k in ("anyOf", "items") else v for k, v in node.items()}
        if out.get("type") in ("string", ["string", "number"]) and "enum" not in out:
            out["pattern"] = NON_BLANK
        return out
    if isinstance(node, list):
        return [_non_blank(v) for v in node]
    return node


# ---------------------------------------------------------------- the schema

def _describe(target: dict[str, Any], text: dict[str, Any]) -> None:
    target.pop("title", None)
    target.pop("description", None)
    for key in ("title", "description", "examples"):
        if key in text:
            target[key] = text[key]


def build_schema(catalog: Catalog | None = None) -> dict[str, Any]:
    """The JSON Schema (draft 7) of a flow file, with Japanese texts and the catalog ids."""
    cat = catalog or load_catalog()
    raw = Flow.model_json_schema(by_alias=True, schema_generator=_Generator)
    texts = schema_text()
    catalogs = _catalog_schemas(cat)
    defs: dict[str, Any] = raw.pop("$defs", {})
    for model in models():
        node = raw if model is Flow else defs[model.__name__]
        entries = texts.get(model.__name__, {})
        _describe(node, entries.get("_", {}))
        for key, prop in node.get("properties", {}).items():
            entry = entries.get(key, {})
            if "catalog" in entry:
                prop = node["properties"][key] = _replace_text(prop, catalogs[entry["catalog"]])
            if (model.__name__, key) in REQUIRED_TEXT:
                prop = node["properties"][key] = _non_blank(prop)
            _describe(prop, entry)
        if model is flow_model.Step:
            node["allOf"] = STEP_SHAPE
    out: dict[str, Any] = {"$schema": DIALECT}
    out.update(raw)
    out["$defs"] = {name: defs[name] for name in sorted(defs)}
    return out


def schema_json(catalog: Catalog | None = None) -> str:
    """The schema as the bytes ``flowdiag schema`` writes: UTF-8 JSON, two-space indent, one final newline."""
    return json.dumps(build_schema(catalog), ensure_ascii=False, indent=2) + "\n"


def modeline(schema_path: str = SCHEMA_FILE) -> str:
    """The first line of a flow file that points the editor at the schema.

    >>> modeline()
    '# yaml-language-server: $schema=flowdiag.schema.json'
    """
    return f"# yaml-language-server: $schema={schema_path}"
