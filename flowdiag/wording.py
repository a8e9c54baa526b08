"""Wording: the one table of spellings that mean the same, and the comparisons every rule uses.

Ward documents spell the same words in several accepted ways: the 公用文 long vowel (サーバー for
サーバ), okurigana (受け渡し for 受渡し), kana for kanji (カギ付き for 鍵付き), a 「の」 between two nouns
(アクセスログの取得 for アクセスログ取得). ``tolerant`` folds all of them to one spelling, so a rule
that compares wording never reads a variant as a different thing or as a typo. ``drift_pairs`` names
the variants that separate two texts (for an info finding), ``near_miss`` finds real typos.

>>> tolerant("コンピュータウイルス") == tolerant("コンピューターウィルス")
True
>>> tolerant("国内法が適用されるサーバー環境") == tolerant("国内法が適用されるサーバ環境")
True
>>> tolerant("アクセスログの取得") == tolerant("アクセスログ取得")
True
>>> tolerant("立入り調査") == tolerant("立入調査")
True
>>> drift_pairs("コンピュータウイルス感染", "コンピューターウィルス感染")
['コンピュータ/コンピューター', 'ウイルス/ウィルス']
>>> drift_pairs("アクセスログ取得", "アクセスログの取得")
['「の」の有無']
>>> lookalikes("世帯主力ナ氏名", "世帯主カナ氏名")
['「力」（漢字）と「カ」（カタカナ）']
>>> round(similarity("削除フラグ", "消除フラグ"), 2)
0.8
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata

# Spellings that mean the same thing in these documents: (the standard one, a variant).
# The standard is the one the checklists and stencils/ use; any variant is accepted everywhere
# (measures, checklist rows, form and chart items) and reported as drift (info), never as a typo.
VARIANTS: tuple[tuple[str, str], ...] = (
    # 公用文: a loanword's closing long vowel (「公用文作成の考え方」, 令和4年) and the older JIS style
    ("サーバ", "サーバー"),
    ("コンピュータ", "コンピューター"),
    ("ユーザ", "ユーザー"),
    ("フォルダ", "フォルダー"),
    ("メモリ", "メモリー"),
    ("プリンタ", "プリンター"),
    ("スキャナ", "スキャナー"),
    ("ブラウザ", "ブラウザー"),
    ("ルータ", "ルーター"),
    ("モニタ", "モニター"),
    ("パラメータ", "パラメーター"),
    ("ドライバ", "ドライバー"),
    # common drift seen in the packets
    ("ウイルス", "ウィルス"),
    ("鍵付き", "カギ付き"),
    ("鍵付き", "かぎ付き"),
    ("パソコン", "PC"),
    ("作成する必要がある場合", "作成する必要が生じた場合"),
    # 送り仮名
    ("受渡し", "受け渡し"),
    ("取扱う", "取り扱う"),
    ("取扱い", "取り扱い"),
    ("取扱者", "取り扱い者"),
    ("取扱者", "取扱い者"),
    ("立入り", "立入"),
    ("申込み", "申し込み"),
    ("問合せ", "問い合わせ"),
    ("引渡し", "引き渡し"),
    ("持込み", "持ち込み"),
    ("持込む", "持ち込む"),
    ("持出し", "持ち出し"),
    ("取込み", "取り込み"),
    ("読込み", "読み込み"),
    ("書込み", "書き込み"),
    ("貸出し", "貸し出し"),
    ("振込み", "振り込み"),
    ("届出", "届け出"),
    ("手続", "手続き"),
    # kana for kanji
    ("及び", "および"),
    ("又は", "または"),
    ("並びに", "ならびに"),
)

GROUP_LABELS = {"operational": "【運用上の対策】", "system": "【システム上の対策】"}
"""The two groups of measures, as the checklists and the chart head them (the one spelling of them)."""

# Characters that look alike across scripts: (character, what it is, the one usually meant, what that is).
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
_KATA = "ァ-ヴ"
_LONG_VOWEL = re.compile(rf"([{_KATA}ー]*[{_KATA}])ー(?![{_KATA}ー])")
"""A closing ー of a katakana word (サーバー → サーバ); ー inside a word (パスワード) stays."""
_NO = re.compile(rf"(?<=[\u4e00-\u9fff々{_KATA}ーA-Za-z0-9])の(?=[\u4e00-\u9fff々{_KATA}A-Za-z0-9])")
"""A 「の」 between two nouns (アクセスログの取得 → アクセスログ取得)."""


def loose(text: str) -> str:
    """NFKC, no spaces or punctuation: for matching item names (never for step labels).

    >>> loose("・世帯主 カナ氏名（任意）")
    '世帯主カナ氏名任意'
    """
    t = unicodedata.normalize("NFKC", text).strip()
    t = t.lstrip("・-－ー•*")
    return _PUNCT.sub("", t)


@functools.lru_cache(maxsize=1)
def _variant_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    standard: dict[str, str] = {}
    for canonical, variant in VARIANTS:
        for form in (canonical, variant):
            standard.setdefault(loose(form), _fold_generic(loose(canonical)))
    forms = sorted(standard, key=len, reverse=True)  # the longest spelling wins (立入り before 立入)
    return re.compile("|".join(re.escape(f) for f in forms)), standard


def _fold_generic(text: str) -> str:
    return _NO.sub("", _LONG_VOWEL.sub(r"\1", text))


@functools.lru_cache(maxsize=8192)
def tolerant(text: str) -> str:
    """``loose`` with every accepted variant folded to one spelling (the key for comparing wording).

    >>> tolerant("・受け渡し時の管理簿への記載") == tolerant("受渡し時の管理簿への記載")
    True
    """
    pattern, standard = _variant_pattern()
    return _fold_generic(pattern.sub(lambda m: standard[m.group(0)], loose(text)))


def same_wording(a: str, b: str) -> bool:
    """Do ``a`` and ``b`` say the same thing, up to accepted variants?"""
    return tolerant(a) == tolerant(b)


def drift_pairs(a: str, b: str) -> list[str]:
    """Which accepted variants separate ``a`` and ``b`` (standard/variant, in table order)."""
    out: list[str] = []
    la, lb = loose(a), loose(b)
    for canonical, variant in VARIANTS:
        c, v = loose(canonical), loose(variant)

        def uses(text: str, c: str = c, v: str = v) -> int:
            """How often ``text`` uses the variant spelling (立入 inside 立入り is not a use)."""
            return text.count(v) - (text.count(c) if v in c else 0)

        differs = uses(la) != uses(lb) and tolerant(canonical) in tolerant(a) and tolerant(canonical) in tolerant(b)
        if differs and f"{canonical}/{variant}" not in out:
            out.append(f"{canonical}/{variant}")
    if not out:
        words_a = set(re.findall(rf"[{_KATA}ー]+", la))
        words_b = set(re.findall(rf"[{_KATA}ー]+", lb))
        for w in sorted(words_a ^ words_b):
            if w.endswith("ー") and w[:-1] in words_a | words_b:
                out.append(f"{w[:-1]}/{w}")
    if _NO.sub("", la) != la or _NO.sub("", lb) != lb:
        if la.count("の") != lb.count("の") and tolerant(a) == tolerant(b):
            out.append("「の」の有無")
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


def similarity(a: str, b: str, *, normalise: bool = True) -> float:
    """0..1, how alike two texts are after :func:`loose` (or as written); the same both ways round.

    >>> similarity("a", "a"), similarity("", ""), similarity("携帯トイレ", "")
    (1.0, 1.0, 0.0)
    >>> similarity("携帯トイレ等の配布", "再配達希望者へ配布") == similarity("再配達希望者へ配布", "携帯トイレ等の配布")
    True
    """
    la, lb = (loose(a), loose(b)) if normalise else (a, b)
    if la == lb:
        return 1.0
    if not la or not lb:
        return 0.0
    x, y = sorted((la, lb))
    return difflib.SequenceMatcher(None, x, y, autojunk=False).ratio()


def script_of(ch: str) -> str:
    """kanji, katakana (with ー), hiragana or other: where a Japanese word begins and ends.

    >>> script_of("漢"), script_of("カ"), script_of("ー"), script_of("の"), script_of("A")
    ('kanji', 'katakana', 'katakana', 'hiragana', 'other')
    """
    if "\u30a0" <= ch <= "\u30ff":
        return "katakana"
    if "\u3040" <= ch <= "\u309f":
        return "hiragana"
    if "\u4e00" <= ch <= "\u9fff" or ch in "々〆ヶ":
        return "kanji"
    return "other"


def near_miss(written: str, candidates: list[str], cutoff: float = 0.75) -> str | None:
    """The candidate ``written`` is most likely a misspelling of, or None.

    A candidate equal after folding look-alike characters always wins; a candidate that differs only
    by accepted variants is not a misspelling (None).

    >>> near_miss("最新のバーチャルファイルの適用", ["ウイルス対策", "最新のパターンファイルの適用"], 0.6)
    '最新のパターンファイルの適用'
    >>> near_miss("独自の対策", ["ウイルス対策", "バックアップ"]) is None
    True
    >>> near_miss("サーバー冗長化", ["サーバ冗長化", "バックアップ"]) is None
    True
    """
    if any(same_wording(written, c) for c in candidates):
        return None
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
