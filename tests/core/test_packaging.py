"""The wheel holds everything flowdiag reads at run time, inside the package: the catalogs (from the
top-level stencils/ folder), the checklist templates, the fonts and py.typed. Installed where the prefix
is not sys.prefix (as ``pip install --user`` or ``--target`` do), the catalogs are still found."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                           "-w", str(out), str(ROOT)], capture_output=True, text=True, timeout=600, check=False,
                          cwd=out)
    assert proc.returncode == 0, proc.stderr
    return next(out.glob("flowdiag-*.whl"))


def test_the_wheel_holds_the_catalogs_inside_the_package(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for f in sorted((ROOT / "stencils").rglob("*.yaml")):
        assert f"flowdiag/stencils/{f.relative_to(ROOT / 'stencils').as_posix()}" in names, f
    assert "flowdiag/py.typed" in names
    assert any(n.startswith("flowdiag/fonts/") and n.endswith(".ttf") for n in names)
    assert not any(".data/data/" in n for n in names), "data-files are found through sys.prefix: not usable"


def test_an_install_outside_the_prefix_finds_its_catalogs(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
                           str(wheel)], capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr
    code = ("import flowdiag, sys\n"
            "from flowdiag.catalog import load_catalog, stencils_dir\n"
            "from flowdiag.resolve.templates import load_templates\n"
            f"assert flowdiag.__file__.startswith({str(target)!r}), flowdiag.__file__\n"
            f"assert str(stencils_dir()).startswith({str(target)!r}), stencils_dir()\n"
            "assert not str(stencils_dir()).startswith(sys.prefix)\n"
            "print(len(load_catalog().measures), sorted(load_templates()))\n")
    env = {**os.environ, "PYTHONPATH": str(target)}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False,
                         cwd=tmp_path, env=env)
    assert run.returncode == 0, run.stderr
    count, kinds = run.stdout.split(" ", 1)
    assert int(count) > 20 and "業務委託" in kinds
    flow = ROOT / "samples" / "000-keitai-toilet.yaml"
    check = subprocess.run([sys.executable, "-m", "flowdiag", "check", str(flow)], capture_output=True, text=True,
                           timeout=120, check=False, cwd=tmp_path, env=env)
    assert check.returncode in (0, 1), check.stderr
