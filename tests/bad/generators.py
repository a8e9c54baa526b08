"""Inputs too big (or too odd) to keep in the repository: written into the case's folder at test time.

Each function takes the path to write and is named after its case (cases/NAME.expected).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bench.seedlike import seedlike_yaml

CASES = Path(__file__).resolve().parent / "cases"


def _minimal() -> str:
    return (CASES / "ok_minimal.yaml").read_text("utf-8")


def label_1mb(path: Path) -> None:
    """A step text of 1 MB (UTF-8), as when a whole document is pasted into one label."""
    text = ("個人情報の提供" * 60_000)[: 1024 * 1024 // 3]
    path.write_text(_minimal().replace("text: 対象者情報の提供", f"text: {text}"), "utf-8")


def ten_thousand_steps(path: Path) -> None:
    path.write_text(seedlike_yaml(10_000), "utf-8")


def file_too_big(path: Path) -> None:
    """21 MB: a flow followed by a huge comment (a log file saved under the wrong name)."""
    pad = ("# " + "x" * 1022 + "\n") * (21 * 1024)
    path.write_text(_minimal() + pad, "utf-8")


def deep_nesting_huge(path: Path) -> None:
    """100,000 nested brackets: deeper than any parser may recurse."""
    path.write_text(_minimal() + "notes: " + "[" * 100_000 + "]" * 100_000 + "\n", "utf-8")


def deep_block_nesting(path: Path) -> None:
    """50,000 nested block sequences on one line ("- - - …")."""
    path.write_text(_minimal() + "notes:\n  " + "- " * 50_000 + "x\n", "utf-8")


def alias_text_bomb(path: Path) -> None:
    """44 KB: one 10,000-character note repeated by 2,000 aliases (20 million characters expanded)."""
    note = "※" + "長い注記" * 2500
    path.write_text(_minimal() + "notes:\n  - &n " + note + "\n" + "  - *n\n" * 2000, "utf-8")


def png_too_big(path: Path) -> None:
    """400 steps: with --page fit at 1200 dpi the PNG would be 141,115 pixels high (cairo stops at 32,767)."""
    path.write_text(seedlike_yaml(400), "utf-8")


GENERATORS: dict[str, Callable[[Path], None]] = {
    f.__name__: f for f in (label_1mb, ten_thousand_steps, file_too_big, deep_nesting_huge, deep_block_nesting,
                            alias_text_bomb, png_too_big)
}
