"""The command line loads only what the command needs, and ends cleanly when its reader goes away."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "000-keitai-toilet.yaml"
HEAVY = ["pydantic", "yaml", "graphviz", "budoux", "cairosvg", "cairocffi", "flowdiag.check", "flowdiag.diff",
         "flowdiag.render.pipeline", "flowdiag.render.raster"]


def _modules_after(args: list[str], cwd: Path) -> tuple[int, list[str]]:
    """Run the CLI in a fresh interpreter and list which heavy modules it imported."""
    code = ("import json, sys\nfrom flowdiag.cli import main\n"
            f"try:\n    main({args!r}, prog_name='flowdiag')\nexcept SystemExit as e:\n    code = e.code or 0\n"
            f"print(json.dumps([code, [m for m in {HEAVY!r} if m in sys.modules]]))\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=120,
                          check=False)
    code_, mods = json.loads(proc.stdout.strip().splitlines()[-1])
    return code_, mods


def test_every_command_is_in_the_lazy_table() -> None:
    from flowdiag.cli import main

    for module in sorted(set(main.lazy.values())):
        importlib.import_module(module, "flowdiag.cli")
    for name, cmd in main.commands.items():
        assert name in main.lazy, f"command {name} is not in flowdiag/cli/__init__.py main.lazy"
        assert cmd.callback is not None
        assert cmd.callback.__module__ == "flowdiag.cli" + main.lazy[name], name


def test_version_loads_nothing_heavy(tmp_path: Path) -> None:
    code, mods = _modules_after(["--version"], tmp_path)
    assert code == 0
    assert mods == []


def test_svg_render_loads_neither_cairo_nor_the_other_stages(tmp_path: Path) -> None:
    code, mods = _modules_after(["render", str(SAMPLE), "-o", str(tmp_path / "x.svg")], tmp_path)
    assert code == 0
    for heavy in ("cairosvg", "cairocffi", "flowdiag.render.raster", "flowdiag.check", "flowdiag.diff"):
        assert heavy not in mods, f"{heavy} was imported to write an SVG"


def test_pdf_render_loads_cairo(tmp_path: Path) -> None:
    code, mods = _modules_after(["render", str(SAMPLE), "-o", str(tmp_path / "x.pdf")], tmp_path)
    assert code == 0
    assert "cairosvg" in mods


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX shell pipe")
def test_a_closed_pipe_ends_quietly() -> None:
    proc = subprocess.run(f"'{sys.executable}' -m flowdiag stencils | head -n 1", shell=True, capture_output=True,
                          text=True, timeout=120, check=False)
    assert proc.returncode == 0
    assert proc.stdout.count("\n") == 1
    assert "Traceback" not in proc.stderr and "内部エラー" not in proc.stderr and "Broken pipe" not in proc.stderr
