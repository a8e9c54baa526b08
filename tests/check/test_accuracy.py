"""False assurance and false findings on flows of shapes the samples do not contain.

Each test builds its own flow (tests/check/accuracy_flows.py) and states what a careful reviewer would
say about it: a finding where the chart leaves a question open, none where the chart is right."""

from __future__ import annotations

from tests.check.accuracy_flows import (
    CERTIFICATE,
    CHECKUP,
    DENSAN,
    JUMIN,
    KAIGO,
    LIBRARY,
    NATIONAL,
    NOTICES,
    NURSERY,
    UNION,
    check,
    hits,
    hotline,
    rules,
)


def line_of(text: str, part: str) -> int:
    """The 1-based line of ``text`` that holds ``part``."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if part in line)


# ------------------------------------------------------------------ step-level judgement


def test_internet_step_without_encryption_is_not_covered_by_the_standard_list() -> None:
    text = LIBRARY % ("", "")
    found = hits(text, "network-encryption")
    assert len(found) == 1
    f = found[0]
    assert f.line == line_of(text, "予約者情報の送信") and f.severity == "warning"
    assert "通信内容の暗号化" in f.message and "①" in f.message
    assert f"（{line_of(text, 'kind: ward')}行目）" in f.message  # where the ward's list is


def test_internet_step_with_encryption_on_the_step_or_its_line_passes() -> None:
    assert not hits(LIBRARY % (", encrypted: true", ""), "network-encryption")
    line = "links:\n  - {between: [ward, vendor], channel: internet, encrypted: true}\n"
    assert not hits(LIBRARY % ("", line), "network-encryption")


def test_internet_line_drawn_without_encryption_is_reported_even_with_the_standard_list() -> None:
    line = "links:\n  - {between: [ward, vendor], channel: internet}\n"
    text = LIBRARY % (", encrypted: true", line)
    found = hits(text, "network-encryption")
    assert [f.line for f in found] == [line_of(text, "between: [ward, vendor]")]


def test_internet_step_with_nothing_anywhere_is_an_error() -> None:
    text = (LIBRARY % ("", "")).replace("measures: {system: [sets.system]}}", "}").replace(
        ", system: [sets.system]}", "}")
    f = hits(text, "network-encryption")[0]
    assert f.severity == "error"


def test_plain_usb_contradicting_the_wards_encrypted_usb_measure_is_reported_with_both_positions() -> None:
    text = CHECKUP % ("usb", "")
    conflict = hits(text, "step-measure-conflict")
    assert len(conflict) == 1
    f = conflict[0]
    step = line_of(text, "健診結果の提供")
    assert f.line == step and "「USBメモリ」" in f.message and "暗号化機能付きUSBメモリ" in f.message
    assert f"（{line_of(text, 'operational: [暗号化機能付きUSBメモリ')}行目）" in f.message  # the ward's measure
    handling = hits(text, "sensitive-handling")
    assert handling and handling[0].line == step and handling[0].severity == "error"


def test_encrypted_usb_with_the_step_measures_passes() -> None:
    text = CHECKUP % ("encrypted_usb", ", measures: [sets.handover]")
    assert not ({"step-measure-conflict", "sensitive-handling", "media-protection"} & rules(text))


def test_the_actors_own_list_does_not_satisfy_sensitive_handling() -> None:
    # the ward's box says locked bag and encrypted USB, the step itself says nothing
    text = CHECKUP % ("encrypted_usb", "")
    f = hits(text, "sensitive-handling")
    assert f and "鍵付きカバン" in f[0].message


# ------------------------------------------------------------------ data the contractor collects


def test_collected_data_needs_return_whichever_way_it_is_written() -> None:
    by_caption = hits(hotline("caption"), "lifecycle-no-return")
    by_data = hits(hotline("data"), "lifecycle-no-return")
    by_collects = hits(hotline("collects"), "lifecycle-no-return")
    for found in (by_caption, by_data, by_collects):
        assert len(found) == 1 and found[0].severity == "error" and "ops" in found[0].targets
    assert "保護者氏名" in by_caption[0].message or "取得する個人情報" in by_caption[0].message


def test_collected_data_returned_passes_whichever_way_it_is_written() -> None:
    assert not hits(hotline("data", "[roster, calls]"), "lifecycle-no-return")
    assert not hits(hotline("collects", "[roster, calls]"), "lifecycle-no-return")
    assert not hits(hotline("caption", "[]"), "lifecycle-no-return")  # a return without data returns all


def test_collected_items_are_on_the_chart_for_the_form() -> None:
    form = ("packet:\n  kinds: 業務委託\n  forms:\n    - kind: 業務委託\n"
            "      items: [世帯番号, 保護者氏名, 住所, 電話番号, 相談内容]\n")
    for way in ("caption", "data", "collects"):
        text = hotline(way, "[]") + form
        assert not hits(text, "form-item-not-on-chart"), way
        assert not hits(text, "form-item-acquired"), way
        assert not hits(text, "form-item-not-on-form"), way
    short = form.replace(", 相談内容]", "]")
    for way in ("caption", "data", "collects"):
        found = [f for f in check(hotline(way, "[]") + short).active() if f.rule.startswith("form-item")]
        assert [(f.severity, f.targets[0]) for f in found] == [("warning", "相談内容")], way


def test_collects_must_name_a_data_set() -> None:
    import pytest

    from flowdiag.diagnostics import FlowError
    from flowdiag.load.validate import load_flow_text

    with pytest.raises(FlowError) as exc:
        load_flow_text(hotline("collects").replace("collects: [calls]", "collects: [call]"), "c.yaml")
    assert any("calls のことですか" in str(d) for d in exc.value.diagnostics)


# ------------------------------------------------------------------ members of a contractor


def test_member_shops_handling_data_raise_the_subcontract_question() -> None:
    text = UNION % ("    members: {name: 組合員の弁当店（区内18店）}", "")
    f = hits(text, "members-subcontract")
    assert len(f) == 1 and f[0].severity == "warning" and "組合員の弁当店" in f[0].message
    assert "consent" in f[0].hint or "承諾" in f[0].hint


def test_members_that_are_one_legal_entity_or_handle_no_data_pass() -> None:
    for members in ("{name: 組合員の弁当店, entity: one}", "{name: 組合員の弁当店, data: false}"):
        assert not hits(UNION % (f"    members: {members}", ""), "members-subcontract")


def test_members_stated_as_separate_businesses_need_consent() -> None:
    text = UNION % ("    members: {name: 組合員の弁当店, entity: separate}", "packet: {kinds: [業務委託]}\n")
    assert hits(text, "subcontract-consent") and not hits(text, "members-subcontract")
    ok = UNION % ("    members: {name: 組合員の弁当店, entity: separate}",
                  "packet:\n  kinds: [業務委託, 再委託]\n  forms: [{kind: 再委託, partner: 組合員の弁当店, consent: true}]\n")
    assert not hits(ok, "subcontract-consent")


# ------------------------------------------------------------------ spelling variants


def test_koyobun_spellings_are_the_standard_measures() -> None:
    result = check(KAIGO)
    serious = [f.text() for f in result.active() if f.severity != "info"]
    assert serious == []
    drift = [f for f in result.active() if f.rule == "measure-drift"]
    assert {f.targets[0] for f in drift} == {"アクセスログの取得", "サーバー冗長化", "国内法が適用されるサーバー環境"}


def test_checklist3_labels_whole_or_split_are_never_typos() -> None:
    whole = "\n".join(f"        - {x}" for x in (
        "外部記録媒体の管理・パスワード設定", "持込みパソコンの事前許可・接続禁止",
        "機器設置場所の入退室管理・作業の事前承認・データの持出し禁止"))
    split = "        - 外部記録媒体の管理\n        - パスワード設定\n        - 持込みパソコンの事前許可"
    for bullets, untraced_not in ((whole, ("外部記録媒体", "持込みパソコン", "機器設置場所")),
                                  (split, ("外部記録媒体", "持込みパソコン"))):
        result = check(DENSAN % bullets)
        assert not [f for f in result.active() if f.rule == "measure-typo"], bullets
        untraced = [f.message for f in result.active() if f.rule == "checklist-untraced" and "【運用上の対策】" in f.message
                    and "委託先" in f.message]
        assert untraced and not any(word in untraced[0] for word in untraced_not), untraced


# ------------------------------------------------------------------ kinds with meaning


def test_national_network_system_is_not_a_contractor() -> None:
    result = check(NATIONAL % "")
    assert not {"lifecycle-no-return", "network-domestic-law", "network-partner-only", "network-access-log",
                "sensitive-handling"} & {f.rule for f in result.active()}


def test_national_network_erase_row_dash_is_not_an_error() -> None:
    packet = ("packet:\n  kinds: 外部結合\n  checklists:\n    - checklist: 外部結合\n"
              "      ward: {operational: {\"*\": ○}, system: {\"*\": ○}}\n"
              "      partner: {operational: {\"*\": ○, op_erase: －}, system: {\"*\": ○}}\n")
    assert not hits(NATIONAL % packet, "lifecycle-checklist-row")


def test_erasure_certificate_does_not_carry_the_data() -> None:
    result = check(CERTIFICATE)
    assert not {"number-order", "sensitive-handling", "media-protection"} & {f.rule for f in result.active()}


def test_subcontractor_that_hosts_no_server_is_not_asked_for_server_measures() -> None:
    found = {(f.rule, f.targets[0]) for f in check(NURSERY % "").active()}
    assert ("network-domestic-law", "app") not in found and ("network-partner-only", "app") not in found
    hosting = NURSERY % "    places: [{id: app_server, name: 通知配信サーバ, kind: system}]\n"
    found = {(f.rule, f.targets[0]) for f in check(hosting).active()}
    assert ("network-domestic-law", "app") in found and ("network-partner-only", "app") in found


# ------------------------------------------------------------------ forms


def test_items_listed_inside_a_parenthesis_are_items_of_the_form() -> None:
    result = check(JUMIN)
    assert not [f.text() for f in result.active() if f.rule.startswith("form-item")]
    missing = JUMIN.replace("郵便番号、住所）", "住所）")
    found = hits(missing, "form-item-not-on-form")
    assert [f.targets[0] for f in found] == ["郵便番号"]


def test_paper_carried_by_two_steps_is_drawn() -> None:
    assert not hits(NOTICES, "form-medium")


# ------------------------------------------------------------------ a second look: the same classes elsewhere

MAILED = """flowdiag: 1
document: {number: 資料7-1, title: 【例の事業の個人情報の流れ】}
actors:
  - {id: ward, name: 課税課, kind: ward, measures: {operational: [パスワード通知書は別の機会に手渡し]}}
  - {id: c, name: 課税資料作成の受託事業者, kind: contractor}
