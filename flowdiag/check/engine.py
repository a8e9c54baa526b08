"""Run the rules on a flow and apply its waivers.

>>> from flowdiag.load.validate import load_flow_text
>>> text = '''flowdiag: 1
... document: {number: 資料1-1, title: 例}
... actors: [{id: ward, name: 新宿区, kind: ward}]
... steps:
...   - {number: 1, at: ward, text: 抽出}
...   - {number: 3, at: ward, text: 確認}
... waivers:
...   - {rule: number-gap, target: ②, reason: 提出済みの図のとおり}
... '''
>>> result = check_loaded(load_flow_text(text, "f.yaml"))
>>> [f.text() for f in result.findings]
['f.yaml:6:14: warning: ステップ②がありません（①の次が③です） [number-gap] （承知済み: 提出済みの図のとおり）']
>>> result.failed("warning")
False
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..diagnostics import did_you_mean
from ..load.validate import LoadedFlow
from . import (  # noqa: F401  (each module registers its rules)
    rules_checklists,
    rules_devices,
    rules_forms,
    rules_items,
    rules_lifecycle,
    rules_measures,
    rules_names,
    rules_network,
    rules_numbering,
    rules_packet,
    rules_sensitive,
    rules_structure,
    rules_subcontract,
    rules_text,
    rules_transport,
)
from .context import Context
from .findings import RULES, SEVERITY_RANK, Finding, rule

_WAIVER_FLOW = """flowdiag: 1
document: {number: 資料1-1, title: 例}
actors: [{id: ward, name: 新宿区, kind: ward}]
steps:
  - {number: 1, at: ward, text: 抽出}
  - {number: 3, at: ward, text: 確認}
waivers:
  - {rule: number-gap, target: ②%s}
"""


@rule("waiver-reason", "error", "waivers", "承知（waiver）に理由が無い",
      "waivers に書いた承知には、なぜその指摘を受け入れるのかの理由（reason）が要ります。理由の無い承知は使われず、"
      "元の指摘もそのまま出ます。",
      _WAIVER_FLOW % "", _WAIVER_FLOW % ", reason: 提出済みの図のとおり")
def _waiver_reason(ctx: Context) -> list[Finding]:
    return []  # produced by apply_waivers


@rule("waiver-unknown-rule", "error", "waivers", "承知（waiver）の規則 id が無い",
      "waivers の rule に書いた id の規則がありません。flowdiag rules で id を確かめてください。",
      (_WAIVER_FLOW % ", reason: 提出済みの図のとおり").replace("rule: number-gap", "rule: number-gaps"),
      _WAIVER_FLOW % ", reason: 提出済みの図のとおり")
def _waiver_unknown(ctx: Context) -> list[Finding]:
    return []


@rule("waiver-unused", "warning", "waivers", "どの指摘にも当たらない承知（waiver）",
      "waivers に書いた承知が、どの指摘にも当たりません。図を直して指摘が無くなったなら承知を削除してください。"
      "target は主体・データ・ステップの id、ステップ番号（②、2）、または * で書きます。",
      (_WAIVER_FLOW % ", reason: 提出済みの図のとおり").replace("target: ②", "target: ④"),
      _WAIVER_FLOW % ", reason: 提出済みの図のとおり")
def _waiver_unused(ctx: Context) -> list[Finding]:
    return []


WAIVER_RULES = ("waiver-reason", "waiver-unknown-rule", "waiver-unused")


@dataclass
class CheckResult:
    file: str
    findings: list[Finding] = field(default_factory=list)

    def active(self) -> list[Finding]:
        return [f for f in self.findings if f.waived is None]

    def counts(self) -> Counter[str]:
        return Counter(f.severity for f in self.active())

    def failed(self, level: str) -> bool:
        """Is any finding (not waived) at or above ``level``?"""
        return any(SEVERITY_RANK[f.severity] >= SEVERITY_RANK[level] for f in self.active())


def check_loaded(loaded: LoadedFlow, ignore: frozenset[str] = frozenset()) -> CheckResult:
    """Every rule on one loaded flow; waivers applied; sorted by position."""
    ctx = Context(loaded)  # the flow as drawn (derive_measures applied by the resolve stage)
    findings: list[Finding] = []
    for rule_id, r in RULES.items():
        if rule_id in ignore or rule_id in WAIVER_RULES:
            continue
        findings += r.check(ctx)
    findings = apply_waivers(ctx, findings)
    findings = [f for f in findings if f.rule not in ignore]
    findings.sort(key=lambda f: (f.line or 0, f.col or 0, -SEVERITY_RANK[f.severity], f.rule, f.message))
    return CheckResult(loaded.file, findings)


def apply_waivers(ctx: Context, findings: list[Finding]) -> list[Finding]:
    out = list(findings)
    for wi, w in enumerate(ctx.flow.waivers):
        path = ("waivers", wi)
        line = ctx.doc.where(path)[0]
        if w.rule not in RULES:
            out.append(ctx.finding("waiver-unknown-rule", path + ("rule",), f"承知の規則「{w.rule}」はありません",
                                   did_you_mean(w.rule, RULES) or "flowdiag rules で規則の id を確かめてください",
                                   (w.rule,)))
            continue
        if w.reason is None or not w.reason.strip():
            out.append(ctx.finding("waiver-reason", path, f"規則 {w.rule} の承知（target: {w.target}）に理由がありません",
                                   "reason: に、この指摘を受け入れる理由を書いてください（理由の無い承知は使われません）",
                                   (w.rule,), key=True))
            continue
        hit = False
        for i, f in enumerate(out):
            if f.rule == w.rule and f.waived is None and (w.target.strip() == "*" or w.target.strip() in f.targets):
                out[i] = f.waive(w.reason.strip(), line)
                hit = True
        if not hit:
            out.append(ctx.finding("waiver-unused", path, f"規則 {w.rule} の承知（target: {w.target}）に当たる指摘がありません",
                                   "指摘が無くなったなら、この承知を削除してください", (w.rule,), key=True))
    return out
