"""Sensitive data (要配慮個人情報, 特定個人情報, DV等支援措置): kept in the ward, handed over with the
protections written on the step itself, and marked as such when the item names say so."""

from __future__ import annotations

from .context import Context
from .facts import media, step_encrypted, step_slugs
from .findings import Finding, rule
from .holding import collected, data_set, holdings, sensitive_keys, target, title
from .meaning import carried, items_sensitivity
from .rules_network import NETWORK
from .rules_transport import ELECTRONIC, HANDOVER, PHYSICAL_DATA

# ------------------------------------------------------------------ sensitive data

_SENS = """flowdiag: 1
document: {number: 資料1-1, title: 例}
actors:
  - {id: ward, name: 新宿区, kind: ward}
  - {id: contractor, name: 委託事業者, kind: contractor}
data:
  - {id: list, title: 対象者情報, items: [氏名, 住所], at: ward}
  - {id: dv, title: 支援措置対象者, items: [氏名], at: ward, sensitive: [DV等支援措置]}
steps:
  - {number: 1, at: ward, text: 支援措置対象者を除いて抽出, data: [list, dv]}
  - {number: 2, from: ward, to: contractor, text: 提供, data: %s, medium: usb, channel: hand,
     measures: [sets.handover, handover.password_separately]}
  - {number: 3, from: contractor, to: ward, text: 返却, returns: true, data: %s, medium: usb, channel: hand,
     measures: [sets.handover, handover.password_separately]}
"""


@rule("sensitive-outsourced", "error", "subcontract", "DV等支援措置の対象者の情報が区の外に出ている",
      "DV等支援措置の対象者など、居所を知られてはならない人の情報は、委託事業者・クラウドに渡さず区で扱います。"
      "データを分けて区の中だけで扱うか、渡さない手順（抽出時に除く等）を図に描いてください。",
      _SENS % ("[list, dv]", "[list, dv]"),
      _SENS % ("list", "list"))
def outsourced(ctx: Context) -> list[Finding]:
    out = []
    sensitive = {k for k, kinds in sensitive_keys(ctx).items() if "DV等支援措置" in kinds}
    for actor, held in holdings(ctx).items():
        for key in held:
            if key in sensitive:
                found = data_set(ctx, key)
                path = ("data", found[0], "sensitive") if found else ctx.actor_path(actor)
                out.append(ctx.finding("sensitive-outsourced", path,
                                       f"DV等支援措置の対象者の「{title(ctx, key)}」が{ctx.name(actor)}に渡っています",
                                       "区の中だけで扱うか、抽出のときに除く手順を図に描いてください", (target(key), actor)))
    return out


@rule("sensitive-handling", "error", "subcontract", "要配慮・特定個人情報の受け渡しの対策が図に無い",
      "sensitive を付けたデータ（要配慮個人情報・特定個人情報など）を媒体や回線で渡すステップ、またはクラウドに"
      "置く場合は、チェックリストの「○」だけでなく、図そのものに対策（鍵付きカバン・管理簿・暗号化、"
      "通信の暗号化・国内法が適用されるサーバ環境）を書いてください。",
      _SENS.replace("sensitive: [DV等支援措置]", "sensitive: [要配慮個人情報]").replace(
          "measures: [sets.handover, handover.password_separately]}\n  - {number: 3", "}\n  - {number: 3", 1)
      % ("[list, dv]", "[list, dv]"),
      _SENS.replace("sensitive: [DV等支援措置]", "sensitive: [要配慮個人情報]") % ("[list, dv]", "[list, dv]"))
def handling(ctx: Context) -> list[Finding]:
    sensitive = set(sensitive_keys(ctx))
    if not sensitive:
        return []
    out = []
    for si, step in enumerate(ctx.flow.steps):
        held = sensitive & set(carried(step))
        found = media(ctx, step)
        if not held or not (found & PHYSICAL_DATA) or step.from_ is None or step.to is None:
            continue
        carrier = ctx.carrier(step)
        if carrier is None or ctx.kind(carrier) in ("person", "organization", "other"):
            continue
        needed = ["locked_bag", "ledger"] + (["encryption"] if found & ELECTRONIC and not step_encrypted(ctx, si)
                                             else [])
        own = step_slugs(ctx, si)  # the step's own bullets: the actor's box does not count here
        missing = [HANDOVER[p][1] for p in needed if HANDOVER[p][0] not in own]
        if missing:
            out.append(ctx.finding("sensitive-handling", ("steps", si),
                                   f"{ctx.step_label(step)}は要配慮・特定個人情報を含むのに、このステップに {'、'.join(missing)} がありません",
                                   "ステップの measures に対策を書いてください（チェックリストの「○」だけでは足りません）",
                                   ctx.step_targets(step), key=True))
    for actor, data in holdings(ctx).items():
        if ctx.kind(actor) != "cloud" or not (sensitive & set(data)):
            continue
        slug, label = NETWORK["network-domestic-law"]
        if not ctx.chart_slugs(actor) & {slug}:
            out.append(ctx.finding("sensitive-handling", ctx.actor_path(actor),
                                   f"クラウドサービス「{ctx.name(actor)}」に要配慮・特定個人情報がありますが、図に「{label}」がありません",
                                   f"{ctx.name(actor)}の measures の system に「{label}」を書いてください", (actor,)))
    return out


_UNMARKED = """flowdiag: 1
document: {number: 資料1-1, title: 例}
actors:
  - {id: ward, name: 新宿区, kind: ward}
  - {id: contractor, name: 委託事業者, kind: contractor}
data:
  - {id: list, title: 健診対象者情報, items: [氏名, 住所, 既往歴], at: ward%s}
steps:
  - {number: 1, from: ward, to: contractor, text: 提供, data: list, medium: encrypted_usb, channel: hand,
     measures: [sets.handover]}
  - {number: 2, from: contractor, to: ward, text: 返却, returns: true, data: list, medium: encrypted_usb, channel: hand,
     measures: [sets.handover]}
"""


@rule("sensitive-unmarked", "warning", "subcontract", "要配慮・特定個人情報らしい項目に sensitive が無い",
      "データの項目名（既往歴、障害、個人番号 など）は要配慮個人情報・特定個人情報を示していますが、データに "
      "sensitive が書かれていないので、より厳しい点検（sensitive-handling など）がされません。データに "
      "sensitive: [要配慮個人情報] などを書いてください。「取得する個人情報」の見出しで書いた項目は、項目名から"
      "読み取った種類で点検します。",
      _UNMARKED % "",
      _UNMARKED % ", sensitive: [要配慮個人情報]")
def unmarked(ctx: Context) -> list[Finding]:
    out = []
    for di, ds in enumerate(ctx.flow.data):
        kinds = [k for k in items_sensitivity(ds.items) if k not in ds.sensitive]
        if not kinds:
            continue
        words = "、".join(i for i in ds.items if items_sensitivity([i]))
        out.append(ctx.finding(
            "sensitive-unmarked", ("data", di), f"データ「{ds.title}」の項目（{words}）は{'・'.join(kinds)}ですが、"
            "sensitive に書かれていません",
            f"データに sensitive: [{', '.join(dict.fromkeys([*ds.sensitive, *kinds]))}] を書いてください",
            (ds.id,), key=True))
    for c in collected(ctx):
        if c.data is None and c.sensitive:
            out.append(ctx.finding(
                "sensitive-unmarked", c.path, f"{c.title}は{'・'.join(c.sensitive)}を含みます（項目名から読み取りました）",
                "データ（data:）として書き、sensitive を付けて場所の collects: に挙げてください",
                (target(c.key),), "info"))
    return out
