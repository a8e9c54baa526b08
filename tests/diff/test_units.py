"""Single behaviours of the diff: matching without ids, what is and is not a change, marks, forms."""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter

import pytest
import yaml

from flowdiag.diagnostics import FlowError
from flowdiag.diff import diff_flows, marks_for, marks_since
from flowdiag.diff.canonical import canonical_lines
from flowdiag.diff.markdown import markdown_report
from flowdiag.load.validate import load_flow, load_flow_text

from ..conftest import ROOT
from .flowgen import load, rename_ids, signature

OLD = ROOT / "samples" / "000-keitai-toilet.yaml"
NEW = ROOT / "samples" / "000-keitai-toilet-r7.yaml"

BASE = {
    "flowdiag": 1,
    "document": {"number": "資料1-1", "title": "【例】", "version": "令和6年度第1回"},
    "actors": [
        {"id": "ward", "name": "新宿区", "kind": "ward", "caption": ["(担当課)", "(所管)"],
         "places": [{"id": "host", "name": "ホストコンピューター", "kind": "system"}]},
        {"id": "co", "name": "委託事業者", "kind": "contractor",
         "places": [{"id": "pc", "name": "委託先パソコン", "kind": "pc"}],
         "measures": {"operational": ["特記事項等の遵守", "データの暗号化"]}},
        {"id": "bank", "name": "金融機関", "kind": "organization"},
    ],
    "data": [{"id": "t", "title": "対象者情報", "items": ["氏名", "住所"], "at": ["ward"]}],
    "steps": [
        {"number": 1, "at": "host", "text": "対象者情報の抽出", "data": ["t"]},
        {"number": 2, "from": "ward", "to": "co", "text": "対象者情報の提供", "medium": "usb", "channel": "hand",
         "timing": "R6.7.1時点", "data": ["t"]},
        {"number": 3, "from": "co", "to": "ward", "text": "対象者情報の返却", "medium": "usb", "channel": "hand",
         "returns": True, "data": ["t"]},
    ],
    "links": [{"between": ["ward", "bank"], "channel": "【LGWAN回線】"}],
}


def edited(**changes):
    """BASE with some parts replaced (deep copies, so tests never share state)."""
    d = yaml.safe_load(yaml.safe_dump(BASE, allow_unicode=True))
    for path, value in changes.items():
        node = d
        keys = path.split("__")
        for k in keys[:-1]:
            node = node[int(k)] if k.isdigit() else node[k]
        last = keys[-1]
        if value is None:
            del node[int(last) if last.isdigit() else last]
        elif last.isdigit():
            node[int(last)] = value
        else:
            node[last] = value
    return d


def sigs(a, b):
    return Counter(signature(c) for c in diff_flows(load(a), load(b)).changes)


def _strip_step_ids(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for s in data["steps"]:
        s.pop("id", None)
    return load_flow_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), path.name)


def test_sample_pair_matches_the_same_without_step_ids():
    with_ids = Counter(signature(c) for c in diff_flows(load_flow(OLD), load_flow(NEW)).changes)
    without = Counter(signature(c) for c in diff_flows(_strip_step_ids(OLD), _strip_step_ids(NEW)).changes)
    assert without == with_ids


def test_renamed_ids_in_the_sample_are_no_change():
    data = yaml.safe_load(OLD.read_text(encoding="utf-8"))
    data.pop("packet")  # its forms name data and actors by id too
    assert sigs(data, rename_ids(data)) == Counter()


def test_inserted_step_is_one_addition_and_one_renumbering():
    d = edited()
    d["steps"].insert(1, {"number": 2, "at": "ward", "text": "提供データの作成"})
    for s in d["steps"][2:]:
        s["number"] += 1
    cs = diff_flows(load(BASE), load(d))
    assert [c.kind for c in cs.changes] == ["added", "renumbered", "renumbered"]
    assert cs.summary() == "追加 1 件、番号の振り直し 2 ステップ"


