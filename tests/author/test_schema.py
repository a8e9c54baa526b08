"""``flowdiag schema``: generated from the models, described in Japanese, and in step with the loader.

The schema must accept every file the loader accepts (samples, the ok_ bad-input cases, random
flows) and refuse every bad case it can judge; only references between ids (an undefined or
duplicate id) are beyond a JSON Schema.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from flowdiag.author.schema import build_schema, models, schema_json, schema_text, yaml_keys
from flowdiag.catalog import load_catalog
from flowdiag.diagnostics import FlowError
from flowdiag.load.files import decode
from flowdiag.load.validate import build_flow
from flowdiag.load.yaml_source import read_yaml_file

from ..conftest import ROOT, SAMPLES, run_cli
from ..diff.flowgen import flows

CASES = ROOT / "tests" / "bad" / "cases"
COMMITTED = ROOT / "schema" / "flowdiag.schema.json"

CANNOT_JUDGE = {
    "missing_data_ref": "参照先のデータが無い",
    "missing_actor_ref": "参照先の主体が無い",
    "link_to_nowhere": "回線の参照先が無い",
    "duplicate_data_id": "id の重複",
    "duplicate_place_id": "id の重複",
    "duplicate_actor_id": "id の重複",
    "link_inside_one_actor": "回線の両端が同じ主体（参照先の持ち主）",
    "measure_row_without_form": "チェックリストの行 id の形（様式の名前との組み合わせ）",
    "step_number_huge": "ステップ番号の大きさ（番号の書き方は文字列・数・丸数字のどれでもよい）",
}
"""Bad cases a JSON Schema cannot judge: references between ids and values read by the loader. Any other case the loader refuses
must fail the schema too (add a case here only when no schema rule can express it)."""


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    schema = build_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def _data(path: Path) -> Any:
    """The file as an editor's YAML reader sees it (numbers as numbers), which is what the schema judges."""
    text, _ = decode(path.read_bytes(), path.name)
    try:
        return yaml.safe_load(text)
    except ValueError:  # an integer past Python's digit limit: no editor reads it as a number either
        return None


def test_committed_copy_is_the_generated_schema():
    assert COMMITTED.read_text(encoding="utf-8") == schema_json(), (
        "schema/flowdiag.schema.json is out of date: run  .venv/bin/flowdiag schema -o schema/flowdiag.schema.json")


def test_every_model_field_has_japanese_text():
    texts = schema_text()
    missing = [f"{m.__name__}.{k}" for m in models() for k in ["_", *yaml_keys(m)]
               if "title" not in texts.get(m.__name__, {}).get(k, {})]
    assert not missing, ("fields without a Japanese title in flowdiag/author/schema_text.yaml: "
                         + ", ".join(missing))
    known = {m.__name__: set(yaml_keys(m)) | {"_"} for m in models()}
    stale = [f"{name}.{k}" for name, entries in texts.items() for k in entries if k not in known.get(name, set())]
    assert not stale, "entries in schema_text.yaml that name no model field: " + ", ".join(stale)


def test_titles_and_descriptions_are_japanese_everywhere():
    schema = build_schema()
    nodes = [schema] + list(schema["$defs"].values())
    for node in nodes:
        assert any(ord(c) > 0x3000 for c in node["title"]), node["title"]
        for key, prop in node.get("properties", {}).items():
            assert any(ord(c) > 0x2000 for c in prop["title"]), (node["title"], key)


def test_catalog_ids_are_enums():
    cat = load_catalog()
    schema = build_schema()
    step = schema["$defs"]["Step"]["properties"]
    text = json.dumps(step["medium"], ensure_ascii=False)
    assert all(f'"{m}"' in text for m in cat.media)
    assert all(f'"{c}"' in json.dumps(step["channel"]) for c in cat.channels)
    measures = json.dumps(schema["$defs"]["MeasureGroups"]["properties"]["operational"])
    assert all(f'"{m}"' in measures for m in [*cat.measures, *cat.sets])
    ref = schema["$defs"]["MeasureRef"]["properties"]["ref"]["anyOf"]
    assert ref[0]["enum"] == [*cat.measures, *cat.sets] and ref[1] == {"type": "null"}


def test_samples_validate(validator):
    for sample in SAMPLES:
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(_data(sample))]
        assert not errors, (sample.name, errors[:5])
        assert sample.read_text(encoding="utf-8").startswith(
            "# yaml-language-server: $schema=../schema/flowdiag.schema.json\n"), sample.name


def _cases() -> list[Path]:
    return sorted(CASES.glob("*.yaml"))


@pytest.mark.parametrize("case", _cases(), ids=lambda p: p.stem)
def test_bad_cases(case: Path, validator):
    try:
        doc = read_yaml_file(case)
    except FlowError:
        pytest.skip("not YAML the schema could read (syntax, encoding or size)")
    try:
        build_flow(doc)
        loads = True
    except FlowError:
        loads = False
    valid = validator.is_valid(_data(case))
    if loads:
        assert valid, [e.message for e in validator.iter_errors(doc.data)]
    elif case.stem in CANNOT_JUDGE:
        assert valid, f"{case.stem} is listed as beyond the schema but the schema refuses it: remove it from CANNOT_JUDGE"
    else:
        assert not valid, f"the loader refuses {case.name} but the schema accepts it"


def test_cannot_judge_cases_exist():
    names = {p.stem for p in _cases()}
    assert set(CANNOT_JUDGE) <= names


def test_a_unknown_catalog_id_and_a_blank_text_fail(validator):
    flow = _data(ROOT / "samples" / "000-keitai-toilet.yaml")
    assert validator.is_valid(flow)
    bad_medium = json.loads(json.dumps(flow))
    bad_medium["steps"][1]["medium"] = "usbb"
    assert not validator.is_valid(bad_medium)
    free = json.loads(json.dumps(flow))
    free["steps"][1]["medium"] = "暗号化USBメモリ（自由記述）"
    assert validator.is_valid(free)
    blank = json.loads(json.dumps(flow))
    blank["actors"][0]["name"] = "　"  # a full-width space only
    assert not validator.is_valid(blank)
    both = json.loads(json.dumps(flow))
    both["steps"][0]["from"] = "ward"
    assert not validator.is_valid(both)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(flows())
def test_random_valid_flows_validate(validator, data):
    assert validator.is_valid(data), [e.message for e in validator.iter_errors(data)][:3]


def test_cli_writes_the_schema(tmp_path):
    out = tmp_path / "flowdiag.schema.json"
    proc = run_cli("schema", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8") == schema_json()
    proc = run_cli("schema")
    assert proc.returncode == 0 and json.loads(proc.stdout)["$schema"].startswith("http://json-schema.org/draft-07")
