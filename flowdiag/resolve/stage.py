"""The resolve stage: what a loaded flow refers to, worked out once for render, check, diff and packet.

A :class:`Resolved` holds the catalogs and checklist templates, every submitted checklist mark tied
to its row (with the problems met), the bullets traced to their rows, and the flow as it is drawn
(measure boxes derived from the checklist when ``packet.derive_measures`` asks). It is made once
per loaded flow and shared by every stage of a command.

>>> from flowdiag.load.validate import load_flow
>>> r = resolve(load_flow("samples/001-seikatsu-hogo.yaml"))
>>> [s.template.kind for s in r.submitted], r.problems, r.drawn.flow is r.loaded.flow
(['業務委託'], [], True)
>>> resolve(r.loaded) is r
True
"""

from __future__ import annotations

import dataclasses
from collections import OrderedDict
from dataclasses import dataclass
from functools import cached_property

from ..catalog import Catalog
from ..load.validate import LoadedFlow
from ..model.flow import Flow
from .checklists import Problem, Submitted, resolve_checklists
from .derive import derived_flow
from .templates import ChecklistTemplate, load_templates
from .trace import Trace


@dataclass
class Resolved:
    loaded: LoadedFlow
    templates: dict[str, ChecklistTemplate]
    submitted: list[Submitted]
    problems: list[Problem]

    @property
    def catalog(self) -> Catalog:
        return self.loaded.catalog

    @cached_property
    def written_trace(self) -> Trace:
        """The bullets as the author wrote them."""
        return Trace(self.loaded.flow, self.catalog, self.templates)

    @cached_property
    def flow(self) -> Flow:
        """The flow as drawn: ``derive_measures`` applied (the written flow when there is none)."""
        return derived_flow(self.loaded.flow, self.submitted, self.written_trace)

    @cached_property
    def trace(self) -> Trace:
        """The bullets of the flow as drawn."""
        if self.flow is self.loaded.flow:
            return self.written_trace
        return Trace(self.flow, self.catalog, self.templates)

    @cached_property
    def drawn(self) -> LoadedFlow:
        """The loaded flow with the flow as drawn (what render and the packet draw)."""
        if self.flow is self.loaded.flow:
            return self.loaded
        return dataclasses.replace(self.loaded, flow=self.flow)


_CACHE: OrderedDict[int, Resolved] = OrderedDict()
_KEEP = 16


def resolve(loaded: LoadedFlow) -> Resolved:
    """The resolved flow, made once per loaded flow (the last few are kept)."""
    hit = _CACHE.get(id(loaded))
    if hit is not None and hit.loaded is loaded:
        _CACHE.move_to_end(id(loaded))
        return hit
    templates = load_templates()
    submitted, problems = resolve_checklists(loaded.flow, templates)
    made = Resolved(loaded, templates, submitted, problems)
    _CACHE[id(loaded)] = made
    while len(_CACHE) > _KEEP:
        _CACHE.popitem(last=False)
    return made
