"""Every rule with its failing and passing flow (the examples of `flowdiag rules`), plus edge cases."""

from __future__ import annotations

import pytest

from flowdiag.check.engine import check_loaded
from flowdiag.check.findings import RULES
from flowdiag.load.validate import load_flow_text


def run(text: str, name: str = "t.yaml"):
    return check_loaded(load_flow_text(text, name))


@pytest.mark.parametrize("rule_id", list(RULES))
def test_wrong_example_fails(rule_id: str) -> None:
    result = run(RULES[rule_id].wrong, f"{rule_id}-wrong.yaml")
    hits = [f for f in result.active() if f.rule == rule_id]
    assert hits, f"{rule_id}: the wrong example raises nothing"
    for f in hits:
        assert f.line is not None and f.line >= 1
        assert f.message and "[" not in f.message[:1]


@pytest.mark.parametrize("rule_id", list(RULES))
def test_right_example_passes_clean(rule_id: str) -> None:
    result = run(RULES[rule_id].right, f"{rule_id}-right.yaml")
    assert not [f for f in result.active() if f.rule == rule_id]
    noisy = [f.text() for f in result.active() if f.severity != "info"]
    assert not noisy, "a right example should raise no error or warning at all"


def test_every_rule_is_documented() -> None:
    for r in RULES.values():
        assert r.title and r.description and r.severity in ("error", "warning", "info")
        assert r.wrong != r.right


BASE = """flowdiag: 1
document: {number: 資料1-1, title: 例}
actors:
  - {id: ward, name: 新宿区, kind: ward}
  - {id: contractor, name: 委託事業者, kind: contractor}
data:
  - {id: list, title: 対象者情報, items: [氏名], at: ward}
steps:
"""


def rules_of(text: str) -> set[str]:
    return {f.rule for f in run(text).active()}


def test_gap_runs_are_one_finding() -> None:
    text = BASE + "  - {number: 1, at: ward, text: a}\n  - {number: 5, at: ward, text: b}\n"
    gaps = [f for f in run(text).active() if f.rule == "number-gap"]
    assert len(gaps) == 1 and "②〜④" in gaps[0].message


def test_prime_shares_measures_of_its_base() -> None:
    text = BASE + (
        "  - {number: 1, from: ward, to: contractor, text: 提供, data: list, medium: usb, channel: hand,\n"
        "     measures: [sets.handover]}\n"
        "  - {number: \"1'\", from: ward, to: contractor, text: 追加分, data: list, medium: usb, channel: hand}\n"
        "  - {number: 2, at: contractor, text: 消去, returns: true, data: list}\n")
    assert "media-protection" not in rules_of(text)


def test_erasure_at_the_holder_counts() -> None:
    text = BASE + ("  - {number: 1, from: ward, to: contractor, text: 提供, data: list}\n"
                   "  - {number: 2, at: contractor, text: 消去, returns: true}\n")
    assert "lifecycle-no-return" not in rules_of(text)


def test_paper_originals_handed_back_end_the_holding() -> None:
    text = BASE + ("  - {number: 1, at: contractor, text: 印刷, data: list}\n"
                   "  - {number: 2, from: contractor, to: ward, text: 納品, data: list, medium: paper, channel: hand,\n"
                   "     measures: [sets.handover]}\n")
    assert "lifecycle-no-return" not in rules_of(text)


def test_subcontractor_data_needs_return_too() -> None:
    text = BASE.replace("actors:\n", "actors:\n  - {id: sub, name: 再委託先, kind: subcontractor}\n") + (
        "  - {number: 1, from: ward, to: contractor, text: 提供, data: list}\n"
        "  - {number: 2, from: contractor, to: sub, text: 再委託先へ提供, data: list}\n"
        "  - {number: 3, from: contractor, to: ward, text: 返却, returns: true, data: list}\n")
    findings = [f for f in run(text).active() if f.rule == "lifecycle-no-return"]
    assert [f.targets[0] for f in findings] == ["sub"]


def test_checklist_dash_escalates_media_protection_to_error() -> None:
    text = BASE + ("  - {number: 1, from: ward, to: contractor, text: 提供, data: list, medium: usb, channel: hand}\n"
                   "  - {number: 2, at: contractor, text: 消去, returns: true, data: list}\n"
                   "packet:\n  kinds: 業務委託\n  version: 令和6年度\n  checklists:\n    - checklist: 5\n"
                   "      ward: {operational: {\"*\": ○, op_locked_bag: －}, system: {\"*\": －}}\n"
                   "      partner: {operational: {\"*\": ○}, system: {\"*\": －}}\n")
    f = next(f for f in run(text).active() if f.rule == "media-protection")
    assert f.severity == "error" and "「－」" in f.message and "鍵付きカバン" in f.message


