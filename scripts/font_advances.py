"""Write flowdiag/fonts/advances.txt: the code points whose advance is half an em in the bundled font.

BIZ UDGothic draws every character either 1 em or 0.5 em wide (Regular and Bold alike), so text
widths are sums and need no shaping engine. Run after changing the bundled font (needs fontTools:
pip install fonttools); tests/core/test_text_metrics.py checks the table against the font.
"""

from pathlib import Path

from fontTools.ttLib import TTFont

fonts = Path(__file__).resolve().parent.parent / "flowdiag" / "fonts"


def half_width_ranges() -> list[tuple[int, int]]:
    half: set[int] = set()
    for name in ("BIZUDGothic-Regular.ttf", "BIZUDGothic-Bold.ttf"):
        font = TTFont(fonts / name)
        upm = font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
        cmap = font.getBestCmap()
        widths = {cp: metrics[g][0] / upm for cp, g in cmap.items()}
        assert set(widths.values()) <= {0.5, 1.0}, "the font is no longer fixed at 0.5/1 em"
        found = {cp for cp, w in widths.items() if w == 0.5}
        half = found if not half else half & found
    ranges: list[list[int]] = []
    for cp in sorted(half):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return [(a, b) for a, b in ranges]


if __name__ == "__main__":
    ranges = half_width_ranges()
    lines = [f"{a:X}-{b:X}" if a != b else f"{a:X}" for a, b in ranges]
    (fonts / "advances.txt").write_text("# code points that BIZ UDGothic draws 0.5 em wide (all others it has: 1 em)\n"
                                        + "\n".join(lines) + "\n")
    print(len(ranges), "ranges")