def test_order_of_measures_items_and_lists_is_no_change():
    d = edited(actors__1__measures={"operational": ["データの暗号化", "特記事項等の遵守"]},
               data__0__items=["住所", "氏名"])
    d["actors"].reverse()
    d["steps"].reverse()
    assert sigs(BASE, d) == Counter()


def test_order_of_caption_lines_is_a_change_and_marks_the_moved_line():
    d = edited(actors__0__caption=["(所管)", "(担当課)"])
    cs = diff_flows(load(BASE), load(d))
    assert [(c.kind, c.field) for c in cs.changes] == [("changed", "caption.order")]
    assert cs.marks() == {("actors", 0, "caption", 1)} or cs.marks() == {("actors", 0, "caption", 0)}


def test_measure_written_as_id_or_label_is_the_same():
    d = edited(actors__1__measures={"operational": ["itaku.special_clauses", "データの暗号化"]})
    assert sigs(BASE, d) == Counter()


def test_measure_wording_change_is_one_change():
    base = edited(actors__1__measures={"operational": ["カギ付きカバンに入れて運搬"]})
    d = edited(actors__1__measures={"operational": ["鍵付きカバン等による運搬"]})
    assert sigs(base, d) == Counter({("changed", "actor", "measures.operational", "カギ付きカバンに入れて運搬",
                                      "鍵付きカバン等による運搬"): 1})


def test_medium_change_hidden_by_via_is_listed_but_not_marked():
    a = edited(steps__1__via="(USBメモリ・手渡し)")
    b = edited(steps__1__via="(USBメモリ・手渡し)", steps__1__medium="encrypted_usb")
    cs = diff_flows(load(a), load(b))
    assert [(c.field, c.old.value, c.new.value) for c in cs.changes] == [
        ("medium", "USBメモリ、手渡し", "暗号化機能付きUSBメモリ、手渡し")]
    assert not cs.marks()


def test_encryption_is_a_medium_change():
    d = edited(steps__1__encrypted=True)
    cs = diff_flows(load(BASE), load(d))
    assert [(c.field, c.new.value) for c in cs.changes] == [("via", "(USBメモリ・手渡し)(暗号化)")]
    assert cs.marks() == {("steps", 1, "via")}


def test_step_pointed_elsewhere_marks_the_whole_step():
    d = edited(steps__2__to="bank")
    cs = diff_flows(load(BASE), load(d))
    assert [(c.field, c.old.value, c.new.value) for c in cs.changes] == [
        ("route", "委託事業者から新宿区へ", "委託事業者から金融機関へ")]
    assert cs.marks() == {("steps", 2)}


def test_place_moved_to_another_actor():
    d = edited()
    pc = d["actors"][1].pop("places")
    d["actors"][2]["places"] = pc
    cs = diff_flows(load(BASE), load(d))
    assert [(c.kind, c.field, c.old.value, c.new.value) for c in cs.changes] == [
        ("changed", "actor", "委託事業者", "金融機関")]
    assert cs.marks() == {("actors", 2, "places", 0)}


def test_links_are_marked_whole():
    d = edited(links__0__channel="【インターネット回線】", links__0__encrypted=True)
    cs = diff_flows(load(BASE), load(d))
    assert {c.field for c in cs.changes} == {"channel", "encrypted"}
    assert cs.marks() == {("links", 0)}
    d2 = edited(links=[])
    cs2 = diff_flows(load(BASE), load(d2))
    assert [c.kind for c in cs2.changes] == ["removed"]
    assert cs2.removed_lines() == ["回線「【LGWAN回線】」（新宿区―金融機関）"]


def test_data_shown_at_a_new_place_marks_that_copy():
    d = edited(data__0__at=["ward", "co"])
    cs = diff_flows(load(BASE), load(d))
    assert [(c.kind, c.field, c.new.value) for c in cs.changes] == [("added", "at", "委託事業者")]
    assert cs.marks() == {("data", 0, "at", 1)}


