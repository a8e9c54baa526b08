"""Sizes and colours of the chart (print-friendly: light fills, dark text).

Point sizes are chosen so that a seed-sized chart fitted to A4 landscape keeps every
text at 7 pt or more; widths are in em of the bundled font.
"""

from __future__ import annotations

FONT = "BIZ UDGothic"

ACTOR_PT, ACTOR_EM = 13, 12
CAPTION_PT, CAPTION_EM = 8.5, 18
STEP_PT, STEP_EM = 9.5, 12
ACTION_EM = 14
PLACE_PT, PLACE_EM = 9.5, 14
DATA_PT, DATA_EM = 8.5, 14
MEASURE_PT, MEASURE_EM = 8.5, 15
GOODS_EM = 7.5
NOTE_PT, NOTE_EM = 8.5, 16
MIN_PT = min(ACTOR_PT, CAPTION_PT, STEP_PT, PLACE_PT, DATA_PT, MEASURE_PT, NOTE_PT)
DEFAULT_PT = 10.0  # text without its own size (the node default below)

GRAPH = {
    "rankdir": "LR",
    "compound": "true",
    "nodesep": "0.10",
    "ranksep": "0.22",
    "fontname": FONT,
    "fontsize": "10",
    "pad": "0",
    "margin": "0",
    "outputorder": "edgesfirst",
    "splines": "true",
    "bgcolor": "transparent",
}
NODE = {"fontname": FONT, "fontsize": "10", "margin": "0"}
EDGE = {"fontname": FONT, "fontsize": "9", "arrowsize": "0.7", "penwidth": "1.2", "color": "#333333"}

ACTOR_COLORS = {  # (fill, border)
    "ward": ("#EEF4FB", "#3A6EA5"),
    "contractor": ("#F1F8EC", "#4E8A3A"),
    "subcontractor": ("#FBF6E8", "#A07A20"),
    "person": ("#FDF1EC", "#B05A3A"),
    "cloud": ("#F3EFFA", "#6A4FA0"),
    "system": ("#EEF7F7", "#2F7F80"),
    "organization": ("#F4F4F4", "#666666"),
    "other": ("#F6F6F6", "#666666"),
}
PLACE_STYLES = {  # (fill, border, style)
    "goods": ("#FFFFFF", "#888888", "dashed,filled"),
    "mailbox": ("#FFFFFF", "#B05A3A", "rounded,filled"),
    "other": ("#FFFFFF", "#555555", "rounded,filled"),
}
DATA_FILL, DATA_HEAD, DATA_PEN = "#FFFDF2", "#F3E9B5", "#9A8A3A"
MEASURE_FILL, MEASURE_PEN = "#FFFFFF", "#777777"
GOODS_PEN = "#888888"
MEASURE_BOX = f' BORDER="1" CELLPADDING="3" COLOR="{MEASURE_PEN}" BGCOLOR="{MEASURE_FILL}"'
LINK_COLOR = "#8C8C8C"
