"""The bundled font's metrics: which characters it draws, how wide, and where the baseline sits.

BIZ UDGothic draws every character 1 em or 0.5 em wide, in Regular and Bold alike, so a
text's width is a sum over its characters and needs no shaping engine. The tables come from
the font itself (``scripts/font_advances.py``, ``scripts/font_coverage.py``).

>>> char_em("あ"), char_em("A"), char_em("①"), char_em("é")
(1.0, 0.5, 1.0, 0.5)
>>> covered("吉"), covered("𠮷")
(True, False)
"""

from __future__ import annotations

import bisect
import functools
import unicodedata
from pathlib import Path

FAMILY = "BIZ UDGothic"
ASCENT = 1802 / 2048  # hhea ascender, in em
DESCENT = 246 / 2048

FONTS_DIR = Path(__file__).resolve().parent.parent / "fonts"


@functools.lru_cache(maxsize=2)
def _ranges(name: str) -> tuple[list[int], list[int]]:
    starts: list[int] = []
    ends: list[int] = []
    for line in (FONTS_DIR / name).read_text("ascii").splitlines():
        if not line or line.startswith("#"):
            continue
        a, _, b = line.partition("-")
        starts.append(int(a, 16))
        ends.append(int(b or a, 16))
    return starts, ends


def _in(name: str, cp: int) -> bool:
    starts, ends = _ranges(name)
    i = bisect.bisect_right(starts, cp) - 1
    return i >= 0 and cp <= ends[i]


def covered(ch: str) -> bool:
    """True when the bundled font (Regular and Bold) has a glyph for ``ch``."""
    return _in("coverage.txt", ord(ch))


@functools.lru_cache(maxsize=8192)
def char_em(ch: str) -> float:
    """Advance of one character in em: the font's own, or a guess for what it lacks."""
    if ch == "\x1f":
        return 0.0
    cp = ord(ch)
    if covered(ch):
        return 0.5 if _in("advances.txt", cp) else 1.0
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Cf", "Cc"):
        return 0.0
    return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.5
