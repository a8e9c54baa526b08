"""Failures that used to be internal errors are messages: diff --textconv/--git on files that cannot be
read, a PNG larger than cairo can draw."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.seedlike import seedlike_yaml
from tests.conftest import ROOT, run_cli

SAMPLE = ROOT / "samples" / "000-keitai-toilet.yaml"


@pytest.mark.parametrize("what", ["missing", "folder"])
def test_textconv_on_a_file_that_cannot_be_read(tmp_path: Path, what: str) -> None:
    target = tmp_path / "x.yaml"
    if what == "folder":
        target.mkdir()
    r = run_cli("diff", "--textconv", str(target))
    assert r.returncode == 2 and "内部エラー" not in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert ("見つかりません" if what == "missing" else "フォルダ") in r.stderr


def test_git_driver_on_files_that_cannot_be_read(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    r = run_cli("diff", "--git", "p.yaml", str(tmp_path / "gone.yaml"), "1" * 40, "100644", str(folder), "2" * 40,
                "100644")
    assert r.returncode == 0 and "内部エラー" not in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert "見つかりません" in r.stderr


def test_a_png_larger_than_cairo_can_draw_is_refused(tmp_path: Path) -> None:
    flow = tmp_path / "big.yaml"
    flow.write_text(seedlike_yaml(400), "utf-8")
    out = tmp_path / "big.png"
    r = run_cli("render", str(flow), "--page", "fit", "--dpi", "1200", "-o", str(out))
    assert r.returncode == 2 and "内部エラー" not in r.stderr, r.stderr
    assert "PNG が大きすぎます" in r.stderr and "--dpi" in r.stderr
    assert not out.exists()
