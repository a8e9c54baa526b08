"""Seed-like flows of any size, for the benchmark and the scale tests.

The shape follows the seed chart (samples/000-keitai-toilet.yaml): the ward with its host
computer, a contractor with its PC and call centre, residents with their mailboxes, and for
bigger flows a subcontractor and a cloud store. Steps repeat the seed's pattern (抽出 → 提供 →
梱包 → 宛名印字 → 配布 → 報告 → 電話 → 返却) with their own numbers and dates, so every label is
different and numbers run past ㊿ as plain numbers.

>>> flow = seedlike(12)
>>> len(flow["steps"]), flow["steps"][1]["number"], flow["steps"][11]["number"]
(12, 2, 12)
>>> text = seedlike_yaml(3)
>>> text.startswith("flowdiag: 1")
True
"""

from __future__ import annotations

import json
from typing import Any

_PATTERN: list[dict[str, Any]] = [
    {"at": "host", "text": "対象者情報の抽出", "data": ["targets"]},
    {"from": "ward", "to": "contractor", "text": "対象者情報の提供", "medium": "usb", "channel": "hand",
     "data": ["targets"], "measures": ["handover.locked_bag"]},
    {"at": "contractor", "text": "区で調達した物品を梱包資材に梱包"},
    {"at": "pc", "text": "梱包資材に対象者情報の宛名印字", "data": ["targets"]},
    {"from": "contractor", "to": "mailbox", "text": "物品の配布", "channel": "post"},
    {"from": "contractor", "to": "ward", "text": "配布情報の提供", "medium": "usb", "channel": "hand",
     "data": ["delivery"]},
    {"from": "residents", "to": "callcenter", "text": "未配達・再配達の手続き", "channel": "tel"},
    {"from": "contractor", "to": "residents", "text": "再配達希望者へ配布"},
    {"from": "contractor", "to": "subcontractor", "text": "発送作業の再委託", "medium": "paper", "channel": "hand"},
    {"from": "contractor", "to": "box", "text": "配布記録の保存", "channel": "internet", "encrypted": True},
]
_RETURN = {"from": "contractor", "to": "ward", "text": "契約終了後、対象者情報、対応記録データの返却",
           "medium": "usb", "channel": "hand", "returns": True, "data": ["targets", "delivery"]}


def seedlike(steps: int) -> dict[str, Any]:
    """A flow (plain data, as read from YAML) with ``steps`` numbered steps."""
    big = steps > 20
    actors: list[dict[str, Any]] = [
        {"id": "ward", "name": "新宿区", "kind": "ward",
         "places": [{"id": "host", "name": "ホストコンピューター", "kind": "system"}],
         "measures": {"operational": ["鍵付きカバン等による運搬", "受渡し時の管理簿への記載"]}},
        {"id": "contractor", "name": "委託事業者", "kind": "contractor",
         "caption": ["(プライバシーマーク取得事業者を予定)"],
         "places": [{"id": "pc", "name": "委託先パソコン", "kind": "pc"},
                    {"id": "callcenter", "name": "【コールセンター】", "kind": "callcenter",
                     "caption": ["取得する個人情報", "氏名・住所・電話番号・相談内容"]}],
         "measures": {"operational": ["特記事項等の遵守", "立入調査等及び状況報告", "データの暗号化",
                                      "個人情報の返却及び消去"],
                      "system": ["特定相手以外の通信不可", "通信内容の暗号化", "アクセスログ取得",
                                 "国内法が適用されるサーバ環境"]}},
        {"id": "residents", "name": "区民", "kind": "person",
         "places": [{"id": "mailbox", "name": "各世帯主あて", "kind": "mailbox", "caption": ["ポスト投函"]}]},
    ]
    pattern = _PATTERN if big else _PATTERN[:8]
    if big:
        actors.append({"id": "subcontractor", "name": "再委託先", "kind": "subcontractor",
                       "measures": {"operational": ["特記事項等の遵守"]}})
        actors.append({"id": "box", "name": "Box", "kind": "cloud", "caption": ["(クラウドストレージ)"]})
    out_steps: list[dict[str, Any]] = []
    for i in range(1, steps + 1):
        if i == steps and steps > 1:
            step = dict(_RETURN)
        else:
            step = dict(pattern[(i - 1) % len(pattern)])
        round_ = (i - 1) // len(pattern) + 1
        month = (i - 1) % 12 + 1
        step = {"number": i, "id": f"s{i}", **step}
        step["text"] = f"{step['text']}（第{round_}回）" if round_ > 1 else step["text"]
        if "from" in step:
            step["timing"] = [f"R6.{month}.{(i % 28) + 1}時点"]
        out_steps.append(step)
    data = [
        {"id": "targets", "title": "配布対象者情報",
         "items": ["世帯番号", "世帯主漢字氏名", "世帯主カナ氏名", "郵便番号", "漢字住所", "漢字方書"], "at": ["ward"]},
        {"id": "delivery", "title": "配布状況", "items": ["発送年月日", "返還の年月日", "再発送の年月日"],
         "at": ["contractor"]},
    ]
    return {
        "flowdiag": 1,
        "document": {"number": "資料99-1", "title": f"【{steps}ステップの個人情報の流れ】",
                     "department": "総務部総務課", "business": "ベンチマーク"},
        "actors": actors,
        "data": data,
        "steps": out_steps,
        "notes": ["※A4サイズ程度かつ厚さ2.5cm~3.0cm以内に梱包"],
    }


def to_yaml(flow: dict[str, Any]) -> str:
    """Block-style YAML a person could have written (every scalar quoted as JSON, which YAML reads)."""
    lines: list[str] = []

    def emit(value: Any, indent: int, lead: str) -> None:
        pad = " " * indent
        if isinstance(value, dict):
            first = True
            for k, v in value.items():
                prefix = lead if first else pad
                first = False
                if isinstance(v, dict | list) and v:
                    lines.append(f"{prefix}{k}:")
                    emit(v, indent + 2, " " * (indent + 2))
                else:
                    lines.append(f"{prefix}{k}: {_scalar(v)}")
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, dict | list) and item:
                    emit(item, indent + 2, pad + "- ")
                else:
                    lines.append(f"{pad}- {_scalar(item)}")
        else:
            lines.append(f"{lead}{_scalar(value)}")

    emit(flow, 0, "")
    return "\n".join(lines) + "\n"


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dict | list):
        return "{}" if isinstance(value, dict) else "[]"
    return json.dumps(value, ensure_ascii=False)


def seedlike_yaml(steps: int) -> str:
    return to_yaml(seedlike(steps))
