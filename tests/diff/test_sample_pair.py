"""The real pair: sample 000 (令和6年度第1回) and its 令和7年度 version. The list must be exact."""

from __future__ import annotations

from collections import Counter

import pytest

from flowdiag.cli.diff_cmd import checklist_cells
from flowdiag.diff import diff_flows, marks_for
from flowdiag.diff.markdown import markdown_report
from flowdiag.diff.report import json_report, text_report
from flowdiag.load.validate import load_flow
from flowdiag.model.marks import WORDS

from ..conftest import ROOT, golden, run_cli
from .flowgen import signature

OLD = "samples/000-keitai-toilet.yaml"
NEW = "samples/000-keitai-toilet-r7.yaml"
GOLDEN = ROOT / "tests" / "diff" / "golden"


@pytest.fixture(scope="module")
def pair():
    return load_flow(ROOT / OLD, OLD), load_flow(ROOT / NEW, NEW)


EXPECTED = [  # (kind, area, field label, old, new), in report order
    ('changed', 'document', '資料番号', '資料19-1', '資料8-1'),
    ('changed', 'document', '版', '令和6年度第1回', '令和7年度第1回'),
    ('added', 'actor', '【運用上の対策】', None, '再委託先への立入調査等'),
    ('removed', 'actor', '【システム上の対策】', 'サーバ冗長化', None),
    ('added', 'actor', '', None, '再委託先'),
    ('changed', 'place', '所属', '委託事業者', '再委託先'),
    ('added', 'data', '', None, '再配達依頼情報'),
    ('changed', 'step', '時点・期間', 'R6.7.1時点', 'R7.7.1時点'),
    ('changed', 'step', '時点・期間', 'R6.7.2~12.31', 'R7.7.2~12.31'),
    ('changed', 'step', '媒体・経路', '(USBメモリ・手渡し)', '【インターネット回線】通信暗号化'),
    ('added', 'step', '', None, '転出者を除いた配布対象者の確定'),
    ('changed', 'step', '時点・期間', 'R6.10月から順次', 'R7.9月から順次'),
    ('changed', 'step', '時点・期間', 'R6.7.2~12.31転入者', 'R7.7.2~12.31転入者'),
    ('added', 'step', '', None, '再配達依頼情報の提供'),
    ('added', 'step', '', None, '契約終了後、再配達依頼情報の消去及び委託事業者への消去報告'),
    ('changed', 'step', '内容', '契約終了後、対象者情報、対応記録データの返却', '契約終了後、対象者情報、対応記録データ、再配達依頼情報の返却'),
    ('added', 'step', 'データ', None, '再配達依頼情報'),
    ('renumbered', 'step', '番号', '③③′', '④④′'),
    ('renumbered', 'step', '番号', '④④′', '⑤⑤′'),
    ('renumbered', 'step', '番号', '⑤', '⑥'),
    ('renumbered', 'step', '番号', '⑤′', '⑥′'),
    ('renumbered', 'step', '番号', '⑥', '⑦'),
    ('renumbered', 'step', '番号', '⑦', '⑧'),
    ('renumbered', 'step', '番号', '⑧', '⑩'),
    ('renumbered', 'step', '番号', '⑨', '⑫'),
    ('added', 'packet', '要綱の根拠', None, '再委託'),
    ('changed', 'packet', '版', '令和6年度', '令和7年度'),
    ('added', 'packet', '変更箇所の注記', None, '※太字ゴシック（下線）が、令和6年度第1回新宿区個人情報保護管理運営会議承認済の内容からの変更箇所'),
    ('changed', 'packet', '事業の概要の対象者1件目', '(1) 令和6年7月1日時点で新宿区の住民基本台帳に記録されている世帯主', '(1) 令和7年7月1日時点で新宿区の住民基本台帳に記録されている世帯主'),
    ('changed', 'packet', '事業の概要の対象者2件目', '(2) 令和6年7月2日から12月31日までに区内に転入した世帯主', '(2) 令和7年7月2日から12月31日までに区内に転入した世帯主'),
    ('changed', 'packet', '事業の概要の事業内容（概要）5件目', '内容物については区で調達を行うが、内容物の封入・封緘、梱包資材への宛名印字、梱包品の発送、コールセンターによる案内業務等については、豊富なノウハウを備えた業者に委託を行う。', '内容物については区で調達を行うが、内容物の封入・封緘、梱包資材への宛名印字、梱包品の発送、コールセンターによる案内業務等については、豊富なノウハウを備えた業者に委託を行う。コールセンターによる案内業務は、委託先からコールセンター業務の実績がある事業者に再委託する。'),
    ('changed', 'packet', '事業の概要の事業内容（概要）8件目', 'また、令和6年7月2日以降から12月31日までに転入した世帯主も配布対象とし、区外転出した者を配布対象から除外することから、1か月ごとに転入者及び転出者情報を反映したマスタデータと転入者及び転出者ファイルを委託業者へ提供する。コールセンターにて再配送の申請があった場合には、配達状況を確認のうえ、必要に応じ内容物を再梱包のうえ対象者へ配布を行う。', 'また、令和7年7月2日以降から12月31日までに転入した世帯主も配布対象とし、区外転出した者を配布対象から除外することから、1か月ごとに転入者及び転出者情報を反映したマスタデータと転入者及び転出者ファイルを委託業者へ提供する。コールセンターにて再配送の申請があった場合には、配達状況を確認のうえ、必要に応じ内容物を再梱包のうえ対象者へ配布を行う。'),
    ('changed', 'packet', '事業の概要の対象者数2件目', '配布期間 令和6年10月1日から令和7年1月31日', '配布期間 令和7年9月1日から令和8年1月31日'),
    ('changed', 'packet', '事業の概要の個人情報の流れの注記', '※個人情報の流れは、資料19-1のとおり', '※個人情報の流れは、資料8-1のとおり'),
    ('added', 'packet', '様式「業務委託」の情報項目「再配達依頼情報」', None, None),
    ('changed', 'packet', '様式「業務委託」の記録媒体', '電磁的媒体(委託先のパソコン及びUSBメモリ)', '電磁的媒体(委託先のパソコン、USBメモリ及び暗号化した通信)'),
    ('changed', 'packet', '様式「業務委託」の内容3件目', '(3) コールセンターによる案内業務', '(3) コールセンターによる案内業務（再委託先の管理を含む）'),
    ('changed', 'packet', '様式「業務委託」の期間', '令和6年7月22日から令和7年2月28日まで', '令和7年7月22日から令和8年2月28日まで'),
    ('added', 'packet', '様式「再委託」', None, None),
    ('added', 'packet', 'チェックリスト「業務委託」の主体', None, 'contractor'),
    ('added', 'packet', 'チェックリスト「業務委託」の主体', None, 'subcontractor'),
    ('added', 'packet', '委託にあたり区が行う情報保護対策【運用上の対策】3「再委託先への立入調査等」', None, '○'),
    ('added', 'packet', '委託にあたり区が行う情報保護対策【運用上の対策】6「個人情報の管理の定期的な確認」', None, '○'),
    ('added', 'packet', '委託事業者に行わせる情報保護対策【運用上の対策】3「再委託先への立入調査等」', None, '○'),
    ('added', 'packet', '委託事業者に行わせる情報保護対策【運用上の対策】6「個人情報の管理の定期的な確認」', None, '○'),
    ('changed', 'packet', '委託にあたり区が行う情報保護対策【システム上の対策】全行（特定相手以外の通信不可〜国内法が適用されるサーバ環境）', '－', '○'),
]


