"""Diagnostics: one message for a person, with file, line and column — the one formatter every
message goes through (errors, warnings, check findings).

A message is always one line: control characters in user text are shown escaped (a newline in a
quoted key cannot forge a second diagnostic line) and invisible characters are named.

>>> print(Diagnostic("flow.yaml", 3, 5, "error", "不明なキー「nmae」", "name のことですか？"))
flow.yaml:3:5: error: 不明なキー「nmae」 — name のことですか？
>>> print(Diagnostic("f.yaml", 1, 1, "error", "不明なキー「a\\nf.yaml:9:9: error: x」"))
f.yaml:1:1: error: 不明なキー「a\\nf.yaml:9:9: error: x」
>>> one_line("id\\u200b")
'id<U+200B ゼロ幅スペース>'
"""

from __future__ import annotations

import difflib
import errno
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]

INVISIBLE: dict[str, str] = {
    "\u00a0": "ノーブレークスペース", "\u00ad": "ソフトハイフン", "\u034f": "結合書記素ジョイナー",
    "\u115f": "ハングル字母の埋め草", "\u1160": "ハングル字母の埋め草", "\u180e": "モンゴル語母音区切り",
    "\u200b": "ゼロ幅スペース", "\u200c": "ゼロ幅非接合子", "\u200d": "ゼロ幅接合子", "\u200e": "左から右マーク",
    "\u200f": "右から左マーク", "\u2028": "行区切り文字", "\u2029": "段落区切り文字", "\u202f": "狭いノーブレークスペース",
    "\u205f": "数学用スペース", "\u2060": "ワードジョイナー", "\u2061": "見えない関数適用", "\u2062": "見えない乗算記号",
    "\u2063": "見えない区切り", "\u2064": "見えない加算記号", "\u3164": "ハングルの埋め草", "\ufeff": "BOM（ゼロ幅ノーブレークスペース）",
    "\uffa0": "半角ハングルの埋め草",
}
"""Characters that show as nothing (or as an ordinary space) but are not what they look like."""
for _c in range(0x2000, 0x200B):
    INVISIBLE.setdefault(chr(_c), "特殊な幅の空白")

_CONTROL_NAMES = {"\n": "改行", "\r": "復帰（CR）", "\t": "タブ", "\x1b": "エスケープ", "\x00": "NUL"}
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufff9-\ufffb\ufffe\uffff]")
_SHOWN = re.compile("[" + "".join(INVISIBLE) + "\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufff9-\ufffb\ufffe\uffff]")


def char_name(ch: str) -> str:
    """How a message names one character: ``U+200B ゼロ幅スペース``, ``U+0430 キリル文字 a``.

    >>> char_name("\\u3000"), char_name("а")
    ('U+3000 全角スペース', 'U+0430 キリル文字の「а」')
    """
    code = f"U+{ord(ch):04X}"
    if ch in _CONTROL_NAMES:
        return f"{code} {_CONTROL_NAMES[ch]}"
    if ch in INVISIBLE:
        return f"{code} {INVISIBLE[ch]}"
    if ch == "\u3000":
        return f"{code} 全角スペース"
    if ch == "\uff1a":
        return f"{code} 全角コロン「：」"
    script = _script(ch)
    if script:
        return f"{code} {script}の「{ch}」"
    if _CONTROL.match(ch):
        return f"{code} 制御文字"
    return f"{code}「{ch}」"


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    for prefix, ja in (("CYRILLIC", "キリル文字"), ("GREEK", "ギリシャ文字"), ("FULLWIDTH LATIN", "全角英字"),
                       ("FULLWIDTH DIGIT", "全角数字"), ("ARMENIAN", "アルメニア文字")):
        if name.startswith(prefix):
            return ja
    return ""


def one_line(text: str) -> str:
    """``text`` safe to print as part of one diagnostic line: controls escaped, invisibles named."""
    if not _SHOWN.search(text):
        return text

    def show(m: re.Match[str]) -> str:
        ch = m.group()
        if ch in _ESCAPES:
            return _ESCAPES[ch]
        if ch in INVISIBLE:
            return f"<{char_name(ch)}>"
        return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"

    return _SHOWN.sub(show, text)


