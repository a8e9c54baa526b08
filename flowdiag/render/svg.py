"""A scene as SVG text: deterministic (fixed number format, document order), drawable by cairosvg.

Paths are written with absolute cubic segments only (a straight segment is a cubic whose
control points sit on its ends), so any reader can follow them; an actor's outline is a path
too. Text keeps its runs as ``tspan`` with explicit positions; underlines and the circles of
step numbers past ㊿ are drawn as lines and ellipses (cairosvg draws no ``text-decoration``).

>>> from flowdiag.layout.scene import Run, TextLine, Path
>>> print(item_svg(TextLine(10, 20, (Run("変更", 10, bold=True, color="#D00000", underline=True),))))
<text x="10" y="20" font-family="BIZ UDGothic" font-size="10"><tspan x="10" font-weight="bold" fill="#D00000">変更</tspan></text><line x1="10" y1="21.5" x2="30" y2="21.5" stroke="#D00000" stroke-width="0.9"/>
>>> print(item_svg(Path(((0, 0), (10, 0)), arrow=False)))
<path d="M0,0 C0,0 10,0 10,0" fill="none" stroke="#333333" stroke-width="1.2"/>
"""

from __future__ import annotations

import math

from ..layout.font import FAMILY
from ..layout.scene import Group, Item, Path, Rect, Run, Scene, TextLine
from ..layout.text import xml_escape

ARROW_LEN = 7.0
ARROW_HALF = 2.8
_KAPPA = 0.5523


def n(v: float) -> str:
    """A coordinate: at most two decimals, no trailing zeros, never ``-0``.

    >>> n(1.0), n(2.345), n(-0.001)
    ('1', '2.35', '0')
    """
    t = f"{v:.2f}".rstrip("0").rstrip(".")
    return "0" if t in ("-0", "") else t


def _cubic_path(points: list[tuple[float, float]]) -> str:
    d = [f"M{n(points[0][0])},{n(points[0][1])}"]
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        d.append(f"C{n(x0)},{n(y0)} {n(x1)},{n(y1)} {n(x1)},{n(y1)}")
    return " ".join(d)


def _rounded(r: Rect) -> str:
    """A rounded rectangle as one closed path of cubic segments, clockwise from the top left."""
    x0, y0, x1, y1 = r.x, r.y, r.x2, r.y2
    k = min(r.radius, r.w / 2, r.h / 2)
    c = k * (1 - _KAPPA)
    # each side (a straight cubic) then its corner: (control 1, control 2, end)
    corners = [((x1 - c, y0), (x1, y0 + c), (x1, y0 + k)), ((x1, y1 - c), (x1 - c, y1), (x1 - k, y1)),
               ((x0 + c, y1), (x0, y1 - c), (x0, y1 - k)), ((x0, y0 + c), (x0 + c, y0), (x0 + k, y0))]
    sides = [(x1 - k, y0), (x1, y1 - k), (x0 + k, y1), (x0, y0 + k)]
    d = [f"M{n(x0 + k)},{n(y0)}"]
    last = (x0 + k, y0)
    for (ex, ey), (a, b, e) in zip(sides, corners, strict=True):
        d.append(f"C{n(last[0])},{n(last[1])} {n(ex)},{n(ey)} {n(ex)},{n(ey)}")
        d.append(f"C{n(a[0])},{n(a[1])} {n(b[0])},{n(b[1])} {n(e[0])},{n(e[1])}")
        last = e
    return " ".join(d) + " Z"


def _rect(r: Rect) -> str:
    stroke = f' stroke="{r.stroke}" stroke-width="{n(r.stroke_width)}"' if r.stroke != "none" else ""
    dash = ' stroke-dasharray="4,2"' if r.dashed else ""
    if r.outline:
        return f'<path d="{_rounded(r)}" fill="{r.fill}"{stroke}{dash}/>'
    rx = f' rx="{n(r.radius)}"' if r.radius else ""
    return (f'<rect x="{n(r.x)}" y="{n(r.y)}" width="{n(r.w)}" height="{n(r.h)}"{rx} fill="{r.fill}"'
            f"{stroke}{dash}/>")