def test_items_shown_under_an_action():
    cs = diff_flows(load(BASE), load(edited(steps__0__show_items=True)))
    assert [c.headline() for c in cs.changes] == ["変更 ステップ①「対象者情報の抽出」の項目の表示: なし → あり"]
    assert cs.marks() == {("steps", 0, "data")}
    d = edited(steps__0__show_items=True)
    d["data"].append({"id": "u", "title": "口座情報", "items": ["口座番号"]})
    e = yaml.safe_load(yaml.safe_dump(d, allow_unicode=True))
    e["steps"][0]["data"] = ["t", "u"]
    cs = diff_flows(load(d), load(e))
    assert [(c.kind, c.field, c.new.value) for c in cs.changes] == [("added", "data", "口座情報")]
    assert cs.marks() == {("steps", 0, "data", 1)}


def test_removed_things_fill_the_removed_box():
    d = edited(actors__1__measures={"operational": ["特記事項等の遵守"]}, data__0__items=["氏名"])
    d["steps"].pop(2)
    marks = marks_for(load(BASE), load(d))
    assert sorted(marks.removed) == sorted([
        "主体「委託事業者」の【運用上の対策】「データの暗号化」",
        "データ「対象者情報」の項目「住所」",
        "ステップ③「対象者情報の返却」（委託事業者から新宿区へ）",
    ])
    assert marks.paths == frozenset()


def test_document_number_and_version_are_listed_not_marked():
    d = edited(document={"number": "資料2-1", "title": "【例】", "version": "令和7年度第1回"})
    cs = diff_flows(load(BASE), load(d))
    assert {c.field for c in cs.changes} == {"number", "version"}
    assert not cs.marks()
    t = edited(document={"number": "資料1-1", "title": "【新しい例】", "version": "令和6年度第1回"})
    assert diff_flows(load(BASE), load(t)).marks() == {("document", "title")}


def test_packet_and_waivers_are_compared_generically():
    d = edited(packet={"kinds": ["業務委託"], "forms": [{"kind": "業務委託", "period": "令和7年4月1日から"}]},
               waivers=[{"rule": "lifecycle-no-return", "target": "t", "reason": "区が直接回収する"}])
    cs = diff_flows(load(BASE), load(d))
    heads = [c.headline() for c in cs.changes]
    assert "追加 付議事項の要綱の根拠「業務委託」" in heads
    assert "追加 付議事項の様式「業務委託」" in heads
    assert any(h.startswith("追加 点検の承知事項") for h in heads)
    assert not cs.marks()  # forms and waivers are not on the chart
    assert not cs.removed_lines()
    back = diff_flows(load(d), load(BASE))
    assert not back.removed_lines()


def test_checklist_marks_by_position_without_a_reader():
    a = edited(packet={"checklists": [{"checklist": 5, "ward": {"system": ["－", "－", "○"]}}]})
    b = edited(packet={"checklists": [{"checklist": 5, "ward": {"system": ["○", "○", "○"]}}]})
    cs = diff_flows(load(a), load(b))
    assert [(c.field_label, c.old.value, c.new.value) for c in cs.changes] == [
        ("チェックリスト「業務委託」の区が行う対策の【システム上の対策】1〜2件目", "－", "○")]


def test_markdown_marks_changed_words_only():
    d = edited(steps__1__timing="R7.7.1時点")
    md = markdown_report(diff_flows(load(BASE), load(d)))
    assert "| ステップ②「対象者情報の提供」の時点・期間 | R<b><u>7</u></b>.7.1時点 | R<b><u>6</u></b>.7.1時点 |" in md


def test_canonical_listing_ignores_order_and_numbers_by_name():
    d = edited(actors__1__measures={"operational": ["データの暗号化", "特記事項等の遵守"]})
    assert canonical_lines(load(BASE)) == canonical_lines(load(d))
    lines = canonical_lines(load(BASE))
    assert "ステップ「対象者情報の提供」 番号: ②" in lines


# ---------------------------------------------------------------- marks_since

