"""Generated element ids are injective: colliding user names can never merge two chart elements."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from flowdiag.model.ids import element_id, step_element_ids
from flowdiag.model.numbers import StepNumber

SAFE = re.compile(r"^[A-Za-z][A-Za-z0-9_.]*$")
kinds = st.sampled_from(["step", "stepn", "data", "place", "meas", "link", "anc", "act"])
parts = st.lists(st.text(max_size=8) | st.from_regex(r"[a-z_0-9]{0,6}", fullmatch=True), max_size=4)


def test_the_reported_collisions_are_apart() -> None:
    assert element_id("data", "a_b", "c") != element_id("data", "a", "b_c")
    assert element_id("meas", "x_o") != element_id("meas", "x", "o")
    ids = step_element_ids([("", (StepNumber(1), StepNumber(2))), ("", (StepNumber(1),)), ("", (StepNumber(1),)),
                            ("s1", (StepNumber(3),)), ("", (StepNumber(12),)), ("", (StepNumber(1, 2),))])
    assert len(set(ids)) == len(ids)


@given(kinds, parts, kinds, parts)
def test_element_ids_are_injective(k1: str, p1: list[str], k2: str, p2: list[str]) -> None:
    a, b = element_id(k1, *p1), element_id(k2, *p2)
    assert (a == b) == ((k1, p1) == (k2, p2))
    assert SAFE.match(a), a


numbers = st.lists(st.builds(StepNumber, st.integers(1, 60), st.integers(0, 2)), min_size=1, max_size=3)
ident = st.one_of(st.just(""), st.from_regex(r"[a-z][a-z0-9_]{0,4}", fullmatch=True))


@given(st.lists(st.tuples(ident, numbers), max_size=30))
def test_step_ids_are_distinct(steps: list[tuple[str, list[StepNumber]]]) -> None:
    named = [i for i, _ in steps if i]
    if len(named) != len(set(named)):  # duplicate step ids are refused by the loader
        return
    ids = step_element_ids(steps)
    assert len(ids) == len(set(ids))
