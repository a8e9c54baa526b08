"""The marked chart of the sample pair: red text exactly on what changed, the 削除 box, the caption.

Renders with the real renderer and reads the SVG's text runs (one ``tspan`` per style).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from ..conftest import ROOT, run_cli

OLD = "samples/000-keitai-toilet.yaml"
NEW = "samples/000-keitai-toilet-r7.yaml"
RED = "#d00000"

NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def svg(tmp_path_factory):
    out = tmp_path_factory.mktemp("marks") / "r7.svg"
    proc = run_cli("render", NEW, "--since", OLD, "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    return out.read_text(encoding="utf-8")


def _runs(svg: str) -> tuple[str, str]:
    """All red text and all other text, each run on its own line."""
    red, plain = [], []
    for span in ET.fromstring(svg).iter(f"{NS}tspan"):
        text = (span.text or "").strip("　 ").lstrip("・")
        (red if (span.get("fill") or "").lower() == RED else plain).append(text)
    return "\n".join(red), "\n".join(plain)


def test_changed_text_is_red(svg):
    red, _ = _runs(svg)
    red = red + "\n" + red.replace("\n", "")  # a run may be wrapped over two lines
    for text in ["R7", "【インターネット", "回線】通信暗号化", "、", "再配達依頼情報", "再委託先", "(コールセンター業務)", "【コールセンター】", "再配達依頼情報",
                 "再委託先への立入調査等", "転出者を除いた配布対象者の", "④④′", "⑤⑤′", "⑫"]:
        assert text in red, text


def test_edited_texts_are_marked_word_by_word(svg):
    """Only the changed words of an edited text are red: R6.7.1時点 → R7.7.1時点 marks R7."""
    red, plain = _runs(svg)
    assert red.splitlines().count("R7") == 4  # four periods; R7.9月から順次 also marks 9
    assert "9" in red.splitlines()
    joined = plain.replace("\n", "")
    for text in [".7.1時点)", ".7.2~12.31)", "月から順次)", ".7.2~12.31転入者)", "契約終了後、", "の返却"]:
        assert text in joined, text
    assert "(R7.7.1時点)" not in red


def test_unchanged_text_is_not_red(svg):
    red, plain = _runs(svg)
    plain = plain + "\n" + plain.replace("\n", "")  # a run may be wrapped over two lines
    for text in ["新宿区", "委託事業者", "ホストコンピューター", "①対象者情報の抽出", "配布対象者情報", "(月1回)",
                 "区民", "委託先パソコン", "特記事項等の遵守", "(USBメモリ・手渡し)", "各世帯主あて", "(TEL)"]:
        assert text in plain, text
    for text in ["①", "ホストコンピューター", "(月1回)", "(TEL)", "委託先パソコン"]:
        assert text not in red.splitlines(), text


def test_removed_box_and_caption(svg):
    red, _ = _runs(svg)
    assert "※令和6年度第1回本管理運営会議からの変更点は、赤太字下線部" in svg
    box = svg[svg.index(">削除（"):]
    assert "サーバ冗長化" in box
    assert 'stroke="#D00000"' in svg or 'stroke="#d00000"' in svg  # underlines are drawn as lines


def test_since_label_and_since_rev(tmp_path):
    out = tmp_path / "r7.svg"
    proc = run_cli("render", NEW, "--since", OLD, "--since-label", "令和6年度第2回", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "※令和6年度第2回本管理運営会議からの変更点は、赤太字下線部" in out.read_text(encoding="utf-8")


def test_no_change_draws_no_red(tmp_path):
    out = tmp_path / "same.svg"
    proc = run_cli("render", OLD, "--since", OLD, "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    red, _ = _runs(out.read_text(encoding="utf-8"))
    assert "※" in red or red == ""  # at most the caption line
    assert ">削除（" not in out.read_text(encoding="utf-8")


def test_sample_files_exist():
    assert (ROOT / NEW).read_text(encoding="utf-8").splitlines()[1].startswith("# 資料8-1")


def test_underlines_clear_the_line_below(svg):
    """An underline never runs into the glyphs of the next line."""
    from flowdiag.layout.font import ASCENT
    from flowdiag.layout.text import em_width

    root = ET.fromstring(svg)
    chart = next(g for g in root.iter(f"{NS}g") if g.get("id") == "chart")
    texts, lines = [], []
    for t in chart.iter(f"{NS}text"):
        size, y = float(t.get("font-size")), float(t.get("y"))
        for span in t.iter(f"{NS}tspan"):
            x = float(span.get("x"))
            texts.append((x, x + em_width(span.text or "") * float(span.get("font-size", size)), y, size))
    for line in chart.iter(f"{NS}line"):
        if (line.get("stroke") or "").lower() == RED:
            lines.append((float(line.get("x1")), float(line.get("y1")), float(line.get("x2")),
                          float(line.get("stroke-width"))))
    assert len(lines) > 50
    for x1, y1, x2, width in lines:
        bottom = y1 + width / 2
        for tx0, tx1, ty, size in texts:
            glyph_top = ty - ASCENT * size
            if tx0 < x2 - 1 and x1 + 1 < tx1 and y1 < ty:
                assert glyph_top > bottom, f"underline at y={y1} runs into the text at y={ty}"