def hidden_note(text: str) -> str:
    """A note naming what makes ``text`` differ from how it looks, or "" when nothing does.

    Invisible characters, look-alike letters of another script mixed with Latin ones, and
    full-width letters in an ASCII word are the usual reasons a key or an id "looks right" but
    is not found.

    >>> hidden_note("ward")
    ''
    >>> hidden_note("wаrd")   # a Cyrillic а
    '（U+0430 キリル文字の「а」が混ざっています。半角英字で打ち直してください）'
    >>> hidden_note("name\\u200b")
    '（見えない文字 U+200B ゼロ幅スペース が含まれています。削除してください）'
    """
    hidden = sorted({c for c in text if c in INVISIBLE or c == "\u3000" or _CONTROL.match(c)}, key=text.index)
    if hidden:
        return f"（見えない文字 {'、'.join(char_name(c) for c in hidden)} が含まれています。削除してください）"
    if any(c.isascii() and c.isalpha() for c in text) or text.isascii() is False:
        odd = sorted({c for c in text if _script(c)}, key=text.index)
        latin = any(c.isascii() and c.isalnum() for c in text)
        if odd and (latin or all(_script(c) or not c.isalpha() for c in text)):
            return f"（{'、'.join(char_name(c) for c in odd[:3])}が混ざっています。半角英字で打ち直してください）"
    return ""


@dataclass(frozen=True)
class Diagnostic:
    file: str
    line: int | None
    col: int | None
    severity: Severity
    message: str
    hint: str = ""

    def __str__(self) -> str:
        return format_line(self.file, self.line, self.col, self.severity, self.message, self.hint)


def format_line(file: str, line: int | None, col: int | None, severity: str, message: str, hint: str = "",
                tail: str = "") -> str:
    """``FILE:LINE:COL: severity: message — hint`` on one line (``tail`` follows the message)."""
    where = one_line(file)
    if line is not None:
        where += f":{line}"
        if col is not None:
            where += f":{col}"
    text = f"{where}: {severity}: {one_line(message)}{tail}"
    if hint:
        text += f" — {one_line(hint)}"
    return text


class FlowError(Exception):
    """Bad input: carries every diagnostic found, so all are shown in one run."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A "did you mean" hint, or "" when nothing is close.

    >>> did_you_mean("contracter", ["ward", "contractor"])
    'contractor のことですか？'
    """
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"{close[0]} のことですか？" if close else ""


_ERRNO_JA = {
    errno.ENOENT: "ファイルまたはフォルダがありません", errno.EACCES: "権限がありません", errno.EPERM: "許可されていません",
    errno.EISDIR: "フォルダです", errno.ENOTDIR: "パスの途中にフォルダでないものがあります",
    errno.ELOOP: "シンボリックリンクが循環しています", errno.ENAMETOOLONG: "パスまたはファイル名が長すぎます",
    errno.ENOSPC: "ディスクの空きがありません", errno.EDQUOT: "ディスクの使用量の上限を超えました",
    errno.EROFS: "読み取り専用のファイルシステムです", errno.EIO: "入出力エラーです", errno.EBUSY: "使用中です",
    errno.ENXIO: "装置がありません", errno.EFBIG: "ファイルが大きすぎます", errno.EMFILE: "開いているファイルが多すぎます",
    errno.ETXTBSY: "実行中のファイルです", errno.EEXIST: "すでにあります", errno.EINVAL: "無効な指定です",
}


def os_error_text(exc: OSError) -> str:
    """An operating-system error in Japanese (the English text after it for anything unusual).

    >>> import errno
    >>> os_error_text(OSError(errno.ENOSPC, "No space left on device"))
    'ディスクの空きがありません'
    """
    if exc.errno in _ERRNO_JA:
        return _ERRNO_JA[exc.errno]
    name = errno.errorcode.get(exc.errno or 0, "")
    return f"システムのエラー {name} {exc.strerror or ''}".strip()
