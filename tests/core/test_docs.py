"""Every key a flow file can hold is documented (docs/dsl.md, the packet keys in docs/check.md)."""

from __future__ import annotations

import re

import pytest
from pydantic import BaseModel

from flowdiag.model import flow, packet
from tests.conftest import ROOT

DOCS = "".join((ROOT / "docs" / name).read_text("utf-8") for name in ("dsl.md", "check.md", "packet.md"))
# every lower-case word inside `code` (a key alone, `packet.forms`, `{mark: ○}`, `checklists[].actors` …)
DOCUMENTED = {word for span in re.findall(r"`([^`\n]+)`", DOCS) for word in re.findall(r"[a-z_]+", span)}


def _models() -> list[type[BaseModel]]:
    found = []
    for mod in (flow, packet):
        for obj in vars(mod).values():
            if isinstance(obj, type) and issubclass(obj, BaseModel) and obj.__module__ == mod.__name__ \
                    and obj.model_fields:
                found.append(obj)
    return found


@pytest.mark.parametrize("model", _models(), ids=lambda m: m.__name__)
def test_every_key_is_documented(model: type[BaseModel]) -> None:
    keys = {f.alias or name for name, f in model.model_fields.items()}
    missing = sorted(k for k in keys if k not in DOCUMENTED)
    assert not missing, f"{model.__name__}: keys not in docs/dsl.md or docs/check.md: {missing}"
