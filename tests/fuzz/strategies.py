"""Hypothesis strategies: random valid flows (as plain YAML data) with hostile but legal text, and
random damage to them (at the data, text and byte level).

Texts mix Japanese, full-width and ASCII punctuation, markup characters, backslashes, circled
numbers, primes and long runs without break opportunities, so wrapping, escaping and layout all
get exercised. They never hold what the loader refuses on purpose (control characters, blank
text), so every generated flow is valid.
"""

from __future__ import annotations

import json
from typing import Any

import yaml
from hypothesis import strategies as st

_JA = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをんがぎぐげご" \
      "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンー" \
      "個人情報区民委託事業者提供返却消去抽出梱包宛名印字配布対象者電話番号住所氏名新宿"
_PUNCT = "・、。（）【】「」『』※〜～~:/-_()[]{}!?％％＋＝＠＃♪…‥〒①②⑳㉑㊿′″"
_HOSTILE = "<>&\"'\\;$`|#%*=@"
_LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789０１２３ｱｲｳｴｵﾞﾟ"
_SPACE = " \u3000"

_alphabet = st.sampled_from(_JA + _PUNCT + _HOSTILE + _LATIN + _SPACE)
_runs = st.one_of(
    st.text(_alphabet, min_size=1, max_size=18),
    st.sampled_from([r"\N", r"\G", r"\L", r"\\", "<b>", "&amp;", "&#92;", "javascript:x()", "<script>",
                     "]]>", "{{", "%s", "A" * 40, "あ" * 30, "（" * 3, "・" * 4, "\u200b", "𠮷"]),
)


@st.composite
def texts(draw: st.DrawFn, max_runs: int = 4) -> str:
    """Non-blank text: a few runs of random characters or known troublemakers."""
    t = "".join(draw(st.lists(_runs, min_size=1, max_size=max_runs)))
    if not t.strip():
        t = "空" + t
    return t


ident_chars = "abcdefghijklmnopqrstuvwxyz0123456789_"


@st.composite
def idents(draw: st.DrawFn, prefix: str) -> str:
    return prefix + draw(st.text(ident_chars, max_size=6))


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for n in names:
        seen[n] = seen.get(n, 0) + 1
        out.append(n if seen[n] == 1 else f"{n}_{seen[n]}")
    return out


ACTOR_KINDS = ["ward", "contractor", "subcontractor", "person", "cloud", "system", "organization", "other"]
PLACE_KINDS = ["system", "pc", "office", "callcenter", "window", "storage", "mailbox", "other", "goods"]
MEDIA = ["usb", "paper", "dvd", "USBメモリ", "紙媒体（封筒）"]
CHANNELS = ["hand", "mail", "post", "tel", "internet", "lgwan", "手渡し", "ＦＡＸ"]
CATALOG_MEASURES = ["itaku.returned_and_erased", "handover.locked_bag", "sets.handover", "特記事項等の遵守"]


@st.composite
def flows(draw: st.DrawFn, max_actors: int = 4, max_steps: int = 16) -> dict[str, Any]:
    """A valid flow as plain data (the shape of a YAML file)."""
    n_actors = draw(st.integers(1, max_actors))
    actor_ids = _unique([draw(idents("a")) for _ in range(n_actors)])
    actors: list[dict[str, Any]] = []
    place_ids: list[str] = []
    for aid in actor_ids:
        actor: dict[str, Any] = {"id": aid, "name": draw(texts()), "kind": draw(st.sampled_from(ACTOR_KINDS))}
        if draw(st.booleans()):
            actor["caption"] = draw(st.lists(texts(), min_size=1, max_size=2))
        places = []
        for _ in range(draw(st.integers(0, 2))):
            pid = draw(idents("p"))
            place: dict[str, Any] = {"id": pid, "name": draw(texts()),
                                     "kind": draw(st.sampled_from(PLACE_KINDS))}
            if draw(st.booleans()):
                place["caption"] = draw(st.lists(texts(), min_size=1, max_size=2))
            if draw(st.booleans()):
                place["notes"] = draw(st.lists(texts(), min_size=1, max_size=2))
            places.append(place)
        if places:
            actor["places"] = places
        groups: dict[str, Any] = {}
        for group in ("operational", "system"):
            if draw(st.booleans()):
                groups[group] = draw(st.lists(st.one_of(texts(), st.sampled_from(CATALOG_MEASURES)),
                                              min_size=1, max_size=4))
        if groups:
            actor["measures"] = groups
        if draw(st.booleans()):
            actor["notes"] = draw(st.lists(texts(), min_size=1, max_size=2))
        actors.append(actor)
    # ids are one namespace: rename places that clash with actors or with each other
    used = set(actor_ids)
    for actor in actors:
        for place in actor.get("places", []):
            while place["id"] in used:
                place["id"] += "x"
            used.add(place["id"])
            place_ids.append(place["id"])
    nodes = actor_ids + place_ids
    data = []
    for k in range(draw(st.integers(0, 3))):
        ds: dict[str, Any] = {"id": f"d{k}", "title": draw(texts()),
                              "items": draw(st.lists(texts(max_runs=2), min_size=0, max_size=5))}
        ds["at"] = draw(st.lists(st.sampled_from(nodes), max_size=2, unique=True))
        if draw(st.booleans()):
            ds["notes"] = [draw(texts())]
        data.append(ds)
    steps = []
    number = 0
    for _ in range(draw(st.integers(0, max_steps))):
        number += 1
        num: Any = draw(st.sampled_from([number, number, str(number), f"{number}'", [number, f"{number}'"]]))
        step: dict[str, Any] = {"number": num, "text": draw(texts())}
        pairs = [(a, b) for a in nodes for b in nodes if a != b]
        if draw(st.booleans()) or not pairs:
            step["at"] = draw(st.sampled_from(nodes))
        else:
            step["from"], step["to"] = draw(st.sampled_from(pairs))
            if draw(st.booleans()):
                step["medium"] = draw(st.sampled_from(MEDIA))
            if draw(st.booleans()):
                step["channel"] = draw(st.sampled_from(CHANNELS))
            if draw(st.booleans()):
                step["encrypted"] = True
        if draw(st.booleans()):
            step["timing"] = draw(st.lists(texts(max_runs=2), min_size=1, max_size=2))
        if data and draw(st.booleans()):
            step["data"] = draw(st.lists(st.sampled_from([d["id"] for d in data]), max_size=2, unique=True))
        if draw(st.booleans()):
            step["measures"] = draw(st.lists(st.one_of(texts(), st.sampled_from(CATALOG_MEASURES)),
                                             min_size=1, max_size=2))
        if draw(st.booleans()):
            step["notes"] = [draw(texts())]
        steps.append(step)
    flow: dict[str, Any] = {"flowdiag": 1, "document": {"number": draw(texts(max_runs=1)), "title": draw(texts())},
                            "actors": actors}
    if data:
        flow["data"] = data
    if steps:
        flow["steps"] = steps
    if len(actor_ids) >= 2 and draw(st.booleans()):
        a, b = draw(st.lists(st.sampled_from(actor_ids), min_size=2, max_size=2, unique=True))
        flow["links"] = [{"between": [a, b], "channel": draw(texts(max_runs=2))}]
    if draw(st.booleans()):
        flow["notes"] = draw(st.lists(texts(), min_size=1, max_size=2))
    return flow


