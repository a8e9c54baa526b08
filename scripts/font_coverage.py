"""Write flowdiag/fonts/coverage.txt: the code points the bundled font can draw, as ranges.

Run after changing the bundled font (needs fontTools: pip install fonttools).
"""

from pathlib import Path

from fontTools.ttLib import TTFont

fonts = Path(__file__).resolve().parent.parent / "flowdiag" / "fonts"
cps: set[int] = set()
for name in ("BIZUDGothic-Regular.ttf", "BIZUDGothic-Bold.ttf"):
    cmap = TTFont(fonts / name).getBestCmap()
    cps = set(cmap) if not cps else cps & set(cmap)
ranges = []
for cp in sorted(cps):
    if ranges and ranges[-1][1] == cp - 1:
        ranges[-1][1] = cp
    else:
        ranges.append([cp, cp])
lines = [f"{a:X}-{b:X}" if a != b else f"{a:X}" for a, b in ranges]
(fonts / "coverage.txt").write_text("# code points drawn by both BIZ UDGothic Regular and Bold\n" + "\n".join(lines) + "\n")
print(len(cps), "code points,", len(ranges), "ranges")
