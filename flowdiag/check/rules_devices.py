"""What reviewers ask about devices and calls: tablets and phones that carry personal data, and personal
data told by phone to someone who is not the person it is about."""

from __future__ import annotations

import unicodedata

from ..diagnostics import Severity
from ..load.yaml_source import Path_
from ..model.flow import Place, Step
from .context import ChartBullet, Context
from .facts import channels, siblings, step_bullets
from .findings import Finding, rule
from .holding import sensitive_keys, title
from .meaning import is_phone, looks_mobile, looks_third_party

# aspect → (catalog entries that cover it, how to say it)
DEVICE_ASPECTS = {
    "loss": ({"device.remote_wipe", "device.mdm", "device.no_storage"}, "紛失・盗難時の遠隔消去"),
    "encryption": ({"device.encryption", "device.no_storage"}, "端末の暗号化"),
    "lock": ({"device.lock", "device.mdm"}, "端末のロック（パスワード・生体認証）"),
}

_DEVICE = """flowdiag: 1
document: {number: 資料1-1, title: 例}
actors:
  - {id: ward, name: 新宿区, kind: ward, measures: {system: [sets.system]}}
  - id: contractor
    name: 委託事業者
    kind: contractor
    measures: {system: [sets.system]}
    places:
      - {id: tablet, name: 配達員の端末, kind: mobile%s}
data:
  - {id: list, title: 配達先情報, items: [氏名, 住所], at: ward}
steps:
  - {number: 1, from: ward, to: tablet, text: 配達先の配信, channel: vpn, data: list}
  - {number: 2, at: tablet, text: 配達先の確認, data: list}
  - {number: 3, at: contractor, text: 契約終了後、配達先情報の消去, returns: true, data: list}
"""


def is_device(place: Place) -> bool:
    return place.kind == "mobile" or looks_mobile(place.name)


def _device_data(ctx: Context, place: Place) -> tuple[list[str], list[int]]:
    """(data keys on the device, steps that bring data to it or use it there)."""
    data = [d.id for d in ctx.flow.data if place.id in d.at]
    steps = []
    for si, step in enumerate(ctx.flow.steps):
        if place.id in (step.to, step.at, step.from_) and step.data:
            steps.append(si)
            data += [d for d in step.data if d not in data]
    return data, steps


def _device_bullets(ctx: Context, actor: str, place_path: Path_, steps: list[int]) -> list[ChartBullet]:
    """The bullets that speak for a device: its own box, its actor's box, and those on its steps."""
    own = [b for b in ctx.bullets_of(actor) if b.step is None
           and (b.path[:4] == place_path or "places" not in b.path)]
    return own + [b for si in steps for b in step_bullets(ctx, si)]


@rule("mobile-device", "warning", "devices", "個人情報を持ち歩く端末の対策が無い",
      "タブレット・スマートフォンなど持ち歩く端末（場所の kind: mobile、または名前がタブレット・スマートフォン等）で"
      "個人情報を扱うのに、紛失・盗難時の遠隔消去、端末の暗号化、端末のロックが図にありません。端末の場所か主体の "
      "measures に sets.mobile_device（または device.remote_wipe・device.encryption・device.lock、端末に保存しないなら "
      "device.no_storage、MDM なら device.mdm）を書いてください。要配慮・特定個人情報ならエラーです。",
      _DEVICE % "",
      _DEVICE % ", measures: {system: [sets.mobile_device]}")
def mobile_device(ctx: Context) -> list[Finding]:
    out = []
    sensitive = set(sensitive_keys(ctx))
    for ai, actor in enumerate(ctx.flow.actors):
        for pi, place in enumerate(actor.places):
            if not is_device(place):
                continue
            data, steps = _device_data(ctx, place)
            if not data:
                continue
            path = ("actors", ai, "places", pi)
            entries = {b.entry.id for b in _device_bullets(ctx, actor.id, path, steps) if b.entry is not None}
            missing = [label for covers, label in DEVICE_ASPECTS.values() if not covers & entries]
            if not missing:
                continue
            delicate = bool(sensitive & set(data))
            sev: Severity = "error" if delicate else "warning"
            titles = "、".join(title(ctx, d) for d in data)
            out.append(ctx.finding(
                "mobile-device", path,
                f"{place.name}（持ち歩く端末）で{'要配慮・特定個人情報を含む' if delicate else ''}個人情報（{titles}）を"
                f"扱いますが、{'、'.join(missing)}が図にありません",
                f"{place.name}の measures に sets.mobile_device（遠隔消去・暗号化・ロック）を書くか、端末に保存しないなら "
                "device.no_storage を書いてください", (place.id, actor.id), sev))
    return out


