"""What a careful reviewer asks that the samples never raised: devices carried around, personal data told by
phone to someone else, the USB itself after the upload, a contractor on LGWAN; and the kinds and sensitive
items the rules read. Each test uses its own flow (tests/check/accuracy_flows.py)."""

from __future__ import annotations

from tests.check.accuracy_flows import HEAD, LGWAN, UPLOAD, VISITS, check, hits, rules

PLAIN = "        kind: other"

# ------------------------------------------------------------------ devices carried around


def test_smartphone_with_personal_data_needs_loss_encryption_and_lock() -> None:
    found = hits(VISITS % (PLAIN, ""), "mobile-device")
    assert len(found) == 1
    f = found[0]
    assert f.severity == "warning" and "訪問員のスマートフォン" in f.message
    for aspect in ("遠隔消去", "端末の暗号化", "ロック"):
        assert aspect in f.message


def test_device_kind_says_it_whatever_the_name() -> None:
    text = (VISITS % ("        kind: mobile", "")).replace("訪問員のスマートフォン", "訪問員端末")
    assert hits(text, "mobile-device")
    assert not hits((VISITS % (PLAIN, "")).replace("訪問員のスマートフォン", "訪問員端末"), "mobile-device")


def test_device_measures_on_the_place_or_in_words_pass() -> None:
    by_set = PLAIN + "\n        measures: {system: [sets.mobile_device]}"
    assert not hits(VISITS % (by_set, ""), "mobile-device")
    by_words = PLAIN + "\n        measures: {system: [リモートワイプ, 端末内データの暗号化, 画面ロック]}"
    assert not hits(VISITS % (by_words, ""), "mobile-device")
    partial = PLAIN + "\n        measures: {system: [画面ロック]}"
    f = hits(VISITS % (partial, ""), "mobile-device")[0]
    assert "遠隔消去" in f.message and "ロック" not in f.message.split("が図に")[0].split("扱いますが、")[1]


def test_sensitive_data_on_a_device_is_an_error() -> None:
    text = (VISITS % (PLAIN, "")).replace("at: ward}", "at: ward, sensitive: [要配慮個人情報]}")
    assert hits(text, "mobile-device")[0].severity == "error"


# ------------------------------------------------------------------ phone calls to someone else


def test_calling_an_emergency_contact_asks_for_consent() -> None:
    found = hits(VISITS % (PLAIN, ""), "phone-disclosure")
    assert len(found) == 1 and "家族（緊急連絡先）" in found[0].message and "③" in found[0].message


def test_consent_on_the_step_or_a_note_passes() -> None:
    assert not hits(VISITS % (PLAIN, ", measures: [phone.consent]"), "phone-disclosure")
    assert not hits(VISITS % (PLAIN, ", notes: ※申請時に緊急連絡先への連絡の同意を得ている"), "phone-disclosure")
    assert not hits(VISITS % (PLAIN, ", measures: [本人の同意を得て連絡]"), "phone-disclosure")


def test_calling_the_person_themself_is_not_a_disclosure() -> None:
    text = (VISITS % (PLAIN, "")).replace("to: family, text: 体調急変時の連絡", "to: clients, text: 訪問日時の連絡")
    assert not hits(text, "phone-disclosure")


def test_a_person_named_in_the_items_is_a_third_party() -> None:
    text = (VISITS % (PLAIN, "")).replace("name: 家族（緊急連絡先）", "name: 見守り協力者").replace(
        "緊急連絡先]", "見守り協力者]")
    assert hits(text, "phone-disclosure")


# ------------------------------------------------------------------ the USB after the upload


def test_usb_uploaded_and_never_returned_is_asked_about() -> None:
    found = hits(UPLOAD % "", "media-return")
    assert len(found) == 1 and "USBメモリ" in found[0].message and "①" in found[0].message


def test_usb_returned_or_erased_passes() -> None:
    back = "  - {number: 3, from: agent, to: ward, text: USBメモリの返却, medium: usb, channel: hand}\n"
    assert not hits(UPLOAD % back, "media-return")
    erased = "  - {number: 3, at: agent, text: 取込み後のUSBメモリの初期化, notes: ※USBメモリは取込み後に消去して返却}\n"
    assert not hits(UPLOAD % erased, "media-return")
    measure = (UPLOAD % "").replace("measures: [sets.handover]}", "measures: [sets.handover, 媒体は取込み後に返却]}")
    assert not hits(measure, "media-return")


def test_return_step_that_names_the_medium_passes() -> None:
    text = (UPLOAD % "").replace("text: 契約終了後、会員情報の消去,", "text: 契約終了後、会員情報とUSBメモリの消去,")
    assert not hits(text, "media-return")


# ------------------------------------------------------------------ LGWAN


def test_contractor_on_lgwan_is_asked_about() -> None:
    found = hits(LGWAN % "contractor", "network-lgwan-contractor")
    assert len(found) == 1 and "入力業務の受託事業者" in found[0].message


def test_lgwan_asp_service_passes() -> None:
    assert not hits(LGWAN % "cloud", "network-lgwan-contractor")
    asp = (LGWAN % "contractor").replace("name: 入力業務の受託事業者", "name: 入力業務の受託事業者（LGWAN-ASP）")
    assert not hits(asp, "network-lgwan-contractor")


# ------------------------------------------------------------------ kinds and sensitive items


def test_actor_without_kind_that_receives_data_is_noted() -> None:
    text = (UPLOAD % "").replace("kind: contractor}", "}")
    f = hits(text, "actor-kind-other")
    assert f and f[0].severity == "info" and "事務局の受託事業者" in f[0].message


def test_bank_is_not_a_contractor() -> None:
    text = HEAD + """actors:
  - {id: ward, name: 保険年金課, kind: ward}
  - {id: bank, name: 指定金融機関, kind: organization}
data:
  - {id: debit, title: 口座振替データ, items: [口座番号, 氏名, 振替額], at: ward}
steps:
  - {number: 1, from: ward, to: bank, text: 口座振替データの送付, medium: encrypted_usb, channel: hand, data: debit,
     measures: [sets.handover]}
"""
    found = rules(text)
    assert not found & {"lifecycle-no-return", "media-return", "actor-kind-other", "members-subcontract"}


def test_items_that_are_sensitive_by_name_must_be_marked() -> None:
    text = (UPLOAD % "").replace("items: [氏名, 住所]", "items: [氏名, 住所, 障害者手帳の等級]")
    f = hits(text, "sensitive-unmarked")
    assert f and "要配慮個人情報" in f[0].message and "障害者手帳の等級" in f[0].message
    marked = text.replace("at: ward}", "at: ward, sensitive: [要配慮個人情報]}")
    assert not hits(marked, "sensitive-unmarked")


def test_sensitive_items_read_from_a_caption_are_named() -> None:
    text = HEAD + """actors:
  - {id: ward, name: 健康づくり課, kind: ward}
  - id: desk
    name: 健康相談の受託事業者
    kind: contractor
    caption: [取得する個人情報：氏名・電話番号・既往歴]
  - {id: people, name: 相談者, kind: person}
steps:
  - {number: 1, from: people, to: desk, text: 電話での健康相談, channel: tel}
  - {number: 2, from: desk, to: ward, text: 相談記録の報告, medium: usb, channel: hand}
  - {number: 3, at: desk, text: 契約終了後、相談記録の消去, returns: true}
"""
    result = check(text)
    assert [f.severity for f in result.active() if f.rule == "sensitive-unmarked"] == ["info"]
