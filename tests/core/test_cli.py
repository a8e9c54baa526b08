"""The command line as users run it: exit codes, messages, files written or not."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from flowdiag import __version__
from tests.conftest import SAMPLES, run_cli

SAMPLE = SAMPLES[0]


def test_version_and_help() -> None:
    r = run_cli("--version")
    assert r.returncode == 0 and __version__ in r.stdout
    h = run_cli("render", "--help")
    assert h.returncode == 0 and "資料X-1" in h.stdout and "--out-dir" in h.stdout


def test_render_several_inputs_to_a_folder(tmp_path: Path) -> None:
    r = run_cli("render", *map(str, SAMPLES[:2]), "--out-dir", str(tmp_path), "-f", "svg", "-f", "png")
    assert r.returncode == 0, r.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(f"{s.stem}.{f}" for s in SAMPLES[:2] for f in ("svg", "png"))


def test_format_from_extension(tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    assert run_cli("render", str(SAMPLE), "-o", str(out)).returncode == 0
    assert out.read_bytes().startswith(b"%PDF-")


def test_unknown_extension_is_a_usage_error(tmp_path: Path) -> None:
    r = run_cli("render", str(SAMPLE), "-o", str(tmp_path / "x.jpg"))
    assert r.returncode == 2 and "拡張子" in r.stderr
    assert not (tmp_path / "x.jpg").exists()


def test_missing_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "nope" / "x.svg"
    r = run_cli("render", str(SAMPLE), "-o", str(out))
    assert r.returncode == 2
    assert "出力先のフォルダ" in r.stderr and "Traceback" not in r.stderr
    assert not out.exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only folders")
def test_read_only_output_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        r = run_cli("render", str(SAMPLE), "-o", str(folder / "x.svg"))
        assert r.returncode == 2 and "書き込めません" in r.stderr
    finally:
        folder.chmod(0o755)


def test_output_equal_to_input_is_refused(tmp_path: Path) -> None:
    flow = tmp_path / "flow.svg"
    flow.write_bytes(SAMPLE.read_bytes())
    before = flow.read_bytes()
    r = run_cli("render", str(flow), "-o", str(flow))
    assert r.returncode == 2 and "入力ファイルと同じ" in r.stderr
    assert flow.read_bytes() == before


def test_bad_input_leaves_no_output_and_input_unchanged(tmp_path: Path) -> None:
    flow = tmp_path / "bad.yaml"
    flow.write_text("flowdiag: 1\ndocument: {number: x, title: y}\nactors:\n  - {id: a, nmae: b}\n", "utf-8")
    before = flow.read_bytes()
    out = tmp_path / "bad.svg"
    r = run_cli("render", str(flow), "-o", str(out))
    assert r.returncode == 2
    assert f"{flow}:4:" in r.stderr and "nmae" in r.stderr and "Traceback" not in r.stderr
    assert not out.exists() and flow.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_missing_file_and_folder_input(tmp_path: Path) -> None:
    r = run_cli("render", str(tmp_path / "nope.yaml"), "-o", str(tmp_path / "x.svg"))
    assert r.returncode == 2 and "見つかりません" in r.stderr
    r = run_cli("render", str(tmp_path), "-o", str(tmp_path / "x.svg"))
    assert r.returncode == 2 and "フォルダが指定されました" in r.stderr


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("- a\n", "utf-8")
    r = run_cli("render", str(bad), str(SAMPLE), "--out-dir", str(tmp_path))
    assert r.returncode == 2
    assert (tmp_path / f"{SAMPLE.stem}.svg").exists()
    assert not (tmp_path / "bad.svg").exists()


def test_doctor_reports_bundled_font() -> None:
    r = run_cli("doctor")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "cairo" in r.stdout and "BIZUDGothic-Regular" in r.stdout and "(同梱)" in r.stdout


def test_stencils_lists_catalog_ids() -> None:
    r = run_cli("stencils")
    assert r.returncode == 0 and "itaku.returned_and_erased" in r.stdout and "sets.system" in r.stdout


def test_python_m_and_console_script_agree() -> None:
    assert run_cli("--help").returncode == 0


def test_font_warning_names_missing_characters(tmp_path: Path) -> None:
    flow = tmp_path / "f.yaml"
    flow.write_text("flowdiag: 1\ndocument: {number: 資料1-1, title: 𠮷野の流れ}\nactors:\n  - {id: a, name: 区✔}\n",
                    "utf-8")
    r = run_cli("render", str(flow), "-o", str(tmp_path / "f.svg"))
    assert r.returncode == 0
    assert "𠮷" in r.stderr and "✔" in r.stderr and "warning" in r.stderr


def test_several_formats_say_each_thing_once(tmp_path: Path) -> None:
    good = tmp_path / "g.yaml"
    good.write_text("flowdiag: 1\ndocument: {number: 資料1, title: 𠮷野家の流れ}\nactors: [{id: a, name: 区}]\n",
                    encoding="utf-8")
    bad = tmp_path / "b.yaml"
    bad.write_text("flowdiag: 1\nactors: []\n", encoding="utf-8")
    proc = run_cli("render", str(good), str(bad), "--out-dir", str(tmp_path), "-f", "svg", "-f", "pdf", "-f", "png")
    assert proc.returncode == 2
    assert proc.stderr.count("warning:") == 1, proc.stderr  # the missing-glyph warning, once for three formats
    assert proc.stderr.count("b.yaml:1:1: error") == 1, proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.yaml", "g.pdf", "g.png", "g.svg", "g.yaml"]
