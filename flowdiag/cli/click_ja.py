"""click's own messages in Japanese: usage errors, help headings, option help.

click words its messages through :func:`gettext.gettext` / :func:`gettext.ngettext`, imported into each
of its modules as ``_`` and ``ngettext``; :func:`install` points those names at a Japanese table.
Messages not in the table (new in a later click) stay as click words them.

>>> install()
>>> import click.exceptions
>>> click.exceptions._("Missing argument")
'引数がありません'
"""

from __future__ import annotations

import importlib

JA: dict[str, str] = {
    "Usage:": "使い方:",
    "Options": "オプション",
    "Commands": "コマンド",
    "Positional arguments": "引数",
    "Show this message and exit.": "このヘルプを表示して終了します / Show this message and exit.",
    "Show the version and exit.": "バージョンを表示して終了します / Show the version and exit.",
    "%(prog)s, version %(version)s": "%(prog)s %(version)s",
    "Error: {message}": "エラー: {message}",
    "Try '{command} {option}' for help.": "ヘルプは '{command} {option}' で表示できます。",
    "Invalid value for {param_hint}: {message}": "{param_hint} の値が正しくありません: {message}",
    "Invalid value: {message}": "値が正しくありません: {message}",
    "Missing argument": "引数がありません",
    "Missing option": "オプションがありません",
    "Missing parameter": "値がありません",
    "Missing {param_type}": "{param_type}がありません",
    "Missing parameter: {param_name}": "値 {param_name} がありません",
    "Missing command.": "コマンドを指定してください（flowdiag --help で一覧）。",
    "No such command {name!r}.": "コマンド {name!r} はありません。",
    "No such option {name!r}.": "オプション {name!r} はありません。",
    "No such option: {name}": "オプション {name} はありません。",
    "Option {name!r} does not take a value.": "オプション {name!r} には値を付けられません。",
    "Option {name!r} requires an argument.": "オプション {name!r} には値が必要です。",
    "Option {name!r} requires {nargs} arguments.": "オプション {name!r} には値が {nargs} 個必要です。",
    "Argument {name!r} takes {nargs} values.": "引数 {name!r} には値が {nargs} 個必要です。",
    "Got unexpected extra argument ({args})": "余分な引数があります（{args}）",
    "Got unexpected extra arguments ({args})": "余分な引数があります（{args}）",
    "Did you mean {possibility}?": "{possibility} のことですか？",
    "(Did you mean one of: {possibilities}?)": "（次のどれかのことですか: {possibilities}）",
    "(Possible options: {possibilities})": "（使えるオプション: {possibilities}）",
    "{value!r} is not {choice}.": "{value!r} は使えません（{choice} だけです）。",
    "{value!r} is not one of {choices}.": "{value!r} は使えません。次のどれかを指定してください: {choices}。",
    "{value!r} is not a valid {number_type}.": "{value!r} は数として読めません。",
    "{value} is not in the range {range}.": "{value} は範囲外です（{range}）。",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} は真偽値として読めません（{states}）。",
    "{value!r} is not a valid UUID.": "{value!r} は UUID として読めません。",
    "{value!r} does not match the format {format}.": "{value!r} は形式 {format} に合いません。",
    "{value!r} does not match the formats {formats}.": "{value!r} は形式 {formats} のどれにも合いません。",
    "Takes {nargs} values but 1 was given.": "値が {nargs} 個必要ですが、1 個しかありません。",
    "Takes {nargs} values but {len} were given.": "値が {nargs} 個必要ですが、{len} 個あります。",
    "{len_type} values are required, but {len_value} was given.": "値が {len_type} 個必要ですが、{len_value} 個です。",
    "{len_type} values are required, but {len_value} were given.": "値が {len_type} 個必要ですが、{len_value} 個です。",
    "{name} {filename!r} does not exist.": "{name} {filename!r} がありません。",
    "{name} {filename!r} is a file.": "{name} {filename!r} はファイルです（フォルダを指定してください）。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} はフォルダです（ファイルを指定してください）。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} を読めません。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} に書けません。",
    "{name} {filename!r} is not executable.": "{name} {filename!r} を実行できません。",
    "Could not open file {filename!r}: {message}": "ファイル {filename!r} を開けません: {message}",
    "Aborted!": "中止しました",
    "file": "ファイル",
    "directory": "フォルダ",
    "path": "パス",
    "default: {default}": "既定: {default}",
    "env var: {var}": "環境変数: {var}",
    "deprecated": "廃止予定",
    "(dynamic)": "（実行時に決まります）",
    "Choose from:\n\t{choices}": "次から選んでください:\n\t{choices}",
    "unknown error": "不明なエラー",
    "Error: invalid input": "エラー: 入力が正しくありません",
}

_MODULES = ("core", "exceptions", "parser", "types", "decorators", "formatting", "termui", "utils", "shell_completion",
            "_termui_impl")


def gettext_ja(message: str) -> str:
    return JA.get(message, message)


def ngettext_ja(singular: str, plural: str, n: int) -> str:
    return JA.get(singular if n == 1 else plural, singular if n == 1 else plural)


def install() -> None:
    """Point click's message functions at the Japanese table (idempotent)."""
    for name in _MODULES:
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:  # pragma: no cover - a click without that module
            continue
        if hasattr(module, "_"):
            module._ = gettext_ja  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext_ja  # type: ignore[attr-defined]
