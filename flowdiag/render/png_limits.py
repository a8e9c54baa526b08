"""The largest PNG cairo can draw, checked before cairo is loaded (a wide chart with ``--page fit``
at a high dpi would otherwise fail inside cairo)."""

from __future__ import annotations

from ..diagnostics import Diagnostic, FlowError

MAX_PNG_PX = 32_767
"""cairo's largest image side, in pixels."""


def png_pixels(width_pt: float, height_pt: float, dpi: float) -> tuple[int, int]:
    """The size in pixels of a page of ``width_pt`` × ``height_pt`` points at ``dpi``.

    >>> png_pixels(842, 595, 144)
    (1684, 1190)
    """
    return round(width_pt * dpi / 72), round(height_pt * dpi / 72)


def check_png_size(width_pt: float, height_pt: float, dpi: float, file: str) -> None:
    """Refuse a PNG larger than cairo can make, with the largest dpi that fits."""
    w, h = png_pixels(width_pt, height_pt, dpi)
    if max(w, h) > MAX_PNG_PX:
        fits = int(dpi * MAX_PNG_PX / max(w, h))
        raise FlowError([Diagnostic(file, None, None, "error",
                                    f"PNG が大きすぎます（{w:,}×{h:,} ピクセル。1辺 {MAX_PNG_PX:,} ピクセルまで）",
                                    f"--dpi {fits} 以下にするか、PDF か SVG で出力してください（拡大しても文字がつぶれません）")])
