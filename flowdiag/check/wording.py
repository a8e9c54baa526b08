"""Tolerant comparison of wording: drift that means the same, near misses that are typos.

>>> tolerant("コンピュータウイルス") == tolerant("コンピューターウィルス")
True
>>> drift_pairs("コンピュータウイルス感染", "コンピューターウィルス感染")
['コンピュータ/コンピューター', 'ウイルス/ウィルス']
>>> lookalikes("世帯主力ナ氏名", "世帯主カナ氏名")
['「力」（漢字）と「カ」（カタカナ）']
>>> round(similarity("削除フラグ", "消除フラグ"), 2)
0.8
"""

from __future__ import annotations

import difflib
import re
import unicodedata

# Spellings that mean the same thing in these documents: (canonical, variant).
DRIFT: tuple[tuple[str, str], ...] = (
    ("コンピュータ", "コンピューター"),
    ("ウイルス", "ウィルス"),
    ("受渡し", "受け渡し"),
    ("取扱う", "取り扱う"),
    ("取扱者", "取り扱い者"),
    ("立入り", "立入"),
    ("鍵付き", "カギ付き"),
    ("作成する必要がある場合", "作成する必要が生じた場合"),
    ("パソコン", "PC"),
)

# Characters that look alike across scripts: (character, what it is, the one usually meant).
LOOKALIKES: tuple[tuple[str, str, str, str], ...] = (
    ("力", "漢字", "カ", "カタカナ"),
    ("工", "漢字", "エ", "カタカナ"),
    ("口", "漢字", "ロ", "カタカナ"),
    ("夕", "漢字", "タ", "カタカナ"),
    ("二", "漢字", "ニ", "カタカナ"),
    ("八", "漢字", "ハ", "カタカナ"),
    ("卜", "漢字", "ト", "カタカナ"),
    ("一", "漢字", "ー", "長音記号"),
    ("へ", "ひらがな", "ヘ", "カタカナ"),
    ("ぺ", "ひらがな", "ペ", "カタカナ"),
)

_PUNCT = re.compile(r"[\s・、,。.()（）「」『』\"'：:]")


def loose(text: str) -> str:
    """NFKC, no spaces or punctuation: for matching item names (never for step labels)."""
    t = unicodedata.normalize("NFKC", text).strip()
    t = t.lstrip("・-－ー•*")
    return _PUNCT.sub("", t)


def tolerant(text: str) -> str:
    """``loose`` plus the known drift folded to one spelling."""
    t = loose(text)
    for canonical, variant in DRIFT:
        t = t.replace(loose(variant), loose(canonical))
    return t


def drift_pairs(a: str, b: str) -> list[str]:
    """Which known drifts separate ``a`` and ``b`` (canonical/variant), in DRIFT order."""
    out = []
    la, lb = loose(a), loose(b)
    for canonical, variant in DRIFT:
        c, v = loose(canonical), loose(variant)
        if (v in la) != (v in lb) or (c in la.replace(v, "")) != (c in lb.replace(v, "")):
            out.append(f"{canonical}/{variant}")
    return out


def lookalikes(written: str, meant: str) -> list[str]:
    """Look-alike characters in ``written`` where ``meant`` has the usual one."""
    out: list[str] = []
    if len(written) != len(meant):
        return out
    for w, m in zip(written, meant, strict=True):
        if w == m:
            continue
        for ch, what, other, other_what in LOOKALIKES:
            if (w, m) == (ch, other):
                out.append(f"「{ch}」（{what}）と「{other}」（{other_what}）")
            elif (w, m) == (other, ch):
                out.append(f"「{other}」（{other_what}）と「{ch}」（{what}）")
    return out


def fold_lookalikes(text: str) -> str:
    for ch, _, other, _ in LOOKALIKES:
        text = text.replace(ch, other)
    return text


def similarity(a: str, b: str) -> float:
    """0..1, how alike two short texts are (after loose normalisation)."""
    la, lb = loose(a), loose(b)
    if not la or not lb:
        return 0.0
    return difflib.SequenceMatcher(None, la, lb, autojunk=False).ratio()


def near_miss(written: str, candidates: list[str], cutoff: float = 0.75) -> str | None:
    """The candidate ``written`` is most likely a misspelling of, or None.

    A candidate equal after folding look-alike characters always wins.

    >>> near_miss("最新のバーチャルファイルの適用", ["ウイルス対策", "最新のパターンファイルの適用"], 0.6)
    '最新のパターンファイルの適用'
    >>> near_miss("独自の対策", ["ウイルス対策", "バックアップ"]) is None
    True
    """
    folded = loose(fold_lookalikes(written))
    for c in candidates:
        if loose(fold_lookalikes(c)) == folded and loose(c) != loose(written):
            return c
    best, score = None, 0.0
    for c in candidates:
        s = similarity(written, c)
        if s > score:
            best, score = c, s
    if best is None or score < cutoff or loose(best) == loose(written):
        return None
    return best
