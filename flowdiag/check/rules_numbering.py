"""Step numbers: duplicates, gaps, a prime without its base, numbers past ㊿, data used before it arrives."""

from __future__ import annotations

from ..model.numbers import MAX_CIRCLED, StepNumber, circled
from .context import Context
from .findings import Finding, rule
from .meaning import carried

_SKIP = "waivers:\n  - {rule: number-gap, target: \"*\", reason: 例のため前のステップを省略}\n"
_HEAD = """flowdiag: 1
document: {number: 資料1-1, title: 例}
actors:
  - {id: ward, name: 新宿区, kind: ward}
steps:
"""


@rule("number-duplicate", "error", "numbering", "同じ番号のステップが2つある",
      "同じステップ番号（②と②など）を2つのステップに付けています。図を読む人がどちらの話か分かりません。"
      "片方の番号を直すか、同じステップの別の形なら ②′ のようにダッシュを付けてください。",
      _HEAD + "  - {number: 1, at: ward, text: 抽出}\n  - {number: 1, at: ward, text: 確認}",
      _HEAD + "  - {number: 1, at: ward, text: 抽出}\n  - {number: 2, at: ward, text: 確認}")
def number_duplicate(ctx: Context) -> list[Finding]:
    out = []
    first: dict[StepNumber, int] = {}
    for si, step in enumerate(ctx.flow.steps):
        for n in step.number:
            if n in first and first[n] != si:
                other = ctx.doc.where(("steps", first[n], "number"))[0]
                out.append(ctx.finding("number-duplicate", ("steps", si, "number"),
                                       f"ステップ番号{n.label()}が重複しています（{other}行目のステップと同じ）",
                                       "どちらかの番号を直すか、別の形なら②′のようにダッシュを付けてください",
                                       ctx.step_targets(step)))
            first.setdefault(n, si)
    return out


@rule("number-gap", "warning", "numbering", "番号が飛んでいる",
      "ステップ番号に抜けがあります（①②④ で③が無い）。描き忘れたステップがないか、番号の振り直しを忘れていないかを確かめてください。",
      _HEAD + "  - {number: 1, at: ward, text: 抽出}\n  - {number: 3, at: ward, text: 確認}",
      _HEAD + "  - {number: 1, at: ward, text: 抽出}\n  - {number: 2, at: ward, text: 確認}")
def number_gap(ctx: Context) -> list[Finding]:
    bases = {n.base for s in ctx.flow.steps for n in s.number}
    if not bases:
        return []
    runs: list[range] = []  # from the numbers present, not by counting up to the largest one
    prev = 0
    for b in sorted(bases):
        if b > prev + 1:
            runs.append(range(prev + 1, b))
        prev = b
    out = []
    for run in runs:
        first, last = run[0], run[-1]
        later = min((s for s in ctx.flow.steps if min(s.number).base > last), key=ctx.step_order)
        si = ctx.flow.steps.index(later)
        before = first - 1 if first > 1 else None
        after = last + 1
        label = StepNumber(first).label() + (f"〜{StepNumber(last).label()}" if last > first else "")
        where = (f"{StepNumber(before).label()}の次が{StepNumber(after).label()}です" if before
                 else f"最初のステップが{StepNumber(after).label()}です")
        targets = [StepNumber(b).label() for b in run] + [str(b) for b in run]
        out.append(ctx.finding("number-gap", ("steps", si, "number"), f"ステップ{label}がありません（{where}）",
                               "抜けているステップを描くか、番号を詰めてください", targets))
    return out


@rule("number-prime-without-base", "error", "numbering", "ダッシュ付きの番号に元の番号が無い",
      "②′ は ② の別の形（期間違い・対象違い）を表します。② が無いのに ②′ があると、何の別の形か分かりません。",
      _HEAD + "  - {number: 1, at: ward, text: 抽出}\n  - {number: \"2'\", at: ward, text: 確認}",
      _HEAD + "  - {number: 1, at: ward, text: 抽出}\n  - {number: 2, at: ward, text: 確認}\n"
      "  - {number: \"2'\", at: ward, text: 追加分の確認}")
