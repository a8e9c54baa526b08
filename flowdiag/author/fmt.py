"""``flowdiag fmt``: a flow file rewritten in the canonical key order and layout, comments kept.

The canonical form: keys in the order of :data:`KEY_ORDER` (the order of the samples), two-space
indentation with list dashes indented under their key, and a list of texts written on one line
(``items: [氏名, 住所]``) split into one ``- `` line per item when it is wider than :data:`WIDTH`
columns. Comments, quoting, blank lines, anchors and the choice between one line (``[…]``,
``{…}``) and one item a line are kept as written (ruamel.yaml round trip). Formatting never changes meaning: the
result is loaded and compared with the original before anything is written.

>>> print(format_text("steps:\\n- text: 抽出\\n  number: 1\\n  data: [a, b]\\nflowdiag: 1  # 書式\\n"), end="")
flowdiag: 1  # 書式
steps:
  - number: 1
    text: 抽出
    data: [a, b]
"""

from __future__ import annotations

import io
import types
import typing
import unicodedata
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from ..diagnostics import Diagnostic, FlowError
from ..load.validate import LoadedFlow, load_flow_text
from ..model.flow import Flow

WIDTH = 120
"""Columns a one-line list may take (a full-width character counts two)."""

KEY_ORDER: dict[str, tuple[str, ...]] = {
    "Flow": ("flowdiag", "document", "actors", "data", "links", "steps", "notes", "packet", "waivers"),
    "Document": ("number", "title", "department", "business", "version", "date", "page"),
    "Actor": ("id", "name", "kind", "caption", "notes", "places", "measures"),
    "Place": ("id", "name", "kind", "caption", "notes", "measures"),
    "DataSet": ("id", "title", "items", "at", "sensitive", "notes"),
    "Step": ("number", "id", "at", "from", "to", "text", "timing", "medium", "channel", "encrypted", "via",
             "returns", "data", "show_items", "measures", "notes"),
    "Link": ("id", "between", "channel", "encrypted", "label", "notes"),
    "ChecklistMarks": ("checklist", "version", "actors", "ward", "partner"),
}
"""Keys written first, in this order; any other field follows in the model's order."""


def key_order(model: type[BaseModel]) -> list[str]:
    """The canonical order of a model's keys.

    >>> key_order(Flow)[:3]
    ['flowdiag', 'document', 'actors']
    """
    keys = [info.alias or name for name, info in model.model_fields.items()]
    first = [k for k in KEY_ORDER.get(model.__name__, ()) if k in keys]
    return first + [k for k in keys if k not in first]


# ---------------------------------------------------------------- which model a YAML node is

def _strip(tp: Any) -> Any:
    while typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    return tp


def _alternatives(tp: Any) -> list[Any]:
    tp = _strip(tp)
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return [a for arg in typing.get_args(tp) for a in _alternatives(arg)]
    return [tp]


def _mapping_type(tp: Any) -> tuple[type[BaseModel] | None, Any]:
    """For a mapping written where ``tp`` is expected: (its model, or None and the type of its values)."""
    for alt in _alternatives(tp):
        if isinstance(alt, type) and issubclass(alt, BaseModel):
            return alt, None
    for alt in _alternatives(tp):
        if typing.get_origin(alt) is dict:
            return None, typing.get_args(alt)[1]
    return None, None


def _item_type(tp: Any) -> Any:
    for alt in _alternatives(tp):
        if typing.get_origin(alt) in (list, tuple):
            return typing.get_args(alt)[0]
    return None


def _fields(model: type[BaseModel]) -> dict[str, Any]:
    return {info.alias or name: info.annotation for name, info in model.model_fields.items()}


def _reorder(node: Any, tp: Any) -> None:
    if isinstance(node, CommentedMap):
        model, values = _mapping_type(tp)
        if model is not None:
            fields = _fields(model)
            for key in key_order(model) + [k for k in list(node) if k not in fields]:
                if key in node:
                    node.move_to_end(key)
            for key, value in node.items():
                _reorder(value, fields.get(key))
        else:
            for value in node.values():
                _reorder(value, values)
    elif isinstance(node, CommentedSeq):
        item = _item_type(tp)
        for value in node:
            _reorder(value, item)


# ---------------------------------------------------------------- one line or one item a line

def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def _shown(value: Any) -> str:
    text = str(value)
    return text + "  " if any(c in text for c in ":#,[]{}'\"") else text  # room for quotes


def _lay_out(node: Any, indent: int, key: str) -> None:
    if isinstance(node, CommentedMap):
        for k, v in node.items():
            _lay_out(v, indent + 2, str(k))
    elif isinstance(node, CommentedSeq):
        if node.fa.flow_style() and all(_scalar(v) for v in node):
            line = " " * (indent - 2) + key + ": [" + ", ".join(_shown(v) for v in node) + "]"
            if _columns(line) > WIDTH:
                node.fa.set_block_style()
        else:
            node.fa.set_block_style()
            for v in node:
                _lay_out(v, indent + 4, key)


# ---------------------------------------------------------------- the text

def _yaml() -> YAML:
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = 4096
    return y


def format_text(text: str, file: str = "<text>") -> str:
    """The canonical form of a flow file's text (which must be YAML; FlowError otherwise)."""
    y = _yaml()
    try:
        data = y.load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise FlowError([Diagnostic(file, mark.line + 1 if mark else None, mark.column + 1 if mark else None, "error",
                                    "YAML として読めないため整形できません",
                                    "flowdiag check で誤りを確かめてから直してください")]) from None
    if isinstance(data, CommentedMap):
        _reorder(data, Flow)
        for k, v in data.items():
            _lay_out(v, 2, str(k))
    out = io.StringIO()
    y.dump(data, out)
    return out.getvalue()


def format_flow(text: str, file: str) -> tuple[str, LoadedFlow]:
    """Load ``text`` (every error reported), format it and prove the meaning is unchanged.

    Returns the formatted text and the loaded flow. Raises FlowError when the file does not
    load, or (a defect) when the formatted text would mean something else.
    """
    before = load_flow_text(text, file)
    newline = "\r\n" if "\r\n" in text else "\n"
    formatted = format_text(text.replace("\r\n", "\n").lstrip("\ufeff"), file)
    try:
        after = load_flow_text(formatted, file)
    except FlowError:
        after = None
    if after is None or after.flow != before.flow:
        raise FlowError([Diagnostic(file, None, None, "error", "整形すると意味が変わってしまうため、書き換えませんでした",
                                    "入力ファイルを添えて不具合として報告してください")])
    return formatted.replace("\n", newline), before
