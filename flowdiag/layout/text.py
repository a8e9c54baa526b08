"""Text for labels: widths in the bundled font, Japanese line breaking, escaping for SVG.

BIZ UDGothic has fixed advances: 1 em for wide (Japanese) characters and 0.5 em for the
rest, so a width in em is a simple sum (see :mod:`.font`).

>>> em_width("R6.7.1時点")
5.0
>>> wrap("契約終了後、対象者情報、対応記録データの返却", 12)
['契約終了後、対象者情報、', '対応記録データの返却']
>>> wrap("②′対象者情報の提供(R6.7.2~12.31)(月1回)", 12)
['②′対象者情報の提供', '(R6.7.2~12.31)(月1回)']
"""

from __future__ import annotations

import functools
import re
from typing import Any

from .font import char_em

_OPEN_CLOSE = {"(": ")", "（": "）", "【": "】", "「": "」", "[": "]"}
_NO_LINE_START = set("、。，．,.)）】」』〕］]・:：;；!！?？ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮ々′″〜～~")
_NO_LINE_END = set("(（【「『〔［[")


NUMBER_SEP = "\x1f"
"""Between the numbers of one label (③③′, 5151′) so the renderer can tell 51 51′ apart; never drawn."""


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


_BREAK_AFTER = set("・、，,/／)）】」。")
_ERA = ("令和", "平成", "昭和", "R", "H")
_WORD_END = set("区市町村都道府県部課係所局的等会者書")
_UNIT_AFTER_DIGIT = set("年月日時分秒歳人件回部枚個食種号条項頁")


def _script(ch: str) -> str:
    o = ord(ch)
    if 0x3040 <= o <= 0x309F:
        return "hira"
    if 0x30A0 <= o <= 0x30FF or 0xFF66 <= o <= 0xFF9F:
        return "kata"
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or ch in "々〆":
        return "kanji"
    if ch.isdigit():
        return "digit"
    if ch.isascii() and ch.isalpha() or "\uff21" <= ch <= "\uff5a":
        return "latin"
    return "other"


def break_quality(text: str, i: int) -> int:
    """How good a line break before ``text[i]`` is: -1 never (inside a katakana word, a number, a
    Latin word, between an era and its year, before 、 or after （), 0 only when nothing else fits
    (inside a kanji or hiragana run), 1 fair, 2 good (where the script changes), 3 best (after
    punctuation).

    >>> t = "情報提供ネットワークシステム"
    >>> [break_quality(t, i) for i in (4, 9, 10)]
    [1, -1, -1]
    >>> break_quality("令和6年度", 2), break_quality("令和6年度", 3), break_quality("氏名・住所", 3)
    (-1, -1, 3)
    """
    if i <= 0 or i >= len(text):
        return -1
    prev, nxt = text[i - 1], text[i]
    if nxt in _NO_LINE_START or prev in _NO_LINE_END or prev == NUMBER_SEP or nxt == NUMBER_SEP:
        return -1
    if prev in _BREAK_AFTER or prev.isspace():
        return 3
    sp, sn = _script(prev), _script(nxt)
    if sp == sn and sp in ("kata", "digit", "latin"):
        return -1
    if sp in ("digit", "latin") and sn in ("digit", "latin"):
        return -1  # R6, A4, 2.5cm: one word
    if sn == "digit" and (prev in "第約計" or any(text[:i].endswith(e) for e in _ERA)):
        return -1
    if sp == "digit" and nxt in _UNIT_AFTER_DIGIT:
        return -1
    if prev in ".:-/~" and sn == "digit" and i >= 2 and _script(text[i - 2]) in ("digit", "latin"):
        return -1  # R7.9, 10:30, 2.5
    if sp == "other" and sn == "other":
        return 0 if prev not in ".-:_~" else -1
    if sp == sn:
        return 0
    if sp == "hira" and sn in ("kata", "kanji"):
        return 2
    if sp == "kanji" and sn == "kata" or sp == "kata" and sn in ("kanji", "hira"):
        return 1
    if sp == "kanji" and sn == "hira":
        run = 0
        while i + run < len(text) and _script(text[i + run]) == "hira":
            run += 1
        return 1 if run >= 3 else 0
    return 1


