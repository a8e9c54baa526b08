"""Safe YAML reading that keeps positions and refuses what PyYAML would silently accept.

- bytes are decoded as UTF-8 (a BOM is fine); a CP932 (Shift_JIS) file is read with a warning;
- duplicate keys are errors naming both lines (PyYAML keeps the last one silently);
- aliases are counted, so an alias bomb stops early instead of eating memory;
- nesting depth and file size are bounded;
- libyaml (PyYAML's C parser) reads the file when it is available and the text cannot nest
  deeper than it safely recurses; any error is reported by the pure-Python parser, whose
  messages and positions the hints below are written for;
- plain values stay text as written: dates (``date: 2024-07-01``), times (``10:30``), numbers
  (``0120``, ``1.10``, ``1e400``); only ``true``/``false`` are booleans (``yes``/``no``/``on``/``off``
  stay text) and ``null``/``~``/nothing is empty. The models read numbers from text where they mean one.

>>> doc = read_yaml_text("a:\\n  - 1\\n  - x\\n  - 10:30\\n  - 0120\\n", "f.yaml")
>>> doc.data, doc.pos[("a", 1)]
({'a': ['1', 'x', '10:30', '0120']}, (3, 5))
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..diagnostics import Diagnostic, FlowError
from .files import decode, read_bytes
from .yaml_errors import MAX_DEPTH, deep_at, line_breaks, reader_error, yaml_error

MAX_NODES = 500_000

MAX_TEXT = 10_000
"""Characters in one value: more is a paste accident (a 1 MB label), not something to draw."""
MAX_CHARS = 1_000_000
"""Characters in all values together, counted after aliases are expanded: a 30 KB file whose 2,000
aliases repeat one long note would otherwise be drawn as 20 million characters."""
MAX_STEPS = 5_000
"""Steps in one file. Beyond this the layout takes minutes (see bench/results.md); a flow that big
is several businesses or a generated file, and is refused at once instead of timing out."""

# C0/C1 controls other than tab and line breaks, and the bidirectional overrides that can make a
# label read differently from what it says. (YAML refuses them as raw bytes; a quoted "\x1b" or
# "\u202e" escape would let them in.) U+200B and other zero-width characters are left alone.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")

Path_ = tuple[str | int, ...]


class _Resolver(yaml.resolver.Resolver):
    pass


# Copy the safe implicit resolvers, leaving out timestamps, the YAML 1.1 yes/no booleans, and numbers:
# every value of the DSL that is a number (the format version, step numbers, checklist numbers) is
# read from its text by the model, so a plain scalar stays exactly as written — ``timing: 10:30``
# (YAML 1.1: 630), item ``0120`` (80), step ``010`` (8), ``1.10`` (1.1) and ``1e400`` (inf) are text.
_DROPPED = ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
_Resolver.yaml_implicit_resolvers = {}
for _first, _pairs in yaml.resolver.Resolver.yaml_implicit_resolvers.items():
    kept = [(tag, rx) for tag, rx in _pairs if tag not in _DROPPED]
    if kept:
        _Resolver.yaml_implicit_resolvers[_first] = kept
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class _Loader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    yaml.constructor.SafeConstructor,
    _Resolver,
):
    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        _Resolver.__init__(self)


try:
    from yaml._yaml import CParser as _CParser
except ImportError:  # PyYAML built without libyaml: the pure-Python parser does everything
    _CParser = None  # type: ignore[misc,assignment]

if _CParser is not None:

    class _CLoader(_CParser, yaml.constructor.SafeConstructor, _Resolver):
        """The same loader over libyaml: about 15 times faster on a seed-sized file."""

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            _Resolver.__init__(self)


# libyaml's composer recurses in C without a depth check (a crafted file of 100,000 "[" crashes the
# process), so the fast path is taken only when the text cannot nest that deep: block nesting needs
# indentation or a run of "- ", "? ", ": " at the start of a line; flow nesting needs brackets.
C_SAFE_DEPTH = 1000
_DEEP_BLOCK = re.compile(rf"(?m)^[ \t?:-]{{{C_SAFE_DEPTH}}}")


def _c_safe(text: str) -> bool:
    if text.count("[") + text.count("{") >= C_SAFE_DEPTH:
        depth = top = 0
        for ch in re.findall(r"[\[\]{}]", text):
            depth = depth + 1 if ch in "[{" else max(depth - 1, 0)
            top = max(top, depth)
        if top >= C_SAFE_DEPTH:
            return False
    return _DEEP_BLOCK.search(text) is None


@dataclass
class YamlDoc:
    """Plain data from a YAML file, with the (line, column) of every value and key."""

    file: str
    data: Any
    pos: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_pos: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    warnings: list[Diagnostic] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)
    """Values refused while reading (tags, control characters, duplicate keys) when reading went on
    past them (``keep_going``): the refused value is left empty, and the other stages still run."""

    def where(self, path: Path_, key: bool = False) -> tuple[int | None, int | None]:
        """The position of ``path``, or of its nearest parent that has one."""
        table = self.key_pos if key else self.pos
        p = tuple(path)
        while p:
            if p in table:
                return table[p]
            if key and p in self.pos:
                return self.pos[p]
            p = p[:-1]
        return self.pos.get((), (None, None))

    def diag(self, path: Path_, message: str, hint: str = "", key: bool = False, severity: str = "error") -> Diagnostic:
        line, col = self.where(path, key)
        return Diagnostic(self.file, line, col, severity, message, hint)  # type: ignore[arg-type]


def read_yaml_file(path: Path, display: str | None = None, keep_going: bool = False) -> YamlDoc:
    """Read and parse a flow file; raise FlowError with positions on any problem (with
    ``keep_going``, refused values are left in ``doc.errors`` unless the file cannot be parsed)."""
    name = display or str(path)
    raw = read_bytes(path, name)
    text, warnings = decode(raw, name)
    doc = read_yaml_text(text, name, keep_going)
    doc.warnings[:0] = warnings
    return doc


class _Builder:
    def __init__(self, doc: YamlDoc, loader: Any) -> None:
        self.doc = doc
        self.loader = loader
        self.count = 0
        self.chars = 0
        self.seen: set[int] = set()
        self.aliased = False
        self.errors: list[Diagnostic] = []

    def build(self, node: Node, path: Path_, depth: int) -> Any:
        self.count += 1
        if id(node) in self.seen:  # the same node again: an alias (*名前) is being expanded
            self.aliased = True
        self.seen.add(id(node))
        if self.count > MAX_NODES:
            if self.aliased:
                raise FlowError([self._at(node, f"エイリアス（*名前）の展開で要素が多すぎます（{MAX_NODES:,} 個まで）",
                                          "エイリアスの入れ子をやめて、内容を直接書いてください")])
            raise FlowError([self._at(node, f"要素が多すぎます（{MAX_NODES:,} 個まで）",
                                      "業務・期間ごとにファイルを分けてください")])
        if depth > MAX_DEPTH:
            raise FlowError([self._at(node, f"入れ子が深すぎます（{MAX_DEPTH} 段まで）", "構造を浅くしてください")])
        self.doc.pos.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, ScalarNode):
            if node.tag.startswith("tag:yaml.org,2002:") and node.tag.rsplit(":", 1)[1] in (
                "str", "int", "float", "bool", "null"
            ):
                return self._scalar(node)
            self.errors.append(self._tag(node))
            return None
        if isinstance(node, SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                self.errors.append(self._tag(node))
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            if node.tag != "tag:yaml.org,2002:map":
                self.errors.append(self._tag(node))
            return self._mapping(node, path, depth)
        raise AssertionError(type(node))  # pragma: no cover

    def _scalar(self, node: ScalarNode) -> Any:
        text = node.value
        self.chars += len(text)
        if self.chars > MAX_CHARS:
            if self.aliased:
                raise FlowError([self._at(node, f"エイリアス（*名前）の展開で文字が多すぎます（展開後 {MAX_CHARS:,} 文字まで）",
                                          "同じ長い文を何度も参照せず、必要な所にだけ書いてください")])
            raise FlowError([self._at(node, f"文字が多すぎます（すべての値で {MAX_CHARS:,} 文字まで）",
                                      "業務・期間ごとにファイルを分けてください（A4 1枚に読める大きさで描ける量を大きく超えています）")])
        if len(text) > MAX_TEXT:
            self.errors.append(self._at(node, f"値が長すぎます（{len(text):,} 文字。1つの値は {MAX_TEXT:,} 文字まで）",
                                        "貼り付けの誤りでないか確かめ、内容を短くするか複数の行・注記に分けてください"))
            return ""
        bad = _BAD_CHARS.search(text)
        if bad:
            kind = "表示の向きを変える制御文字" if "\u202a" <= bad.group() <= "\u2069" else "制御文字"
            self.errors.append(self._at(node, f"{kind} U+{ord(bad.group()):04X} が含まれています",
                                        "見えない制御文字を削除してください（Word などからの貼り付けで混入します）"))
            return _BAD_CHARS.sub("", text)
        try:
            return self.loader.construct_object(node, deep=False)
        except ValueError:  # e.g. an integer of more than 4,300 digits
            self.errors.append(self._at(node, f"数値として読めません（{text[:20]}…）", "数値を短くするか、\"…\" で囲んで文字列にしてください"))
            return None

    def _mapping(self, node: MappingNode, path: Path_, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        seen: dict[str, int] = {}
        merged: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
                for src in sources:
                    if not isinstance(src, MappingNode):
                        self.errors.append(self._at(src, "<< には対応付け（キー: 値）を指定してください", ""))
                        continue
                    value = self.build(src, path, depth + 1)
                    for k, v in value.items():
                        merged.setdefault(k, v)
                continue
            if not isinstance(key_node, ScalarNode):
                self.errors.append(self._at(key_node, "キーには文字列を書いてください", ""))
                continue
            key = key_node.value
            line = key_node.start_mark.line + 1
            if len(key) > MAX_TEXT or _BAD_CHARS.search(key):
                self._scalar(key_node)  # reports it
                continue
            if key in seen:
                self.errors.append(self._at(key_node, f"キー「{key}」が重複しています（{seen[key]}行目と{line}行目）",
                                            "どちらか一方を削除してください（後の値が黙って使われることはありません）"))
                continue
            seen[key] = line
            self.doc.key_pos[path + (key,)] = (line, key_node.start_mark.column + 1)
            out[key] = self.build(value_node, path + (key,), depth + 1)
        for k, v in merged.items():
            out.setdefault(k, v)
        return out

    def _tag(self, node: Node) -> Diagnostic:
        shown = "!!" + node.tag.removeprefix("tag:yaml.org,2002:") if node.tag.startswith("tag:yaml.org,2002:") else node.tag
        return self._at(node, f"使えないタグ {shown} です",
                        "タグ（! で始まる指定）を削除してください（flowdiag は他のファイルの読み込みやプログラムの実行をしません）")

    def _at(self, node: Node, message: str, hint: str) -> Diagnostic:
        return Diagnostic(self.doc.file, node.start_mark.line + 1, node.start_mark.column + 1, "error", message, hint)


def read_yaml_text(text: str, file: str, keep_going: bool = False) -> YamlDoc:
    """Parse YAML text into plain data and positions; raise FlowError on any problem."""
    breaks = line_breaks(text, file)
    if breaks is not None:
        raise FlowError([breaks])
    if _CParser is not None and _c_safe(text):
        loader: Any = _CLoader(text)
        try:
            node = loader.get_single_node()
        except (yaml.YAMLError, RecursionError):
            loader.dispose()
            return _read_python(text, file, keep_going)  # the pure-Python parser words the error
        return _build(loader, node, text, file, keep_going)
    return _read_python(text, file, keep_going)


def _read_python(text: str, file: str, keep_going: bool) -> YamlDoc:
    try:
        loader = _Loader(text)  # the reader checks every character here
    except yaml.reader.ReaderError as exc:
        raise FlowError([reader_error(exc, file, text)]) from None
    try:
        node = loader.get_single_node()
    except yaml.reader.ReaderError as exc:
        loader.dispose()
        raise FlowError([reader_error(exc, file, text)]) from None
    except yaml.MarkedYAMLError as exc:
        loader.dispose()
        raise FlowError([yaml_error(exc, file, text)]) from None
    except yaml.YAMLError as exc:
        loader.dispose()
        raise FlowError([Diagnostic(file, None, None, "error", f"YAML を読めません（{exc}）",
                                    "UTF-8 のテキストファイルか確かめてください")]) from None
    except RecursionError:
        loader.dispose()
        line, col = deep_at(text)
        raise FlowError([Diagnostic(file, line, col, "error", f"入れ子が深すぎます（{MAX_DEPTH} 段まで）",
                                    "構造を浅くしてください")]) from None
    return _build(loader, node, text, file, keep_going)


def _check_steps(root: Node, file: str) -> None:
    """Too many steps is said as such before anything is built (not as too many elements)."""
    if not isinstance(root, MappingNode):
        return
    for key, value in root.value:
        if isinstance(key, ScalarNode) and key.value == "steps" and isinstance(value, SequenceNode):
            if len(value.value) > MAX_STEPS:
                raise FlowError([Diagnostic(file, key.start_mark.line + 1, key.start_mark.column + 1, "error",
                                            f"ステップが多すぎます（{len(value.value):,} 個。1つの図は {MAX_STEPS:,} 個まで）",
                                            "業務・期間ごとにファイルを分けてください（A4 1枚で読める大きさに描けるのは"
                                            " 60 ステップ程度です）")])


def _build(loader: Any, node: Node | None, text: str, file: str, keep_going: bool) -> YamlDoc:
    doc = YamlDoc(file, None)
    try:
        if node is None:
            raise FlowError([Diagnostic(file, 1, 1, "error", "ファイルが空です",
                                        "flowdiag: 1 から始まるフロー定義を書いてください（samples/ を参照）")])
        _check_steps(node, file)
        builder = _Builder(doc, loader)
        try:
            doc.data = builder.build(node, (), 0)
        except RecursionError:
            raise FlowError([Diagnostic(file, None, None, "error", "入れ子が深すぎます", "構造を浅くしてください")]) from None
        if builder.errors and not keep_going:
            raise FlowError(builder.errors)
        doc.errors = builder.errors
    finally:
        loader.dispose()
    return doc
