"""PyYAML's syntax errors as messages for people: what is wrong in Japanese, at the right line and
column, naming the characters that look right but are not (a full-width space or colon, a no-break
space, a line separator)."""

from __future__ import annotations

import re

import yaml

from ..diagnostics import Diagnostic

MAX_DEPTH = 64

_BREAK = re.compile("\r\n|\r|\n")


def position(text: str, index: int) -> tuple[int, int]:
    """Line and column (from 1) of a character index, counting CR LF, CR and LF as line breaks, as
    editors do (PyYAML also breaks lines at U+2028, U+2029 and U+0085; those are refused first).

    >>> position("a\\r\\nb\\rc", 5)
    (3, 1)
    """
    index = max(0, min(index, len(text)))
    breaks = list(_BREAK.finditer(text, 0, index))
    start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, index - start + 1


_LINE_BREAKS = re.compile("[\u2028\u2029\x85]")
_SUSPECTS = [
    (re.compile("(?m)^[ \t-]*(\u3000)"), "字下げに全角スペース（U+3000）が使われています",
     "字下げは半角スペースで書いてください（全角スペースは見えても YAML の字下げになりません）"),
    (re.compile("(?m)^[ \t-]*[A-Za-z_][A-Za-z0-9_]*(\uff1a)"), "キーの後ろの「：」が全角コロン（U+FF1A）です",
     "半角の「:」と半角スペースにしてください（例: name: 新宿区）"),
    (re.compile("(?m)^[ \t-]*[A-Za-z_][A-Za-z0-9_]*:([\u00a0\u3000\u2000-\u200b\u202f\u205f\ufeff])"),
     "「:」の後ろが半角スペースではありません（{name}）", "「:」の後ろは半角スペースにしてください"),
    (re.compile("(?m)^[ \t]*([\u00a0\u2000-\u200b\u202f\u205f\ufeff])"), "字下げに見えない文字（{name}）が使われています",
     "行の始めの空白を消して、半角スペースで字下げし直してください"),
]


def line_breaks(text: str, file: str) -> Diagnostic | None:
    """U+2028 / U+2029 / U+0085 anywhere: YAML reads them as line breaks, editors do not (every later
    line number would be wrong), and they never belong in a chart's text."""
    m = _LINE_BREAKS.search(text)
    if m is None:
        return None
    from ..diagnostics import char_name

    line, col = position(text, m.start())
    return Diagnostic(file, line, col, "error", f"見えない改行文字（{char_name(m.group())}）が含まれています",
                      "この文字を削除してください（Word などからの貼り付けで混入します。改行したいときは普通に改行してください）")


def _suspect(text: str, index: int, file: str) -> Diagnostic | None:
    """A look-alike character at or before the line of a syntax error, which is then its cause."""
    end = text.find("\n", index)
    head = text[: len(text) if end < 0 else end]
    found: list[tuple[int, Diagnostic]] = []
    for rx, message, hint in _SUSPECTS:
        for m in rx.finditer(head):
            from ..diagnostics import char_name

            line, col = position(text, m.start(1))
            found.append((m.start(1), Diagnostic(file, line, col, "error", message.format(name=char_name(m.group(1))), hint)))
            break
    return min(found, key=lambda f: f[0])[1] if found else None


def yaml_error(exc: yaml.MarkedYAMLError, file: str, text: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line, col = position(text, mark.index) if mark else (None, None)
    problem = exc.problem or ""
    if mark is not None:
        suspect = _suspect(text, mark.index, file)
        if suspect is not None:
            return suspect
    if "\\t" in problem or "'\\t'" in problem or (mark and 0 <= mark.index < len(text) and text[mark.index] == "\t"):
        return Diagnostic(file, line, col, "error", "タブ文字で字下げされています",
                          "YAML の字下げには半角スペースを使ってください")
    if "mapping values are not allowed" in problem:
        return Diagnostic(file, line, col, "error", "ここに「:」は書けません（YAML の構文エラー）",
                          "値に「:」を含めるときは \"…\" で囲むか、字下げを確かめてください")
    if "could not find expected ':'" in problem:
        return Diagnostic(file, line, col, "error", "「キー: 値」の「:」が見つかりません（YAML の構文エラー）",
                          "行の字下げと「:」の後の半角スペースを確かめてください")
    context = exc.context or ""
    cm = exc.context_mark
    if cm is not None and "while scanning a quoted scalar" in context:
        quote = text[cm.index] if 0 <= cm.index < len(text) else '"'
        return Diagnostic(file, *position(text, cm.index), "error", f"引用符「{quote}」が閉じていません（YAML の構文エラー）",
                          f"値の終わりに {quote} を書き足してください")
    if cm is not None and ("while parsing a flow" in context or "flow sequence" in problem or "flow mapping" in problem):
        bracket = text[cm.index] if 0 <= cm.index < len(text) else "["
        closing = {"[": "]", "{": "}"}.get(bracket, "]")
        return Diagnostic(file, *position(text, cm.index), "error", f"括弧「{bracket}」が閉じていません（YAML の構文エラー）",
                          f"「{closing}」を書き足すか、値に {bracket} を含めるときは \"…\" で囲んでください")
    if "another document" in problem:
        return Diagnostic(file, line, col, "error", "1つのファイルに複数の文書（--- の区切り）があります",
                          "1つのファイルには1つのフローだけを書いてください（2つ目からは別のファイルに）")
    if "found undefined alias" in problem:
        return Diagnostic(file, line, col, "error", "定義されていないエイリアス（*名前）です",
                          "&名前 で定義してから *名前 で参照してください")
    if "expected <block end>" in problem or "did not find expected" in problem:
        return Diagnostic(file, line, col, "error", "字下げが揃っていません（YAML の構文エラー）",
                          "同じ階層の行は同じ数の半角スペースで字下げしてください")
    if "control characters are not allowed" in problem or "special characters are not allowed" in problem:
        return Diagnostic(file, line, col, "error", "制御文字が含まれています",
                          "見えない制御文字を削除してください（Word などからの貼り付けで混入します）")
    detail = f"（{problem}）" if problem else ""
    return Diagnostic(file, line, col, "error", f"YAML の構文エラーです{detail}",
                      "この行の前後の字下げ、引用符、括弧の対応を確かめてください")


def reader_error(exc: yaml.reader.ReaderError, file: str, text: str) -> Diagnostic:
    """A character YAML does not allow (C0/C1 controls, U+FFFE …), with its line and column."""
    pos = max(0, min(exc.position, len(text)))
    line = text.count("\n", 0, pos) + 1
    col = pos - (text.rfind("\n", 0, pos) + 1) + 1
    code = exc.character if isinstance(exc.character, int) else ord(exc.character[:1] or "\0")
    return Diagnostic(file, line, col, "error", f"制御文字 U+{code:04X} が含まれています（YAML に書けない文字です）",
                      "見えない制御文字を削除してください（Word などからの貼り付けで混入します）")


def deep_at(text: str) -> tuple[int | None, int | None]:
    """Where nesting first passes MAX_DEPTH: a bracket, or the start of a long run of "- "."""
    depth = 0
    for m in re.finditer(r"[\[\]{}]", text):
        depth = depth + 1 if m.group() in "[{" else max(depth - 1, 0)
        if depth > MAX_DEPTH:
            pos = m.start()
            return text.count("\n", 0, pos) + 1, pos - (text.rfind("\n", 0, pos) + 1) + 1
    run = re.search(rf"(?m)^[ \t?:-]{{{2 * MAX_DEPTH}}}", text)
    if run:
        return text.count("\n", 0, run.start()) + 1, 2 * MAX_DEPTH + 1
    return None, None
