"""Any valid flow, with or without a packet, checks without crashing and every finding is well formed."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flowdiag.check.engine import check_loaded
from flowdiag.check.findings import RULES
from flowdiag.check.output import to_sarif
from flowdiag.resolve.templates import load_templates
from tests.diff.flowgen import ITEMS, flows, load

MARKS = ["○", "－", "-", "ー", None, "", "〇", "×"]


@st.composite
def packets(draw: st.DrawFn, actors: list[str], data: list[str]) -> dict[str, Any]:
    templates = load_templates()
    kinds = draw(st.lists(st.sampled_from(["業務委託", "外部結合", "電算処理", "再委託"]), max_size=3, unique=True))
    checklists = []
    for kind in draw(st.lists(st.sampled_from(list(templates)), max_size=3, unique=True)):
        tpl = templates[kind]
        version = draw(st.sampled_from([None, *tpl.version_names(), "R6", "令和9年度"]))
        v = tpl.version(version)
        entry: dict[str, Any] = {"checklist": kind}
        if version:
            entry["version"] = version
        for party in draw(st.lists(st.sampled_from(["ward", "partner"]), max_size=2, unique=True)):
            marks = {}
            for group in ("operational", "system"):
                n = len(v.rows_in(group))
                if draw(st.booleans()):
                    marks[group] = draw(st.lists(st.sampled_from(MARKS), min_size=n, max_size=n))
                else:
                    marks[group] = {"*": draw(st.sampled_from(MARKS))}
            entry[party] = marks
        checklists.append(entry)
    forms = []
    for kind in kinds:
        forms.append({"kind": kind, "items": draw(st.lists(st.sampled_from(ITEMS), max_size=4, unique=True)),
                      "media": draw(st.sampled_from(["電磁的媒体(USBメモリ)", "紙", "電磁的媒体(DVD等)"]))})
    out: dict[str, Any] = {"kinds": kinds, "forms": forms, "checklists": checklists}
    if actors and checklists and draw(st.booleans()):
        out["derive_measures"] = [{"actor": draw(st.sampled_from(actors)), "checklist": checklists[0]["checklist"]}]
    return out


@st.composite
def flows_with_packets(draw: st.DrawFn) -> dict[str, Any]:
    d = draw(flows())
    if draw(st.booleans()):
        actors = [a["id"] for a in d["actors"]]
        d["packet"] = draw(packets(actors, [x["id"] for x in d.get("data", [])]))
    if draw(st.booleans()):
        d["waivers"] = [{"rule": draw(st.sampled_from(list(RULES))), "target": "*",
                         **({"reason": "理由"} if draw(st.booleans()) else {})}]
    return d


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(flows_with_packets())
def test_check_never_crashes_and_findings_are_well_formed(d: dict[str, Any]) -> None:
    result = check_loaded(load(d))
    for f in result.findings:
        assert f.rule in RULES
        assert f.severity in ("error", "warning", "info")
        assert f.line is None or f.line >= 1
        assert f.message
    json.loads(to_sarif([result]))
