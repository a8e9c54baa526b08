"""Difference constraints on one axis: ``x[a] >= x[b] + d``, solved for the smallest positions.

Every placement rule of the chart is such a constraint (an item below the one before it, an
arrow inside both boxes it joins, a box stretched down to an arrow), so one solver places a
whole axis. The smallest solution is a longest path from the origin; constraints with a negative
``d`` may form cycles, and a cycle that adds up to more than zero means the rules contradict
each other (:class:`Infeasible`).

>>> s = Solver()
>>> top, box, arrow = s.var("top"), s.var("box"), s.var("arrow")
>>> s.ge(box, top, 10)            # the box starts 10 below the top
>>> s.ge(arrow, box, 4)           # the arrow meets the box 4 below its top ...
>>> s.ge(box, arrow, -20)         # ... and the box starts at most 20 above the arrow
>>> s.ge(arrow, top, 40)          # the arrow is pushed down by a label
>>> x = s.solve(); x[box], x[arrow]
(20.0, 40.0)
"""

from __future__ import annotations

from collections import deque


class Infeasible(Exception):
    """The constraints contradict each other (a cycle of positive length)."""


class Solver:
    def __init__(self) -> None:
        self.names: list[str] = []
        self.out: list[list[tuple[int, float]]] = []  # b -> [(a, d)]: x[a] >= x[b] + d

    def var(self, name: str = "") -> int:
        self.names.append(name)
        self.out.append([])
        return len(self.names) - 1

    def ge(self, a: int, b: int, d: float) -> None:
        """``x[a] >= x[b] + d``."""
        self.out[b].append((a, d))

    def eq(self, a: int, b: int, d: float = 0.0) -> None:
        """``x[a] == x[b] + d``."""
        self.ge(a, b, d)
        self.ge(b, a, -d)

    def solve(self, floor: float = 0.0) -> list[float]:
        """The smallest positions (all at least ``floor``) that meet every constraint."""
        n = len(self.names)
        x = [floor] * n
        count = [0] * n
        queue = deque(range(n))
        queued = [True] * n
        while queue:
            b = queue.popleft()
            queued[b] = False
            xb = x[b]
            for a, d in self.out[b]:
                if xb + d > x[a] + 1e-9:
                    x[a] = xb + d
                    if not queued[a]:
                        count[a] += 1
                        if count[a] > n + 1:
                            raise Infeasible(self.names[a])
                        queued[a] = True
                        queue.append(a)
        return x
