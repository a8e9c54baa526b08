"""Shared test helpers: paths, the CLI in a subprocess, golden files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(p for p in (ROOT / "samples").glob("*.yaml"))
UPDATE_GOLDEN = os.environ.get("FLOWDIAG_UPDATE_GOLDEN") == "1"


def run_cli(*args: str, cwd: Path | None = None, input: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m flowdiag ARGS`` the way a user does and capture its output."""
    return subprocess.run([sys.executable, "-m", "flowdiag", *args], cwd=cwd or ROOT, capture_output=True,
                          text=True, input=None if input is None else input.decode(), timeout=600, check=False)


def golden(path: Path, actual: str | bytes) -> None:
    """Compare with a golden file; FLOWDIAG_UPDATE_GOLDEN=1 rewrites it instead."""
    data = actual.encode("utf-8") if isinstance(actual, str) else actual
    if UPDATE_GOLDEN or not path.exists():
        if not UPDATE_GOLDEN:
            pytest.fail(f"golden file {path} is missing: run FLOWDIAG_UPDATE_GOLDEN=1 pytest to create it")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return
    expected = path.read_bytes()
    assert data == expected, f"output differs from {path.relative_to(ROOT)} (FLOWDIAG_UPDATE_GOLDEN=1 to accept)"