def _row(c):
    return (c.kind, c.area, c.field_label, c.old.value if c.old else None, c.new.value if c.new else None)


def test_the_change_list_is_exact(pair):
    assert [_row(c) for c in diff_flows(*pair, checklist_cells).changes] == EXPECTED


def test_without_the_checklist_reader_marks_are_compared_as_lists(pair):
    rows = [_row(c) for c in diff_flows(*pair).changes]
    chart = [r for r in EXPECTED if r[1] != "packet"]
    assert [r for r in rows if r[1] != "packet"] == chart
    assert ("changed", "packet", "チェックリスト「業務委託」の区が行う対策の【システム上の対策】1〜11件目", "－", "○") in rows


def test_every_change_has_its_lines(pair):
    cs = diff_flows(*pair)
    for c in cs.changes:
        for side in (c.old, c.new):
            if side is not None:
                assert side.line is not None, c.headline()
    period = next(c for c in cs.changes if c.new and c.new.value == "R7.7.1時点")
    assert (period.old.line, period.new.line) == (_line(OLD, "R6.7.1時点"), _line(NEW, "R7.7.1時点"))
    removed = next(c for c in cs.changes if c.kind == "removed")
    assert removed.old.line == _line(OLD, "サーバ冗長化")


def _line(path: str, text: str) -> int:
    lines = (ROOT / path).read_text(encoding="utf-8").splitlines()
    hits = [i + 1 for i, line in enumerate(lines) if text in line and not line.lstrip().startswith("#")]
    assert len(hits) == 1, (path, text, hits)
    return hits[0]


