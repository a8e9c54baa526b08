"""Text for labels: widths in the bundled font, Japanese line breaking, escaping for DOT.

BIZ UDGothic has fixed advances: 1 em for wide (Japanese) characters and 0.5 em for the
rest, so a width in em is a simple sum and matches what Graphviz measures.

>>> em_width("R6.7.1時点")
5.0
>>> wrap("契約終了後、対象者情報、対応記録データの返却", 12)
['契約終了後、対象者情報、', '対応記録データの返却']
>>> wrap("②′対象者情報の提供(R6.7.2~12.31)(月1回)", 12)
['②′対象者情報の提供', '(R6.7.2~12.31)(月1回)']
>>> escape('C:\\\\Users\\\\N <b>&')
'C:\\\\\\\\Users\\\\\\\\N &lt;b&gt;&amp;'
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

_OPEN_CLOSE = {"(": ")", "（": "）", "【": "】", "「": "」", "[": "]"}
_NO_LINE_START = set("、。，．,.)）】」』〕］]・:：;；!！?？ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮ々′″〜～~")
_NO_LINE_END = set("(（【「『〔［[")


NUMBER_SEP = "\x1f"
"""Between the numbers of one label (③③′, 5151′) so the renderer can tell 51 51′ apart; never drawn."""


def char_em(ch: str) -> float:
    """Advance of one character in em (BIZ UDGothic: 1 for wide, 0.5 otherwise)."""
    if ch == NUMBER_SEP:
        return 0.0
    if unicodedata.east_asian_width(ch) in ("W", "F", "A") and ord(ch) > 0x7F:
        return 1.0
    if unicodedata.combining(ch):
        return 0.0
    return 0.5


@functools.lru_cache(maxsize=16384)
def em_width(text: str) -> float:
    """Advance of a text in em.

    >>> em_width("②USB手渡し")
    5.5
    """
    return sum(char_em(c) for c in text)


@functools.lru_cache(maxsize=1)
def _parser() -> Any:
    import budoux  # imported on first use: only labels that need wrapping pay for it

    return budoux.load_default_japanese_parser()


def _segments(text: str, max_em: float) -> list[str]:
    """Split into unbreakable pieces: budoux phrases, with short bracketed groups kept whole."""
    pieces: list[str] = []
    buf = ""
    i = 0
    while i < len(text):
        ch = text[i]
        close = _OPEN_CLOSE.get(ch)
        if close:
            j = text.find(close, i + 1)
            if j != -1 and em_width(text[i : j + 1]) <= max_em:
                if buf:
                    pieces.extend(_phrases(buf))
                    buf = ""
                pieces.append(text[i : j + 1])
                i = j + 1
                continue
        buf += ch
        i += 1
    if buf:
        pieces.extend(_phrases(buf))
    return pieces


@functools.lru_cache(maxsize=4096)
def _phrases(text: str) -> tuple[str, ...]:
    """budoux phrases (cached: the layout variants wrap the same texts again)."""
    if text.isascii():
        return tuple(p for p in re.split(r"(?<=[\s/,])", text) if p)
    out: list[str] = []
    for phrase in _parser().parse(text):
        out.extend(p for p in re.split(r"(?<=[\s])", phrase) if p)
    return tuple(out)


_BREAK_AFTER = set("・、，,/／)）】」")


def _script(ch: str) -> str:
    o = ord(ch)
    if 0x3040 <= o <= 0x309F:
        return "hira"
    if 0x30A0 <= o <= 0x30FF or 0xFF66 <= o <= 0xFF9F:
        return "kata"
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF:
        return "kanji"
    return "other"


def _break_quality(text: str, i: int) -> int:
    """How good a line break before ``text[i]`` is: 2 after punctuation or where kana turns to
    another script, 1 where kanji turns to a run of 3+ hiragana (not okurigana like 及び), else 0."""
    prev, nxt = text[i - 1], text[i] if i < len(text) else ""
    if not nxt or nxt in _NO_LINE_START:
        return 0
    if prev in _BREAK_AFTER:
        return 2
    sp, sn = _script(prev), _script(nxt)
    if sp == "hira" and sn in ("kata", "kanji"):
        return 2
    if sp == "kata" and sn in ("kanji", "hira") and nxt not in "ー":
        return 1
    if sp == "kanji" and sn == "hira":
        run = 0
        while i + run < len(text) and _script(text[i + run]) == "hira":
            run += 1
        return 1 if run >= 3 else 0
    return 0


def _split_long(piece: str, max_em: float) -> list[str]:
    """Cut a piece wider than a line: after ・、/ or where kanji turns to kana, else by characters.

    >>> _split_long("氏名・住所・電話番号・相談内容", 12)
    ['氏名・住所・電話番号・', '相談内容']
    >>> _split_long("アルファ化米おにぎり2食", 7)
    ['アルファ化米', 'おにぎり2食']
    >>> _split_long("紙媒体及びパスワード通知書の", 10)
    ['紙媒体及び', 'パスワード通知書の']
    """
    out: list[str] = []
    rest = piece
    while em_width(rest) > max_em:
        fit = 0
        width = 0.0
        for i, ch in enumerate(rest):
            width += char_em(ch)
            if width > max_em:
                break
            fit = i + 1
        best = 0
        for i in range(fit, 0, -1):  # the last good break that fits
            if _break_quality(rest, i) == 2:
                best = i
                break
        if best < max(1, fit // 3):
            for i in range(fit, 0, -1):
                if _break_quality(rest, i) == 1:
                    best = i
                    break
        if best < max(1, fit // 3):
            best = max(fit, 1)
            while best < len(rest) and rest[best] in _NO_LINE_START:
                best += 1
        out.append(rest[:best])
        rest = rest[best:]
    if rest:
        out.append(rest)
    return out


def wrap(text: str, max_em: float) -> list[str]:
    """Break ``text`` into lines of at most ``max_em`` at natural phrase boundaries.

    Explicit newlines are kept. A step number and its prime (②′) never split, because
    ′ may not start a line.
    """
    lines: list[str] = []
    for para in text.splitlines() or [""]:
        if em_width(para) <= max_em:
            lines.append(para)
            continue
        cur = ""
        for seg in _segments(para, max_em):
            for piece in _split_long(seg, max_em) if em_width(seg) > max_em else [seg]:
                if not cur:
                    cur = piece
                elif em_width(cur + piece) <= max_em or piece[0] in _NO_LINE_START or cur[-1] in _NO_LINE_END:
                    cur += piece
                else:
                    lines.append(cur.rstrip())
                    cur = piece.lstrip()
        lines.append(cur.rstrip())
    return lines


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def escape(text: str) -> str:
    """Escape user text for a Graphviz HTML-like label.

    HTML special characters become entities; backslashes are doubled because dot expands
    ``\\N``, ``\\G`` … even inside HTML-like labels; ``]`` becomes ``&#93;`` because dot 2.43
    rejects a label where ``]`` follows a tag; control characters are dropped.
    """
    t = _CONTROL.sub("", text)
    t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#39;")
    return t.replace("]", "&#93;").replace("\\", "\\\\")


def xml_escape(text: str) -> str:
    """Escape user text for SVG written by flowdiag itself (the page header and footer): entities only,
    no backslash doubling (that is for dot).

    >>> xml_escape('C:\\\\N <b>&')
    'C:\\\\N &lt;b&gt;&amp;'
    """
    t = _CONTROL.sub("", text)
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#39;")


_NUMBER_CHARS = set("0123456789′″'" + NUMBER_SEP) | {chr(c) for c in range(0x2460, 0x2474)} | \
    {chr(c) for c in range(0x3251, 0x3260)} | {chr(c) for c in range(0x32B1, 0x32C0)}


def _is_number_prefix(line: list[tuple[str, Any]]) -> bool:
    text = "".join(t for t, _ in line)
    return bool(text) and all(c in _NUMBER_CHARS for c in text)


Span = tuple[str, Any]
"""A piece of text and a key saying where it comes from (a model path, for change marks)."""


def wrap_spans(spans: list[Span], max_em: float) -> list[list[Span]]:
    """Like :func:`wrap`, over pieces that keep their keys; a "\\n" piece forces a new line.

    >>> [["".join(t for t, _ in line)] for line in wrap_spans([("③③′", 1), ("梱包資材に対象者情報の宛名印字", 2)], 12)]
    [['③③′梱包資材に'], ['対象者情報の宛名印字']]
    >>> ["".join(t for t, _ in line) for line in wrap_spans([("⑪", 1), ("参加証・落選通知の送付", 2)], 9)]
    ['⑪参加証・', '落選通知の送付']
    """
    segs: list[Span] = []
    for text, key in spans:
        if text == "\n":
            segs.append(("\n", None))
            continue
        for seg in _segments(text, max_em) if em_width(text) > max_em or len(spans) > 1 else [text]:
            for piece in _split_long(seg, max_em) if em_width(seg) > max_em else [seg]:
                segs.append((piece, key))
    lines: list[list[Span]] = []
    cur: list[Span] = []
    width = 0.0
    for piece, key in segs:
        if piece == "\n":
            lines.append(cur)
            cur, width = [], 0.0
            continue
        w = em_width(piece)
        fits = width + w <= max_em
        glue = cur and (piece[0] in _NO_LINE_START or cur[-1][0][-1:] in _NO_LINE_END)
        if cur and not fits and not glue and _is_number_prefix(cur):
            # a step number never stands alone on a line: fill the line with the start of the text
            room = max_em - width
            head = _split_long(piece, room) if room >= 2 else [piece]
            if len(head) > 1 and em_width(head[0]) <= room:
                cur.append((head[0], key))
                lines.append(cur)
                cur, width = [], 0.0
                piece = piece[len(head[0]):]
                w = em_width(piece)
                fits = True
        if cur and not fits and not glue:
            lines.append(cur)
            cur, width = [], 0.0
            piece = piece.lstrip()
            w = em_width(piece)
        if cur and cur[-1][1] == key:
            cur[-1] = (cur[-1][0] + piece, key)
        else:
            cur.append((piece, key))
        width += w
    if cur or not lines:
        lines.append(cur)
    return lines