def _path(p: Path) -> str:
    pts = list(p.points)
    head = ""
    if p.arrow and len(pts) >= 2:
        (x0, y0), (x1, y1) = pts[-2], pts[-1]
        length = math.hypot(x1 - x0, y1 - y0) or 1.0
        ux, uy = (x1 - x0) / length, (y1 - y0) / length
        bx, by = x1 - ux * ARROW_LEN, y1 - uy * ARROW_LEN
        pts[-1] = (bx + ux * 0.8, by + uy * 0.8)  # the line ends inside the head, not at its tip
        tri = [(x1, y1), (bx - uy * ARROW_HALF, by + ux * ARROW_HALF), (bx + uy * ARROW_HALF, by - ux * ARROW_HALF)]
        head = (f'<polygon points="{" ".join(f"{n(x)},{n(y)}" for x, y in tri)}" fill="{p.stroke}" '
                f'stroke="{p.stroke}" stroke-width="0.6"/>')
    return f'<path d="{_cubic_path(pts)}" fill="none" stroke="{p.stroke}" stroke-width="{n(p.width)}"/>' + head


def _run_attrs(r: Run) -> str:
    out = ' font-weight="bold"' if r.bold else ""
    if r.color != "#000000":
        out += f' fill="{r.color}"'
    return out


def _text(t: TextLine) -> str:
    size = t.size
    parts = []
    extras = []
    x = t.x
    for r in t.runs:
        if r.size != size:
            parts.append(f'<tspan x="{n(x)}" font-size="{n(r.size)}"{_run_attrs(r)}>{xml_escape(r.text)}</tspan>')
        else:
            parts.append(f'<tspan x="{n(x)}"{_run_attrs(r)}>{xml_escape(r.text)}</tspan>')
        w = r.width
        if r.underline and r.text.strip():
            uy = t.y + 0.15 * r.size
            extras.append(f'<line x1="{n(x)}" y1="{n(uy)}" x2="{n(x + w)}" y2="{n(uy)}" stroke="{r.color}" '
                          f'stroke-width="{n(max(0.6, r.size * 0.09))}"/>')
        if r.circled:
            extras.append(f'<ellipse cx="{n(x + w / 2)}" cy="{n(t.y - 0.37 * r.size)}" rx="{n(w / 2 + 0.2 * r.size)}" '
                          f'ry="{n(0.52 * r.size)}" fill="none" stroke="{r.color}" '
                          f'stroke-width="{n(r.size * 0.07)}"/>')
        x += w
    return (f'<text x="{n(t.x)}" y="{n(t.y)}" font-family="{FAMILY}" font-size="{n(size)}">' + "".join(parts)
            + "</text>" + "".join(extras))


def item_svg(item: Item) -> str:
    if isinstance(item, TextLine):
        return _text(item)
    if isinstance(item, Rect):
        return _rect(item)
    if isinstance(item, Path):
        return _path(item)
    inner = "\n".join(item_svg(i) for i in item.items)
    tr = ""
    if item.transform is not None:
        dx, dy, k = item.transform
        tr = f' transform="translate({n(dx)} {n(dy)}) scale({k:.5f})"'
    return f'<g id="{xml_escape(item.id)}"{tr}>\n{inner}\n</g>'


def scene_svg(scene: Scene, title: str = "") -> str:
    """The whole scene as an SVG document (1 unit = 1 pt)."""
    w, h = n(scene.width), n(scene.height)
    head = ['<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}pt" height="{h}pt" viewBox="0 0 {w} {h}">']
    if title:
        head.append(f"<title>{xml_escape(title)}</title>")
    head.append(f'<rect id="page" x="0" y="0" width="{w}" height="{h}" fill="#FFFFFF"/>')
    body = [item_svg(i) for i in scene.items]
    return "\n".join(head + body + ["</svg>", ""])


__all__ = ["scene_svg", "item_svg", "Group"]
