"""Return and erasure: every data set held outside the ward comes back or is erased at the end."""

from __future__ import annotations

from .context import Context
from .findings import WARD_AND_CONTRACTOR as _ACTORS
from .findings import Finding, rule
from .holding import CAPTION_KEY, ends_holding, holdings, target, title
from .meaning import carried

_GIVE = ("  - {number: 1, from: ward, to: contractor, text: 対象者情報の提供, data: list,\n"
         "     medium: usb, channel: hand, measures: [sets.handover]}\n")
_RETURN = ("  - {number: 2, from: contractor, to: ward, text: 契約終了後、対象者情報の返却, returns: true, data: list,\n"
           "     medium: usb, channel: hand, measures: [sets.handover]}\n")


@rule("lifecycle-no-return", "error", "lifecycle", "返却・消去のステップが無い",
      "委託事業者・再委託先・クラウドに渡った（またはそこで集めた）個人情報は、業務の終わりに区へ返却するか"
      "消去します。そのステップ（returns: true）が図にありません。契約終了後の返却・消去のステップを足してください。"
      "場所の「取得する個人情報」の見出しや collects: で挙げたデータも、データの枠と同じく返却・消去が要ります。"
      "消去証明書・消去報告の提出のステップは、出す主体の消去として数えます。公的機関の外部システム（kind: system）、"
      "金融機関など（organization）、区民（person）は対象外です。",
      _ACTORS + "steps:\n" + _GIVE,
      _ACTORS + "steps:\n" + _GIVE + _RETURN)
def no_return(ctx: Context) -> list[Finding]:
    out = []
    for actor, held in holdings(ctx).items():
        missing = [d for d in held if not any(ends_holding(ctx, s, actor, d) for s in ctx.flow.steps)]
        if not missing:
            continue
        titles = "、".join(title(ctx, d) for d in missing)
        hint = ("契約終了後の返却・消去のステップを描き、returns: true を付けてください"
                "（消去なら at: で主体を、返却なら from/to で区を指定）")
        if any(d.startswith(CAPTION_KEY) for d in missing):
            hint += ("。取得する個人情報は、データ（data:）として書いて場所の collects: に挙げ、返却・消去のステップの "
                     "data: に加えてください（data: を書かない返却・消去のステップは、その主体のすべてのデータを返却・消去します）")
        out.append(ctx.finding(
            "lifecycle-no-return", ctx.actor_path(actor),
            f"{ctx.name(actor)}にある「{titles}」を返却・消去するステップがありません", hint,
            (actor, *(target(d) for d in missing))))
    return out


@rule("lifecycle-return-order", "warning", "lifecycle", "返却・消去の後にまたデータを渡している",
      "返却・消去のステップより後の番号で、同じ主体に同じデータを渡したり使わせたりしています。"
      "返却・消去は最後のステップにしてください。",
      _ACTORS + "steps:\n" + _RETURN.replace("number: 2", "number: 1") + _GIVE.replace("number: 1", "number: 2"),
      _ACTORS + "steps:\n" + _GIVE + _RETURN)
def return_order(ctx: Context) -> list[Finding]:
    out = []
    for si, step in enumerate(ctx.flow.steps):
        if not step.returns:
            continue
        actor = ctx.actor_of(step.from_ if step.from_ is not None else step.at)
        data = set(step.data) or {d.id for d in ctx.flow.data}
        for later in ctx.flow.steps:
            if later.returns or ctx.step_order(later) <= ctx.step_order(step):
                continue
            nodes = {ctx.actor_of(later.to), ctx.actor_of(later.at)}
            shared = data & set(carried(later))
            if actor in nodes and shared:
                out.append(ctx.finding(
                    "lifecycle-return-order", ("steps", si, "number"),
                    f"{ctx.step_label(step)}で返却・消去した後、{ctx.step_label(later)}でまた{ctx.name(actor)}に"
                    f"「{'、'.join(title(ctx, d) for d in sorted(shared))}」を渡しています",
                    "返却・消去のステップを最後の番号にしてください", ctx.step_targets(step)))
                break
    return out


_ROW = {"業務委託": ("op_return_erase", ("contractor", "subcontractor")),
        "外部結合": ("op_erase", ("cloud",)),
        "電算処理": ("op_erase", ("contractor",))}


@rule("lifecycle-checklist-row", "error", "lifecycle", "返却・消去の行が「－」",
      "個人情報が区の外に渡っているのに、チェックリストの返却・消去の行（5 業務委託の「業務履行後、…返却し、"
      "電子データは消去」、4 外部結合・3 電算処理の「不要となった電子データを削除」）が「－」です。「○」にしてください。",
      _ACTORS + "steps:\n" + _GIVE + _RETURN + """packet:
  kinds: 業務委託
  version: 令和6年度
  checklists:
    - checklist: 業務委託
      ward: {operational: {"*": ○, op_return_erase: －}, system: {"*": －}}
      partner: {operational: {"*": ○}, system: {"*": －}}
""",
      _ACTORS + "steps:\n" + _GIVE + _RETURN + """packet:
  kinds: 業務委託
  version: 令和6年度
  checklists:
    - checklist: 業務委託
      ward: {operational: {"*": ○}, system: {"*": －}}
      partner: {operational: {"*": ○}, system: {"*": －}}
""")
def checklist_row(ctx: Context) -> list[Finding]:
    out = []
    held = holdings(ctx)
    for sub in ctx.submitted:
        slug, kinds = _ROW[sub.template.kind]
        holders = [a for a in held if held[a] and (ctx.kind(a) in kinds or a in sub.partner_actors)]
        if not holders:
            continue
        for party in sub.parties:
            cell = sub.mark(party, slug)
            if cell is not None and cell.value == "dash":
                names = "、".join(ctx.name(a) for a in holders)
                out.append(ctx.finding(
                    "lifecycle-checklist-row", cell.path,
                    f"{sub.label(party)} の{cell.number}行目（返却・消去）が「{cell.raw}」ですが、{names}に個人情報が渡っています",
                    "この行を「○」にしてください", (sub.template.kind, cell.row.id)))
    return out