def _split_long(piece: str, max_em: float, force: bool = False) -> list[str]:
    """Cut a piece wider than a line at its best break that fits; a piece with no allowed break
    stays whole (the line grows a little rather than break a word).

    >>> _split_long("氏名・住所・電話番号・相談内容", 12)
    ['氏名・住所・電話番号・', '相談内容']
    >>> _split_long("アルファ化米おにぎり2食", 7)
    ['アルファ化米', 'おにぎり2食']
    >>> _split_long("紙媒体及びパスワード通知書の", 10)
    ['紙媒体及び', 'パスワード通知書の']
    >>> _split_long("情報提供ネットワークシステム", 10)
    ['情報提供', 'ネットワークシステム']
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
        cands = [(i, q) for i in range(1, fit + 1) if (q := break_quality(rest, i)) >= 0]
        good = [c for c in cands if c[1] >= (0 if force else 1)]
        late = [c for c in good if c[0] >= max(1, fit // 3)]
        if late or good:
            best = max(late or good, key=lambda c: (c[1], c[0]))[0]
        else:
            later = next((i for i in range(fit + 1, len(rest)) if break_quality(rest, i) >= 1), None)
            if em_width(rest) <= max_em * 1.3:
                break  # a little wider than the line: keep the word whole
            if later is not None and em_width(rest[:later]) <= max_em * 1.5:
                best = later
            elif cands:  # a long kanji or kana run: break inside it as a last resort, after a suffix if any
                best = max(cands, key=lambda c: (rest[c[0] - 1] in _WORD_END, c[0]))[0]
            elif later is not None:
                best = later
            else:
                break
        out.append(rest[:best])
        rest = rest[best:]
    if rest:
        out.append(rest)
    return out


def _joins(left: str, right: str) -> bool:
    """True when no line break may fall between ``left`` and ``right``."""
    if not left or not right:
        return False
    return break_quality(left[-1:] + right[:1], 1) < 0 or break_quality(left + right[:1], len(left)) < 0


def wrap(text: str, max_em: float) -> list[str]:
    """Break ``text`` into lines of at most ``max_em`` at natural phrase boundaries.

    Explicit newlines are kept. A step number and its prime (②′) never split, because
    ′ may not start a line; a word never splits (a line grows a little instead).
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
                elif em_width(cur + piece) <= max_em or _joins(cur, piece):
                    cur += piece
                else:
                    lines.append(cur.rstrip())
                    cur = piece.lstrip()
        lines.append(cur.rstrip())
    # phrases glued across a forbidden break (令和|6年) may make a line too wide: cut it where allowed
    return [part for line in lines for part in (_split_long(line, max_em) if em_width(line) > max_em * 1.3
                                                else [line])]


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def xml_escape(text: str) -> str:
    """Escape user text for the SVG flowdiag writes: entities only (a backslash is just a character).

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
        glue = bool(cur) and _joins("".join(t for t, _ in cur), piece)
        if cur and not fits and not glue and _is_number_prefix(cur):
            # a step number never stands alone on a line: fill the line with the start of the text
            room = max_em - width
            head = _split_long(piece, room, force=True) if room >= 2 else [piece]
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
    return [part for line in lines for part in _resplit(line, max_em)]


def _resplit(line: list[Span], max_em: float) -> list[list[Span]]:
    """A line made too wide by phrases glued across a forbidden break, cut where breaking is allowed
    (each piece keeps the keys of the text it holds)."""
    text = "".join(t for t, _ in line)
    if em_width(text) <= max_em * 1.3:
        return [line]
    parts = _split_long(text, max_em)
    if len(parts) == 1:
        return [line]
    out: list[list[Span]] = []
    chars = [(ch, key) for t, key in line for ch in t]
    pos = 0
    for part in parts:
        cur: list[Span] = []
        for ch, key in chars[pos:pos + len(part)]:
            if cur and cur[-1][1] == key:
                cur[-1] = (cur[-1][0] + ch, key)
            else:
                cur.append((ch, key))
        out.append(cur)
        pos += len(part)
    return out
