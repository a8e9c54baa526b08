"""Text widths come from the bundled font's own advances; line breaks never fall inside a word."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flowdiag.layout.font import FONTS_DIR, char_em, covered
from flowdiag.layout.text import break_quality, em_width, wrap, wrap_spans

fontTools = pytest.importorskip("fontTools.ttLib")


@pytest.mark.parametrize("name", ["BIZUDGothic-Regular.ttf", "BIZUDGothic-Bold.ttf"])
def test_advance_table_matches_the_font(name: str) -> None:
    """Every character the font draws has exactly the advance the table gives (Regular and Bold)."""
    font = fontTools.TTFont(FONTS_DIR / name)
    upm = font["head"].unitsPerEm
    metrics = font["hmtx"].metrics
    wrong = [f"U+{cp:04X}" for cp, glyph in font.getBestCmap().items()
             if covered(chr(cp)) and abs(metrics[glyph][0] / upm - char_em(chr(cp))) > 1e-9]
    assert not wrong, wrong[:10]


def test_ascent_is_the_fonts() -> None:
    from flowdiag.layout.font import ASCENT, DESCENT

    font = fontTools.TTFont(FONTS_DIR / "BIZUDGothic-Regular.ttf")
    hhea = font["hhea"]
    assert (hhea.ascent / 2048, -hhea.descent / 2048) == (ASCENT, DESCENT)


KATAKANA = "ネットワークシステムデータベースプライバシーマークセキュリティパッチファイアウォール"


@pytest.mark.parametrize("text,width", [
    ("情報提供ネットワークシステムからの住民情報の照会", 12),
    ("データベースサーバの冗長化", 6),
    ("令和6年度第1回新宿区個人情報保護管理運営会議", 12),
    ("携帯トイレ等の配布(R7.9月から順次)", 12),
    ("A4サイズ程度かつ厚さ2.5cm~3.0cm以内に梱包", 10),
])
def test_no_break_inside_a_word(text: str, width: float) -> None:
    lines = wrap(text, width)
    assert "".join(lines) == text
    pos = 0
    for line in lines[:-1]:
        pos += len(line)
        assert break_quality(text, pos) >= 0, (lines, pos)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(["ネットワーク", "システム", "の", "情報", "提供", "、", "R6.7.1", "2.5cm", "(月1回)",
                                 "令和6年", "データベース", "を", "区民", "・", "USBメモリ", "12.31"]), min_size=1, max_size=14),
       st.integers(min_value=4, max_value=16))
def test_random_texts_break_only_where_allowed(parts: list[str], width: int) -> None:
    """Whatever the text and width: nothing is lost, and no line break falls where breaking is never
    allowed (inside katakana, numbers, Latin words, between an era and its year)."""
    text = "".join(parts)
    lines = wrap(text, width)
    assert "".join(lines) == text
    pos = 0
    for line in lines[:-1]:
        pos += len(line)
        assert break_quality(text, pos) >= 0, (text, lines)
    for line in lines:  # a line is wider than asked only when it holds a word that cannot break
        if em_width(line) > width * 1.5:
            assert re.fullmatch(r"[\u30a0-\u30ffー]+|[0-9A-Za-z.]+", line) or len(line) <= 3, (line, lines)


def test_a_step_number_never_stands_alone() -> None:
    lines = wrap_spans([("⑥", ("n",)), ("保護変更決定通知書等の送付", ("t",)), ("(郵送)", ("t2",))], 8)
    assert "".join(t for t, _ in lines[0]).startswith("⑥") and len(lines[0]) > 1
