"""``flowdiag new``: every shape loads, checks with no error or warning, renders, and is canonical."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import jsonschema
import pytest
import yaml

from flowdiag.author.schema import SCHEMA_FILE, build_schema, schema_json
from flowdiag.author.templates import SHAPES, Answers, render_template, todo_lines
from flowdiag.load.validate import load_flow

from ..conftest import ROOT, run_cli

ALLOWED_INFO = {"checklist-untraced"}
"""Findings a real starting file has: the ward's checklist duties are not drawn on the chart,
as in the committee's own samples."""


@pytest.mark.parametrize("shape", list(SHAPES))
def test_shape_is_a_sound_starting_file(shape, tmp_path):
    name = f"{SHAPES[shape].key}.yaml"
    proc = run_cli("new", name, "--kind", shape, "--business", "見守り配食事業", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    flow = tmp_path / name
    text = flow.read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema={SCHEMA_FILE}\n")
    assert (tmp_path / SCHEMA_FILE).read_text(encoding="utf-8") == schema_json()

    loaded = load_flow(flow)  # loads
    assert any(s.returns for s in loaded.flow.steps), "a return or erasure step is in place"
    assert "消去" in "".join(s.text for s in loaded.flow.steps if s.returns)

    check = run_cli("check", name, "-f", "json", cwd=tmp_path)
    assert check.returncode == 0, check.stderr
    findings = json.loads(check.stdout)["files"][0]["findings"]
    assert all(f["severity"] == "info" and f["rule"] in ALLOWED_INFO for f in findings), findings

    assert jsonschema.Draft7Validator(build_schema()).is_valid(yaml.safe_load(flow.read_text(encoding="utf-8")))
    assert run_cli("fmt", "--check", name, cwd=tmp_path).returncode == 0

    out = tmp_path / "chart.svg"
    render = run_cli("render", name, "-o", str(out), cwd=tmp_path)
    assert render.returncode == 0, render.stderr
    assert "見守り配食事業の個人情報の流れ" in out.read_text(encoding="utf-8")

    todos = todo_lines(text)
    assert todos and f"TODO の {len(todos)} か所" in proc.stderr
    lines = text.splitlines()
    for line, what in todos:
        assert f"{name}:{line}: {what}" in proc.stderr
        assert "TODO" in lines[line - 1]


def test_without_options_and_without_a_terminal(tmp_path):
    proc = run_cli("new", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "業務委託" in proc.stderr and (tmp_path / "flow.yaml").is_file()
    text = (tmp_path / "flow.yaml").read_text(encoding="utf-8")
    assert "○○事業  # TODO: 事業名" in text


def test_never_overwrites_without_force(tmp_path):
    (tmp_path / "flow.yaml").write_text("mine\n", encoding="utf-8")
    proc = run_cli("new", "flow.yaml", cwd=tmp_path)
    assert proc.returncode == 2 and "すでにあります" in proc.stderr
    assert (tmp_path / "flow.yaml").read_text(encoding="utf-8") == "mine\n"
    assert run_cli("new", "flow.yaml", "--force", cwd=tmp_path).returncode == 0
    assert (tmp_path / "flow.yaml").read_text(encoding="utf-8") != "mine\n"


def test_a_foreign_schema_file_is_left_alone(tmp_path):
    (tmp_path / SCHEMA_FILE).write_text("{}\n", encoding="utf-8")
    proc = run_cli("new", "a.yaml", cwd=tmp_path)
    assert proc.returncode == 0 and "書き換えませんでした" in proc.stderr
    assert (tmp_path / SCHEMA_FILE).read_text(encoding="utf-8") == "{}\n"
    assert run_cli("new", "b.yaml", "--no-schema", cwd=tmp_path).returncode == 0
    assert not (tmp_path / "b.yaml").read_text(encoding="utf-8").startswith("# yaml-language-server")


def test_unknown_kind_and_odd_values(tmp_path):
    proc = run_cli("new", "x.yaml", "--kind", "委託", cwd=tmp_path)
    assert proc.returncode == 2 and "業務委託、再委託、外部結合、電算処理" in proc.stderr
    assert not (tmp_path / "x.yaml").exists()
    proc = run_cli("new", "y.yaml", "--business", "A: B # 事業", "--department", "'部'", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    flow = load_flow(tmp_path / "y.yaml").flow
    assert flow.document.business == "A: B # 事業" and flow.document.department == "'部'"


def test_answers_become_the_header():
    text = render_template("電算処理", Answers(business="住民税システム改修", department="総務部税務課", number="資料3-1"))
    assert "number: 資料3-1" in text and "department: 総務部税務課\n" in text
    assert "title: 【住民税システム改修の個人情報の流れ】\n" in text


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_asks_on_a_terminal(tmp_path):
    import pty

    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "flowdiag", "new", "t.yaml"], cwd=tmp_path, stdin=slave,
                            stdout=slave, stderr=slave, env={**os.environ, "COLUMNS": "200"})
    os.close(slave)
    seen = b""

    def wait_for(word: str) -> None:
        nonlocal seen
        deadline = time.monotonic() + 60
        while word.encode() not in seen and time.monotonic() < deadline:
            try:
                seen += os.read(master, 4096)
            except OSError:
                break
        assert word.encode() in seen, seen.decode(errors="replace")

    wait_for("番号")
    os.write(master, b"3\n")
    wait_for("事業名")
    os.write(master, "電子申請の受付\n".encode())
    wait_for("担当部課")
    os.write(master, "区民部区民課\n".encode())
    assert proc.wait(timeout=120) == 0
    os.close(master)
    flow = load_flow(tmp_path / "t.yaml").flow
    assert flow.document.business == "電子申請の受付" and flow.document.department == "区民部区民課"
    assert any(a.kind == "cloud" for a in flow.actors)


def test_templates_are_packaged():
    here = ROOT / "flowdiag" / "author" / "templates"
    assert {f"{s.file}" for s in SHAPES.values()} | {"_head.yaml"} == {p.name for p in here.glob("*.yaml")}
    setup = (ROOT / "setup.py").read_text(encoding="utf-8")
    assert '"flowdiag.author": ["*.yaml", "templates/*.yaml", "assets/*"]' in setup