def number_prime_without_base(ctx: Context) -> list[Finding]:
    present = {n for s in ctx.flow.steps for n in s.number}
    out = []
    for si, step in enumerate(ctx.flow.steps):
        for n in step.number:
            if n.primes and StepNumber(n.base) not in present:
                out.append(ctx.finding("number-prime-without-base", ("steps", si, "number"),
                                       f"{n.label()}がありますが、元の{StepNumber(n.base).label()}がありません",
                                       f"{StepNumber(n.base).label()}のステップを描くか、ダッシュを外してください",
                                       ctx.step_targets(step)))
    return out


@rule("number-past-50", "warning", "numbering", "㊿を超える番号",
      "丸数字の文字は㊿までしかありません。51 以降は数字を丸で囲んで描きますが、Word や Excel に貼ると"
      "丸が外れることがあります。図を分けるか、まとめられるステップをまとめてください。",
      _HEAD + "  - {number: 51, at: ward, text: 確認}\n" + _SKIP,
      _HEAD + "  - {number: 50, at: ward, text: 確認}\n" + _SKIP)
def number_past_50(ctx: Context) -> list[Finding]:
    out = []
    for si, step in enumerate(ctx.flow.steps):
        for n in step.number:
            if n.base > MAX_CIRCLED and circled(n.base) is None:
                out.append(ctx.finding("number-past-50", ("steps", si, "number"),
                                       f"ステップ番号 {n.base} は㊿を超えていて、丸数字の文字がありません",
                                       "図を分けるか、ステップをまとめて㊿以内にしてください（このままなら数字を丸で囲んで描きます）",
                                       ctx.step_targets(step)))
    return out


@rule("number-order", "warning", "numbering", "データが届く前に使っている",
      "あるステップでデータを使っている主体に、そのデータが後の番号のステップで初めて届いています。"
      "番号が時間の順になっているか確かめてください。",
      """flowdiag: 1
document: {number: 資料1-1, title: 例}
actors:
  - {id: ward, name: 新宿区, kind: ward}
  - {id: contractor, name: 委託事業者, kind: contractor}
data:
  - {id: list, title: 対象者情報, items: [氏名], at: ward}
steps:
  - {number: 1, at: contractor, text: 宛名印字, data: list}
  - {number: 2, from: ward, to: contractor, text: 対象者情報の提供, data: list}
""",
      """flowdiag: 1
document: {number: 資料1-1, title: 例}
actors:
  - {id: ward, name: 新宿区, kind: ward}
  - {id: contractor, name: 委託事業者, kind: contractor}
data:
  - {id: list, title: 対象者情報, items: [氏名], at: ward}
steps:
  - {number: 1, from: ward, to: contractor, text: 対象者情報の提供, data: list}
  - {number: 2, at: contractor, text: 宛名印字, data: list}
  - {number: 3, at: contractor, text: 契約終了後、対象者情報の消去, returns: true, data: list}
""")
def number_order(ctx: Context) -> list[Finding]:
    flow = ctx.flow
    out = []
    for ds in flow.data:
        present_from_start = {ctx.actor_of(n) for n in ds.at}
        arrivals: dict[str, tuple[int, int]] = {}
        for step in flow.steps:
            if ds.id in carried(step) and step.to is not None:
                actor = ctx.actor_of(step.to)
                if actor and actor not in present_from_start:
                    order = ctx.step_order(step)
                    if actor not in arrivals or order < arrivals[actor]:
                        arrivals[actor] = order
        for si, step in enumerate(flow.steps):
            if ds.id not in carried(step):
                continue
            actor = ctx.actor_of(step.at if step.at is not None else step.from_)
            if actor in arrivals and ctx.step_order(step) < arrivals[actor]:
                arrive = StepNumber(*arrivals[actor]).label()
                out.append(ctx.finding(
                    "number-order", ("steps", si, "number"),
                    f"{ctx.step_label(step)}で{ctx.name(actor)}が「{ds.title}」を使っていますが、届くのは{arrive}です",
                    "番号が時間の順になっているか、データの受け渡しのステップが抜けていないか確かめてください",
                    ctx.step_targets(step) + (ds.id,)))
    return out
