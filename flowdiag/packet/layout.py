"""Lines of styled text for the PDF pages: wrapping by width, and SVG for one line.

BIZ UDGothic has fixed advances (1 em for wide characters, 0.5 em otherwise), so widths are
computed, not measured. Changed text is red and bold with a real line under it (cairosvg does
not draw ``text-decoration``).

>>> lines = wrap_segments([("配布期間 令和", False), ("7", True), ("年9月1日から", False)], 10)
>>> [["".join(t for t, _ in line)] for line in lines]
[['配布期間 令和7年9月1'], ['日から']]
>>> 'fill="#d00000"' in line_svg(lines[0], 10, 20, 10.5)
True
"""

from __future__ import annotations

from html import escape

from ..layout.font import char_em

FONT = "BIZ UDGothic"
MARK_COLOR = "#d00000"
NO_START = frozenset("、。，．,.)）】」』・:;!?ーぁぃぅぇぉっゃゅょァィゥェォッャュョ々")
"""Characters a line never starts with (禁則処理)."""

HANG = frozenset("、。，．,.")
"""Punctuation that may hang past the end of a full line (ぶら下げ)."""

Segment = tuple[str, bool]  # (text, marked)
Line = list[Segment]


def text_em(text: str) -> float:
    return sum(char_em(c) for c in text)


def wrap_segments(segments: list[Segment], max_em: float) -> list[Line]:
    """Greedy wrapping by width; a line never starts with closing punctuation; ``\\n`` breaks."""
    lines: list[Line] = []
    cur: Line = []
    width = 0.0

    def add(ch: str, marked: bool) -> None:
        if cur and cur[-1][1] == marked:
            cur[-1] = (cur[-1][0] + ch, marked)
        else:
            cur.append((ch, marked))

    for text, marked in segments:
        for ch in text:
            if ch == "\n":
                lines.append(cur)
                cur, width = [], 0.0
                continue
            w = char_em(ch)
            if cur and width + w > max_em and ch not in HANG:
                carried: Line = []
                if ch in NO_START:  # 追い出し: the characters before it go to the next line with it
                    carried = _carry(cur)
                lines.append(cur)
                cur = carried
                width = sum(text_em(t) for t, _ in cur)
                if ch == " " and not cur:
                    continue
            add(ch, marked)
            width += w
    if cur or not lines:
        lines.append(cur)
    return lines


def _carry(line: Line, most: int = 3) -> Line:
    """Take up to ``most`` characters off the end of ``line`` so that the next line does not start
    with a character of NO_START; returns them (the line is shortened in place)."""
    taken: list[tuple[str, bool]] = []
    while line and len(taken) < most:
        text, marked = line[-1]
        ch = text[-1]
        taken.insert(0, (ch, marked))
        if len(text) > 1:
            line[-1] = (text[:-1], marked)
        else:
            line.pop()
        if ch not in NO_START:
            break
    if not line:  # nothing left: keep the line as it was
        line.extend(taken)
        return []
    out: Line = []
    for ch, marked in taken:
        if out and out[-1][1] == marked:
            out[-1] = (out[-1][0] + ch, marked)
        else:
            out.append((ch, marked))
    return out


def line_svg(line: Line, x: float, y: float, size: float, bold: bool = False, anchor: str = "start") -> str:
    """One line as an SVG ``<text>`` with a ``<tspan>`` per style, and the underlines of marked text."""
    if not line:
        return ""
    total = sum(text_em(t) for t, _ in line) * size
    left = x - total if anchor == "end" else x - total / 2 if anchor == "middle" else x
    weight = "bold" if bold else "normal"
    spans = []
    under = []
    at = left
    for text, marked in line:
        w = text_em(text) * size
        if marked:
            spans.append(f'<tspan fill="{MARK_COLOR}" font-weight="bold">{escape(text)}</tspan>')
            under.append(f'<line x1="{at:.2f}" y1="{y + size * 0.18:.2f}" x2="{at + w:.2f}" y2="{y + size * 0.18:.2f}" '
                         f'stroke="{MARK_COLOR}" stroke-width="{max(0.6, size * 0.07):.2f}"/>')
        else:
            spans.append(escape(text))
        at += w
    return (f'<text x="{left:.2f}" y="{y:.2f}" font-family="{FONT}" font-size="{size}" font-weight="{weight}" '
            f'xml:space="preserve">{"".join(spans)}</text>' + "".join(under))


def rect(x: float, y: float, w: float, h: float, fill: str = "none") -> str:
    return (f'<rect x="{x:.2f}" y="{y:.2f}" width="{w:.2f}" height="{h:.2f}" fill="{fill}" '
            f'stroke="#000000" stroke-width="0.6"/>')
