"""Outputs never destroy work: no command writes an input (by any name), devices stay devices,
regular files are replaced atomically with their mode kept, and two inputs never share an output."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from flowdiag.diagnostics import FlowError
from tests.conftest import ROOT, run_cli

MINIMAL = (ROOT / "tests" / "bad" / "cases" / "ok_minimal.yaml").read_text("utf-8")


def _flow(folder: Path, name: str = "flow.yaml", text: str = "対象者情報の提供") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(MINIMAL.replace("対象者情報の提供", text), "utf-8")
    return path


def _unchanged(path: Path, before: bytes) -> None:
    assert path.is_file() and not path.is_symlink()
    assert path.read_bytes() == before


# ---------------------------------------------------------------- an input is never an output

@pytest.mark.parametrize("command", ["check", "diff", "since", "checklist"])
def test_no_command_writes_over_its_input(tmp_path: Path, command: str) -> None:
    old = _flow(tmp_path, "old.yaml")
    new = _flow(tmp_path, "new.yaml", "対象者情報の提供（月1回）")
    before = new.read_bytes()
    args = {"check": ["check", str(new), "-o", str(new)],
            "diff": ["diff", str(old), str(new), "-o", str(new)],
            "since": ["render", str(new), "--since", str(old), "-f", "svg", "-o", str(old)],
            "checklist": ["checklist", str(new), "-o", str(new.with_suffix(".md"))]}[command]
    if command == "since":
        before = old.read_bytes()
    if command == "checklist":  # the same file under a name with the output's extension
        new.with_suffix(".md").symlink_to(new.name)
    r = run_cli(*args)
    assert r.returncode == 2, r.stderr
    assert "入力ファイル" in r.stderr and "同じです" in r.stderr, r.stderr
    _unchanged(old if command == "since" else new, before)


@pytest.mark.parametrize("link", ["symlink", "hardlink", "dotted"])
def test_another_name_for_the_input_is_refused(tmp_path: Path, link: str) -> None:
    old, new = _flow(tmp_path, "old.yaml"), _flow(tmp_path, "new.yaml", "別の内容")
    before = new.read_bytes()
    target = tmp_path / "report.md"
    if link == "symlink":
        target.symlink_to(new)
    elif link == "hardlink":
        os.link(new, target)
    else:
        target = tmp_path / "sub" / ".." / "new.yaml"
        (tmp_path / "sub").mkdir()
    r = run_cli("diff", str(old), str(new), "-f", "markdown", "-o", str(target))
    assert r.returncode == 2 and "入力ファイル" in r.stderr, r.stderr
    _unchanged(new, before)
    r = run_cli("render", str(new), "-f", "svg", "-o", str(target))
    assert r.returncode == 2 and "入力ファイル" in r.stderr, r.stderr
    _unchanged(new, before)


def test_a_second_input_is_not_overwritten(tmp_path: Path) -> None:
    """render a.yaml a.svg: a.yaml's output is a.svg, which is the second input."""
    a = _flow(tmp_path, "a.yaml")
    svg = tmp_path / "a.svg"
    svg.write_text("<svg/>", "utf-8")
    r = run_cli("render", str(a), str(svg))
    assert r.returncode == 2 and "入力ファイル" in r.stderr
    assert svg.read_text("utf-8") == "<svg/>"


def test_out_dir_collision_names_both_inputs_and_writes_nothing(tmp_path: Path) -> None:
    a, b = _flow(tmp_path / "a"), _flow(tmp_path / "b", text="別の内容")
    out = tmp_path / "out"
    r = run_cli("render", str(a), str(b), "--out-dir", str(out))
    assert r.returncode == 2
    assert str(a) in r.stderr and str(b) in r.stderr and "同じ" in r.stderr, r.stderr
    assert not (out / "flow.svg").exists()


def test_out_dir_is_created(tmp_path: Path) -> None:
    a = _flow(tmp_path)
    out = tmp_path / "new" / "folder"
    r = run_cli("render", str(a), "--out-dir", str(out), "-f", "svg")
    assert r.returncode == 0, r.stderr
    assert (out / "flow.svg").is_file()