def test_marks_sit_on_what_changed(pair):
    old, new = pair
    marks = marks_for(old, new)
    steps = {s.id: i for i, s in enumerate(new.flow.steps)}
    expected = {
        ("actors", 1, "measures", "operational", 2),  # 再委託先への立入調査等
        ("actors", 2), ("actors", 2, "places", 0),  # the subcontractor, and the call centre moved into it
        ("data", 2), ("data", 2, "at", 0),  # a new data box, and where it is shown
        ("steps", steps["first_handover"], "timing", 0),
        ("steps", steps["monthly_handover"], "timing", 0), ("steps", steps["monthly_handover"], "via"),
        ("steps", steps["exclude_moved_out"]),
        ("steps", steps["delivery"], "timing", 0), ("steps", steps["delivery_new"], "timing", 0),
        ("steps", steps["redelivery_info"]), ("steps", steps["subcontractor_erasure"]),
        ("steps", steps["return"], "text"),
    } | {("steps", steps[k], "number") for k in ("packing", "address_printing", "delivery", "delivery_new",
                                                 "delivery_report", "redelivery_request", "redelivery", "return")}
    # edited texts are marked word by word: their changed words carry the mark (R7, 、再配達依頼情報)
    worded = {("steps", steps[k], "timing", 0) for k in ("first_handover", "monthly_handover", "delivery",
                                                         "delivery_new")} | {("steps", steps["return"], "text")}
    assert marks.paths == {p + (WORDS,) if p in worded else p for p in expected}
    words = {path: [value[a:b] for a, b in ranges] for path, value, ranges in marks.words}
    assert words == {("steps", steps["first_handover"], "timing", 0): ["R7"],
                     ("steps", steps["monthly_handover"], "timing", 0): ["R7"],
                     ("steps", steps["delivery"], "timing", 0): ["R7", "9"],
                     ("steps", steps["delivery_new"], "timing", 0): ["R7"],
                     ("steps", steps["return"], "text"): ["、再配達依頼情報"]}
    assert marks.removed == ("主体「委託事業者」の【システム上の対策】「サーバ冗長化」",)
    assert marks.since_label == "令和6年度第1回"
    assert new.flow.actors[1].measures.operational[2] == "再委託先への立入調査等"
    assert new.flow.steps[steps["monthly_handover"]].timing[0] == "R7.7.2~12.31"


def test_since_label_can_be_given(pair):
    assert marks_for(*pair, since_label="令和6年度第2回").since_label == "令和6年度第2回"


def test_golden_text(pair):
    golden(GOLDEN / "000-r6-r7.txt", text_report(diff_flows(*pair, checklist_cells)) + "\n")


def test_golden_markdown(pair):
    golden(GOLDEN / "000-r6-r7.md", markdown_report(diff_flows(*pair, checklist_cells)))


def test_golden_json(pair):
    golden(GOLDEN / "000-r6-r7.json", json_report(diff_flows(*pair, checklist_cells)) + "\n")


@pytest.mark.parametrize(("fmt", "name"), [("text", "000-r6-r7.txt"), ("markdown", "000-r6-r7.md"),
                                           ("json", "000-r6-r7.json")])
def test_cli_prints_the_golden_output(fmt, name):
    proc = run_cli("diff", OLD, NEW, "--format", fmt)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == (GOLDEN / name).read_text(encoding="utf-8")
    assert proc.stderr == ""


def test_reverse_direction_mirrors(pair):
    old, new = pair
    forward = diff_flows(old, new)
    backward = diff_flows(new, old)
    assert Counter(signature(c.mirrored()) for c in forward.changes) == Counter(signature(c) for c in backward.changes)
