"""Measuring printed pages as a reader sees them: where the text is, and how close it comes to a table's rules.

The pages are rasterised with pdftoppm (as a reviewer's viewer draws them) and read with Pillow.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

from PIL import Image

DARK = 160  # a gray level below this is ink
RULE_SHARE = 0.3  # a row of ink this share of the page wide (in one run) is a horizontal rule
SPAN_SHARE = 0.05  # runs of ink at least this long on a rule's row are the rule (shorter ones are glyphs)


def rasterise(pdf: Path, dpi: int, first: int = 1, last: int | None = None) -> list[Image.Image]:
    """The pages of ``pdf`` as gray images."""
    with tempfile.TemporaryDirectory() as tmp:
        cmd = ["pdftoppm", "-gray", "-png", "-r", str(dpi), "-f", str(first)]
        cmd += ["-l", str(last)] if last is not None else []
        subprocess.run([*cmd, str(pdf), f"{tmp}/p"], check=True, capture_output=True)
        return [Image.open(p).copy() for p in sorted(Path(tmp).glob("p-*.png"))]


def image_pages(pdf: Path) -> list[int]:
    """The pages of ``pdf`` that show a raster image (pdfimages -list), once each."""
    out = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    return sorted({int(line.split()[0]) for line in out.splitlines()[2:] if line.split()})


def _runs(row: bytes, least: float) -> bytearray:
    out = bytearray(len(row))
    for m in re.finditer(rb"\xff+", row):
        if m.end() - m.start() >= least:
            out[m.start():m.end()] = b"\xff" * (m.end() - m.start())
    return out


def ink_touching_rules(page: Image.Image, dpi: int, gap_pt: float = 1.0) -> tuple[int, list[tuple[int, int]]]:
    """How many table rows a page has, and the places where a cell's text comes within ``gap_pt`` of the
    rule above or below it.

    A table row is the space between two rules that vertical rules cross from top to bottom. A place is
    (pixel row, how many ink pixels) of a band under a rule or over the next one, counting only ink right
    under or over the rule itself and not the vertical rules.
    """
    mask = page.convert("L").point(lambda v: 255 if v < DARK else 0)
    w, h = mask.size
    data = mask.tobytes()
    rows = [data[y * w:(y + 1) * w] for y in range(h)]
    is_rule = [max((len(m) for m in re.findall(rb"\xff+", r)), default=0) >= RULE_SHARE * w for r in rows]
    rules: list[tuple[int, int]] = []
    y = 0
    while y < h:
        if is_rule[y]:
            top = y
            while y < h and is_rule[y]:
                y += 1
            rules.append((top, y - 1))
        y += 1
    band = max(1, round(gap_pt * dpi / 72))
    found = []
    table_rows = 0
    for (_, above), (below, _) in zip(rules, rules[1:], strict=False):
        if below - above < 2 * band + 2:
            continue
        mean = mask.crop((0, above + 1, w, below)).resize((w, 1), Image.Resampling.BOX).tobytes()
        verticals = {x + d for x in range(w) if mean[x] >= 240 for d in (-1, 0, 1)}
        if len(verticals) < 6:
            continue  # not a table row (no vertical rules cross it)
        table_rows += 1
        for ys, ruled in ((range(above + 1, above + 1 + band), _runs(rows[above], SPAN_SHARE * w)),
                          (range(below - band, below), _runs(rows[below], SPAN_SHARE * w))):
            ink = sum(1 for yy in ys for x in range(w) if rows[yy][x] and ruled[x] and x not in verticals)
            if ink:
                found.append((ys.start, ink))
    return table_rows, found