_PHONE = """flowdiag: 1
document: {number: 資料1-1, title: 例}
actors:
  - {id: ward, name: 新宿区, kind: ward}
  - {id: contractor, name: 委託事業者, kind: contractor}
  - {id: users, name: 利用者, kind: person}
  - {id: family, name: 緊急連絡先, kind: person}
data:
  - {id: list, title: 利用者情報, items: [氏名, 住所, 緊急連絡先], at: ward}
steps:
  - {number: 1, from: ward, to: contractor, text: 利用者情報の提供, data: list, medium: encrypted_usb, channel: hand,
     measures: [sets.handover]}
  - {number: 2, from: contractor, to: users, text: 安否確認の訪問}
  - {number: 3, from: contractor, to: family, text: 応答がない場合、緊急連絡先へ電話連絡, channel: tel%s}
  - {number: 4, from: contractor, to: ward, text: 契約終了後、利用者情報とUSBメモリの返却, returns: true, data: list,
     medium: encrypted_usb, channel: hand, measures: [sets.handover]}
"""


def _is_phone(ctx: Context, step: Step) -> bool:
    return any(c.id in ("tel", "fax") for c in channels(ctx, step)) or any(
        ctx.catalog.channel_meaning(c) is None and is_phone(c) for c in step.channel)


def _third_party(ctx: Context, step: Step) -> bool:
    """Is the receiver of a call someone other than the person the data is about: a body, or a person
    named as one (緊急連絡先, 家族 …) or named among the data's items?"""
    node = ctx.nodes.get(step.to or "")
    actor = ctx.owner.get(step.to or "")
    if node is None or actor is None:
        return False
    if actor.kind == "organization":
        return True
    if actor.kind not in ("person", "other"):
        return False
    names = {node.name, actor.name}
    if any(looks_third_party(n) for n in names):
        return True
    items = {unicodedata.normalize("NFKC", i) for d in ctx.flow.data for i in d.items}
    return any(unicodedata.normalize("NFKC", n) in items for n in names)


@rule("phone-disclosure", "warning", "devices", "電話で第三者に個人情報を伝えるのに同意が示されていない",
      "区・委託事業者が電話（TEL・FAX）で、本人以外の人（緊急連絡先・家族など）や機関に個人情報を伝えるステップに、"
      "本人の同意（申請時に連絡の同意を得るなど）が図にありません。ステップの measures に phone.consent を書き、"
      "相手の本人確認（phone.identity）と伝える内容（phone.minimum）も示してください。法令に基づく連絡なら"
      "注記にその根拠を書いてください。要配慮・特定個人情報を伝えるならエラーです。",
      _PHONE % "",
      _PHONE % ", measures: [phone.consent, phone.identity]")
def phone_disclosure(ctx: Context) -> list[Finding]:
    out = []
    for si, step in enumerate(ctx.flow.steps):
        if step.from_ is None or step.to is None or not _is_phone(ctx, step):
            continue
        sender = ctx.actor_of(step.from_)
        if ctx.kind(sender) not in ("ward", "contractor", "subcontractor", "cloud") or not _third_party(ctx, step):
            continue
        entries = {b.entry.id for b in step_bullets(ctx, si) if b.entry is not None}
        entries |= {b.entry.id for b in ctx.bullets_of(sender or "") if b.step is None and b.entry is not None}
        notes = [unicodedata.normalize("NFKC", n) for i in siblings(ctx, si) for n in ctx.flow.steps[i].notes]
        if "phone.consent" in entries or any("同意" in n or "根拠" in n for n in notes):
            continue
        what = "、".join(title(ctx, d) for d in step.data) or "個人情報"
        sev: Severity = "error" if set(step.data) & set(sensitive_keys(ctx)) else "warning"
        out.append(ctx.finding(
            "phone-disclosure", ("steps", si),
            f"{ctx.step_label(step)}で{ctx.name(sender)}が{ctx.name(step.to)}（本人以外）に電話で{what}を伝えますが、"
            "本人の同意が図にありません",
            "ステップの measures に phone.consent（連絡することについて本人の同意を得る）を書き、相手の本人確認"
            "（phone.identity）と伝える内容（phone.minimum）も示してください。法令に基づく連絡なら注記に根拠を書いてください",
            ctx.step_targets(step), sev, key=True))
    return out
