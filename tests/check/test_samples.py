"""The samples carry their packets as submitted: check must report each real inconsistency, at the
right line, and nothing else at warning or error level."""

from __future__ import annotations

from pathlib import Path

import pytest

from flowdiag.check.engine import check_loaded
from flowdiag.load.validate import load_flow

ROOT = Path(__file__).resolve().parents[2]

# (rule, severity, text that must be on the reported line, text that must be in the message)
EXPECTED = {
    "000-keitai-toilet": [
        ("form-item-acquired", "warning", "電話番号", "【コールセンター】で取得する「電話番号」が様式（業務委託）の情報項目にありません"),
        ("form-item-near-miss", "warning", "世帯主力ナ氏名", "「世帯主力ナ氏名」は、様式（業務委託）の情報項目では「世帯主カナ氏名」"),
        ("form-item-near-miss", "warning", "削除フラグ", "「削除フラグ」は、様式（業務委託）の情報項目では「消除フラグ」"),
    ],
    "001-seikatsu-hogo": [],
    "004-ikiiki-hiking": [
        ("lifecycle-no-return", "error", "id: contractor", "委託先にある「応募者情報、参加者情報」"),
        ("measure-typo", "warning", "最新のバーチャルファイルの適用", "「最新のパターンファイルの適用」の誤記"),
        ("lifecycle-no-return", "error", "id: box", "Boxにある「応募者情報、参加者情報」"),
        ("measure-typo", "warning", "最新のバーチャルファイルの適用", "「最新のパターンファイルの適用」の誤記"),
        ("checklist-blank", "error", "system: [null", "チェックリスト4（外部結合） 区が行う情報保護対策【システム上の対策】 1行目"),
    ],
}

# info findings expected on each sample (rule → count)
EXPECTED_INFO = {
    "000-keitai-toilet": {"form-item-acquired": 1, "measure-drift": 1, "checklist-untraced": 2,
                          "packet-data-items": 5},  # 配布情報, 対応記録データ, マスタデータ, 転出者ファイル, 転出者情報
    "001-seikatsu-hogo": {"checklist-untraced": 1},
    "004-ikiiki-hiking": {"measure-drift": 2, "form-item-not-on-chart": 4, "form-medium": 1,
                          "checklist-untraced": 5, "checklist-wording": 4, "packet-data-items": 1},  # 申込者情報
}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_sample_findings(name: str) -> None:
    path = ROOT / "samples" / f"{name}.yaml"
    lines = path.read_text("utf-8").splitlines()
    result = check_loaded(load_flow(path))
    serious = [f for f in result.active() if f.severity != "info"]
    assert len(serious) == len(EXPECTED[name]), [f.text() for f in serious]
    for f, (rule, severity, on_line, in_message) in zip(serious, EXPECTED[name], strict=True):
        assert (f.rule, f.severity) == (rule, severity), f.text()
        assert on_line in lines[f.line - 1], (f.text(), lines[f.line - 1])
        assert in_message in f.message, f.message
    infos: dict[str, int] = {}
    for f in result.active():
        if f.severity == "info":
            infos[f.rule] = infos.get(f.rule, 0) + 1
    assert infos == EXPECTED_INFO[name]


def test_near_miss_columns_point_at_the_item() -> None:
    path = ROOT / "samples" / "000-keitai-toilet.yaml"
    lines = path.read_text("utf-8").splitlines()
    for f in check_loaded(load_flow(path)).active():
        if f.rule == "form-item-near-miss":
            written = f.message.split("「")[1].split("」")[0]
            assert lines[f.line - 1][f.col - 1:].startswith(written)


def test_blank_mark_hint_names_the_chart_measure() -> None:
    result = check_loaded(load_flow(ROOT / "samples" / "004-ikiiki-hiking.yaml"))
    blank = next(f for f in result.active() if f.rule == "checklist-blank")
    assert "新宿区" in blank.hint and "特定相手以外の通信不可" in blank.hint


def test_no_sample_has_a_false_error() -> None:
    for name in EXPECTED:
        result = check_loaded(load_flow(ROOT / "samples" / f"{name}.yaml"))
        errors = {f.rule for f in result.active() if f.severity == "error"}
        assert errors <= {"lifecycle-no-return", "checklist-blank"}