def test_checklist_circle_counts_as_evidence() -> None:
    text = BASE + ("  - {number: 1, from: ward, to: contractor, text: 提供, data: list, medium: usb, channel: hand}\n"
                   "  - {number: 2, at: contractor, text: 消去, returns: true, data: list}\n"
                   "packet:\n  kinds: 業務委託\n  version: 令和6年度\n  checklists:\n    - checklist: 業務委託\n"
                   "      ward: {operational: {\"*\": ○}, system: {\"*\": －}}\n"
                   "      partner: {operational: {\"*\": ○}, system: {\"*\": －}}\n")
    assert "media-protection" not in rules_of(text)


def test_internet_without_encryption_is_error_lgwan_warning() -> None:
    for chan, sev in (("internet", "error"), ("lgwan", "warning")):
        text = BASE + f"  - {{number: 1, at: ward, text: 抽出}}\nlinks:\n  - {{between: [ward, contractor], channel: {chan}}}\n"
        f = next(f for f in run(text).active() if f.rule == "network-encryption")
        assert f.severity == sev


def test_sensitive_cloud_needs_domestic_law_on_the_chart() -> None:
    text = BASE.replace("{id: list, title: 対象者情報, items: [氏名], at: ward}",
                        "{id: list, title: 相談記録, items: [氏名, 相談内容], at: box, sensitive: [要配慮個人情報]}").replace(
        "actors:\n", "actors:\n  - {id: box, name: Box, kind: cloud}\n") + "  - {number: 1, at: box, text: 保管, data: list}\n"
    assert "sensitive-handling" in rules_of(text)


def test_measure_typo_is_not_raised_for_unrelated_free_text() -> None:
    text = BASE.replace("kind: contractor}", "kind: contractor, measures: {operational: [研修の実施, 誓約書の提出]}}") + (
        "  - {number: 1, at: ward, text: 抽出}\n")
    assert "measure-typo" not in rules_of(text)


def test_combined_bullet_line_is_split() -> None:
    text = BASE.replace("kind: contractor}", "kind: contractor, places: [{id: srv, name: 事業者サーバ, kind: system}],\n"
                        "     measures: {system: [入退室管理・国内法が適用されるサーバ環境]}}") + (
        "  - {number: 1, at: ward, text: 抽出}\nlinks:\n  - {between: [ward, contractor], channel: lgwan, encrypted: true}\n")
    found = {(f.rule, f.targets[0]) for f in run(text).active()}
    assert ("network-domestic-law", "contractor") not in found
    assert ("network-partner-only", "contractor") in found


def test_waiver_target_by_step_id_and_star() -> None:
    text = BASE + ("  - {number: 1, id: give, from: ward, to: contractor, text: 提供, data: list, medium: usb, channel: hand}\n"
                   "  - {number: 2, at: contractor, text: 消去, returns: true, data: list}\n"
                   "waivers:\n  - {rule: media-protection, target: give, reason: 別紙で説明}\n"
                   "  - {rule: unused-place, target: \"*\", reason: 未使用でも可}\n")
    result = run(text)
    waived = [f for f in result.findings if f.rule == "media-protection"]
    assert waived and all(f.waived == "別紙で説明" for f in waived)
    assert any(f.rule == "waiver-unused" for f in result.active())  # the * waiver matched nothing


def test_waiver_without_reason_is_error_and_not_applied() -> None:
    text = BASE + ("  - {number: 1, at: ward, text: a}\n  - {number: 3, at: ward, text: b}\n"
                   "waivers:\n  - {rule: number-gap, target: \"2\"}\n")
    result = run(text)
    rules = {f.rule: f for f in result.active()}
    assert rules["waiver-reason"].severity == "error"
    assert "number-gap" in rules  # still reported


def test_marks_list_with_wrong_count_is_reported_and_skipped() -> None:
    text = BASE + ("  - {number: 1, at: ward, text: a}\n"
                   "packet:\n  kinds: 業務委託\n  checklists:\n    - checklist: 業務委託\n"
                   "      ward: {operational: [○, ○, ○, ○, ○, ○, ○, ○, ○, ○, ○], system: {\"*\": －}}\n"
                   "      partner: {operational: {\"*\": ○}, system: {\"*\": －}}\n")
    findings = [f for f in run(text).active() if f.rule == "checklist-rows"]
    assert len(findings) == 1 and "令和6年度" in findings[0].hint  # the 11-row version fits


