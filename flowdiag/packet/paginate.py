"""Where a run of lines (or of checklist rows) breaks across pages: widow and orphan control.

A page break never leaves one line alone: at least :data:`ORPHANS` lines stay before it and at
least :data:`WIDOWS` go after it, a paragraph is split only with two of its lines on each side,
and a heading stays with the text under it.

>>> lines = [Piece(15.0, 0, True), Piece(15.0, 1), Piece(15.0, 2), Piece(15.0, 3)]
>>> fit(lines, 50.0)             # three lines fit in the room left
3
>>> break_at(lines, 50.0)        # … but the last one would be alone on the next page
2
>>> break_at(lines[:3], 20.0)    # only a heading would fit: everything moves on
0
>>> break_at(lines[:3], 20.0, fresh=True)   # on an empty page something must be placed
1
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

WIDOWS = 2
"""Lines that go to the next page together, at the least."""

ORPHANS = 2
"""Lines that stay before a page break, at the least."""


class Breakable(Protocol):
    """What pagination needs to know of a line."""

    @property
    def height(self) -> float: ...

    @property
    def para(self) -> int: ...  # the paragraph (or row) the line belongs to

    @property
    def heading(self) -> bool: ...  # a heading never ends a page


@dataclass(frozen=True)
class Piece:
    """A plain :class:`Breakable` (for checklist rows and for the examples)."""

    height: float
    para: int
    heading: bool = False


def fit(pieces: Sequence[Breakable], room: float) -> int:
    """How many of ``pieces``, from the first, fit in ``room``."""
    used, n = 0.0, 0
    for p in pieces:
        if used + p.height > room + 1e-6:
            break
        used += p.height
        n += 1
    return n


def _allowed(pieces: Sequence[Breakable], k: int) -> bool:
    """May the page break come after ``pieces[k - 1]``?"""
    if k < ORPHANS or len(pieces) - k < WIDOWS or pieces[k - 1].heading:
        return False
    para = pieces[k - 1].para
    if pieces[k].para != para:
        return True
    before = sum(1 for p in pieces[:k] if p.para == para)
    after = sum(1 for p in pieces[k:] if p.para == para)
    return before >= ORPHANS and after >= WIDOWS


def break_at(pieces: Sequence[Breakable], room: float, fresh: bool = False) -> int:
    """How many of ``pieces`` go before the page break when not all fit in ``room``.

    0 means none: move them all to the next page. On a ``fresh`` (empty) page something is always
    placed: where the rules allow no break, as many as fit (a heading still not last, if possible).
    """
    most = fit(pieces, room)
    for k in range(min(most, len(pieces) - 1), 0, -1):
        if _allowed(pieces, k):
            return k
    if not fresh:
        return 0
    k = max(most, 1)
    while k > 1 and pieces[k - 1].heading:
        k -= 1
    return k
