"""SIGTERM and SIGHUP during layout leave no temporary file and no child process behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = (ROOT / "tests" / "bad" / "cases" / "ok_minimal.yaml").read_text("utf-8")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie waiting for its parent is gone for our purpose
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_during_layout_cleans_up(tmp_path: Path, sig: signal.Signals) -> None:
    fake = tmp_path / "bin"
    fake.mkdir()
    pids = tmp_path / "pids"
    pids.mkdir()
    (fake / "dot").write_text(f"#!/bin/sh\necho $$ > {pids}/$$\nexec sleep 120\n")
    (fake / "dot").chmod(0o755)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    flow = tmp_path / "flow.yaml"
    flow.write_text(MINIMAL, "utf-8")
    env = {**os.environ, "PATH": f"{fake}{os.pathsep}{os.environ['PATH']}", "TMPDIR": str(tmp)}
    proc = subprocess.Popen([sys.executable, "-m", "flowdiag", "render", str(flow), "-o", str(tmp_path / "x.svg")],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not list(pids.iterdir()) and time.monotonic() < deadline:  # as soon as the first layout runs:
            time.sleep(0.01)  # the others may still be starting, before anything owns them
        children = [int(p.name) for p in pids.iterdir()]
        assert children, "layout never started"
        assert list(tmp.glob("flowdiag-*/*.dot")), "the flow's text was not in a temporary file"
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=60)
        children = [int(p.name) for p in pids.iterdir()]  # every layout process that started
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 128 + sig, err.decode()
    assert "中断しました" in err.decode() and "Traceback" not in err.decode()
    assert list(tmp.iterdir()) == [], "temporary files were left behind"
    time.sleep(0.2)
    left = [pid for pid in children if _alive(pid)]
    for pid in left:  # do not leave them to the machine when the test fails
        os.kill(pid, signal.SIGKILL)
    assert left == [], "dot processes kept running"
    assert not (tmp_path / "x.svg").exists()
