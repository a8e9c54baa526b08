"""Ids of generated chart elements (DOT node names, SVG ids), derived injectively from user ids.

Every element id is ``KIND.PART.PART…``: the kind names what the element is (``step``, ``data``,
``place``, ``link`` …) and the parts are the user ids or numbers it stands for. A part that is an
ASCII word (``contractor_pc``, ``2p``) is written as it is; any other part — empty, starting with
``_``, or holding other characters — is written as ``_`` and the hex of its UTF-8 bytes. No part
holds a ``.``, so different (kind, parts) can never give the same id, whatever the user wrote:

>>> element_id("data", "a_b", "c"), element_id("data", "a", "b_c")
('data.a_b.c', 'data.a.b_c')
>>> element_id("step", "1_2"), element_id("step", "①")
('step.1_2', 'step._e291a0')

The ids hold only ``A–Z a–z 0–9 _ .`` (``-`` would become ``&#45;`` in Graphviz's SVG) and start
with a letter, so they are valid XML ids.

Steps without an ``id`` are named by their numbers and their occurrence, so two steps numbered
1 and one numbered ①② never share a name, and a user id never meets a generated one:

>>> from flowdiag.model.numbers import StepNumber
>>> step_element_ids([("", (StepNumber(1), StepNumber(2))), ("", (StepNumber(1),)), ("", (StepNumber(1),))])
['stepn.1_2.1', 'stepn.1.1', 'stepn.1.2']
>>> step_element_ids([("s1", (StepNumber(1),)), ("", (StepNumber(1),))])
['step.s1', 'stepn.1.1']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .numbers import StepNumber

_WORD = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_]*$")
_KIND = re.compile(r"^[a-z][a-z0-9]*$")


def _part(text: str) -> str:
    if _WORD.match(text):
        return text
    return "_" + text.encode("utf-8").hex()


def element_id(kind: str, *parts: str) -> str:
    """The id of a generated element: ``kind`` (lower-case letters and digits) and its parts.

    Injective: ``element_id(k, *p) == element_id(k2, *p2)`` only when ``(k, p) == (k2, p2)``.

    >>> element_id("meas", "x_o"), element_id("meas", "x", "o")
    ('meas.x_o', 'meas.x.o')
    >>> element_id("note", "")
    'note._'
    """
    if not _KIND.match(kind):
        raise ValueError(f"element kind must be lower-case letters and digits: {kind!r}")
    return ".".join([kind, *(_part(p) for p in parts)])


def step_element_ids(steps: Iterable[tuple[str, Sequence[StepNumber]]]) -> list[str]:
    """One distinct id per step, from ``(step id or "", numbers)`` in the flow's order.

    A step with an ``id`` is ``step.ID`` (ids are unique in a valid flow); one without is
    ``stepn.NUMBERS.K``, its numbers in ASCII (2p for ②′, joined by ``_``) and K its occurrence
    among steps with the same numbers.
    """
    seen: dict[str, int] = {}
    out: list[str] = []
    for ident, numbers in steps:
        if ident:
            out.append(element_id("step", ident))
            continue
        key = "_".join(n.plain() for n in numbers)
        seen[key] = seen.get(key, 0) + 1
        out.append(element_id("stepn", key, str(seen[key])))
    return out
