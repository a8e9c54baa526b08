"""Chart vs catalog: a measure bullet that is almost, but not, a standard label; wording drift."""

from __future__ import annotations

from typing import Any

from ..catalog import REF_PATTERN
from ..model.flow import MeasureRef
from ..resolve.templates import all_row_ids
from .context import Context
from .findings import Finding, rule
from .wording import drift_pairs, loose, near_miss, tolerant

_FLOW = """flowdiag: 1
document: {number: 資料1-1, title: 例}
actors:
  - {id: ward, name: 新宿区, kind: ward}
  - id: contractor
    name: 委託事業者
    kind: contractor
    measures:
      system: [%s]
steps:
  - {number: 1, from: ward, to: contractor, text: 業務フローの共有}
"""


def _labels(ctx: Context) -> list[str]:
    """Every short wording the project's own catalogs hold: measure labels and aliases, checklist labels and
    the parts of a label joined by ・ (パスワード設定 of 外部記録媒体の管理・パスワード設定)."""
    out: list[str] = []
    for e in ctx.catalog.measures.values():
        out += [e.label, *e.aliases]
    for tpl in ctx.templates.values():
        for row in tpl.rows.values():
            for lab in row.labels:
                out += [lab, *(p for p in lab.split("・") if len(lab.split("・")) > 1 and "（" not in lab)]
    return list(dict.fromkeys(out))


@rule("measure-typo", "warning", "measures", "対策の文言が標準の文言と少しだけ違う",
      "図の対策の行が、標準の短い文言（stencils/measures.yaml とチェックリストの短い形）とよく似ていますが一致しません。"
      "誤記の可能性があります。正しい文言に直すか、カタログの id（sys.pattern_files など）で書いてください。",
      _FLOW % "ウイルス対策, 最新のバーチャルファイルの適用",
      _FLOW % "ウイルス対策, 最新のパターンファイルの適用")
def typo(ctx: Context) -> list[Finding]:
    labels = _labels(ctx)
    known = {tolerant(lab) for lab in labels}
    out = []
    for b in ctx.bullets:
        if b.entry is not None or b.rows or tolerant(b.label) in known:  # a catalog wording is never a typo
            continue
        meant = near_miss(b.label, labels, 0.7)
        if meant is None:
            continue
        out.append(ctx.finding("measure-typo", b.path,
                               f"対策「{b.label}」は標準の「{meant}」の誤記ではありませんか",
                               f"「{meant}」に直してください（独自の対策なら、このままで構いません）",
                               (b.label, b.actor)))
    return out


@rule("measure-drift", "info", "measures", "対策の表記の揺れ",
      "図の対策が、標準の文言の別の書き方（ウィルス/ウイルス、カギ付き/鍵付き など）で書かれています。"
      "同じ対策として点検しますが、資料の間で表記を揃えると読みやすくなります。",
      _FLOW % "ウィルス対策",
      _FLOW % "ウイルス対策")
def drift(ctx: Context) -> list[Finding]:
    out = []
    items = dict(_measure_items(ctx))
    for b in ctx.bullets:
        if b.entry is None:
            continue
        node = items.get(b.path)
        if isinstance(node, MeasureRef) and node.ref or isinstance(node, str) and REF_PATTERN.match(node.strip()):
            continue  # written as a catalog id: drawn with the standard label
        if loose(b.label) == loose(b.entry.label):
            continue
        pairs = drift_pairs(b.entry.label, b.label)
        detail = f"（{'、'.join(pairs)}）" if pairs else ""
        out.append(ctx.finding("measure-drift", b.path,
                               f"対策「{b.label}」は標準では「{b.entry.label}」と書きます{detail}",
                               "同じ対策として扱いました。表記を揃えるなら標準の文言にしてください",
                               (b.label, b.actor)))
    return out


@rule("measure-row", "error", "measures", "対策が参照するチェックリストの行が無い",
      "measures の row: に書いたチェックリストの行の id が、どのチェックリストにもありません。"
      "flowdiag checklist --rows で行の id を確かめてください。",
      _FLOW % "{text: 独自の監視, row: itaku.sys_monitor}",
      _FLOW % "{text: 独自の監視, row: itaku.sys_monitoring}")
def row_ref(ctx: Context) -> list[Finding]:
    from ..diagnostics import did_you_mean

    ids = all_row_ids()
    out = []
    for path, item in _measure_items(ctx):
        if isinstance(item, MeasureRef) and item.row and item.row not in ids:
            out.append(ctx.finding("measure-row", path + ("row",), f"チェックリストの行「{item.row}」はありません",
                                   did_you_mean(item.row, ids) or "行の id は itaku.op_clauses のように書きます",
                                   (item.row,)))
    return out


def _measure_items(ctx: Context) -> list[tuple[tuple[Any, ...], object]]:
    out: list[tuple[tuple[Any, ...], object]] = []
    for ai, a in enumerate(ctx.flow.actors):
        for g in ("operational", "system"):
            out += [(("actors", ai, "measures", g, j), m) for j, m in enumerate(getattr(a.measures, g))]
        for pi, p in enumerate(a.places):
            for g in ("operational", "system"):
                out += [(("actors", ai, "places", pi, "measures", g, j), m) for j, m in enumerate(getattr(p.measures, g))]
    for si, s in enumerate(ctx.flow.steps):
        out += [(("steps", si, "measures", j), m) for j, m in enumerate(s.measures)]
    return out

