"""Which characters of a flow the bundled font cannot draw (they would print as boxes).

>>> sorted(missing_chars("𠮷野家 ✔ ①㉑"))
['✔', '𠮷']
"""

from __future__ import annotations

import bisect
import functools
import unicodedata
from pathlib import Path

from ..model.flow import Flow


@functools.lru_cache(maxsize=1)
def _coverage() -> tuple[list[int], list[int]]:
    starts: list[int] = []
    ends: list[int] = []
    path = Path(__file__).resolve().parent.parent / "fonts" / "coverage.txt"
    for line in path.read_text("ascii").splitlines():
        if not line or line.startswith("#"):
            continue
        a, _, b = line.partition("-")
        starts.append(int(a, 16))
        ends.append(int(b or a, 16))
    return starts, ends


def covered(ch: str) -> bool:
    starts, ends = _coverage()
    cp = ord(ch)
    i = bisect.bisect_right(starts, cp) - 1
    return i >= 0 and cp <= ends[i]


def missing_chars(text: str) -> set[str]:
    return {c for c in text if not c.isspace() and unicodedata.category(c)[0] != "C" and not covered(c)}


def _texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [t for v in value for t in _texts(v)]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    return []


def missing_glyphs(flow: Flow) -> list[str]:
    """Warnings naming the characters the font lacks (例: 𠮷, emoji)."""
    missing = missing_chars("".join(_texts(flow.model_dump(mode="json"))))
    if not missing:
        return []
    shown = "、".join(f"「{c}」(U+{ord(c):04X})" for c in sorted(missing))
    return [f"同梱フォント（BIZ UDゴシック）にない文字があり、PDF/PNG では□になります: {shown}"
            " — 常用の字体（例: 𠮷→吉）に置き換えるか、文字を削除してください"]
