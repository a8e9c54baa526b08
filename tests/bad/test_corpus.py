"""The bad-input corpus: every file in cases/ through the real command line.

A case is ``cases/NAME.expected`` (with ``cases/NAME.yaml`` as its input unless it says otherwise).
The ``.expected`` file starts with ``# key: value`` lines, then the exact stderr lines expected:

    # exit: 2                       exit code (default 2)
    # input: NAME.yaml              the file copied in as the input (default NAME.yaml);
    #                               ``generated`` (generators.py), ``none`` or ``dir`` (a folder)
    # args: render {in} -o out/x.svg   the command line ({in} is the input's name)
    # output: out/x.svg             the output to look for (``none``: nothing to look for)
    # setup: locked-folder | unreadable-input
    # skip-if: root                 (permission cases: root may write anywhere)
    # requires: /sys                (a path that must exist: a folder even root cannot write to)

Every case runs ``python -m flowdiag`` in a subprocess in its own folder, so messages name
``NAME.yaml`` and ``out/NAME.svg``. Every case must: exit as expected, print exactly the expected
lines (each error and warning with a hint after " — "), print no traceback and no internal error,
leave the input byte for byte as it was, write no output on failure (and no temporary file ever),
and write a well-formed SVG on success. The same input also goes through ``flowdiag check``, which
must report findings or refuse it, never crash.

``FLOWDIAG_UPDATE_GOLDEN=1 pytest tests/bad`` rewrites the expected lines (not the headers).
The cases run in parallel (one per core), so the corpus takes a few seconds per core.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .generators import GENERATORS

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
UPDATE = os.environ.get("FLOWDIAG_UPDATE_GOLDEN") == "1"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
DIAGNOSTIC = re.compile(r"^(?P<where>.+?): (?P<sev>error|warning): (?P<msg>.+?) — (?P<hint>\S.*)$")


@dataclass
class Case:
    name: str
    exit: int = 2
    input: str = ""
    args: str = "render {in} -o out/{name}.svg"
    output: str = "out/{name}.svg"
    setup: str = ""
    skip_if: str = ""
    requires: str = ""
    header: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, path: Path) -> Case:
        case = cls(path.stem)
        case.input = f"{path.stem}.yaml"
        for raw in path.read_text("utf-8").splitlines():
            m = re.match(r"^# ([a-z-]+): (.*)$", raw)
            if m and not case.lines:
                case.header.append(raw)
                key, value = m.group(1).replace("-", "_"), m.group(2).strip()
                setattr(case, key, int(value) if key == "exit" else value)
            elif raw.strip():
                case.lines.append(raw)
        return case

    def input_name(self) -> str:
        if self.input in ("generated", "none", "dir"):
            return self.name if self.input == "dir" else f"{self.name}.yaml"
        return self.input

    def argv(self) -> list[str]:
        return self.args.format(**{"in": self.input_name(), "name": self.name}).split()

    def output_path(self) -> str | None:
        if self.output == "none":
            return None
        return self.output.format(name=self.name)


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str
    input_before: str | None
    input_after: str | None
    folder: Path
    check: subprocess.CompletedProcess[bytes] | None = None


ALL = [Case.read(p) for p in sorted(CASES.glob("*.expected"))]
BY_NAME = {c.name: c for c in ALL}


def _digest(path: Path) -> str | None:
    if path.is_file():
        return hashlib.sha256(path.read_bytes()).hexdigest()
    return None


def _prepare(case: Case, folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "out").mkdir()
    target = folder / case.input_name()
    if case.input == "generated":
        GENERATORS[case.name](target)
    elif case.input == "dir":
        target.mkdir()
    elif case.input != "none":
        shutil.copyfile(CASES / case.input, target)
    if case.setup == "locked-folder":
        (folder / "locked").mkdir()
        (folder / "locked").chmod(0o555)
    elif case.setup == "unreadable-input":
        target.chmod(0)
    return target


def run_case(case: Case, base: Path) -> Result:
    folder = base / case.name
    target = _prepare(case, folder)
    before = _digest(target) if case.setup != "unreadable-input" else None
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run([sys.executable, "-m", "flowdiag", *case.argv()], cwd=folder, capture_output=True,
                          timeout=600, env=env, check=False)
    check = None
    if case.setup == "unreadable-input":
        target.chmod(0o644)
        before = after = None
    elif case.input not in ("none", "dir"):
        # the same file through `flowdiag check`: findings or refusal, never a crash
        check = subprocess.run([sys.executable, "-m", "flowdiag", "check", case.input_name()], cwd=folder,
                               capture_output=True, timeout=600, env=env, check=False)
        after = _digest(target)
    else:
        after = _digest(target)
    return Result(proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"),
                  before, after, folder, check)


def _skip_reason(case: Case) -> str | None:
    if case.skip_if == "root" and IS_ROOT:
        return "root can write to any folder and read any file"
    if case.requires and not Path(case.requires).exists():
        return f"{case.requires} does not exist on this system"
    return None


@pytest.fixture(scope="module")
def results(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Result]:
    """Run the selected cases, one per core at a time."""
    wanted = {item.callspec.params["name"] for item in request.session.items
              if getattr(item, "module", None) is request.module and hasattr(item, "callspec")
              and "name" in item.callspec.params}
    todo = [BY_NAME[n] for n in sorted(wanted) if _skip_reason(BY_NAME[n]) is None]
    base = tmp_path_factory.mktemp("bad")
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        return dict(zip((c.name for c in todo), pool.map(lambda c: run_case(c, base), todo), strict=True))


def test_corpus_is_big_enough() -> None:
    assert len(ALL) >= 40
    for case in ALL:
        if case.input not in ("generated", "none", "dir"):
            assert (CASES / case.input).is_file(), f"{case.name}: input {case.input} is missing"
        if case.input == "generated":
            assert case.name in GENERATORS, f"{case.name}: no generator"
        if not UPDATE:
            assert case.lines or case.exit == 0, f"{case.name}: no expected message"


@pytest.mark.parametrize("name", [c.name for c in ALL])
def test_case(name: str, results: dict[str, Result]) -> None:
    case = BY_NAME[name]
    reason = _skip_reason(case)
    if reason:
        pytest.skip(reason)
    res = results[name]
    out = case.output_path()
    shown = [line for line in res.stderr.splitlines() if line.strip() and line != out]
    assert "Traceback" not in res.stderr + res.stdout, res.stderr
    assert "内部エラー" not in res.stderr, res.stderr
    assert "pwned" not in res.stdout + res.stderr  # python_tag: nothing was executed
    assert res.returncode == case.exit, f"exit {res.returncode}, expected {case.exit}\n{res.stderr}"
    if UPDATE:
        (CASES / f"{name}.expected").write_text("\n".join(case.header + shown) + "\n", "utf-8")
    else:
        assert shown == case.lines
    for line in shown:
        if ": error:" in line or ": warning:" in line:
            assert DIAGNOSTIC.match(line), f"no fix hint (… — hint) in: {line}"
    # the input is never modified
    assert res.input_after == res.input_before
    # no partial output, no temporary file left behind
    if out:
        written = Path(out) if Path(out).is_absolute() else res.folder / out
        if case.exit == 0:
            assert written.is_file() and written.stat().st_size > 0
            if written.suffix == ".svg":
                ET.fromstring(written.read_bytes())
        else:
            assert not written.exists(), f"{out} was written although the render failed"
    leftovers = [p for p in res.folder.rglob(".*.tmp")]
    assert not leftovers, leftovers
    if res.check is not None:
        text = (res.check.stdout + res.check.stderr).decode("utf-8", "replace")
        assert res.check.returncode in (0, 1, 2), text
        assert "Traceback" not in text and "内部エラー" not in text, text
        if case.exit == 2 and case.args == Case.args and case.lines[0].startswith(case.input_name()):
            assert res.check.returncode == 2, f"check accepted what render refused:\n{text}"
