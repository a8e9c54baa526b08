"""Loading: valid flows, and every bad input gets one clear message with its position."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flowdiag.diagnostics import FlowError
from flowdiag.load.validate import load_flow, load_flow_text
from flowdiag.model.numbers import StepNumber
from tests.conftest import SAMPLES

HEAD = """flowdiag: 1
document: {number: 資料1-1, title: 【例の個人情報の流れ】}
"""
ACTORS = """actors:
  - {id: ward, name: 新宿区, kind: ward}
  - {id: contractor, name: 委託事業者, kind: contractor}
"""


def errors(text: str) -> list[str]:
    with pytest.raises(FlowError) as exc:
        load_flow_text(text, "f.yaml")
    return [str(d) for d in exc.value.diagnostics]


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_samples_load(path):  # type: ignore[no-untyped-def]
    lf = load_flow(path)
    assert lf.flow.steps and lf.flow.actors


BAD = [
    # (name, yaml, expected fragments of the one message)
    ("misspelt key", HEAD + ACTORS.replace("name: 委託事業者", "nmae: 委託事業者"),
     ["f.yaml:5:", "不明なキー「nmae」", "name のことですか"]),
    ("missing key", HEAD + "actors:\n  - {id: ward}\n", ["f.yaml:4:", "「name」", "追加してください"]),
    ("unknown actor", HEAD + ACTORS + "steps:\n  - {number: 1, from: ward, to: contracter, text: 提供}\n",
     ["f.yaml:7:", "「contracter」が定義されていません", "contractor のことですか"]),
    ("duplicate key", HEAD + "document: {number: x, title: y}\n" + ACTORS,
     ["f.yaml:3:1", "キー「document」が重複しています（2行目と3行目）"]),
    ("tab indent", HEAD + "actors:\n\t- {id: ward, name: 区}\n", ["f.yaml:4:", "タブ文字", "半角スペース"]),
    ("empty file", "", ["f.yaml:1:1", "ファイルが空です"]),
    ("list at top", "- a\n- b\n", ["f.yaml:1:1", "最上位がリスト"]),
    ("no format line", "document: {number: x, title: y}\n", ["flowdiag: 1 の行がありません"]),
    ("bad kind", HEAD + "actors:\n  - {id: ward, name: 区, kind: wrad}\n", ["f.yaml:4:", "「wrad」は使えません", "ward のことですか"]),
    ("bad id", HEAD + "actors:\n  - {id: 新宿区, name: 区}\n", ["f.yaml:4:", "id「新宿区」", "半角英字"]),
    ("step without place", HEAD + ACTORS + "steps:\n  - {number: 1, text: 何か}\n", ["f.yaml:7:", "at も from/to もありません"]),
    ("unknown measure id", HEAD + ACTORS + "steps:\n  - {number: 1, at: ward, text: 抽出, measures: [itaku.retuned_and_erased]}\n",
     ["f.yaml:7:", "itaku.retuned_and_erased", "itaku.returned_and_erased のことですか"]),
    ("unknown medium id", HEAD + ACTORS + "steps:\n  - {number: 1, from: ward, to: contractor, text: 提供, medium: usbb}\n",
     ["f.yaml:7:", "medium「usbb」", "usb のことですか"]),
    ("bad step number", HEAD + ACTORS + "steps:\n  - {number: abc, at: ward, text: 抽出}\n", ["f.yaml:7:", "ステップ番号「abc」を読めません"]),
    ("alias bomb", HEAD + ACTORS + "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
     "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
     "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n", ["要素が多すぎます"]),
    ("duplicate id", HEAD + "actors:\n  - {id: ward, name: 区}\n  - {id: ward, name: 区2}\n", ["f.yaml:5:", "id「ward」が重複"]),
    ("unclosed bracket", HEAD + "actors: [{id: ward, name: 区}\n", ["f.yaml:", "YAML"]),
    ("python tag", HEAD + ACTORS + "notes: !!python/object:os.system [ls]\n", ["f.yaml:6:", "使えないタグ"]),
]


@pytest.mark.parametrize("name,text,expected", BAD, ids=[b[0] for b in BAD])
def test_bad_input_message(name: str, text: str, expected: list[str]) -> None:
    msgs = errors(text)
    joined = "\n".join(msgs)
    for fragment in expected:
        assert fragment in joined, f"{fragment!r} not in {joined!r}"
    assert all(": error: " in m for m in msgs)


def test_all_errors_of_a_file_in_one_run() -> None:
    text = HEAD + """actors:
  - {id: ward, name: 区, kidn: ward}
  - {id: co, nam: 委託先}
"""
    msgs = errors(text)
    assert len(msgs) >= 2
    assert any("kidn" in m and ":4:" in m for m in msgs)
    assert any("nam" in m and ":5:" in m for m in msgs)


def test_dates_and_yes_no_stay_text() -> None:
    lf = load_flow_text(HEAD.replace("title:", "date: 2024-07-01, version: no, title:") + ACTORS)
    assert lf.flow.document.date == "2024-07-01"
    assert lf.flow.document.version == "no"


def test_bom_and_crlf_are_accepted(tmp_path) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "f.yaml"
    p.write_bytes(b"\xef\xbb\xbf" + (HEAD + ACTORS).replace("\n", "\r\n").encode("utf-8"))
    assert load_flow(p).flow.actors[0].name == "新宿区"


def test_cp932_is_read_with_a_warning(tmp_path) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "f.yaml"
    p.write_bytes((HEAD + ACTORS).encode("cp932"))
    lf = load_flow(p)
    assert lf.flow.actors[0].name == "新宿区"
    assert any("Shift_JIS" in w.message for w in lf.warnings)


@pytest.mark.parametrize("text,labels", [
    ("①", ["①"]), ("2'", ["②′"]), ("②′", ["②′"]), ("３", ["③"]), ("③③'", ["③", "③′"]),
    ("㉑", ["㉑"]), ("51", ["51"]), ("12''", ["⑫″"]),
])
def test_step_numbers(text: str, labels: list[str]) -> None:
    lf = load_flow_text(HEAD + ACTORS + f"steps:\n  - {{number: \"{text}\", at: ward, text: x}}\n")
    assert [n.label() for n in lf.flow.steps[0].number] == labels


@given(st.integers(min_value=1, max_value=200), st.integers(min_value=0, max_value=2))
def test_step_number_label_round_trips(base: int, primes: int) -> None:
    n = StepNumber(base, primes)
    assert StepNumber.parse(n.label()) == n
    assert StepNumber.parse(f"{base}" + "'" * primes) == n
