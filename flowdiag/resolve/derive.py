"""Measure boxes drawn from the checklist: the ○ rows of a party become the actor's bullets.

With ``packet.derive_measures`` an actor's box is made from the submitted marks, so the chart
and the checklist cannot disagree. Bullets the author wrote stay first; every ○ row not already
on the chart is added with its short label(s) (``draw:`` in stencils/checklists/).
"""

from __future__ import annotations

from ..model.flow import Flow, MeasureGroups, MeasureRef
from .checklists import Submitted
from .trace import Trace


def derived_flow(flow: Flow, submitted: list[Submitted], trace: Trace) -> Flow:
    """The flow with every ``derive_measures`` entry applied (the flow itself when there is none)."""
    packet = flow.packet
    if packet is None or not packet.derive_measures:
        return flow
    actors = list(flow.actors)
    for spec in packet.derive_measures:
        subs = [s for s in submitted if s.template.kind == spec.checklist]
        ai = next((i for i, a in enumerate(actors) if a.id == spec.actor), None)
        if not subs or ai is None:
            continue
        sub = subs[0]
        actor = actors[ai]
        party = spec.party or ("ward" if actor.kind == "ward" else "partner")
        if party not in sub.parties:
            continue
        groups = {}
        for group in ("operational", "system"):
            items = list(getattr(actor.measures, group))
            if group in spec.groups:
                traced = trace.chart_slugs(actor.id)
                for row in sub.version.rows_in(group):
                    cell = sub.cells.get((party, row.id))
                    if cell is None or cell.value != "yes" or row.slug in traced:
                        continue
                    items += [MeasureRef(text=label, row=row.id) for label in row.draw]
            groups[group] = items
        actors[ai] = actor.model_copy(update={"measures": MeasureGroups(**groups)})
    return flow.model_copy(update={"actors": actors})
