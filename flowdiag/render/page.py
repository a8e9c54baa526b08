"""Compose the page: the laid-out chart fitted to A4/A3 (or its own size), with the header
(title, 資料番号 at the top right) and the footer (notes, change caption, 削除 box).

The page is an SVG; PDF and PNG are drawn from it. Change marks from the layout
(red, bold, ``text-decoration="underline"``) get a real line under the text here,
because cairosvg does not draw text-decoration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..layout.html import MARK_COLOR
from ..layout.style import FONT
from ..layout.text import em_width, wrap, xml_escape
from ..model.flow import Document
from ..model.marks import Marks

PAGE_SIZES = {"A4": (842.0, 595.0), "A3": (1191.0, 842.0)}  # landscape, in pt
MARGIN = 22.0
MIN_TEXT_PT = 7.0
TITLE_PT = 13.0
NUMBER_PT = 11.0
FOOT_PT = 8.5
MAX_UPSCALE = 1.0


@dataclass
class PageResult:
    svg: str
    width: float
    height: float
    scale: float
    min_text_pt: float
    warnings: list[str] = field(default_factory=list)


_SVG_SIZE = re.compile(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"')
_GRAPH = re.compile(r'(<g id="graph0" class="graph" transform=")[^"]*(">)')
_FONT_SIZE = re.compile(r'font-size="([\d.]+)"')
_BLANK_TEXT = re.compile(r"<text [^>]*>\s*</text>\n?")  # spacers (room around a circled number): nothing to draw
_DECORATED = re.compile(r'<text ([^>]*)text-decoration="([a-z,]+)"([^>]*)>([^<]*)</text>')


def _attr(attrs: str, name: str) -> str | None:
    m = re.search(rf'{name}="([^"]*)"', attrs)
    return m.group(1) if m else None


def draw_decorations(svg: str) -> str:
    """Draw what Graphviz leaves to ``text-decoration`` (cairosvg draws none of it): an underline
    becomes a line under the text (change marks, same colour); an overline, used by the layout for
    step numbers past ㊿, becomes a circle around the number.

    >>> s = '<text text-anchor="start" x="10" y="20" text-decoration="underline" font-size="10.00" fill="#d00000">変更</text>'
    >>> print(draw_decorations(s))
    <text text-anchor="start" x="10" y="20"  font-size="10.00" fill="#d00000">変更</text><line x1="10.00" y1="21.50" x2="30.00" y2="21.50" stroke="#d00000" stroke-width="0.90"/>
    >>> print(draw_decorations('<text text-anchor="start" x="10" y="20" text-decoration="overline" font-size="10.00">51</text>'))
    <text text-anchor="start" x="10" y="20"  font-size="10.00">51</text><ellipse cx="15.00" cy="16.30" rx="7.00" ry="5.20" fill="none" stroke="#000000" stroke-width="0.70"/>
    """

    def repl(m: re.Match[str]) -> str:
        attrs = m.group(1) + m.group(3)
        decoration = m.group(2).split(",")
        text = m.group(4)
        size = float(_attr(attrs, "font-size") or 10)
        x = float(_attr(attrs, "x") or 0)
        y = float(_attr(attrs, "y") or 0)
        plain = re.sub(r"&#?\w+;", "x", text)
        width = em_width(plain) * size
        anchor = _attr(attrs, "text-anchor") or "start"
        x0 = x - width / 2 if anchor == "middle" else x - width if anchor == "end" else x
        out = f"<text {m.group(1)}{m.group(3)}>{text}</text>"
        if "underline" in decoration:
            color = _attr(attrs, "fill") or MARK_COLOR
            y1 = y + 0.15 * size
            out += (f'<line x1="{x0:.2f}" y1="{y1:.2f}" x2="{x0 + width:.2f}" y2="{y1:.2f}" stroke="{color}" '
                    f'stroke-width="{max(0.6, size * 0.09):.2f}"/>')
        if "overline" in decoration:
            color = _attr(attrs, "fill") or "#000000"
            out += (f'<ellipse cx="{x0 + width / 2:.2f}" cy="{y - 0.37 * size:.2f}" rx="{width / 2 + 0.2 * size:.2f}" '
                    f'ry="{0.52 * size:.2f}" fill="none" stroke="{color}" stroke-width="{size * 0.07:.2f}"/>')
        return out

    return _DECORATED.sub(repl, svg)


def _text(x: float, y: float, body: str, size: float, *, anchor: str = "start", bold: bool = False,
          color: str = "#000000", ident: str | None = None) -> str:
    weight = ' font-weight="bold"' if bold else ""
    ident_attr = f' id="{ident}"' if ident else ""
    return (f'<text{ident_attr} x="{x:.2f}" y="{y:.2f}" text-anchor="{anchor}" font-family="{FONT}" '
            f'font-size="{size:g}"{weight} fill="{color}">{xml_escape(body)}</text>')


def compose(chart_svg: bytes, doc: Document, *, page: str = "A4", portrait: bool = False,
            notes: list[str] | None = None, marks: Marks | None = None) -> PageResult:
    """Fit the chart onto the page and draw header and footer around it."""
    text = chart_svg.decode("utf-8")
    m = _SVG_SIZE.search(text)
    if not m:
        raise ValueError("unexpected SVG from dot: no size")
    cw, ch = float(m.group(1)), float(m.group(2))
    start = text.index('<g id="graph0"')
    end = text.rindex("</svg>")
    inner = draw_decorations(_BLANK_TEXT.sub("", text[start:end]))
    sizes = [float(s) for s in _FONT_SIZE.findall(inner)] or [10.0]
    chart_min_pt = min(sizes)

    marks = marks or Marks()
    foot: list[tuple[str, str, bool]] = []  # (text, colour, bold)
    for note in notes or []:
        foot.append((note, "#000000", False))
    if marks.since_label:
        foot.append((f"※{marks.since_label}本管理運営会議からの変更点は、赤太字下線部", MARK_COLOR, True))

    header_h = TITLE_PT * 2.2
    if page == "fit":
        foot_lines = _foot_lines(foot, max(cw, 400.0))
        removed_w, removed_h = _removed_size(marks.removed, max(cw, 400.0))
        foot_h = max(len(foot_lines) * FOOT_PT * 1.45, removed_h) + (6 if foot_lines or removed_h else 0)
        pw, ph = cw + 2 * MARGIN, ch + header_h + foot_h + 2 * MARGIN
        scale = 1.0
    else:
        pw, ph = PAGE_SIZES[page]
        if portrait:
            pw, ph = ph, pw
        avail_w = pw - 2 * MARGIN
        foot_lines = _foot_lines(foot, avail_w * 0.62 if marks.removed else avail_w)
        removed_w, removed_h = _removed_size(marks.removed, avail_w * 0.36)
        foot_h = max(len(foot_lines) * FOOT_PT * 1.45, removed_h) + (6 if foot_lines or removed_h else 0)
        avail_h = ph - 2 * MARGIN - header_h - foot_h
        scale = min(avail_w / cw, avail_h / ch, MAX_UPSCALE)
    dw, dh = cw * scale, ch * scale
    x0 = (pw - dw) / 2
    y0 = MARGIN + header_h + ((ph - 2 * MARGIN - header_h - foot_h) - dh) / 2 if page != "fit" else MARGIN + header_h

    parts = [
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="{pw:g}pt" height="{ph:g}pt" viewBox="0 0 {pw:g} {ph:g}">',
        f"<title>{xml_escape(doc.title)}</title>",
        f'<rect id="page" x="0" y="0" width="{pw:g}" height="{ph:g}" fill="#FFFFFF"/>',
        '<g id="header">',
        _text(pw / 2, MARGIN + TITLE_PT, doc.title, TITLE_PT, anchor="middle", bold=True, ident="title"),
    ]
    nw = em_width(doc.number) * NUMBER_PT + 12
    parts.append(f'<rect x="{pw - MARGIN - nw:.2f}" y="{MARGIN - 4:.2f}" width="{nw:.2f}" height="{NUMBER_PT + 8:.2f}" '
                 'fill="none" stroke="#000000" stroke-width="0.8"/>')
    parts.append(_text(pw - MARGIN - nw / 2, MARGIN + NUMBER_PT - 1, doc.number, NUMBER_PT, anchor="middle",
                       ident="document_number"))
    parts.append("</g>")
    parts.append(f'<g id="chart" transform="translate({x0:.2f} {y0:.2f}) scale({scale:.5f})">')
    parts.append(_GRAPH.sub(lambda mm: mm.group(1) + f"translate(0 {ch:g})" + mm.group(2), inner, count=1))
    parts.append("</g>")
    fy = ph - MARGIN - foot_h + 6
    if foot_lines or marks.removed:
        parts.append('<g id="footer">')
        for i, (line, color, bold) in enumerate(foot_lines):
            parts.append(_text(MARGIN, fy + (i + 0.8) * FOOT_PT * 1.45, line, FOOT_PT, color=color, bold=bold))
        if marks.removed:
            parts.append(_removed_box(marks.removed, pw - MARGIN - removed_w, fy, removed_w))
        parts.append("</g>")
    parts.append("</svg>\n")
    min_pt = min(chart_min_pt * scale, FOOT_PT, NUMBER_PT)
    warnings = []
    if page != "fit" and min_pt < MIN_TEXT_PT - 1e-6:
        warnings.append(
            f"{page}{'縦' if portrait else '横'}に収めると最小の文字が {min_pt:.1f} pt になります（{MIN_TEXT_PT:g} pt 未満）"
            " — --page A3、--portrait、--page fit を試すか、フローを分割してください")
    return PageResult("\n".join(parts), pw, ph, scale, min_pt, warnings)


def _foot_lines(foot: list[tuple[str, str, bool]], width: float) -> list[tuple[str, str, bool]]:
    out = []
    for text, color, bold in foot:
        for line in wrap(text, width / FOOT_PT):
            out.append((line, color, bold))
    return out


def _removed_size(removed: tuple[str, ...], width: float) -> tuple[float, float]:
    if not removed:
        return 0.0, 0.0
    lines = sum(len(wrap("・" + r, width / FOOT_PT - 1)) for r in removed) + 1
    return width, lines * FOOT_PT * 1.45 + 8


def _removed_box(removed: tuple[str, ...], x: float, y: float, width: float) -> str:
    lines: list[str] = []
    for r in removed:
        lines.extend(wrap("・" + r, width / FOOT_PT - 1))
    h = (len(lines) + 1) * FOOT_PT * 1.45 + 8
    out = [f'<g id="removed"><rect x="{x:.2f}" y="{y:.2f}" width="{width:.2f}" height="{h:.2f}" fill="#FFFFFF" '
           f'stroke="{MARK_COLOR}" stroke-width="1"/>',
           _text(x + 6, y + FOOT_PT * 1.45, "削除（前回からなくなったもの）", FOOT_PT, bold=True, color=MARK_COLOR)]
    for i, line in enumerate(lines):
        ty = y + (i + 2) * FOOT_PT * 1.45
        out.append(_text(x + 6, ty, line, FOOT_PT, color=MARK_COLOR))
        lw = em_width(line) * FOOT_PT
        out.append(f'<line x1="{x + 6:.2f}" y1="{ty - FOOT_PT * 0.35:.2f}" x2="{x + 6 + lw:.2f}" '
                   f'y2="{ty - FOOT_PT * 0.35:.2f}" stroke="{MARK_COLOR}" stroke-width="0.7"/>')
    out.append("</g>")
    return "".join(out)
