"""Every accepted element is drawn: generated names that collide must not merge two steps or two data boxes.

The chart names steps with flowdiag.model.ids.step_element_ids (injective); data boxes are drawn inside
their actor's region and need no name of their own.
"""

from __future__ import annotations

import re
from collections import Counter

from flowdiag.load.validate import load_flow_text
from flowdiag.render.fonts import pin_fonts
from flowdiag.render.pipeline import render

HEAD = "flowdiag: 1\ndocument: {number: 資料1-1, title: 例}\n"

STEPS = HEAD + """actors: [{id: ward, name: 区}, {id: co, name: 委託先}]
steps:
  - {number: ①②, from: ward, to: co, text: 一つ目の提供}
  - {number: 1, from: ward, to: co, text: 二つ目の提供}
  - {number: 1, from: co, to: ward, text: 三つ目の返却}
"""

DATA = HEAD + """actors: [{id: ward, name: 区}, {id: c, name: 委託先C}, {id: b_c, name: 委託先BC}]
data:
  - {id: a_b, title: 一つ目のデータ, items: [氏名], at: c}
  - {id: a, title: 二つ目のデータ, items: [住所], at: b_c}
steps:
  - {number: 1, from: ward, to: c, text: 提供, data: [a_b]}
  - {number: 2, from: ward, to: b_c, text: 提供, data: [a]}
"""


def _svg(text: str) -> str:
    pin_fonts()
    return render(load_flow_text(text), "svg").data.decode("utf-8")


def test_steps_with_colliding_numbers_are_all_drawn() -> None:
    svg = _svg(STEPS)
    for text in ("一つ目の提供", "二つ目の提供", "三つ目の返却"):
        assert text in svg, text
    ids = Counter(re.findall(r' id="([^"]+)"', svg))
    assert [i for i, n in ids.items() if n > 1] == []


def test_data_boxes_with_colliding_names_are_both_drawn() -> None:
    svg = _svg(DATA)
    assert "一つ目のデータ" in svg and "二つ目のデータ" in svg
    ids = Counter(re.findall(r' id="([^"]+)"', svg))
    assert [i for i, n in ids.items() if n > 1] == []
