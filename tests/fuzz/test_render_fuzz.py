"""Random valid flows render: the SVG parses, every text of the flow is drawn, two renders are identical.

Examples are few by default (the whole suite must stay fast) and derandomized (CI sees the same
ones every run). ``FLOWDIAG_FUZZ=long`` runs many random examples instead, for a night run.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from typing import Any

from hypothesis import HealthCheck, given, settings

from flowdiag.catalog import REF_PATTERN
from flowdiag.load.validate import load_flow_text
from flowdiag.render.pipeline import RenderOptions, render
from flowdiag.resolve import strip_bullet

from .strategies import dump, flows

LONG = os.environ.get("FLOWDIAG_FUZZ") == "long"
FUZZ = settings(max_examples=400 if LONG else 12, deadline=None, derandomize=not LONG, print_blob=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def squash(text: str) -> str:
    """Text without any whitespace (the renderer breaks lines at spaces and between phrases)."""
    return "".join(text.split())


def drawn_texts(flow: dict[str, Any]) -> list[tuple[str, str]]:
    """(where, text) for every text the chart must show."""
    out: list[tuple[str, str]] = [("document.title", flow["document"]["title"]),
                                  ("document.number", flow["document"]["number"])]

    def measures(where: str, items: list[str]) -> None:
        for m in items:
            if not REF_PATTERN.match(m.strip()):
                out.append((where, strip_bullet(m)))

    for actor in flow["actors"]:
        out.append(("actor.name", actor["name"]))
        out += [("actor.caption", c) for c in actor.get("caption", [])]
        out += [("actor.notes", n) for n in actor.get("notes", [])]
        for group, items in actor.get("measures", {}).items():
            measures(f"actor.measures.{group}", items)
        for place in actor.get("places", []):
            out.append(("place.name", place["name"]))
            out += [("place.caption", c) for c in place.get("caption", [])]
            out += [("place.notes", n) for n in place.get("notes", [])]
    for ds in flow.get("data", []):
        if ds.get("at"):
            out.append(("data.title", ds["title"]))
            out += [("data.items", i) for i in ds["items"]]
            out += [("data.notes", n) for n in ds.get("notes", [])]
    for step in flow.get("steps", []):
        out.append(("step.text", step["text"]))
        out += [("step.timing", t) for t in step.get("timing", [])]
        out += [("step.notes", n) for n in step.get("notes", [])]
        measures("step.measures", step.get("measures", []))
    for link in flow.get("links", []):
        out.append(("link.channel", link["channel"]))
    out += [("notes", n) for n in flow.get("notes", [])]
    return out


@FUZZ
@given(flows())
def test_random_valid_flows_render(flow: dict[str, Any]) -> None:
    lf = load_flow_text(dump(flow), "fuzz.yaml")
    opts = RenderOptions(page="fit")
    first = render(lf, "svg", opts).data
    root = ET.fromstring(first)
    drawn = squash("".join(root.itertext()))
    missing = [(where, text) for where, text in drawn_texts(flow) if squash(text) not in drawn]
    assert not missing, f"not drawn: {missing}"
    again = render(load_flow_text(dump(flow), "fuzz.yaml"), "svg", opts).data
    assert first == again, "two renders of the same flow differ"


@FUZZ
@given(flows(max_actors=3, max_steps=8))
def test_random_valid_flows_fit_a4_deterministically(flow: dict[str, Any]) -> None:
    """The A4 path (which tries several layouts and keeps the best) is deterministic too."""
    lf = load_flow_text(dump(flow), "fuzz.yaml")
    a = render(lf, "svg", RenderOptions(page="A4")).data
    b = render(lf, "svg", RenderOptions(page="A4")).data
    ET.fromstring(a)
    assert a == b