def dump(flow: dict[str, Any]) -> str:
    return yaml.safe_dump(flow, allow_unicode=True, sort_keys=False, width=10_000)


# ----------------------------------------------------------------------------- damage

_ODD_VALUES: list[Any] = [None, "", " ", 0, -1, 10**30, 1.5, float("inf"), True, [], {}, [[]], {"x": 1},
                          "x" * 200, "\t", "①②", "３'", "51", "㊿′", "a:b", "- x", "*alias", "&anchor", "!!str x",
                          "itaku.none_such", "sets.none_such", "ward", "contractor", "d0", "<b>", "\\N"]


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, path + (i,))
    return out


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    for p in path:
        value = value[p]
    return value


@st.composite
def damaged_data(draw: st.DrawFn) -> dict[str, Any] | list[Any] | Any:
    """A valid flow with one to three random edits to its data: a key dropped, renamed or
    duplicated into a list, a value replaced by an odd one, an item duplicated (duplicate ids)."""
    flow = json.loads(json.dumps(draw(flows(max_actors=3, max_steps=6))))
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(flow)
        path = draw(st.sampled_from(paths))
        op = draw(st.sampled_from(["replace", "drop", "rename", "duplicate", "wrap"]))
        if not path:
            if op == "replace":
                return draw(st.sampled_from(_ODD_VALUES))
            continue
        parent = _get(flow, path[:-1])
        key = path[-1]
        if op == "replace":
            parent[key] = draw(st.sampled_from(_ODD_VALUES))
        elif op == "drop":
            del parent[key]
        elif op == "rename" and isinstance(parent, dict):
            parent[draw(st.sampled_from([str(key) + "s", str(key)[:-1], str(key).upper(), "from_", "text2"]))] = \
                parent.pop(key)
        elif op == "duplicate" and isinstance(parent, list):
            parent.append(json.loads(json.dumps(parent[key])))
        elif op == "wrap":
            parent[key] = [parent[key]] if draw(st.booleans()) else {"value": parent[key]}
    return flow


_TEXT_EDITS = ["delete_line", "duplicate_line", "swap_lines", "insert", "truncate", "indent", "dedent", "tab"]
_INSERTS = ["\t", ":", " :", "- ", "#", "'", '"', "[", "]", "{", "}", "&a ", "*a ", "!!python/name:os.system ",
            "---\n", "\n", "\r", "\x00", "\x07", "\ufeff", "\u202e", "％", "\\", "<<: *a\n", "? ", "|\n", ">\n"]


@st.composite
def damaged_text(draw: st.DrawFn) -> bytes:
    """The YAML of a valid flow with random edits to its lines and characters, in some encoding."""
    text = dump(draw(flows(max_actors=3, max_steps=6)))
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(_TEXT_EDITS))
        i = draw(st.integers(0, max(0, len(lines) - 1)))
        if op == "delete_line" and len(lines) > 1:
            del lines[i]
        elif op == "duplicate_line":
            lines.insert(i, lines[i])
        elif op == "swap_lines" and len(lines) > 1:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "insert":
            col = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:col] + draw(st.sampled_from(_INSERTS)) + lines[i][col:]
        elif op == "truncate":
            lines = lines[: i + 1]
            lines[-1] = lines[-1][: draw(st.integers(0, len(lines[-1])))]
        elif op == "indent":
            lines[i] = " " * draw(st.integers(1, 3)) + lines[i]
        elif op == "dedent":
            lines[i] = lines[i].lstrip(" ")
        elif op == "tab":
            lines[i] = "\t" + lines[i]
    text = "\n".join(lines)
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "crlf", "cp932", "utf-16", "latin-1-bytes"]))
    if encoding == "crlf":
        return text.replace("\n", "\r\n").encode("utf-8")
    if encoding == "latin-1-bytes":
        raw = bytearray(text.encode("utf-8"))
        if raw:
            raw[draw(st.integers(0, len(raw) - 1))] = draw(st.integers(0x80, 0xFF))
        return bytes(raw)
    return text.encode(encoding, errors="replace")