def test_marks_since_a_file_and_errors():
    new = load_flow(NEW, "new.yaml")
    assert marks_since(new).paths == frozenset()
    marks = marks_since(new, since=str(OLD))
    assert ("steps", 2, "via") in marks.paths and marks.since_label == "令和6年度第1回"
    with pytest.raises(FlowError):
        marks_since(new, since=str(OLD), since_rev="HEAD")
    with pytest.raises(FlowError) as exc:
        marks_since(new, since="nowhere.yaml")
    assert "ファイルが見つかりません" in str(exc.value)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_marks_since_a_git_revision(tmp_path, monkeypatch):
    for key in ("GIT_DIR", "GIT_WORK_TREE"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    repo = tmp_path / "r"
    repo.mkdir()
    flow = repo / "flow.yaml"

    def git(*args):
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=repo, check=True,
                       capture_output=True, timeout=60)

    git("init", "-q")
    shutil.copy(OLD, flow)
    git("add", "flow.yaml")
    git("commit", "-q", "-m", "r6")
    shutil.copy(NEW, flow)
    marks = marks_since(load_flow(flow), since_rev="HEAD")
    assert marks.paths == marks_for(load_flow(OLD), load_flow(NEW)).paths
    with pytest.raises(FlowError):
        marks_since(load_flow(flow), since_rev="HEAD~5")


def test_word_spans_point_at_the_changed_words():
    from flowdiag.diff import word_spans

    old, new = load_flow(OLD), load_flow(NEW)
    spans = word_spans(diff_flows(old, new))
    steps = {s.id: i for i, s in enumerate(new.flow.steps)}
    ret = ("steps", steps["return"], "text")
    (start, end), = spans[ret]
    assert new.flow.steps[steps["return"]].text[start:end] == "、再配達依頼情報"
    delivery = ("steps", steps["delivery"], "timing", 0)
    assert [new.flow.steps[steps["delivery"]].timing[0][a:b] for a, b in spans[delivery]] == ["7", "9"]
    assert all(p[0] in ("steps", "actors", "data", "notes", "links", "document") for p in spans)
    marks = marks_for(old, new)
    assert set(spans) <= marks.paths | {path for path, _, _ in marks.words}


SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))


@pytest.mark.parametrize("a", SAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("b", SAMPLES, ids=lambda p: p.stem)
def test_any_two_samples_mirror(a, b):
    """Even unrelated flows (another business) give a list that reads the same both ways."""
    from flowdiag.cli.diff_cmd import checklist_cells

    old, new = load_flow(a), load_flow(b)
    forward = diff_flows(old, new, checklist_cells)
    backward = diff_flows(new, old, checklist_cells)
    assert Counter(signature(c.mirrored()) for c in forward.changes) == Counter(signature(c) for c in backward.changes)
    assert bool(forward) == (a != b)
    dumped = new.flow.model_dump(by_alias=True)
    for path in forward.marks():
        node = dumped
        for part in path:
            if part == "via":
                break
            node = node[part]
    assert markdown_report(forward).startswith("# 新旧対照表")


@pytest.mark.parametrize("edit", [("legend_dash: －", 'legend_dash: "-"', "－", "-"),
                                  ("legend_dash: －", "", "－", "（ひな形どおり）")])
def test_checklist_legend_dash_change_is_listed(edit):
    """The legend's 「－」 as submitted is part of the sheet: changing or dropping it is a change."""
    from flowdiag.cli.diff_cmd import checklist_cells

    text = OLD.read_text(encoding="utf-8")
    old = load_flow(OLD)
    new = load_flow_text(text.replace(edit[0], edit[1]), str(OLD))
    found = [c for c in diff_flows(old, new, checklist_cells).changes if c.field == "checklist.legend"]
    assert len(found) == 1
    assert (found[0].old.value, found[0].new.value) == (edit[2], edit[3])
    assert "凡例" in found[0].field_label
    assert any("凡例の「－」: －" in line for line in canonical_lines(old, checklist_cells))
