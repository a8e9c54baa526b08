"""``flowdiag fmt``: canonical order and layout, comments kept, idempotent, meaning unchanged."""

from __future__ import annotations

import random
import re
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flowdiag.author.fmt import KEY_ORDER, format_flow, format_text, key_order
from flowdiag.author.schema import models
from flowdiag.load.validate import load_flow_text

from ..conftest import SAMPLES, run_cli
from ..diff.flowgen import flows

TRICKY = ["yes", "no", "on", "1:30", "0777", "2024-07-01", "1e3", "null", "~", "true", "#見出し", "a: b", "- x",
          "'引用'", '"二重"', "※注記", "【LGWAN回線】", "R6.7.2~12.31", "①", "2'", "  前後の空白  ", "全角　空白",
          "@at", "`back`", "%pct", "!bang", "&amp", "*star", "|pipe", ">gt", "[括弧]", "{波括弧}", "0x1F", ".5"]


def _shuffled(value: Any, rnd: random.Random) -> Any:
    if isinstance(value, dict):
        keys = list(value)
        rnd.shuffle(keys)
        return {k: _shuffled(value[k], rnd) for k in keys}
    if isinstance(value, list):
        return [_shuffled(v, rnd) for v in value]
    return value


def _dump(data: dict[str, Any], flow_style: bool | None) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=flow_style, width=1000)


def _comments(text: str) -> list[str]:
    return sorted(m.group(0).strip() for m in re.finditer(r"#[^\n]*", text) if not m.group(0).startswith("#見出し"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(flows(), st.randoms(use_true_random=False), st.sampled_from([None, False]), st.lists(st.sampled_from(TRICKY)))
def test_idempotent_and_meaning_kept(data, rnd, style, words):
    for i, word in enumerate(words):  # awkward texts where texts are written
        target = data["actors"][i % len(data["actors"])]
        target["caption"] = [*target.get("caption", []), word]
    text = _dump(_shuffled(data, rnd), style)
    once, before = format_flow(text, "gen.yaml")
    twice, _ = format_flow(once, "gen.yaml")
    assert twice == once
    assert load_flow_text(once, "gen.yaml").flow == before.flow


def test_samples_are_canonical_and_comments_survive_a_shuffle():
    for sample in SAMPLES:
        text = sample.read_text(encoding="utf-8")
        assert format_text(text) == text, sample.name
    proc = run_cli("fmt", "--check", *[str(s) for s in SAMPLES])
    assert proc.returncode == 0, proc.stderr


def test_comments_are_kept_when_keys_move():
    text = ("# 冒頭のコメント\nsteps:\n  # 最初のステップ\n  - text: 抽出   # 内容\n    at: ward\n    number: 1  # 番号\n"
            "document:\n  title: 【表題】  # 表題\n  number: 資料1-1\nflowdiag: 1\nactors:\n  - {id: ward, name: 区, kind: ward}\n")
    out, _ = format_flow(text, "x.yaml")
    assert _comments(out) == _comments(text)
    assert out.splitlines()[:4] == ["# 冒頭のコメント", "flowdiag: 1", "document:", "  number: 資料1-1"]
    assert "  - number: 1  # 番号\n    at: ward\n    text: 抽出   # 内容\n" in out


def test_key_order_table_names_real_fields():
    by_name = {m.__name__: m for m in models()}
    for name, keys in KEY_ORDER.items():
        assert name in by_name, name
        assert set(keys) <= set(key_order(by_name[name])), name
        assert key_order(by_name[name])[: len(keys)] == list(keys)


def test_cli_rewrites_checks_and_refuses_bad_input(tmp_path):
    flow = tmp_path / "flow.yaml"
    flow.write_text("actors:\n- {id: ward, name: 区}\ndocument: {title: T, number: N}\nflowdiag: 1\n", encoding="utf-8")
    proc = run_cli("fmt", "--check", str(flow))
    assert proc.returncode == 1 and "整形が必要です" in proc.stderr
    assert flow.read_text(encoding="utf-8").startswith("actors")
    proc = run_cli("fmt", str(flow))
    assert proc.returncode == 0, proc.stderr
    assert flow.read_text(encoding="utf-8").startswith("flowdiag: 1\ndocument:")
    assert run_cli("fmt", "--check", str(flow)).returncode == 0
    assert [p.name for p in tmp_path.iterdir()] == ["flow.yaml"]  # no temporary file left

    bad = tmp_path / "bad.yaml"
    raw = b"flowdiag: 1\nactors: x\n"
    bad.write_bytes(raw)
    proc = run_cli("fmt", str(bad))
    assert proc.returncode == 2
    assert "bad.yaml:1:1: error:" in proc.stderr and "Traceback" not in proc.stderr
    assert bad.read_bytes() == raw


def test_shift_jis_and_crlf_files(tmp_path):
    flow = tmp_path / "sjis.yaml"
    flow.write_bytes("flowdiag: 1\r\nactors:\r\n  - {name: 新宿区, id: ward}\r\ndocument: {number: 資料1-1, title: 表題}\r\n"
                     .encode("cp932"))
    proc = run_cli("fmt", str(flow))
    assert proc.returncode == 0, proc.stderr
    text = flow.read_bytes().decode("utf-8")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    assert "- {id: ward, name: 新宿区}" in text