def test_derive_measures_makes_chart_agree_with_checklist() -> None:
    text = BASE + ("  - {number: 1, at: ward, text: a}\n"
                   "packet:\n  kinds: 業務委託\n  version: 令和6年度\n"
                   "  checklists:\n    - checklist: 業務委託\n"
                   "      ward: {operational: {\"*\": －}, system: {\"*\": －}}\n"
                   "      partner: {operational: {\"*\": ○}, system: {\"*\": ○}}\n"
                   "  derive_measures:\n    - {actor: contractor, checklist: 業務委託}\n")
    rules = rules_of(text)
    assert "checklist-untraced" not in rules

    from flowdiag.resolve import resolve

    flow = resolve(load_flow_text(text)).flow
    contractor = next(a for a in flow.actors if a.id == "contractor")
    assert len(contractor.measures.operational) == 11
    assert [m.text for m in contractor.measures.system][:2] == ["特定相手以外の通信不可", "ネットワーク機器やサーバの制御"]


def test_packet_references_are_checked_at_load() -> None:
    from flowdiag.diagnostics import FlowError

    text = BASE + ("  - {number: 1, at: ward, text: a}\n"
                   "packet:\n  kinds: 業務委託\n  forms:\n    - {kind: 業務委託, data: [lists], actors: [contractr]}\n"
                   "  derive_measures:\n    - {actor: contrctor, checklist: 5}\n")
    with pytest.raises(FlowError) as exc:
        load_flow_text(text, "p.yaml")
    messages = [str(d) for d in exc.value.diagnostics]
    assert len(messages) == 3
    assert any("list のことですか" in m for m in messages)
    assert all(m.startswith("p.yaml:") for m in messages)


def test_render_draws_the_derived_measure_boxes(tmp_path) -> None:
    from tests.conftest import run_cli

    text = BASE + ("  - {number: 1, at: ward, text: a}\n"
                   "packet:\n  kinds: 業務委託\n  version: 令和6年度\n"
                   "  checklists:\n    - checklist: 業務委託\n"
                   "      ward: {operational: {\"*\": －}, system: {\"*\": －}}\n"
                   "      partner: {operational: {\"*\": ○}, system: {\"*\": ○}}\n"
                   "  derive_measures:\n    - {actor: contractor, checklist: 業務委託}\n")
    src = tmp_path / "d.yaml"
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "d.svg"
    proc = run_cli("render", str(src), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    svg = out.read_text(encoding="utf-8")
    assert "・特記事項等の遵守" in svg and "・国内法が適用されるサーバ環境" in svg
    assert src.read_text(encoding="utf-8") == text  # the input stays as written


def test_subcontractor_need_not_inspect_its_own_subcontractor() -> None:
    from flowdiag.check.rules_subcontract import _SUB

    text = _SUB.replace("[特記事項等の遵守, データの暗号化]}}\n  - {id: sub",
                        "[特記事項等の遵守, データの暗号化, 再委託先への立入調査等]}}\n  - {id: sub", 1)
    assert "再委託先への立入調査等" in text
    assert "subcontract-measures" not in rules_of(text % "特記事項等の遵守, データの暗号化")
    assert "subcontract-measures" in rules_of(text % "特記事項等の遵守")  # a shared measure is still asked for


SAME_AS = """flowdiag: 1
document: {number: 資料2-1, title: 【同様の対策】}
actors:
  - {id: ward, name: 新宿区, kind: ward, measures: {operational: [sets.handover]}}
  - {id: co, name: 委託事業者, kind: contractor,
     measures: {operational: [sets.itaku_contractor, itaku.subcontractor_inspection], system: [sets.system]}}
  - {id: sub, name: 再委託先, kind: subcontractor, measures: SUB}
data:
  - {id: t, title: 対象者情報, items: [氏名, 住所], at: [ward, co, sub]}
steps:
  - {number: 1, from: ward, to: co, text: 提供, medium: encrypted_usb, channel: hand, data: [t], measures: [sets.handover]}
  - {number: 2, from: co, to: sub, text: 印刷データの提供, medium: encrypted_usb, channel: hand, data: [t],
     measures: [sets.handover, handover.media_returned]}
  - {number: 3, at: sub, text: 契約終了後、データの消去, returns: true, data: [t]}
  - {number: 4, from: co, to: ward, text: 契約終了後、データの返却, medium: encrypted_usb, channel: hand, returns: true,
     data: [t], measures: [sets.handover]}
packet:
  kinds: [業務委託, 再委託]
  forms:
    - {kind: 再委託, partner: 印刷会社, consent: true}
"""


def test_same_as_gives_the_subcontractor_the_contractors_measures() -> None:
    """「委託事業者と同様」 (measures.same_as) counts the contractor's lists for the subcontractor; a subcontractor
    with only one of them is still asked for the rest."""
    assert "subcontract-measures" not in rules_of(SAME_AS.replace("SUB", "{same_as: co}"))
    assert "subcontract-measures" in rules_of(SAME_AS.replace("SUB", "{operational: [itaku.special_clauses]}"))
