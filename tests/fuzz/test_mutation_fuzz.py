"""Damaged flows (random edits to the data, the text and the bytes of valid flows): flowdiag renders
them (exit 0) or refuses them with messages (exit 2), never with a traceback or an internal error,
never touching the input and never leaving a partial output.

Most examples run the command in-process (fast); a few run ``python -m flowdiag`` for real.
A failing input is saved under regressions/ (as ``found-<hash>.yaml``) so it stays a test case.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from flowdiag.cli import main

from .strategies import damaged_data, damaged_text

LONG = os.environ.get("FLOWDIAG_FUZZ") == "long"
REGRESSIONS = Path(__file__).resolve().parent / "regressions"
FUZZ = settings(max_examples=1000 if LONG else 40, deadline=None, derandomize=not LONG, print_blob=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])


def _keep(raw: bytes, test: str) -> Path:
    """Save a failing input as a regression case (the test that found it says what went wrong)."""
    name = f"found-{hashlib.sha256(raw).hexdigest()[:10]}.yaml"
    path = REGRESSIONS / name
    try:
        if not path.exists():
            path.write_bytes(b"# Found by " + test.encode() + b": triage, describe and rename\n# expect: exit-0-or-2\n"
                             + raw)
    except OSError:
        pass
    return path


def check_in_process(raw: bytes, folder: Path, test: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    src = folder / "flow.yaml"
    src.write_bytes(raw)
    out = folder / "flow.svg"
    if out.exists():
        out.unlink()
    result = CliRunner().invoke(main, ["render", str(src), "-o", str(out)], catch_exceptions=True)
    text = (result.output or "") + (result.stderr if result.stderr_bytes is not None else "")
    ok = (result.exit_code in (0, 2) and "Traceback" not in text and "内部エラー" not in text
          and "レイアウトに失敗しました" not in text  # dot rejecting what flowdiag wrote is a bug too
          and (result.exception is None or isinstance(result.exception, SystemExit)))
    ok = ok and src.read_bytes() == raw and (out.exists() == (result.exit_code == 0))
    ok = ok and not list(folder.glob(".*.tmp"))
    if not ok:
        kept = _keep(raw, test)
        raise AssertionError(f"exit {result.exit_code}, exception {result.exception!r}\n{text}\nkept as {kept}")


def _dump(data: Any) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


@FUZZ
@given(damaged_data())
def test_damaged_data_is_rendered_or_refused(tmp_path_factory: Any, data: Any) -> None:
    check_in_process(_dump(data), tmp_path_factory.mktemp("data"), "test_damaged_data_is_rendered_or_refused")


@FUZZ
@given(damaged_text())
def test_damaged_text_is_rendered_or_refused(tmp_path_factory: Any, raw: bytes) -> None:
    check_in_process(raw, tmp_path_factory.mktemp("text"), "test_damaged_text_is_rendered_or_refused")


@settings(max_examples=100 if LONG else 4, deadline=None, derandomize=not LONG,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(damaged_text())
def test_damaged_text_through_the_real_command(tmp_path_factory: Any, raw: bytes) -> None:
    folder = tmp_path_factory.mktemp("cli")
    (folder / "flow.yaml").write_bytes(raw)
    proc = subprocess.run([sys.executable, "-m", "flowdiag", "render", "flow.yaml", "-o", "flow.svg"], cwd=folder,
                          capture_output=True, timeout=300, check=False)
    err = proc.stderr.decode("utf-8", "replace")
    if proc.returncode not in (0, 2) or "Traceback" in err or "内部エラー" in err or "レイアウトに失敗しました" in err:
        kept = _keep(raw, "test_damaged_text_through_the_real_command")
        raise AssertionError(f"exit {proc.returncode}\n{err}\nkept as {kept}")
    assert (folder / "flow.yaml").read_bytes() == raw
    assert (folder / "flow.svg").exists() == (proc.returncode == 0)
