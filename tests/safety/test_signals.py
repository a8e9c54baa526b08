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
    """A big flow takes seconds to lay out: a signal then ends flowdiag with a message and exit 128+N,
    with no output, no temporary file beside it and nothing left in TMPDIR."""
    sys.path.insert(0, str(ROOT))
    from bench.seedlike import seedlike_yaml

    tmp = tmp_path / "tmp"
    tmp.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    flow = tmp_path / "flow.yaml"
    flow.write_text(seedlike_yaml(3000), "utf-8")
    env = {**os.environ, "TMPDIR": str(tmp)}
    proc = subprocess.Popen([sys.executable, "-m", "flowdiag", "render", str(flow), "-o", str(out / "x.pdf")],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        time.sleep(2.5)  # loaded and laying out (the layout of 3000 steps takes several seconds)
        assert proc.poll() is None, "the render finished before the signal: use a bigger flow"
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 128 + sig, err.decode()
    assert "中断しました" in err.decode() and "Traceback" not in err.decode()
    assert list(tmp.iterdir()) == [], "temporary files were left behind"
    assert list(out.iterdir()) == [], "a partial output or a temporary file was left behind"
