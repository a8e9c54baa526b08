"""Word-level differences for Japanese text, where words are not separated by spaces.

Text is cut into runs of one script (kanji, hiragana, katakana, digits, Latin letters); every
other character is a word by itself. The changed runs are what a 新旧対照表 underlines.

>>> tokens("R6.7.1時点")
['R', '6', '.', '7', '.', '1', '時点']
>>> word_diff("R6.7.1時点", "R7.7.1時点")
([('R', False), ('6', True), ('.7.1時点', False)], [('R', False), ('7', True), ('.7.1時点', False)])
"""

from __future__ import annotations

import difflib
import re

_TOKEN = re.compile(
    r"[0-9０-９]+"
    r"|[A-Za-zＡ-Ｚａ-ｚ]+"
    r"|[\u3041-\u309f]+"
    r"|[\u30a1-\u30ff\u31f0-\u31ff\uff66-\uff9f]+"
    r"|[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ]+"
    r"|.",
    re.S,
)

Segments = list[tuple[str, bool]]


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> tuple[Segments, Segments]:
    """Split both texts into (text, changed) segments, adjacent segments merged."""
    a, b = tokens(old), tokens(new)
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    left: Segments = []
    right: Segments = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        _push(left, "".join(a[i1:i2]), op != "equal")
        _push(right, "".join(b[j1:j2]), op != "equal")
    return left, right


def _push(out: Segments, text: str, changed: bool) -> None:
    if not text:
        return
    if out and out[-1][1] == changed:
        out[-1] = (out[-1][0] + text, changed)
    else:
        out.append((text, changed))
