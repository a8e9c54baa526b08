"""The checks across the packet on a flow written apart from the samples (two 電算処理 forms, a
subcontract, a meeting date), each broken one way at a time; and the 和暦 parser's properties."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flowdiag.check.engine import check_loaded
from flowdiag.load.validate import load_flow_text
from flowdiag.model.dates import parse_date, parse_period, wareki

FLOW = (Path(__file__).resolve().parents[1] / "packet" / "flows" / "juki-kaishu.yaml").read_text("utf-8")
PACKET_RULES = ("packet-", "text-")


def findings(text: str) -> list[tuple[str, str, str, int]]:
    result = check_loaded(load_flow_text(text, "juki.yaml"))
    lines = text.splitlines()
    out = []
    for f in result.active():
        if f.rule.startswith(PACKET_RULES):
            assert f.line is not None
            out.append((f.rule, f.severity, f.message, f.line))
            assert lines[f.line - 1].strip(), f.text()
    return out


def changed(old: str, new: str) -> list[tuple[str, str, str, int]]:
    assert old in FLOW, old
    return findings(FLOW.replace(old, new, 1))


def test_the_flow_as_written_is_clean() -> None:
    assert findings(FLOW) == []


def test_test_before_development_is_out_of_order() -> None:
    got = changed("test: 令和8年12月1日から令和9年1月31日まで", "test: 令和8年7月1日から令和9年1月31日まで")
    assert [(r, s) for r, s, _, _ in got] == [("packet-date-order", "error"), ("packet-date-contract", "warning")]
    assert "テストの時期（令和8年7月1日）が開発の時期（令和8年8月1日）より前" in got[0][2]
    assert "電算処理（住民記録システムの項目追加）" in got[0][2]


def test_a_period_ending_before_it_starts() -> None:
    got = changed("period: 令和8年9月1日から令和9年1月31日まで", "period: 令和8年9月1日から令和8年1月31日まで")
    assert ("packet-date-order", "error") in [(r, s) for r, s, _, _ in got]


def test_a_subcontract_outlasting_the_contract() -> None:
    got = changed("period: 令和8年9月1日から令和9年1月31日まで", "period: 令和8年9月1日から令和9年6月30日まで")
    assert [(r, s) for r, s, _, _ in got] == [("packet-date-contract", "warning")]
    assert "委託の期間（令和8年7月15日から令和9年3月31日まで）の後まで続きます" in got[0][2]


def test_periods_already_running_or_over_at_the_meeting() -> None:
    got = changed("    date: 令和8年6月18日\n  summary:", "    date: 令和8年8月20日\n  summary:")
    assert {(r, s) for r, s, _, _ in got} == {("packet-date-past", "warning")}
    assert any("様式（業務委託）の委託の開始時期及び期限は令和8年7月15日からで" in m for _, _, m, _ in got)
    got = changed("    date: 令和8年6月18日\n  summary:", "    date: 令和9年4月20日\n  summary:")
    assert ("packet-date-past", "error") in [(r, s) for r, s, _, _ in got]


def test_meeting_falls_back_to_the_documents_date_then_its_fiscal_year() -> None:
    text = FLOW.replace("    date: 令和8年6月18日\n  summary:", "  summary:").replace("  date: 令和8年6月18日\n", "")
    assert findings(text) == []
    text = text.replace("version: 令和8年度第2回", "version: 令和9年度第1回")
    got = findings(text)
    assert got and all(r == "packet-date-past" for r, _, _, _ in got)
    assert "会議の年度（令和9年度第1回）の初め（令和9年4月1日）" in got[0][2]


def test_unreadable_period_is_info() -> None:
    got = changed("period: 令和8年7月15日から令和9年3月31日まで", "period: 契約締結日から1年間")
    assert [(r, s) for r, s, _, _ in got] == [("packet-date-unreadable", "info")]


def test_business_name_near_miss_names_both_spellings() -> None:
    got = changed("  summary:\n    business: 住民記録システム改修事業", "  summary:\n    business: 住民記録システム改修事案")
    messages = [m for r, _, m, _ in got if r == "packet-name"]
    assert any("「住民記録システム改修事業」は、事業名では「住民記録システム改修事案」" in m for m in messages), messages


def test_registered_names_that_differ_between_forms_are_info() -> None:
    got = changed("      business: 住民基本台帳事務\n      partner: 未定（帳票", "      business: 証明書交付事務\n      partner: 未定（帳票")
    assert [(r, s) for r, s, _, _ in got] == [("packet-name", "info")]


def test_counts_that_disagree_with_the_number_of_people() -> None:
    got = changed("subjects: 新宿区の住民基本台帳に記録されている者", "subjects: 新宿区の住民基本台帳に記録されている者（約35,000人）")
    assert [(r, s) for r, s, _, _ in got] == [("packet-counts", "warning")]
    assert "「35,000人」は、対象者数（350,000人）と違います" in got[0][2]


def test_subcontract_items_beyond_the_contract() -> None:
    got = changed("          items: [項目名, 桁数]\n      media: 電磁的媒体（再委託先", "          items: [項目名, 桁数, 電話番号]\n      media: 電磁的媒体（再委託先")
    assert [(r, s) for r, s, _, _ in got] == [("packet-subcontract-items", "warning")]


def test_a_subcontractor_outside_the_checklist() -> None:
    got = changed("      actors: [vendor, sub]", "      actors: [vendor]")
    assert ("packet-subcontract", "warning") in [(r, s) for r, s, _, _ in got]


def test_attachments_that_are_not_there() -> None:
    no_ketsugo = FLOW.replace("    - checklist: 電算処理\n      actors: [vendor]\n      ward: {operational: {\"*\": ○}, system: {\"*\": ○}}\n"
                              "      partner: {operational: {\"*\": ○}, system: {\"*\": ○}}\n", "")
    assert no_ketsugo != FLOW
    got = findings(no_ketsugo)
    assert [(r, s) for r, s, _, _ in got] == [("packet-attachment", "error")] * 2
    got = findings(FLOW.replace("    count: 約350,000人", "    count: 約350,000人\n    flow_note: ※個人情報の流れは、資料21-1のとおり"))
    assert [(r, m) for r, _, m, _ in got] == [("packet-attachment", "事業の概要は個人情報の流れを「資料21-1」としていますが、図の資料番号は「資料12-1」です")]


def test_kinds_and_forms_disagree() -> None:
    got = changed("  kinds: [電算処理, 業務委託, 再委託]", "  kinds: [電算処理, 業務委託, 外部結合]")
    assert sorted(m for r, _, m, _ in got if r == "packet-kinds") == [
        "様式（再委託）がありますが、要綱の根拠（kinds）に「再委託」がありません",
        "要綱の根拠に「外部結合」がありますが、外部結合の様式がありません"]


def test_blank_rows_of_a_packet_to_file() -> None:
    got = changed("      reason: 帳票の設計には専門の事業者の知見が必要なため。\n", "")
    assert [(r, s, m) for r, s, m, _ in got] == [("packet-blank", "warning", "様式（再委託）の欄が空です: 理由")]


def test_text_near_misses_and_drift() -> None:
    got = changed("実データを使用した検証は区職員が実施する。", "実データを使用した検証は区職員が実施し、毎日バックアッブを取得する。サーバーは区に置く。")
    assert sorted((r, s, m) for r, s, m, _ in got) == [
        ("text-drift", "info", "事業の概要の事業内容の「サーバー」は、委員会の文言では「サーバ」です"),
        ("text-near-miss", "warning", "事業の概要の事業内容の「バックアッブ」は「バックアップ」の誤りではありませんか")]


def test_different_words_are_not_near_misses() -> None:
    text = FLOW.replace("戸籍法等の改正に対応するため。", "個人情報の保護と送付業務の効率化のため、特定の端末でアクセスする。")
    assert findings(text) == []


eras = st.dates(min_value=datetime.date(1989, 1, 8), max_value=datetime.date(2060, 12, 31))


@given(eras)
def test_wareki_round_trip(day: datetime.date) -> None:
    span = parse_date(wareki(day))
    assert span is not None and span.first == span.last == day


@given(eras, st.integers(min_value=0, max_value=800))
def test_periods_read_back(start: datetime.date, days: int) -> None:
    end = start + datetime.timedelta(days=days)
    p = parse_period(f"{wareki(start)}から{wareki(end)}まで（次年度以降も、同様の業務委託を行う。）")
    assert p is not None and p.start is not None and p.end is not None
    assert (p.start.first, p.end.last) == (start, end)


@given(st.text(max_size=60))
def test_parser_never_fails_on_any_text(text: str) -> None:
    parse_period(text)
    parse_date(text)


@pytest.mark.parametrize(("text", "first", "last"), [
    ("R6.7.2~12.31", datetime.date(2024, 7, 2), datetime.date(2024, 12, 31)),
    ("令和6年12月1日～1月31日", datetime.date(2024, 12, 1), datetime.date(2025, 1, 31)),
    ("令和7年9月下旬から令和8年3月31日まで", datetime.date(2025, 9, 21), datetime.date(2026, 3, 31)),
    ("２０２５年４月から２０２６年３月まで", datetime.date(2025, 4, 1), datetime.date(2026, 3, 31)),
])
def test_period_forms(text: str, first: datetime.date, last: datetime.date) -> None:
    p = parse_period(text)
    assert p is not None and p.start is not None and p.end is not None
    assert (p.start.first, p.end.last) == (first, last)
