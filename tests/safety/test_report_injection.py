"""Reports carry what users wrote as text only: the checklist Markdown, the SARIF log, the 新旧対照表."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import ROOT, run_cli

SAMPLE = (ROOT / "samples" / "000-keitai-toilet.yaml").read_text("utf-8")
HOSTILE = ['<script>alert(1)</script>', '[x](javascript:alert(1))', '![i](https://evil.example/i.png)',
           'a | b | c', '<img src=x onerror=alert(1)>']


def _hostile_flow(tmp_path: Path) -> Path:
    row = '{mark: "○<b>", text: "' + HOSTILE[0] + '\\n| 偽 | 行 | ' + HOSTILE[1] + " " + HOSTILE[2] + " " + HOSTILE[4] + '"}'
    text = SAMPLE.replace("        operational: [○, ○, ○, ○, ○, ○, ○, ○, ○, ○, ○]\n        system: [－",
                          f"        operational: [{row}, ○, ○, ○, ○, ○, ○, ○, ○, ○, ○]\n        system: [－", 1)
    assert text != SAMPLE
    path = tmp_path / "hostile.yaml"
    path.write_text(text, "utf-8")
    return path


def test_checklist_markdown_prints_marks_and_wording_as_text(tmp_path: Path) -> None:
    r = run_cli("checklist", str(_hostile_flow(tmp_path)))
    assert r.returncode == 0, r.stderr
    md = r.stdout
    assert "<script" not in md and "<img" not in md and "<b>" not in md
    assert not re.search(r"(?<!\\)\]\(", md), "a link or an image"  # every ] of the user's text is escaped
    table_rows = [line for line in md.splitlines() if line.startswith("|")]
    widths = {len(re.findall(r"(?<!\\)\|", line)) for line in table_rows}
    assert widths == {4}, widths  # no cell adds a column, no newline starts a row
    assert "&lt;script&gt;" in md


def test_sarif_uri_of_a_relative_name_has_no_scheme(tmp_path: Path) -> None:
    flow = tmp_path / "javascript:alert(1).yaml"
    flow.write_text(SAMPLE, "utf-8")
    r = run_cli("check", flow.name, "--format", "sarif", cwd=tmp_path)
    assert r.returncode in (0, 1), r.stderr
    log = json.loads(r.stdout)
    uris = [a["location"]["uri"] for a in log["runs"][0]["artifacts"]]
    uris += [loc["physicalLocation"]["artifactLocation"]["uri"] for res in log["runs"][0]["results"]
             for loc in res["locations"]]
    assert uris and all(not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", u) for u in uris), uris
