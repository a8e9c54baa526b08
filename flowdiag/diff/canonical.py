"""One flow as a list of facts, one a line, for ``git diff`` through a textconv filter.

Every line names its thing by name, not by number or position, and lists whose order does not
matter are sorted, so a plain line diff of two listings shows what changed and nothing else:
reformatting, comments, reordering and renumbering (one ``番号`` line per step) do not spread.

>>> from flowdiag.load.validate import load_flow_text
>>> lf = load_flow_text('''
... flowdiag: 1
... document: {number: 資料1-1, title: 例}
... actors: [{id: ward, name: 区}, {id: co, name: 委託先, measures: {operational: [データの暗号化]}}]
... steps: [{number: 2, from: ward, to: co, text: 提供, medium: usb, channel: hand}]
... ''')
>>> print("\\n".join(canonical_lines(lf)))
文書 資料番号: 資料1-1
文書 表題: 例
主体「区」 種類: other
主体「委託先」 種類: other
主体「委託先」 【運用上の対策】: データの暗号化
ステップ「提供」 番号: ②
ステップ「提供」 経路: 区から委託先へ
ステップ「提供」 媒体・経路: (USBメモリ・手渡し)
"""

from __future__ import annotations

from pydantic import BaseModel

from ..catalog import match_key
from ..load.validate import LoadedFlow
from ..model.flow import Actor, Place
from ..model.numbers import numbers_label
from ..resolve import measure_bullets, via_text
from ..wording import GROUP_LABELS
from .checklists import ChecklistReader, skip_marks
from .compare import DOCUMENT_FIELDS, GROUPS
from .generic import key_label, name_of, show

_HANDLED_FLOW = {"flowdiag", "document", "actors", "data", "steps", "links", "notes"}


def _sorted(items: list[str]) -> list[str]:
    return sorted(items, key=lambda x: (match_key(x), x))


def canonical_lines(loaded: LoadedFlow, checklists: ChecklistReader | None = None) -> list[str]:
    """The facts of one flow, in a stable order.

    With ``checklists`` (see checklists.py) every checklist mark is a line named by its row.
    """
    flow, cat = loaded.flow, loaded.catalog
    names = {k: v.name for k, v in flow.nodes().items()}
    titles = {d.id: d.title for d in flow.data}
    out: list[str] = []
    doc = flow.document
    for key, label in DOCUMENT_FIELDS:
        value = getattr(doc, key)
        if value is not None:
            out.append(f"文書 {label}: {value}")
    if doc.page != type(doc.page)():
        out.append(f"文書 用紙: {doc.page.size} {doc.page.orientation}")

    def holder(subject: str, h: Actor | Place) -> None:
        out.append(f"{subject} 種類: {h.kind}")
        out.extend(f"{subject} 説明: {x}" for x in h.caption)
        out.extend(f"{subject} 注記: {x}" for x in h.notes)
        for group, label in GROUPS:
            bullets = measure_bullets(getattr(h.measures, group), cat)
            out.extend(f"{subject} {label}: {x}" for x in _sorted([b.label for b in bullets]))

    for actor in flow.actors:
        holder(f"主体「{actor.name}」", actor)
        for place in actor.places:
            holder(f"場所「{place.name}」（{actor.name}）", place)
    for ds in flow.data:
        subject = f"データ「{ds.title}」"
        out.extend(f"{subject} 項目: {x}" for x in _sorted(ds.items))
        out.extend(f"{subject} 表示場所: {x}" for x in _sorted([names.get(a, a) for a in ds.at]))
        out.extend(f"{subject} 区分: {x}" for x in _sorted(list(ds.sensitive)))
        out.extend(f"{subject} 注記: {x}" for x in ds.notes)
    for step in sorted(flow.steps, key=lambda s: (s.number, s.text)):
        subject = f"ステップ「{step.text}」"
        out.append(f"{subject} 番号: {numbers_label(step.number)}")
        if step.at:
            out.append(f"{subject} 経路: {names.get(step.at, step.at)}で")
        else:
            out.append(f"{subject} 経路: {names.get(step.from_ or '', step.from_)}から{names.get(step.to or '', step.to)}へ")
        out.extend(f"{subject} 時点・期間: {x}" for x in step.timing)
        via = via_text(step, cat)
        if via:
            out.append(f"{subject} 媒体・経路: {via}")
        out.extend(f"{subject} データ: {x}" for x in _sorted([titles.get(d, d) for d in step.data]))
        if step.returns:
            out.append(f"{subject} 返却・消去: あり")
        if getattr(step, "show_items", False):
            out.append(f"{subject} 項目の表示: あり")
        out.extend(f"{subject} 対策: {x}" for x in _sorted([b.label for b in measure_bullets(step.measures, cat)]))
        out.extend(f"{subject} 注記: {x}" for x in step.notes)
    for link in flow.links:
        ends = "・".join(names.get(x, x) for x in link.between)
        text = link.label or link.channel + ("通信暗号化" if link.encrypted else "")
        out.append(f"回線「{text}」 結ぶ主体: {ends}")
        out.extend(f"回線「{text}」 注記: {x}" for x in link.notes)
    out.extend(f"図 注記: {x}" for x in flow.notes)
    for name, info in type(flow).model_fields.items():
        if name in _HANDLED_FLOW:
            continue
        value = getattr(flow, name)
        if value in (None, [], {}):
            continue
        key = info.alias or name
        label = key_label(key, info.description)
        out.extend(f"{label} {line}" for line in _flatten(value, skip=(key,) if checklists else None))
    if checklists is not None:
        cells = sorted(checklists(loaded), key=lambda c: (c.key[:2], c.key[2] != "ward", c.group != GROUP_LABELS["operational"], c.number))
        out.extend(f"{c.checklist} {c.party}{c.group}「{c.row}」: {c.shown}" for c in cells)
        named = {(c.path[2], c.path[3]): c for c in cells}
        for i, sheet in enumerate(flow.packet.checklists if flow.packet else []):
            for party in ("ward", "partner"):
                marks, cell = getattr(sheet, party), named.get((i, party))
                if marks is not None and marks.legend_dash is not None and cell is not None:
                    out.append(f"{cell.checklist} {cell.party}の凡例の「－」: {marks.legend_dash}")
    return out


def _flatten(value: object, prefix: str = "", skip: tuple[str | int, ...] | None = None) -> list[str]:
    """Nested data as ``key・key: value`` lines; ``skip`` holds the path so far to leave mark lists out."""
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    if isinstance(value, dict):
        out: list[str] = []
        for k, v in value.items():
            path = skip + (k,) if skip is not None else None
            if path is not None and skip_marks(path):
                continue
            out += _flatten(v, f"{prefix}・{key_label(str(k))}" if prefix else key_label(str(k)), path)
        return out
    if isinstance(value, list):
        if all(not isinstance(v, dict | list | BaseModel) for v in value):
            return [f"{prefix}: {show(value)}"]
        out = []
        for i, v in enumerate(value):
            name = name_of(v, i) if isinstance(v, dict) else f"{i + 1}件目"
            out += _flatten(v, prefix + name, skip + (i,) if skip is not None else None)
        return out
    return [f"{prefix}: {show(value)}"]


def canonical_text(loaded: LoadedFlow, checklists: ChecklistReader | None = None) -> str:
    return "\n".join(canonical_lines(loaded, checklists)) + "\n"