data:
  - {id: d, title: 課税データ, items: [氏名, 所得額], at: ward}
steps:
  - {number: 1, from: ward, to: c, text: 課税データの提供, medium: dvd, channel: hand, encrypted: true, data: d,
     measures: [handover.locked_bag, handover.ledger]}
  - {number: "1'", from: ward, to: c, text: パスワード通知書の送付, medium: paper, channel: %s}
  - {number: 2, from: c, to: ward, text: 契約終了後、DVD-Rの返却, medium: dvd, channel: hand, returns: true, data: d,
     measures: [handover.locked_bag, handover.ledger]}
"""


def test_password_notice_by_mail_against_a_hand_delivery_measure() -> None:
    found = hits(MAILED % "mail", "step-measure-conflict")
    assert len(found) == 1 and "郵送" in found[0].message and "パスワード通知書は別の機会に手渡し" in found[0].message
    assert not hits(MAILED % "hand", "step-measure-conflict")


def test_step_marked_unencrypted_against_the_actors_encryption_measure() -> None:
    text = (LIBRARY % (", encrypted: false", ""))
    found = hits(text, "step-measure-conflict")
    assert found and "encrypted: false" in found[0].message and "通信内容の暗号化" in found[0].message
    assert hits(text, "network-encryption")  # and the line itself is still unencrypted


def test_sensitive_data_over_an_unencrypted_line_is_an_error_even_with_the_list() -> None:
    text = (LIBRARY % ("", "")).replace("at: ward}", "at: ward, sensitive: [要配慮個人情報]}")
    assert hits(text, "network-encryption")[0].severity == "error"


def test_subcontractor_is_not_asked_for_the_contractors_device_measures() -> None:
    text = NURSERY.replace(
        "  - {id: op, name: 保育所運営事業者, kind: contractor, measures: {system: [sets.system]}}",
        "  - id: op\n    name: 保育所運営事業者\n    kind: contractor\n    measures: {system: [sets.system]}\n"
        "    places: [{id: tab, name: 保育士のタブレット, kind: mobile, measures: {system: [sets.mobile_device]}}]") % ""
    found = hits(text, "subcontract-measures")
    assert found and "遠隔消去" not in found[0].message


def test_every_spelling_variant_reads_as_its_standard() -> None:
    from flowdiag.wording import VARIANTS, same_wording

    for standard, variant in VARIANTS:
        assert same_wording(f"{standard}の確認", f"{variant}の確認"), (standard, variant)
    assert not same_wording("サーバ冗長化", "バックアップ")


# ------------------------------------------------------------------ channels and media in the ward's own words


def test_channels_written_in_own_words_are_checked_like_the_catalog_ids() -> None:
    """「インターネット」「オンライン」「Web」 are the internet, 「専用回線」 a line: none is false assurance."""
    for words in ("インターネット", "オンライン（Webフォーム）", "インターネット回線", "電子メール"):
        text = (LIBRARY % ("", "")).replace("channel: internet", f"channel: {words}")
        found = hits(text, "network-encryption")
        assert len(found) == 1 and found[0].line == line_of(text, "予約者情報の送信"), words
        assert f"（{words}）" in found[0].message  # named as the ward wrote it
    text = (LIBRARY % ("", "")).replace("channel: internet", "channel: 専用回線（全銀協手順）")
    assert [f.severity for f in hits(text, "network-encryption")] == ["info"]  # a closed line, promised


def test_encrypted_channel_or_medium_in_own_words_passes() -> None:
    for words in ("VPN回線", "LGWAN回線（暗号化）"):
        text = (LIBRARY % ("", "")).replace("channel: internet", f"channel: {words}")
        assert not [f for f in hits(text, "network-encryption") if f.severity != "info"], words


def test_media_in_own_words_take_the_handover_measures() -> None:
    """A hand delivery of 「USBメモリ（暗号化）」 or 「紙の名簿」 still asks for a locked bag and a ledger."""
    for medium in ("USBメモリ（暗号化）", "紙の名簿"):
        text = (LIBRARY % ("", "")).replace("channel: internet", f"medium: {medium}, channel: 手渡し")
        found = hits(text, "media-protection")
        assert len(found) == 1, medium
        assert "「鍵付きカバン等による運搬」" in found[0].message and medium in found[0].message


def test_words_that_name_no_channel_are_left_alone() -> None:
    text = (LIBRARY % ("", "")).replace("channel: internet", "channel: 使送")
    assert not hits(text, "network-encryption") and not hits(text, "media-protection")
