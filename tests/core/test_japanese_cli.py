"""Every message a user sees from the command line is Japanese first: help, usage errors, click's own words."""

from __future__ import annotations

import pytest

from tests.conftest import run_cli

CLICK_ENGLISH = ("Show this message and exit", "Usage:", "Options:", "Commands:", "Error:", "Invalid value",
                 "Missing argument", "No such option", "No such command", "is not one of", "Try '", "is not a valid",
                 "is not in the range", "requires an argument", "Got unexpected")
COMMANDS = ["render", "check", "checklist", "rules", "diff", "doctor", "stencils"]


def _japanese_only(text: str) -> None:
    for phrase in CLICK_ENGLISH:
        if phrase == "Show this message and exit":  # allowed after the Japanese, as every option help does
            assert "このヘルプを表示して終了します / Show this message and exit." in text or phrase not in text
            continue
        assert phrase not in text, f"{phrase!r} in:\n{text}"


@pytest.mark.parametrize("args", [["--help"], *[[c, "--help"] for c in COMMANDS]])
def test_help_is_japanese(args: list[str]) -> None:
    r = run_cli(*args)
    assert r.returncode == 0, r.stderr
    assert "使い方:" in r.stdout and "オプション" in r.stdout
    _japanese_only(r.stdout)


@pytest.mark.parametrize(("args", "expected"), [
    (["render"], "引数がありません"),
    (["render", "x.yaml", "--page", "A5"], "'A5' は使えません"),
    (["render", "x.yaml", "--dpi", "abc"], "数として読めません"),
    (["render", "x.yaml", "--dpi", "5"], "範囲外です"),
    (["render", "x.yaml", "--bogus"], "オプション '--bogus' はありません"),
    (["nosuch"], "コマンド 'nosuch' はありません"),
    (["check", "x.yaml", "-o"], "には値が必要です"),
    (["diff", "a", "b", "c", "--format", "xml"], "'xml' は使えません"),
])
def test_usage_errors_are_japanese(args: list[str], expected: str) -> None:
    r = run_cli(*args)
    assert r.returncode == 2
    assert "エラー: " in r.stderr and expected in r.stderr, r.stderr
    _japanese_only(r.stderr)
