"""Step numbers: ①, 2, "2'", ②′, full-width ３ — parsed and typeset.

A step number is a base (1, 2, …) and a count of primes (②′ is base 2, one prime).

>>> StepNumber.parse("②'")
StepNumber(base=2, primes=1)
>>> StepNumber.parse("３").label()
'③'
>>> StepNumber.parse(51).label()
'51'
>>> StepNumber(base=21, primes=2).label()
'㉑″'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

PRIME = "\u2032"  # ′
DOUBLE_PRIME = "\u2033"  # ″
MAX_CIRCLED = 50
MAX_NUMBER = 9_999
"""The largest step number: a chart has tens of steps (a flow may hold 5,000); a number like
10,000,000 is a typing accident, and every later stage may count up to it."""

# Characters users type for a prime: ASCII apostrophe, ′, ’, ＇, and the katakana-era ｰ is not one.
_PRIME_CHARS = "'\u2032\u2019\uff07\u00b4`"
_DOUBLE_PRIME_CHARS = '"\u2033\u201d\uff02'


def circled(n: int) -> str | None:
    """The circled character for 1–50, or None past ㊿.

    >>> circled(1), circled(20), circled(21), circled(35), circled(36), circled(50), circled(51)
    ('①', '⑳', '㉑', '㉟', '㊱', '㊿', None)
    """
    if 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if 21 <= n <= 35:
        return chr(0x3251 + n - 21)
    if 36 <= n <= 50:
        return chr(0x32B1 + n - 36)
    return None


def _uncircle(ch: str) -> int | None:
    o = ord(ch)
    if 0x2460 <= o <= 0x2473:
        return o - 0x2460 + 1
    if 0x3251 <= o <= 0x325F:
        return o - 0x3251 + 21
    if 0x32B1 <= o <= 0x32BF:
        return o - 0x32B1 + 36
    return None


def _too_big(text: str) -> str:
    shown = text if len(text) <= 20 else text[:20] + "…"
    return (f"ステップ番号「{shown}」が大きすぎます（{MAX_NUMBER:,} まで）。"
            "番号を①から順に振り直してください")


_NUM_RE = re.compile(r"^(\d+)([" + re.escape(_PRIME_CHARS + _DOUBLE_PRIME_CHARS) + r"]*)$")


@dataclass(frozen=True, order=True)
class StepNumber:
    """One step number: ``base`` with ``primes`` marks (0 = ②, 1 = ②′, 2 = ②″)."""

    base: int
    primes: int = 0

    @classmethod
    def parse(cls, value: object) -> StepNumber:
        """Parse what a user writes; raise ValueError with a Japanese message otherwise."""
        if isinstance(value, bool) or value is None:
            raise ValueError("ステップ番号が空か不正です")
        if isinstance(value, int):
            if value < 1:
                raise ValueError(f"ステップ番号は1以上にしてください（{value}）")
            if value > MAX_NUMBER:
                raise ValueError(_too_big(str(value)))
            return cls(value, 0)
        if not isinstance(value, str):
            raise ValueError(f"ステップ番号は数字か①などの丸数字で書いてください（{value!r}）")
        text = value.strip()
        if not text:
            raise ValueError("ステップ番号が空です")
        base_txt = text
        primes = 0
        # trailing primes
        while base_txt and (base_txt[-1] in _PRIME_CHARS or base_txt[-1] in _DOUBLE_PRIME_CHARS):
            primes += 2 if base_txt[-1] in _DOUBLE_PRIME_CHARS else 1
            base_txt = base_txt[:-1]
        if len(base_txt) == 1 and _uncircle(base_txt) is not None:
            return cls(_uncircle(base_txt) or 0, primes)
        # full-width digits → ASCII (decimal digits only: not ², not ①; never NFKC the whole label)
        ascii_digits = "".join(
            str(unicodedata.decimal(c)) if unicodedata.decimal(c, None) is not None else c for c in base_txt
        )
        if ascii_digits.isascii() and ascii_digits.isdigit():
            if len(ascii_digits.lstrip("0")) > len(str(MAX_NUMBER)):
                raise ValueError(_too_big(text))
            n = int(ascii_digits)
            if n > MAX_NUMBER:
                raise ValueError(_too_big(text))
            if n < 1:
                raise ValueError(f"ステップ番号は1以上にしてください（{value}）")
            return cls(n, primes)
        raise ValueError(f"ステップ番号「{value}」を読めません。1, ①, 2' のように書いてください")

    @classmethod
    def parse_many(cls, text: str) -> list[StepNumber]:
        """Several numbers written together in one string: ``"③③'"`` is ③ and ③′.

        >>> [n.label() for n in StepNumber.parse_many("③③'")]
        ['③', '③′']
        >>> [n.label() for n in StepNumber.parse_many("12'")]
        ['⑫′']
        """
        t = text.strip()
        circled_count = sum(1 for c in t if _uncircle(c) is not None)
        if circled_count <= 1:
            return [cls.parse(t)]
        parts = re.findall(r"[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf][" + re.escape(_PRIME_CHARS + _DOUBLE_PRIME_CHARS)
                           + r"]*", t)
        if "".join(parts) != t:
            raise ValueError(f"ステップ番号「{text}」を読めません。[3, \"3'\"] のようにリストで書いてください")
        return [cls.parse(p) for p in parts]

    def label(self) -> str:
        """Typeset form: circled digit when one exists, then ′ marks."""
        c = circled(self.base)
        head = c if c is not None else str(self.base)
        if self.primes == 2:
            return head + DOUBLE_PRIME
        return head + PRIME * self.primes

    def plain(self) -> str:
        """ASCII form for ids and file output: 2, 2p, 2pp."""
        return f"{self.base}" + "p" * self.primes

    def __str__(self) -> str:
        return self.label()


def numbers_label(numbers: tuple[StepNumber, ...], sep: str = "") -> str:
    """Several numbers written together, as the committee does: ③③′.

    >>> numbers_label((StepNumber(3), StepNumber(3, 1)))
    '③③′'
    >>> numbers_label((StepNumber(51), StepNumber(51, 1)), sep="|")
    '51|51′'
    """
    return sep.join(n.label() for n in numbers)
