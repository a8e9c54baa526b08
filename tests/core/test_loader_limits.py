"""What the user wrote stays as written, and small or endless inputs cannot hang the loader."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from flowdiag.diagnostics import FlowError
from flowdiag.load.validate import load_flow_text
from flowdiag.model.numbers import StepNumber
from tests.conftest import ROOT, run_cli

MINIMAL = (ROOT / "tests" / "bad" / "cases" / "ok_minimal.yaml").read_text("utf-8")


def _errors(text: str) -> str:
    with pytest.raises(FlowError) as info:
        load_flow_text(text, "f.yaml")
    return str(info.value)


# ---------------------------------------------------------------- text stays text

def test_plain_values_stay_as_written() -> None:
    text = (MINIMAL.replace("number: 資料1-1", "number: 1e400")
            .replace("items: [氏名, 住所]", "items: [0120, 1.10, 氏名]")
            .replace("    medium: usb\n", "    medium: usb\n    timing: [10:30, 1:00]\n")
            .replace("  - number: 1\n", "  - number: 010\n"))
    flow = load_flow_text(text).flow
    assert flow.document.number == "1e400"
    assert flow.data[0].items == ["0120", "1.10", "氏名"]
    assert flow.steps[0].timing == ["10:30", "1:00"]
    assert flow.steps[0].number == (StepNumber(10),)


def test_the_format_version_and_checklist_numbers_are_still_numbers() -> None:
    flow = load_flow_text(MINIMAL.replace("flowdiag: 1", "flowdiag: 1.0")).flow
    assert flow.flowdiag == 1
    assert "flowdiag: 2" in _errors(MINIMAL.replace("flowdiag: 1", "flowdiag: 2"))


def test_a_time_is_drawn_as_written(tmp_path: Path) -> None:
    flow = tmp_path / "f.yaml"
    flow.write_text(MINIMAL.replace("    medium: usb\n", "    medium: usb\n    timing: 10:30\n"), "utf-8")
    r = run_cli("render", str(flow), "-o", str(tmp_path / "f.svg"))
    assert r.returncode == 0, r.stderr
    svg = (tmp_path / "f.svg").read_text("utf-8")
    assert "(10:30)" in svg and "(630)" not in svg


# ---------------------------------------------------------------- limits

def test_a_huge_step_number_is_refused_at_once() -> None:
    for number in ("10000000", "1000000000000", "9" * 5000):
        msg = _errors(MINIMAL.replace("  - number: 1\n", f"  - number: {number}\n"))
        assert "大きすぎます" in msg and "9,999" in msg, msg
        assert "Exceeds" not in msg and "digits" not in msg


def test_check_does_not_count_up_to_the_largest_number(tmp_path: Path) -> None:
    """Numbers 1 and 9999: the gap is one finding computed from the numbers present."""
    flow = tmp_path / "f.yaml"
    flow.write_text(MINIMAL + "  - {number: 9999, at: contractor, text: 確認}\n", "utf-8")
    r = run_cli("check", str(flow))
    assert r.returncode in (0, 1), r.stderr
    assert "②〜9998がありません" in r.stdout, r.stdout


def test_aliases_cannot_multiply_text() -> None:
    note = "※" + "長い注記" * 2500
    text = MINIMAL + "notes:\n  - &n " + note + "\n" + "  - *n\n" * 2000
    msg = _errors(text)
    assert "エイリアス" in msg and "文字が多すぎます" in msg, msg


def test_many_steps_are_not_blamed_on_aliases(monkeypatch: pytest.MonkeyPatch) -> None:
    """100,000 steps of 7 nodes passed the 500,000-node limit first and were blamed on aliases; the same
    with the node limit scaled down (10,000 steps, 50,000 nodes) keeps the test quick."""
    from flowdiag.load import yaml_source

    monkeypatch.setattr(yaml_source, "MAX_NODES", 50_000)
    text = MINIMAL.split("steps:")[0] + "steps:\n" + "  - {number: 1, at: ward, text: x, timing: [a, b]}\n" * 10_000
    msg = _errors(text)
    assert "ステップが多すぎます（10,000 個" in msg and "エイリアス" not in msg, msg


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_dev_zero_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    r = run_cli("check", "/dev/zero")
    assert r.returncode == 2 and "大きすぎます" in r.stderr, r.stderr


def test_a_big_pipe_is_refused(tmp_path: Path) -> None:
    big = MINIMAL.encode() + b"# " + b"x" * (50 * 1024 * 1024) + b"\n"
    proc = subprocess.run([sys.executable, "-m", "flowdiag", "check", "/dev/stdin"], input=big, capture_output=True,
                          timeout=300, check=False)
    assert proc.returncode == 2 and "大きすぎます".encode() in proc.stderr, proc.stderr
