"""Checklist rows named, not counted: a block whose rows differ from the template is matched by the
rows' text, the difference is named, and the block keeps working for check, checklist, derive and diff."""

from __future__ import annotations

from click.testing import CliRunner

from flowdiag.check.engine import check_loaded
from flowdiag.cli import main
from flowdiag.diff import diff_flows
from flowdiag.diff.checklists import checklist_cells
from flowdiag.load.validate import load_flow_text
from flowdiag.resolve import resolve
from flowdiag.resolve.sheets import sheets_of

from ..conftest import ROOT

SAMPLE = (ROOT / "samples" / "001-seikatsu-hogo.yaml").read_text("utf-8")
PARTNER = "      partner:\n        operational: [○, ○, ○, ○, ○, ○, ○, ○, ○, ○, ○, ○, ○]\n"
assert PARTNER in SAMPLE

T = {  # the partner's wording of some rows of checklist 5 (令和7年度)
    1: "契約にあたり、「特記事項」を付すとともに、個人情報保護法及び新宿区情報セキュリティポリシーを遵守させる。"
       "また、クラウドサービスを利用する場合は、総務省「クラウドサービス提供における情報セキュリティ対策ガイドライン」を準拠させる。",
    2: "契約履行の間、特記事項に基づき立入り調査等を受けさせるとともに、委託先に対し速やかに状況報告をさせる。",
    4: "取扱責任者及び取扱者をあらかじめ指定させ、区に報告させる。",
    5: "区が作成した業務フローに基づき、業務を行わせる。",
    "sys1": "接続するネットワークについては、特定相手以外との通信を不可とする。",
}


def variant(operational: list[str], system: list[str] | None = None, derive: bool = False) -> str:
    block = "      partner:\n        operational:\n" + "".join(f"          - {x}\n" for x in operational)
    text = SAMPLE.replace(PARTNER, block)
    if system is not None:
        text = text.replace("      partner:\n        operational:\n" + "".join(f"          - {x}\n" for x in operational)
                            + "        system: [○, ○, ○, ○, ○, ○, ○, ○, ○, ○, ○]\n",
                            "      partner:\n        operational:\n" + "".join(f"          - {x}\n" for x in operational)
                            + "        system:\n" + "".join(f"          - {x}\n" for x in system))
    if derive:
        text = text.replace("packet:\n", "packet:\n  derive_measures:\n    - {actor: contractor, checklist: 業務委託}\n", 1)
    return text


def with_text(n: int | str, mark: str = "○") -> str:
    return "{mark: " + mark + ", text: " + T[n] + "}"


def rows_problems(text: str) -> list[str]:
    result = check_loaded(load_flow_text(text, "f.yaml"))
    return [f.message for f in result.active() if f.rule == "checklist-rows"]


def test_a_missing_row_is_named_and_the_other_marks_stay_on_their_rows() -> None:
    marks = [with_text(1), with_text(2), with_text(4, "－"), with_text(5)] + ["○"] * 8  # row 3 left out
    text = variant(marks)
    got = rows_problems(text)
    assert got == ["チェックリスト5（業務委託） 委託事業者に行わせる情報保護対策【運用上の対策】 の 3行目「再委託先への立入調査等」"
                   "（再委託先がある場合には、委託先との間に立入り調査…）がありません"]
    sub = resolve(load_flow_text(text, "f.yaml")).submitted[0]
    assert sub.cells[("partner", "itaku.op_persons")].raw == "－"  # row 4 is still row 4
    assert ("partner", "itaku.op_sub_inspection") not in sub.cells
    assert sub.cells[("partner", "itaku.op_incident_consult")].raw == "○"  # the last row got the last mark


def test_a_row_in_the_other_group_is_named() -> None:
    marks = [with_text(1), with_text(2), "○", with_text(4), with_text(5)] + ["○"] * 8 + [with_text("sys1", "－")]
    system = ["○"] * 10
    got = rows_problems(variant(marks, system))
    assert got == ["チェックリスト5（業務委託） 委託事業者に行わせる情報保護対策【運用上の対策】 の 14行目「特定相手以外の通信不可」は"
                   "【運用上の対策】にありますが、【システム上の対策】の行です"]
    sub = resolve(load_flow_text(variant(marks, system), "f.yaml")).submitted[0]
    assert sub.cells[("partner", "itaku.sys_partner_only")].raw == "－"
    assert sub.cells[("partner", "itaku.sys_domestic_law")].raw == "○"


def test_an_extra_row_is_named() -> None:
    extra = "{mark: ○, text: 個人情報を含む書類は毎日シュレッダーで裁断させる。}"
    marks = [with_text(1), with_text(2), "○", with_text(4), with_text(5)] + ["○"] * 8 + [extra]
    got = rows_problems(variant(marks))
    assert len(got) == 1 and "14行目「個人情報を含む書類は毎日シュレッダーで裁断させる。」は、様式 令和7年度 のどの行にも当たりません" in got[0]


def test_without_text_the_block_is_read_in_order_and_says_so() -> None:
    got = rows_problems(variant(["○"] * 12))
    assert len(got) == 1 and "12 行分あります（様式 令和7年度 は 13 行。行の文言が無いので上から順に読みました）" in got[0]


def test_a_block_with_rows_that_differ_keeps_working_everywhere(tmp_path) -> None:
    marks = [with_text(1), with_text(2), with_text(4, "－"), with_text(5)] + ["○"] * 8
    text = variant(marks, derive=True)
    loaded = load_flow_text(text, "f.yaml")
    sheets = sheets_of(resolve(loaded))
    partner = next(s for s in sheets if s.party == "partner")
    assert [r.mark for r in partner.rows if r.group == "operational"][:5] == ["○", "○", "", "－", "○"]
    drawn = resolve(loaded).flow
    contractor = next(a for a in drawn.actors if a.id == "contractor")
    assert contractor.measures.operational  # derive_measures still draws the box
    cells = checklist_cells(loaded)
    assert len(cells) == 13 + 11 + 12 + 11
    old = load_flow_text(SAMPLE, "old.yaml")
    changes = diff_flows(old, loaded, checklist_cells)
    assert any("再委託先への立入調査等" in c.headline() for c in changes.changes)
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    runner = CliRunner()
    for args in (["checklist", str(path)], ["render", str(path), "-o", str(tmp_path / "f.svg")],
                 ["diff", str(ROOT / "samples" / "001-seikatsu-hogo.yaml"), str(path)]):
        r = runner.invoke(main, args)
        assert r.exit_code in (0, 1), (args, r.output)
        assert "内部エラー" not in r.output and "KeyError" not in r.output, r.output
