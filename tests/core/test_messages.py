"""Messages for people: every error of a file at once, in Japanese, on one line each, naming the
characters that look right but are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from flowdiag.catalog import load_catalog
from flowdiag.diagnostics import FlowError
from flowdiag.load.validate import load_flow_text
from tests.conftest import ROOT, run_cli

MINIMAL = (ROOT / "tests" / "bad" / "cases" / "ok_minimal.yaml").read_text("utf-8")
ENGLISH = ("should", "Input", "valid", "Field", "List", "String", "characters", "items", "Error:", "Invalid value")


def _errors(text: str) -> list[str]:
    with pytest.raises(FlowError) as info:
        load_flow_text(text, "f.yaml")
    return [str(d) for d in info.value.diagnostics]


def test_syntax_schema_and_reference_errors_come_in_one_run() -> None:
    text = (MINIMAL.replace("    medium: usb\n", "    medium: usb\n    timming: 月1回\n")
            .replace("to: contractor", "to: ofice").replace("channel: hand", "channel: phone"))
    lines = _errors(text)
    assert len(lines) == 3, lines
    assert lines[0].startswith("f.yaml:20:9: error: 主体・場所「ofice」が定義されていません")
    assert lines[1].startswith("f.yaml:23:5: error: 不明なキー「timming」です — timing のことですか？")
    assert lines[2].startswith("f.yaml:24:14: error: channel「phone」は stencils にありません")


def test_a_refused_value_does_not_stop_the_other_checks() -> None:
    text = MINIMAL.replace("text: 対象者情報の提供", "text: !!python/name:os.system x").replace("to: contractor", "to: ofice")
    lines = _errors(text)
    assert any("使えないタグ" in x for x in lines) and any("ofice" in x for x in lines), lines


def test_check_summary_counts_a_file_that_did_not_load(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL.replace("to: contractor", "to: ofice"), "utf-8")
    r = run_cli("check", str(bad))
    assert r.returncode == 2
    assert "1 ファイル（読み込めないファイル 1）: エラー 1、警告 0、情報 0" in r.stdout, r.stdout


@pytest.mark.parametrize(("old", "new", "where", "words"), [
    ("    name: 委託事業者", "  \u3000name: 委託事業者", "f.yaml:10:3:", "全角スペース"),
    ("    name: 委託事業者", "    name\uff1a 委託事業者", "f.yaml:10:9:", "全角コロン"),
    ("    name: 委託事業者", "    name:\u00a0委託事業者", "f.yaml:10:10:", "ノーブレークスペース"),
    ("text: 対象者情報の提供", "text: 対象者情報\u2028の提供", "f.yaml:21:16:", "行区切り文字"),
])
def test_look_alike_characters_are_named_where_they_are(old: str, new: str, where: str, words: str) -> None:
    lines = _errors(MINIMAL.replace(old, new))
    assert lines[0].startswith(where) and words in lines[0], lines


def test_invisible_and_foreign_letters_are_named() -> None:
    zw = _errors(MINIMAL.replace("    medium: usb", "    medium\u200b: usb"))[0]
    assert "U+200B ゼロ幅スペース" in zw and "\u200b" not in zw
    cyr = _errors(MINIMAL.replace("to: contractor", "to: contr\u0430ctor"))[0]
    assert "キリル文字" in cyr and "U+0430" in cyr


def test_a_newline_in_a_key_or_text_cannot_forge_a_message_line(tmp_path: Path) -> None:
    forged = "f.yaml:1:1: error: 偽の行"
    bad = tmp_path / "f.yaml"
    bad.write_text(MINIMAL.replace("    medium: usb", f'    "medium\\n{forged}": usb'), "utf-8")
    r = run_cli("check", str(bad))
    assert not any(line.startswith("f.yaml:1:1") for line in r.stderr.splitlines()), r.stderr
    ok = tmp_path / "g.yaml"
    ok.write_text(MINIMAL.replace("title: 対象者情報", f'title: "対象者情報\\n{forged}\\r"'), "utf-8")
    r = run_cli("check", str(ok))
    assert r.returncode in (0, 1), r.stderr
    assert "対象者情報\\n" in r.stdout
    assert not any(line.startswith("f.yaml:1:1") for line in (r.stdout + r.stderr).splitlines()), r.stdout


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("steps:", "links:\n  - {between: [ward], channel: LGWAN}\nsteps:", "id を2つ書いてください（1 つ書かれています）"),
    ("steps:", "links:\n  - {between: [ward, contractor, ward], channel: LGWAN}\nsteps:", "2つの id です（3 つ"),
    ("id: targets", "id: " + "t" * 70, "長すぎます（70 文字。64 文字まで）"),
    ("kind: contractor", "kind: contracter", "contractor のことですか？"),
])
def test_validation_messages_are_japanese(old: str, new: str, expected: str) -> None:
    lines = _errors(MINIMAL.replace(old, new, 1))
    assert any(expected in x for x in lines), lines
    for word in ENGLISH:
        assert not any(word in x for x in lines), lines


def test_links_that_could_not_be_drawn_are_refused() -> None:
    text = (MINIMAL.replace("    kind: contractor", "    kind: contractor\n    places: [{id: pc, name: PC}]")
            + "links:\n  - {between: [contractor, pc], channel: LAN}\n  - {between: [ward, ward], channel: LAN}\n"
              "  - {id: l1, between: [ward, contractor], channel: LGWAN}\n"
              "  - {id: l1, between: [ward, contractor], channel: VPN}\n")
    lines = _errors(text)
    assert any("同じ主体「contractor」の中" in x for x in lines), lines
    assert any("両端が同じ「ward」" in x for x in lines), lines
    assert any("回線の id「l1」が重複" in x for x in lines), lines


def test_a_checklist_row_without_a_form_is_a_message_not_an_internal_error(tmp_path: Path) -> None:
    flow = tmp_path / "f.yaml"
    flow.write_text(MINIMAL.replace("    kind: contractor", "    kind: contractor\n    measures:\n      operational:\n"
                                    "        - {text: 鍵付きカバン, row: locked}"), "utf-8")
    r = run_cli("check", str(flow))
    assert r.returncode == 2 and "様式.行" in r.stderr and "内部エラー" not in r.stderr, r.stderr


def test_catalog_words_in_another_case_or_width_are_recognised() -> None:
    cat = load_catalog()
    assert [cat.find_medium(w).id for w in ("USB", "ＵＳＢ", "Usb")] == ["usb"] * 3  # type: ignore[union-attr]
    assert cat.find_channel("Tel").id == "tel"  # type: ignore[union-attr]
    lf = load_flow_text(MINIMAL.replace("medium: usb", "medium: USB").replace("channel: hand", "channel: Tel"))
    assert lf.warnings == []


def test_an_ascii_word_taken_as_free_text_gets_a_warning() -> None:
    lf = load_flow_text(MINIMAL.replace("medium: usb", "medium: MO"), "f.yaml")
    assert len(lf.warnings) == 1
    assert "自由記述として描きます" in lf.warnings[0].message and lf.warnings[0].line == 22


def test_an_ascii_word_that_names_a_medium_is_checked_without_a_warning() -> None:
    """「USB-C」 is a USB stick and 「Web form」 the web: the checks read them, nothing to warn about."""
    lf = load_flow_text(MINIMAL.replace("medium: usb", "medium: USB-C"), "f.yaml")
    assert not lf.warnings
    assert lf.catalog.medium_meaning("USB-C").id == "usb"


def test_a_newline_in_changed_text_stays_on_its_line_in_diff(tmp_path: Path) -> None:
    forged = "＋追加 偽の変更"
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(MINIMAL, "utf-8")
    new.write_text(MINIMAL.replace("text: 対象者情報の提供", f'text: "対象者情報の提供\\n{forged}"'), "utf-8")
    r = run_cli("diff", str(old), str(new), "--no-color")
    assert r.returncode == 1, r.stderr
    assert "\\n" + forged in r.stdout and not any(line.startswith(forged) for line in r.stdout.splitlines())
