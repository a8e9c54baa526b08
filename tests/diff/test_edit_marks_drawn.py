"""The marked chart as drawn: for an edit that adds words to a text, exactly those words are red on the
page (every other text black), whatever the layout; a data box newly shown at an actor is drawn red.

Complements test_edit_marks.py, which holds the same edits at the level of the marks."""

from __future__ import annotations

import copy
import re
import xml.etree.ElementTree as ET

import pytest

from flowdiag.diff import marks_for
from flowdiag.load.yaml_source import read_yaml_file
from flowdiag.render.page import change_note
from flowdiag.render.pipeline import RenderOptions, render

from ..conftest import SAMPLES
from .test_edit_marks import (
    ADDED,
    _load,
    edit_actor_name,
    edit_caption,
    edit_data_item,
    edit_data_title,
    edit_step_text,
    edit_timing,
    edit_title,
    show_data_at_new_actor,
)

NS = "{http://www.w3.org/2000/svg}"
RED = "#d00000"
WORD_EDITS = [edit_title, edit_actor_name, edit_caption, edit_data_title, edit_data_item, edit_step_text, edit_timing]


def _red_text(svgs: list[bytes]) -> str:
    red = []
    for svg in svgs:
        root = ET.fromstring(svg)
        for group in root.iter(f"{NS}g"):
            if group.get("id") in ("footer", "removed"):
                group.clear()  # the caption and the box of removed lines are red by design
        red += [t.text or "" for t in root.iter(f"{NS}tspan") if (t.get("fill") or "").lower() == RED]
    return re.sub(r"\s+", "", "".join(red))


def _render(sample, edit):
    original = read_yaml_file(sample).data
    made = edit(copy.deepcopy(original))
    if made is None:
        pytest.skip(f"{sample.name} has no field for {edit.__name__}")
    new_data, whole, words = made
    old, new = _load(original, "old.yaml"), _load(new_data, "new.yaml")
    result = render(new, "svg", RenderOptions(marks=marks_for(old, new)))
    return result, whole, words


@pytest.mark.parametrize("edit", WORD_EDITS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_exactly_the_added_words_are_red(sample, edit):
    result, whole, words = _render(sample, edit)
    red = _red_text([result.data, *result.more])
    if words:  # the words added: red, and nothing else on the chart
        assert ADDED in red or ADDED.replace("（", "").replace("）", "") in red, red
        assert red.replace(ADDED, "") == "", f"other text drawn red: {red!r}"
    else:  # most of a short text: the whole text is red (and only it)
        assert red.endswith(ADDED) or ADDED in red, red


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_a_data_box_newly_shown_at_an_actor_is_red(sample):
    result, whole, _ = _render(sample, show_data_at_new_actor)
    red = _red_text([result.data, *result.more])
    original = read_yaml_file(sample).data
    titles = [d["title"] for d in original.get("data", [])]
    assert any(re.sub(r"\s+", "", t) in red for t in titles), red


def test_one_change_note_even_when_the_flow_writes_it() -> None:
    sample = next(p for p in SAMPLES if p.stem == "000-keitai-toilet")
    data = read_yaml_file(sample).data
    new_data = copy.deepcopy(data)
    new_data["notes"] = [change_note("令和6年度第1回")]
    new_data["steps"][0]["text"] += ADDED
    old, new = _load(data, "old.yaml"), _load(new_data, "new.yaml")
    svg = render(new, "svg", RenderOptions(marks=marks_for(old, new, "令和6年度第1回"))).data.decode()
    assert svg.count("本管理運営会議からの変更点は、赤太字下線部") == 1


def _lines(svg: bytes) -> list[str]:
    root = ET.fromstring(svg)
    chart = next(g for g in root.iter(f"{NS}g") if g.get("id") == "chart")
    return ["".join(t.itertext()) for t in chart.iter(f"{NS}text")]


@pytest.mark.parametrize("edit", [edit_step_text, edit_timing, edit_data_item], ids=lambda f: f.__name__)
def test_marks_do_not_change_the_text(edit):
    """Marking changes the colour and weight of words, never the text: no space or character is inserted
    (the chart holds exactly the characters of the unmarked chart of the same flow, however it wraps)."""
    sample = next(p for p in SAMPLES if p.stem == "000-keitai-toilet-r7")
    result, _, _ = _render(sample, edit)
    new_data = edit(copy.deepcopy(read_yaml_file(sample).data))[0]
    plain = render(_load(new_data, "new.yaml"), "svg", RenderOptions(fit="shrink")).data
    def chars(svg: bytes) -> list[str]:  # the indent of a bullet's second line (U+3000) is layout, not text
        return sorted("".join(_lines(svg)).replace("\u3000", ""))

    assert chars(result.data) == chars(plain)
    assert ADDED in "".join(_lines(result.data))
