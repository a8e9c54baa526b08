"""Inputs the fuzzers once broke flowdiag with, kept as cases (regressions/*.yaml).

Header lines say what each must do:

    # expect: render          renders, and every text of the flow is in the SVG
    # expect: exit-0-or-2     (saved automatically by a fuzz test) renders or is refused, cleanly
    # known-defect: …         filed and not fixed yet: the case is expected to fail (strict xfail,
                              so the fix shows up as XPASS and the line must then be removed)
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from flowdiag.load.files import decode
from flowdiag.load.validate import load_flow_text
from flowdiag.render.pipeline import RenderOptions, render

from .test_render_fuzz import drawn_texts, squash

REGRESSIONS = Path(__file__).resolve().parent / "regressions"
FILES = sorted(REGRESSIONS.glob("*.yaml"))


def _header(raw: bytes) -> dict[str, str]:
    head: dict[str, str] = {}
    for line in raw.decode("utf-8", "replace").splitlines():
        m = re.match(r"^# ([a-z-]+): (.*)$", line)
        if m:
            head[m.group(1)] = m.group(2)
        elif not line.startswith("#"):
            break
    return head


def _params() -> list[object]:
    out = []
    for path in FILES:
        head = _header(path.read_bytes())
        marks = [pytest.mark.xfail(reason=head["known-defect"], strict=True)] if "known-defect" in head else []
        out.append(pytest.param(path, id=path.stem, marks=marks))
    return out


@pytest.mark.parametrize("path", _params())
def test_regression_case(path: Path, tmp_path: Path) -> None:
    raw = path.read_bytes()
    head = _header(raw)
    src = tmp_path / path.name
    src.write_bytes(raw)
    proc = subprocess.run([sys.executable, "-m", "flowdiag", "render", path.name, "-o", "out.svg"], cwd=tmp_path,
                          capture_output=True, timeout=300, check=False)
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and "内部エラー" not in err and "レイアウトに失敗しました" not in err, err
    assert proc.returncode in (0, 2), err
    assert src.read_bytes() == raw
    if head.get("expect") == "render":
        assert proc.returncode == 0, err
        text, _ = decode(raw, path.name)
        flow = yaml.safe_load(text)
        svg = render(load_flow_text(text, path.name), "svg", RenderOptions(page="fit")).data
        drawn = squash("".join(ET.fromstring(svg).itertext()))
        missing = [(where, t) for where, t in drawn_texts(flow) if squash(t) not in drawn]
        assert not missing, f"not drawn: {missing}"
