"""Every sample, one edit in each kind of field: exactly the edited words are marked red.

Checked at the level of :class:`flowdiag.model.marks.Marks` (which paths, which words), so it holds
whatever renderer draws them: a path is marked exactly when its drawn text changed, and for an
edited text only the inserted words are in the word ranges. Fields that are listed but not drawn
in red (資料番号, forms) must leave the chart unmarked.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
import yaml

from flowdiag.diff import diff_flows, marks_for
from flowdiag.diff.marks import WHOLE_TEXT_SHARE
from flowdiag.load.validate import LoadedFlow, load_flow_text
from flowdiag.load.yaml_source import read_yaml_file
from flowdiag.model.marks import WORDS, Marks

from ..conftest import SAMPLES

Data = dict[str, Any]
Path_ = tuple[str | int, ...]
Expected = tuple[Data, set[Path_], dict[Path_, list[str]]]
"""(edited data, paths marked as a whole, text paths marked word by word → the red words)."""

ADDED = "（改定）"


def _load(data: Data, name: str) -> LoadedFlow:
    return load_flow_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), name)


def _lines(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else list(value or [])


def _first(items: list[Any], test: Callable[[Any], bool]) -> int | None:
    return next((i for i, x in enumerate(items) if test(x)), None)


def _append_word(d: Data, path: Path_) -> Expected:
    """Append （改定） to the text at ``path``: only those words are red."""
    node: Any = d
    for part in path[:-1]:
        node = node[part]
    key = path[-1]
    if isinstance(node[key], list):
        raise AssertionError(path)
    before = str(node[key])
    node[key] = before + ADDED
    if len(ADDED) >= WHOLE_TEXT_SHARE * len(before + ADDED):  # most of a short text: the whole text is red
        return d, {path}, {}
    return d, set(), {path: [ADDED]}


def _listify(node: Data, key: str) -> list[Any]:
    node[key] = _lines(node.get(key))
    return node[key]


# ---------------------------------------------------------------- one edit per kind of field

def edit_title(d: Data) -> Expected | None:
    return _append_word(d, ("document", "title"))


def edit_number(d: Data) -> Expected | None:
    d["document"]["number"] = d["document"]["number"] + "改"
    return d, set(), {}  # listed, not drawn red: the number changes at every meeting


def edit_actor_name(d: Data) -> Expected | None:
    return _append_word(d, ("actors", 0, "name"))


def edit_caption(d: Data) -> Expected | None:
    i = _first(d["actors"], lambda a: a.get("caption"))
    if i is None:
        return None
    _listify(d["actors"][i], "caption")
    return _append_word(d, ("actors", i, "caption", 0))


def edit_place_name(d: Data) -> Expected | None:
    i = _first(d["actors"], lambda a: a.get("places"))
    if i is None:
        return None
    return _append_word(d, ("actors", i, "places", 0, "name"))


def add_actor_measure(d: Data) -> Expected | None:
    i = _first(d["actors"], lambda a: a.get("kind") == "contractor")
    if i is None:
        return None
    measures = d["actors"][i].setdefault("measures", {})
    ops = measures.setdefault("operational", [])
    ops.append("区の承認を得た作業場所での取扱い")
    return d, {("actors", i, "measures", "operational", len(ops) - 1)}, {}


def edit_data_title(d: Data) -> Expected | None:
    if not d.get("data"):
        return None
    return _append_word(d, ("data", 0, "title"))


def edit_data_item(d: Data) -> Expected | None:
    i = _first(d.get("data", []), lambda x: x.get("items"))
    if i is None:
        return None
    _listify(d["data"][i], "items")
    return _append_word(d, ("data", i, "items", 0))


def show_data_at_new_actor(d: Data) -> Expected | None:
    """A data box shown at an actor that did not show it: marked at the new ``at`` entry."""
    for i, ds in enumerate(d.get("data", [])):
        at = _lines(ds.get("at"))
        owners = {a["id"] for a in d["actors"] if a["id"] in at or any(p["id"] in at for p in a.get("places", []))}
        other = next((a["id"] for a in d["actors"] if a["id"] not in owners), None)
        if other:
            ds["at"] = [*at, other]
            return d, {("data", i, "at", len(at))}, {}
    return None


def move_place_with_its_data(d: Data) -> Expected | None:
    """A place holding a data box moves to another actor: the place and the box there are marked."""
    for i, ds in enumerate(d.get("data", [])):
        at = _lines(ds.get("at"))
        for ai, actor in enumerate(d["actors"]):
            for pi, place in enumerate(actor.get("places", [])):
                if place["id"] not in at or actor["id"] in at:
                    continue
                linked = {e for link in d.get("links", []) if place["id"] in _lines(link.get("between"))
                          for e in _lines(link.get("between"))}  # a line may not end up inside one actor
                target = next((k for k, a in enumerate(d["actors"]) if k != ai and a["id"] not in at
                               and not any(p["id"] in at for p in a.get("places", []))
                               and a["id"] not in linked and not any(p["id"] in linked for p in a.get("places", []))),
                              None)
                if target is None:
                    continue
                actor["places"].pop(pi)
                d["actors"][target].setdefault("places", []).append(place)
                ds["at"] = at
                pj = len(d["actors"][target]["places"]) - 1
                return d, {("actors", target, "places", pj), ("data", i, "at", at.index(place["id"]))}, {}
    return None


def edit_step_text(d: Data) -> Expected | None:
    return _append_word(d, ("steps", 0, "text"))



def edit_timing(d: Data) -> Expected | None:
    i = _first(d["steps"], lambda s: s.get("timing"))
    if i is None:
        return None
    _listify(d["steps"][i], "timing")
    return _append_word(d, ("steps", i, "timing", 0))


def change_medium(d: Data) -> Expected | None:
    i = _first(d["steps"], lambda s: _lines(s.get("medium")) == ["usb"] and "via" not in s)
    if i is None:
        return None
    d["steps"][i]["medium"] = ["dvd"]
    return d, {("steps", i, "via")}, {}


def add_step_measure(d: Data) -> Expected | None:
    i = _first(d["steps"], lambda s: s.get("from"))
    if i is None:
        return None
    ms = _listify(d["steps"][i], "measures")
    ms.append("受領時に件数を確認")
    return d, {("steps", i, "measures", len(ms) - 1)}, {}


def add_step_note(d: Data) -> Expected | None:
    notes = _listify(d["steps"][0], "notes")
    notes.append("※受け渡しは予約制")
    return d, {("steps", 0, "notes", len(notes) - 1)}, {}


def add_flow_note(d: Data) -> Expected | None:
    notes = _listify(d, "notes")
    notes.append("※本図は予定を含む")
    return d, {("notes", len(notes) - 1)}, {}


def edit_link_label(d: Data) -> Expected | None:
    i = _first(d.get("links", []), lambda x: x.get("label"))
    if i is None:
        return None
    d["links"][i]["label"] = d["links"][i]["label"] + ADDED
    return d, {("links", i)}, {}


def add_step(d: Data) -> Expected | None:
    last = max(s["number"] if isinstance(s["number"], int) else 0 for s in d["steps"])
    d["steps"].append({"number": 90 + last, "at": d["actors"][0]["id"], "text": "年度末の点検"})
    return d, {("steps", len(d["steps"]) - 1)}, {}


def edit_form_period(d: Data) -> Expected | None:
    forms = (d.get("packet") or {}).get("forms") or []
    i = _first(forms, lambda f: f.get("period"))
    if i is None:
        return None
    forms[i]["period"] = forms[i]["period"] + "（延長）"
    return d, set(), {}  # forms are listed, never drawn


EDITS = [edit_title, edit_number, edit_actor_name, edit_caption, edit_place_name, add_actor_measure, edit_data_title,
         edit_data_item, show_data_at_new_actor, move_place_with_its_data, edit_step_text, edit_timing, change_medium, add_step_measure,
         add_step_note, add_flow_note, edit_link_label, add_step, edit_form_period]


def _red_words(marks: Marks) -> dict[Path_, list[str]]:
    out: dict[Path_, list[str]] = {}
    for path in marks.paths:
        if path[-1] == WORDS:
            got = marks.word_ranges(path[:-1])
            assert got is not None, path
            value, ranges = got
            out[path[:-1]] = [value[a:b] for a, b in ranges]
    return out


@pytest.mark.parametrize("edit", EDITS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_exactly_the_edited_words_are_marked(sample, edit):
    original = read_yaml_file(sample).data
    made = edit(copy.deepcopy(original))
    if made is None:
        pytest.skip(f"{sample.name} has no field for {edit.__name__}")
    new_data, whole, words = made
    old, new = _load(original, "old.yaml"), _load(new_data, "new.yaml")
    changes = diff_flows(old, new)
    assert len(changes) >= 1, "the edit is listed"
    marks = marks_for(old, new)
    expected_paths = whole | {p + (WORDS,) for p in words}
    assert marks.paths == expected_paths, [c.headline() for c in changes.changes]
    assert _red_words(marks) == words
    if not whole and not words:
        assert not marks.paths and not marks.removed


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_reworded_step_without_ids(sample):
    original = read_yaml_file(sample).data
    for s in original["steps"]:
        s.pop("id", None)
    new_data = copy.deepcopy(original)
    i = _first(new_data["steps"], lambda s: s.get("from"))
    assert i is not None
    old_text = new_data["steps"][i]["text"]
    new_data["steps"][i]["text"] = "名簿一式の引渡し"
    old, new = _load(original, "old.yaml"), _load(new_data, "new.yaml")
    changes = diff_flows(old, new)
    assert [(c.kind, c.field, c.old.value if c.old else None, c.new.value if c.new else None)
            for c in changes.changes] == [("changed", "text", old_text, "名簿一式の引渡し")]
    marks = marks_for(old, new)
    assert marks.paths == {("steps", i, "text")} and not marks.removed


def test_two_forms_of_one_kind_are_told_apart():
    base = read_yaml_file(SAMPLES[0]).data
    base["packet"] = {"kinds": ["電算処理"], "forms": [
        {"kind": "電算処理", "partner": "住民記録システム事業者", "period": "令和7年4月1日から"},
        {"kind": "電算処理", "partner": "税務システム事業者", "period": "令和7年4月1日から"}]}
    new = copy.deepcopy(base)
    new["packet"]["forms"][1]["period"] = "令和8年4月1日から"
    heads = [c.headline() for c in diff_flows(_load(base, "a.yaml"), _load(new, "b.yaml")).changes]
    assert heads == ["変更 付議事項の様式「電算処理」（税務システム事業者）の期間: 令和7年4月1日から → 令和8年4月1日から"]
