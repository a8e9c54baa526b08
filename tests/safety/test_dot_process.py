"""Graphviz runs as a plain process: an argument list, no shell, a time limit, and clear errors
when it hangs, fails or is missing. File names are never interpreted by a shell."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from flowdiag.diagnostics import FlowError
from flowdiag.layout import engine

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = (ROOT / "tests" / "bad" / "cases" / "ok_minimal.yaml").read_text("utf-8")


def _cli(args: list[str], cwd: Path, path_env: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if path_env is not None:
        env["PATH"] = path_env
    return subprocess.run([sys.executable, "-m", "flowdiag", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env=env, check=False)


def _fake_dot(folder: Path, body: str) -> str:
    """A folder holding a ``dot`` script, to put first on PATH."""
    folder.mkdir()
    script = folder / "dot"
    script.write_text("#!/bin/sh\n" + body + "\n")
    script.chmod(0o755)
    return f"{folder}{os.pathsep}{os.environ.get('PATH', '')}"


def test_dot_runs_with_an_argument_list_and_no_shell(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[object, dict[str, object]]] = []
    real_run, real_popen = subprocess.run, subprocess.Popen

    def spy_run(args, **kw):  # type: ignore[no-untyped-def]
        calls.append((args, kw))
        return real_run(args, **kw)

    class SpyPopen(real_popen):  # type: ignore[misc,valid-type]
        def __init__(self, args, **kw):  # type: ignore[no-untyped-def]
            calls.append((args, kw))
            super().__init__(args, **kw)

    monkeypatch.setattr(subprocess, "run", spy_run)
    monkeypatch.setattr(subprocess, "Popen", SpyPopen)
    engine.run_dot("digraph { a }", "svg", 30)
    engine.run_dot_many(["digraph { a }", "digraph { b }"], "svg", 30)
    assert calls
    for args, kw in calls:
        assert isinstance(args, list) and all(isinstance(a, str) for a in args)
        assert not kw.get("shell")


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell script stands in for dot")
def test_a_hanging_dot_is_stopped_with_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "flow.yaml").write_text(MINIMAL, "utf-8")
    path = _fake_dot(tmp_path / "bin", "exec sleep 60")
    res = _cli(["render", "flow.yaml", "-o", "flow.svg", "--timeout", "1"], tmp_path, path)
    assert res.returncode == 2
    assert "flow.yaml: error: レイアウトが 1 秒で終わりませんでした — フローを分割するか、--timeout で時間を延ばしてください" \
        in res.stderr.splitlines()
    assert "Traceback" not in res.stderr
    assert not (tmp_path / "flow.svg").exists()


def test_run_dot_timeout_is_a_flow_error() -> None:
    big = "digraph { " + " ".join(f"n{i} -> n{i + 1};" for i in range(20000)) + " }"
    with pytest.raises(FlowError) as err:
        engine.run_dot(big, "svg", timeout=0.01, file="big.yaml")
    assert "秒で終わりませんでした" in str(err.value)


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell script stands in for dot")
def test_a_failing_dot_is_reported_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "flow.yaml").write_text(MINIMAL, "utf-8")
    path = _fake_dot(tmp_path / "bin", "echo 'Error: something broke' >&2; exit 3")
    res = _cli(["render", "flow.yaml", "-o", "flow.svg"], tmp_path, path)
    assert res.returncode == 2
    assert "Graphviz（dot）がレイアウトに失敗しました" in res.stderr
    assert "Traceback" not in res.stderr
    assert not (tmp_path / "flow.svg").exists()


def test_missing_graphviz_is_explained(tmp_path: Path) -> None:
    (tmp_path / "flow.yaml").write_text(MINIMAL, "utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    res = _cli(["render", "flow.yaml", "-o", "flow.svg"], tmp_path, str(empty))
    assert res.returncode == 2
    assert "Graphviz（dot コマンド）が見つかりません" in res.stderr
    assert "apt-get install graphviz" in res.stderr
    assert "Traceback" not in res.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="these names are not valid on Windows")
def test_file_names_with_shell_characters_are_only_names(tmp_path: Path) -> None:
    name = "$(touch pwned);`touch pwned2` & echo x | y 'q\" <z>.yaml"
    (tmp_path / name).write_text(MINIMAL, "utf-8")
    out = "out $(touch pwned3).svg"
    res = _cli(["render", name, "-o", out], tmp_path)
    assert res.returncode == 0, res.stderr
    assert (tmp_path / out).is_file()
    assert not any((tmp_path / p).exists() for p in ("pwned", "pwned2", "pwned3"))


def test_dot_is_found_on_path_not_in_the_working_folder(tmp_path: Path) -> None:
    """A ``dot`` file in the folder of the flow is not run (only PATH is searched)."""
    trap = tmp_path / "dot"
    trap.write_text("#!/bin/sh\ntouch pwned\n")
    trap.chmod(0o755)
    (tmp_path / "flow.yaml").write_text(MINIMAL, "utf-8")
    path = os.environ.get("PATH", "")
    if "" in path.split(os.pathsep) or "." in path.split(os.pathsep):
        pytest.skip("PATH itself names the working folder")
    res = _cli(["render", "flow.yaml", "-o", "flow.svg"], tmp_path)
    assert res.returncode == 0, res.stderr
    assert not (tmp_path / "pwned").exists()
    assert shutil.which("dot") != str(trap)