# ---------------------------------------------------------------- devices, pipes, links

def test_a_device_and_a_symlink_to_one_stay_what_they_are(tmp_path: Path) -> None:
    """Never aimed at the real /dev/null: a broken writer would replace it (as root) for the whole machine.
    A symlink to /dev/null (replaced by a broken writer, not /dev/null itself) and, as root, a private
    null device made with mknod stand in for it."""
    a = _flow(tmp_path)
    links = {ext: tmp_path / f"null.{ext}" for ext in ("svg", "md")}
    for link in links.values():
        link.symlink_to(os.devnull)
    targets = [links]
    if os.geteuid() == 0:
        dev = tmp_path / "private-null"
        os.mknod(dev, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        targets.append({"svg": dev, "md": dev})
    for target in targets:
        r = run_cli("render", str(a), "-f", "svg", "-o", str(target["svg"]))
        assert r.returncode == 0, r.stderr
        for args in (["check", str(a)], ["diff", str(a), str(a)], ["checklist", "--kind", "業務委託"]):
            r = run_cli(*args, "-o", str(target["md"]))
            assert r.returncode in (0, 1), r.stderr
    for link in links.values():
        assert link.is_symlink() and os.readlink(link) == os.devnull
    if os.geteuid() == 0:
        assert stat.S_ISCHR(os.lstat(tmp_path / "private-null").st_mode)


def test_a_fifo_is_written_not_replaced(tmp_path: Path) -> None:
    a = _flow(tmp_path)
    fifo = tmp_path / "chart.svg"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    r = run_cli("render", str(a), "-o", str(fifo))
    reader.join(timeout=60)
    assert r.returncode == 0, r.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert got and got[0].startswith(b"<?xml") and got[0].rstrip().endswith(b"</svg>")


@pytest.mark.parametrize("name", ["link", "/dev/fd/1"])
def test_standard_output_as_a_target_goes_to_standard_output(tmp_path: Path, name: str) -> None:
    """``-o /dev/stdout`` as users write it; tested through a private symlink to /proc/self/fd/1 (what
    /dev/stdout is) so that a broken writer could only replace that link, never the machine's /dev/stdout."""
    a = _flow(tmp_path)
    if name == "link":
        (tmp_path / "stdout").symlink_to("/proc/self/fd/1")
        name = str(tmp_path / "stdout")
    proc = subprocess.run([sys.executable, "-m", "flowdiag", "render", str(a), "-f", "svg", "-o", name],
                          capture_output=True, timeout=120, check=False, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(b"<?xml")
    assert (tmp_path / "stdout").is_symlink() or name == "/dev/fd/1"


def test_stdin_input_needs_an_output(tmp_path: Path) -> None:
    """``render /dev/stdin`` has no folder to write beside: it needs -o or --out-dir (it wrote /dev/stdin.svg).
    Run with /dev/fd/0 so that a broken command could not write into /dev."""
    a = _flow(tmp_path)
    r = run_cli("render", "/dev/fd/0", "-f", "svg", input=a.read_bytes(), cwd=tmp_path)
    assert r.returncode == 2 and "-o" in r.stderr, r.stderr
    r = run_cli("render", "/dev/stdin", "-o", str(tmp_path / "x.svg"), input=a.read_bytes(), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "x.svg").read_bytes().startswith(b"<?xml")


def test_symlink_to_a_regular_file_is_followed_and_kept(tmp_path: Path) -> None:
    a = _flow(tmp_path)
    real = tmp_path / "charts" / "real.svg"
    real.parent.mkdir()
    real.write_text("old", "utf-8")
    link = tmp_path / "latest.svg"
    link.symlink_to(real)
    r = run_cli("render", str(a), "-o", str(link))
    assert r.returncode == 0, r.stderr
    assert link.is_symlink() and real.read_bytes().startswith(b"<?xml")


def test_symlink_loop_and_overlong_paths_are_explained(tmp_path: Path) -> None:
    a = _flow(tmp_path)
    loop = tmp_path / "loop.svg"
    loop.symlink_to(loop.name)
    r = run_cli("render", str(a), "-o", str(loop))
    assert r.returncode == 2 and "循環" in r.stderr and "内部エラー" not in r.stderr, r.stderr
    r = run_cli("render", str(loop), "-o", str(tmp_path / "x.svg"))
    assert r.returncode == 2 and "循環" in r.stderr and "内部エラー" not in r.stderr, r.stderr
    long = tmp_path / ("あ" * 100 + ".svg")  # 304 bytes: longer than a file name may be
    r = run_cli("render", str(a), "-o", str(long))
    assert r.returncode == 2 and "長すぎます" in r.stderr and "内部エラー" not in r.stderr, r.stderr
    r = run_cli("render", str(long.with_suffix(".yaml")), "-o", str(tmp_path / "x.svg"))
    assert r.returncode == 2 and "長すぎます" in r.stderr and "内部エラー" not in r.stderr, r.stderr


def test_a_name_that_fits_but_whose_temporary_name_would_not(tmp_path: Path) -> None:
    a = _flow(tmp_path)
    out = tmp_path / ("x" * 246 + ".svg")  # 250 bytes: the limit is 255
    r = run_cli("render", str(a), "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert out.read_bytes().startswith(b"<?xml")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


# ---------------------------------------------------------------- modes and atomic replacement

def test_new_files_follow_the_umask_and_replaced_files_keep_their_mode(tmp_path: Path) -> None:
    a = _flow(tmp_path)
    code = ("import os, sys; os.umask(0o027); from flowdiag.cli import main; "
            "main(sys.argv[1:], prog_name='flowdiag')")
    new = tmp_path / "new.svg"
    subprocess.run([sys.executable, "-c", code, "render", str(a), "-o", str(new)], check=True, capture_output=True,
                   timeout=120)
    assert stat.S_IMODE(new.stat().st_mode) == 0o640
    kept = tmp_path / "kept.md"
    kept.write_text("old", "utf-8")
    kept.chmod(0o600)
    r = run_cli("diff", str(a), str(_flow(tmp_path, "b.yaml", "別")), "-o", str(kept))
    assert r.returncode == 1, r.stderr
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600 and kept.read_text("utf-8") != "old"


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.md"
    target.write_text("承認済みの報告", "utf-8")
    real_write = os.write
    calls = {"n": 0}

    def full_disk(fd: int, data: bytes | memoryview) -> int:
        calls["n"] += 1
        if calls["n"] > 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, bytes(data[:10]))

    from flowdiag.output import Outputs

    monkeypatch.setattr(os, "write", full_disk)
    with pytest.raises(FlowError) as info:
        Outputs().write(target, "新しい報告".encode() * 1000)
    assert "ディスクの空きがありません" in str(info.value)
    assert target.read_text("utf-8") == "承認済みの報告"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_diff_output_is_written_atomically(tmp_path: Path) -> None:
    """diff -o goes through the shared writer: the report appears whole, by rename."""
    a, b = _flow(tmp_path, "a.yaml"), _flow(tmp_path, "b.yaml", "別の内容")
    out = tmp_path / "report.md"
    out.write_text("old", "utf-8")
    ino = out.stat().st_ino
    r = run_cli("diff", str(a), str(b), "-f", "markdown", "-o", str(out))
    assert r.returncode == 1, r.stderr
    assert out.stat().st_ino != ino  # replaced, not rewritten in place
    assert "別の内容" in out.read_text("utf-8")


def test_checklist_pdf_is_the_same_on_every_run(tmp_path: Path) -> None:
    sample = ROOT / "samples" / "000-keitai-toilet.yaml"
    outs = []
    for n in (1, 2):
        out = tmp_path / f"c{n}.pdf"
        r = run_cli("checklist", str(sample), "-o", str(out))
        assert r.returncode == 0, r.stderr
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
