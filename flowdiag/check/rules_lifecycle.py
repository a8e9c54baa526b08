"""Return and erasure: every data set held outside the ward comes back or is erased at the end."""

from __future__ import annotations

from ..model.flow import Step
from .context import HOLDER_KINDS, Context
from .findings import WARD_AND_CONTRACTOR as _ACTORS
from .findings import Finding, rule

_GIVE = ("  - {number: 1, from: ward, to: contractor, text: 対象者情報の提供, data: list,\n"
         "     medium: usb, channel: hand, measures: [sets.handover]}\n")
_RETURN = ("  - {number: 2, from: contractor, to: ward, text: 契約終了後、対象者情報の返却, returns: true, data: list,\n"
           "     medium: usb, channel: hand, measures: [sets.handover]}\n")


def holdings(ctx: Context) -> dict[str, dict[str, tuple[int, int]]]:
    """actor id → data id → the earliest step order at which the actor holds it ((0, 0) = from the start)."""
    out: dict[str, dict[str, tuple[int, int]]] = {}

    def hold(actor: str | None, data: str, order: tuple[int, int]) -> None:
        if actor is None or ctx.kind(actor) not in HOLDER_KINDS:
            return
        known = out.setdefault(actor, {})
        if data not in known or order < known[data]:
            known[data] = order

    for ds in ctx.flow.data:
        for node in ds.at:
            hold(ctx.actor_of(node), ds.id, (0, 0))
    for step in ctx.flow.steps:
        for d in step.data:
            for end in (step.to, step.at, step.from_):
                hold(ctx.actor_of(end), d, ctx.step_order(step))
    return out


def ends_holding(ctx: Context, step: Step, actor: str, data: str) -> bool:
    """Does ``step`` end ``actor``'s holding of ``data``: a return/erasure step by the actor, or
    paper originals handed to the ward."""
    involved = {ctx.actor_of(step.from_), ctx.actor_of(step.at)}
    if actor not in involved:
        return False
    if step.returns:
        return not step.data or data in step.data
    if data in step.data and step.to is not None and ctx.is_ward(step.to) and step.medium:
        media = [ctx.catalog.find_medium(m) for m in step.medium]
        return all(m is not None and m.id == "paper" for m in media)
    return False


@rule("lifecycle-no-return", "error", "lifecycle", "返却・消去のステップが無い",
      "委託事業者・再委託先・クラウド・結合先に渡った（またはそこで集めた）個人情報は、業務の終わりに区へ返却するか"
      "消去します。そのステップ（returns: true）が図にありません。契約終了後の返却・消去のステップを足してください。",
      _ACTORS + "steps:\n" + _GIVE,
      _ACTORS + "steps:\n" + _GIVE + _RETURN)
def no_return(ctx: Context) -> list[Finding]:
    out = []
    for actor, held in holdings(ctx).items():
        missing = [d for d in held if not any(ends_holding(ctx, s, actor, d) for s in ctx.flow.steps)]
        if not missing:
            continue
        titles = "、".join(_title(ctx, d) for d in missing)
        out.append(ctx.finding(
            "lifecycle-no-return", ctx.actor_path(actor),
            f"{ctx.name(actor)}にある「{titles}」を返却・消去するステップがありません",
            "契約終了後の返却・消去のステップを描き、returns: true を付けてください"
            "（消去なら at: で主体を、返却なら from/to で区を指定）", (actor, *missing)))
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
            shared = data & set(later.data)
            if actor in nodes and shared:
                out.append(ctx.finding(
                    "lifecycle-return-order", ("steps", si, "number"),
                    f"{ctx.step_label(step)}で返却・消去した後、{ctx.step_label(later)}でまた{ctx.name(actor)}に"
                    f"「{'、'.join(_title(ctx, d) for d in sorted(shared))}」を渡しています",
                    "返却・消去のステップを最後の番号にしてください", ctx.step_targets(step)))
                break
    return out


_ROW = {"業務委託": ("op_return_erase", ("contractor", "subcontractor")),
        "外部結合": ("op_erase", ("cloud", "system")),
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
        holders = [a for a in held if ctx.kind(a) in kinds and held[a]]
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


def _title(ctx: Context, data_id: str) -> str:
    for ds in ctx.flow.data:
        if ds.id == data_id:
            return ds.title
    return data_id
