"""A placed chart as scene items: regions with their blocks, then arrows with their labels.

Ids follow the chart's conventions, which the review tools read: each actor's region is a group
``cluster_<actor>`` whose first item is its outline, and each arrow is a group ``e_<step>_1``
(``link_<id>_1`` for a network line) holding its path from start to arrowhead.
"""

from __future__ import annotations

from . import style as S
from .geometry import Arrow, Geometry
from .scene import Group, Item, Path, Rect


def draw(geo: Geometry, kinds: dict[str, str]) -> list[Item]:
    out: list[Item] = []
    for actor, region in geo.regions.items():
        fill, pen = S.ACTOR_COLORS.get(kinds[actor], S.ACTOR_COLORS["other"])
        parts: list[Item] = [Rect(_r(region.x), _r(region.y), _r(region.w), _r(region.h), fill, pen, 1.6,
                                  S.REGION_RADIUS, outline=True)]
        head = geo.headers[actor]
        parts += _block_header(geo, actor, head.x, head.y, head.w)
        for it, box in geo.items[actor]:
            if it.kind != "inner":  # a step's label is drawn with its arrow
                parts += it.block.draw(box.x, box.y, box.w, box.h)
        for bl, box in geo.lists[actor]:
            parts += bl.draw(box.x, box.y)
        out.append(Group(f"cluster_{actor}", tuple(parts)))
    for arrow in geo.arrows:
        out.append(_arrow(arrow))
    return out


def _block_header(geo: Geometry, actor: str, x: float, y: float, w: float) -> list[Item]:
    header = geo.header_blocks[actor]
    return header.draw(x + (w - header.width) / 2, y)


def _arrow(arrow: Arrow) -> Group:
    c = arrow.conn
    label = arrow.text.draw(arrow.label.x, arrow.label.y)
    pts = tuple((_r(x), _r(y)) for x, y in arrow.points)
    if not pts:
        return Group(c.id, tuple(label))
    if c.kind == "link":
        line = Path(pts, S.LINK_COLOR, S.LINK_WIDTH, arrow=False)
    else:
        line = Path(pts, S.ARROW_COLOR, 1.2, arrow=True)
    return Group(c.id, (Group(f"{c.id}_1", (line,)), *label))


def _r(v: float) -> float:
    return round(v, 2)
