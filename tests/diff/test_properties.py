"""Properties of the diff on random flows: no change is no change, edits are reported exactly,
and the two directions mirror each other."""

from __future__ import annotations

import os
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flowdiag.diff import diff_flows, marks_for
from flowdiag.model.marks import WORDS

from .flowgen import (
    OTHER_EDITS,
    STEP_EDITS,
    add_item,
    add_measure,
    add_note,
    flows,
    load,
    mirror,
    move_place,
    move_step,
    remove_item,
    remove_measure,
    rename_actor,
    rename_data,
    rename_ids,
    shuffle_unordered,
    signature,
)

EXAMPLES = int(os.environ.get("FLOWDIAG_DIFF_EXAMPLES", "150"))  # raise it for a longer search
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
GROUPS = [[rename_actor], [add_measure, remove_measure], [add_item, remove_item], [add_note], [move_place],
          [rename_data]]
assert {f for g in GROUPS for f in g} == set(OTHER_EDITS)


def sigs(a, b) -> Counter:
    return Counter(signature(c) for c in diff_flows(a, b).changes)


@SETTINGS
@given(flows())
def test_same_flow_has_no_change(d):
    a = load(d, "a.yaml")
    cs = diff_flows(a, load(d, "b.yaml"))
    assert not cs and cs.summary() == "変更はありません"
    assert not marks_for(a, a).paths


@SETTINGS
@given(st.data(), flows())
def test_reordering_unordered_lists_is_no_change(data, d):
    shuffled = shuffle_unordered(d, data.draw)
    assert sigs(load(d), load(shuffled)) == Counter()


@SETTINGS
@given(flows())
def test_renamed_ids_are_no_change(d):
    assert sigs(load(d), load(rename_ids(d))) == Counter()


@SETTINGS
@given(st.data(), flows())
def test_edits_are_reported_exactly(data, d):
    step_edit = data.draw(st.sampled_from(STEP_EDITS), label="step edit")
    new, expected = step_edit(d, data.draw)
    groups = data.draw(st.lists(st.sampled_from(range(len(GROUPS))), unique=True, max_size=2), label="groups")
    chosen: list = []
    for g in groups:
        edit = data.draw(st.sampled_from(GROUPS[g]))
        if edit is rename_actor and step_edit is move_step:
            continue  # the moved step's route names the actors
        if {edit, *chosen} >= {rename_actor, move_place}:
            continue  # the moved place's owner is named by the actor's name
        chosen.append(edit)
        new, more = edit(new, data.draw)
        expected += more
    new = shuffle_unordered(new, data.draw)
    assert sigs(load(d, "old.yaml"), load(new, "new.yaml")) == expected


@SETTINGS
@given(st.data(), flows())
def test_both_directions_mirror(data, d):
    new = d
    for edit in data.draw(st.lists(st.sampled_from(STEP_EDITS + OTHER_EDITS), min_size=1, max_size=4)):
        new, _ = edit(new, data.draw)
    a, b = load(d, "a.yaml"), load(new, "b.yaml")
    forward = sigs(a, b)
    backward = sigs(b, a)
    assert Counter(mirror(s) for s in forward.elements()) == backward


@SETTINGS
@given(st.data(), flows())
def test_marks_point_into_the_new_flow(data, d):
    """Every mark names something that exists in the new flow; nothing is marked when nothing changed."""
    new, expected = data.draw(st.sampled_from(STEP_EDITS + OTHER_EDITS))(d, data.draw)
    a, b = load(d), load(new)
    marks = marks_for(a, b)
    dumped = b.flow.model_dump(by_alias=True)
    for path in marks.paths:
        node = dumped
        for part in path:
            if part == "via":  # drawn from medium/channel/encrypted
                break
            if part == WORDS:  # the changed words of the text at this path
                assert marks.word_ranges(path[:-1]) is not None
                break
            node = node[part]
    for path, value, ranges in marks.words:  # word marks: ranges inside the text as it is in the new flow
        node = dumped
        for part in path:
            node = node[part]
        assert node == value and all(0 <= a < b <= len(value) for a, b in ranges)
    removed_kinds = {s for s in expected if s[0] == "removed"}
    assert len(marks.removed) == len(removed_kinds) or not removed_kinds
    if not expected:
        assert not marks.paths
