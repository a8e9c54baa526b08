"""Sizes, spacing and colours of the chart (print-friendly: light fills, dark text).

Point sizes are those of the chart before it is fitted to the page; the fitting scales the
whole chart, so 8.5 pt text reaches 7 pt at a scale of 0.82. Widths are in em of the font.
"""

from __future__ import annotations

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

# spacing, in pt of the unscaled chart
REGION_PAD = 6.0  # inside an actor's region
ITEM_GAP = 5.0  # between the blocks of a region
GAP_PAD = 4.0  # between a label and the regions beside its gap
MIN_GAP = 14.0  # a gap with no arrows
ARROW_CLEAR = 2.5  # from a label to its arrow
CHAIN_GAP = 4.0  # from an arrow to the next label in its gap
PAIR_GAP = 9.0  # between the arrows of a query and its answer (apart enough to read as two)
REGION_RADIUS = 10.0

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
PLACE_STYLES = {  # (fill, border, outline: rounded | dashed | plain)
    "goods": ("#FFFFFF", "#888888", "dashed"),
    "mailbox": ("#FFFFFF", "#B05A3A", "rounded"),
    "other": ("#FFFFFF", "#555555", "rounded"),
}
DATA_FILL, DATA_HEAD, DATA_PEN = "#FFFDF2", "#F3E9B5", "#9A8A3A"
MEASURE_FILL, MEASURE_PEN = "#FFFFFF", "#777777"
GOODS_PEN = "#888888"
ARROW_COLOR = "#333333"
LINK_COLOR = "#8C8C8C"
LINK_WIDTH = 3.0
