"""The page around the chart: header (title, 資料番号 at the top right), the chart scaled into the
room left, and the footer (notes, the 変更点 caption, the box of what was removed).

The frame is worked out before the chart is laid out, so the layout knows the room it has.

>>> from flowdiag.model.flow import Document
>>> f = frame(Document(number="資料1-1", title="【例の個人情報の流れ】"), [], None, "A4", False)
>>> (f.width, f.height), round(f.room[2]), round(f.room[3])
((842.0, 595.0), 798, 522)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..layout.blocks import LINE_HEIGHT, Para
from ..layout.scene import MARK_COLOR, Group, Item, Path, Rect, Run, Scene, TextLine
from ..layout.text import em_width, wrap
from ..model.flow import Document
from ..model.marks import Marks

PAGE_SIZES = {"A4": (842.0, 595.0), "A3": (1191.0, 842.0)}  # landscape, in pt
MARGIN = 22.0
TITLE_PT = 13.0
NUMBER_PT = 11.0
FOOT_PT = 8.5
GAP = 10.0  # between header, chart and footer


def change_note(label: str) -> str:
    """The caption the committee writes under a marked chart."""
    return f"※{label}本管理運営会議からの変更点は、赤太字下線部"


@dataclass
class Frame:
    """A page with its header and footer drawn and the room (x, y, w, h) left for the chart."""

    width: float
    height: float
    room: tuple[float, float, float, float]
    items: list[Item] = field(default_factory=list)


def _number_box(doc: Document, marks: Marks, right: float) -> tuple[list[Item], float]:
    changed = marks.marked(("document", "number"))
    w = em_width(doc.number) * NUMBER_PT + 12
    color = MARK_COLOR if changed else "#000000"
    items: list[Item] = [
        Rect(round(right - w, 2), MARGIN - 4, round(w, 2), NUMBER_PT + 8, "none", "#000000", 0.8),
        TextLine(round(right - w + 6, 2), MARGIN + NUMBER_PT - 1,
                 (Run(doc.number, NUMBER_PT, changed, color, changed),)),
    ]
    return items, w


def _foot(notes: list[str], marks: Marks | None) -> list[tuple[str, bool]]:
    out = [(n, False) for n in notes]
    if marks is not None and marks.since_label:
        caption = change_note(marks.since_label)
        if not any("変更点" in n and "赤太字下線" in n for n in notes):  # the author may have written it already
            out.append((caption, True))
    return out


def _foot_lines(foot: list[tuple[str, bool]], width: float) -> list[tuple[str, bool]]:
    return [(line, red) for text, red in foot for line in wrap(text, width / FOOT_PT)]


def _removed(removed: tuple[str, ...], x: float, y: float, width: float) -> tuple[list[Item], float]:
    lines = [line for r in removed for line in wrap("・" + r, width / FOOT_PT - 1)]
    lh = FOOT_PT * LINE_HEIGHT * 1.15
    h = (len(lines) + 1) * lh + 8
    items: list[Item] = [Rect(round(x, 2), round(y, 2), round(width, 2), round(h, 2), "#FFFFFF", MARK_COLOR, 1.0),
                         TextLine(round(x + 6, 2), round(y + lh, 2),
                                  (Run("削除（前回からなくなったもの）", FOOT_PT, True, MARK_COLOR),))]
    for i, line in enumerate(lines):
        ty = y + (i + 2) * lh
        items.append(TextLine(round(x + 6, 2), round(ty, 2), (Run(line, FOOT_PT, False, MARK_COLOR),)))
        lw = em_width(line) * FOOT_PT  # struck through: it is gone
        sy = round(ty - FOOT_PT * 0.35, 2)
        items.append(Path(((round(x + 6, 2), sy), (round(x + 6 + lw, 2), sy)), MARK_COLOR, 0.7))
    return [Group("removed", tuple(items))], h


def frame(doc: Document, notes: list[str], marks: Marks | None, page: str, portrait: bool,
          chart: tuple[float, float] | None = None) -> Frame:
    """The page for ``page`` (A4, A3, or ``fit`` around a chart of size ``chart``)."""
    marks = marks or Marks()
    if page == "fit":
        cw, ch = chart or (600.0, 400.0)
        pw = max(cw, 420.0) + 2 * MARGIN
    else:
        pw, ph = PAGE_SIZES[page]
        if portrait:
            pw, ph = ph, pw
    inner = pw - 2 * MARGIN
    number, nw = _number_box(doc, marks, pw - MARGIN)
    # the title: wrapped between the number boxes, its changed words marked like any text of the chart
    title = Para.of([(doc.title, ("document", "title"))], TITLE_PT, max_em=(inner - 2 * nw - 16) / TITLE_PT,
                    marks=marks, bold=True, align="center")
    items: list[Item] = []
    header: list[Item] = list(number)
    header += title.draw(MARGIN, MARGIN - 2, inner)
    header_h = max(title.height, NUMBER_PT + 8) + GAP
    items.append(Group("header", tuple(header)))
    foot = _foot_lines(_foot(notes, marks), inner * 0.62 if marks.removed else inner)
    removed_w = inner * 0.36
    removed_h = _removed(marks.removed, 0, 0, removed_w)[1] if marks.removed else 0.0
    foot_h = max(len(foot) * FOOT_PT * 1.45, removed_h)
    foot_h += GAP if foot_h else 0.0
    if page == "fit":
        ph = MARGIN * 2 + header_h + (chart or (0.0, 400.0))[1] + foot_h
    room = (MARGIN, MARGIN + header_h, inner, ph - 2 * MARGIN - header_h - foot_h)
    fy = ph - MARGIN - foot_h + GAP
    footer: list[Item] = []
    for i, (line, red) in enumerate(foot):
        footer.append(TextLine(MARGIN, round(fy + (i + 0.8) * FOOT_PT * 1.45, 2),
                               (Run(line, FOOT_PT, red, MARK_COLOR if red else "#000000"),)))
    if marks.removed:
        footer += _removed(marks.removed, pw - MARGIN - removed_w, fy, removed_w)[0]
    if footer:
        items.append(Group("footer", tuple(footer)))
    return Frame(pw, ph, room, items)


MAX_UPSCALE = 1.2  # a small chart is drawn a little larger, not more


def compose(fr: Frame, chart: list[Item], chart_w: float, chart_h: float) -> Scene:
    """The chart scaled into the frame's room (enlarged at most 1.2 times), centred across the page,
    just under the header."""
    x, y, w, h = fr.room
    scale = min(w / chart_w if chart_w else 1.0, h / chart_h if chart_h else 1.0, MAX_UPSCALE)
    dx = x + (w - chart_w * scale) / 2
    dy = y
    body = Group("chart", tuple(chart), (round(dx, 2), round(dy, 2), round(scale, 5)))
    return Scene(fr.width, fr.height, (*fr.items, body))


def page_min_pt(scene: Scene) -> float:
    """The smallest text on the page as printed (chart text times its scale)."""
    best = float("inf")

    def walk(items: tuple[Item, ...], scale: float) -> None:
        nonlocal best
        for it in items:
            if isinstance(it, Group):
                walk(it.items, scale * (it.transform[2] if it.transform else 1.0))
            elif isinstance(it, TextLine):
                for r in it.runs:
                    if r.text.strip():
                        best = min(best, r.size * scale)

    walk(scene.items, 1.0)
    return best if best != float("inf") else 0.0


__all__ = ["Frame", "Para", "change_note", "compose", "frame", "page_min_pt"]
