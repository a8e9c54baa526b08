"""What the kinds and a few words mean to the rules: one table, read by every rule.

An actor's ``kind`` says what the ward may ask of it. A contractor, a subcontractor and a cloud
service hold the ward's data *for the ward* (they return or erase it, take the checklists' measures);
an external public system (情報提供ネットワークシステム …), a financial institution or another body
(``organization``) and a person do not. docs/check.md has the table per rule.

>>> ACTOR_KINDS["system"].holds, ACTOR_KINDS["cloud"].holds, ACTOR_KINDS["organization"].contractor
(False, True, False)
>>> looks_mobile("配達員のタブレット"), looks_third_party("家族（緊急連絡先）"), looks_union("区内弁当事業協同組合")
(True, True, True)
>>> items_sensitivity(["氏名", "個人番号"]), items_sensitivity(["氏名", "既往歴"]), items_sensitivity(["氏名"])
(('特定個人情報',), ('要配慮個人情報',), ())
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from ..model.flow import Step


@dataclass(frozen=True)
class KindMeaning:
    """What an actor kind implies for the rules."""

    label: str
    holds: bool  # holds personal data for the ward: returns or erases it at the end (lifecycle-*)
    contractor: bool  # works under the ward's contract: 再委託, members, subcontract-measures
    network: bool  # its end of a line takes the system measures (network-partner-only, -access-log)
    server: bool  # always runs the server the data is kept on (network-domestic-law)


ACTOR_KINDS: dict[str, KindMeaning] = {
    "ward": KindMeaning("区・市（提出する自治体）", holds=False, contractor=False, network=True, server=False),
    "contractor": KindMeaning("委託事業者", holds=True, contractor=True, network=True, server=False),
    "subcontractor": KindMeaning("再委託先", holds=True, contractor=True, network=True, server=False),
    "cloud": KindMeaning("クラウドサービス・事業者が運用するシステム", holds=True, contractor=False, network=True,
                         server=True),
    "system": KindMeaning("公的機関の外部システム（情報提供ネットワークシステムなど）", holds=False, contractor=False,
                          network=False, server=False),
    "person": KindMeaning("区民・本人・家族など", holds=False, contractor=False, network=False, server=False),
    "organization": KindMeaning("金融機関・医療機関・他の機関", holds=False, contractor=False, network=False,
                                server=False),
    "other": KindMeaning("その他（種類が書かれていない）", holds=False, contractor=False, network=False, server=False),
}

HOLDER_KINDS = frozenset(k for k, m in ACTOR_KINDS.items() if m.holds)
"""Actors that hold personal data for the ward and must return or erase it."""
CONTRACTOR_KINDS = frozenset(k for k, m in ACTOR_KINDS.items() if m.contractor)
NETWORK_KINDS = frozenset(k for k, m in ACTOR_KINDS.items() if m.network)

SERVER_PLACES = frozenset({"system", "storage"})
"""Place kinds that are servers: an actor holding one runs a server."""

# ------------------------------------------------------------------ words in names and texts

MOBILE_WORDS = ("タブレット", "スマートフォン", "スマホ", "携帯電話", "携帯端末", "モバイル端末", "モバイルパソコン",
                "ハンディ端末", "持ち出し用パソコン", "持出用パソコン", "iPad", "iPhone")
"""A place so named is a device carried around (kind ``mobile`` says it outright)."""

THIRD_PARTY_WORDS = ("緊急連絡先", "家族", "親族", "近親者", "近隣", "民生委員", "勤務先", "保証人", "医療機関", "病院",
                     "警察", "消防", "学校", "ケアマネ", "地域包括支援センター", "管理会社")
"""A person or body so named is not the person the data is about."""

UNION_WORDS = ("協同組合", "組合", "共同企業体", "JV", "連合会")
"""A contractor so named is made of member businesses."""

SENSITIVE_WORDS: dict[str, tuple[str, ...]] = {
    "特定個人情報": ("個人番号", "マイナンバー"),
    "要配慮個人情報": ("病歴", "病名", "傷病", "既往歴", "障害", "健康診断", "診断結果", "服薬", "アレルギー",
                      "心身の状況", "犯罪", "前科", "信条", "人種"),
    "DV等支援措置": ("支援措置", "DV被害", "DV等"),
}
"""Item names that are 要配慮個人情報, 特定個人情報 or DV等支援措置 by what they say."""

_CERTIFICATE = re.compile(r"(消去|削除|廃棄|破棄|抹消)[^、。]{0,8}(証明|報告)")
_PHONE = re.compile(r"電話|TEL|FAX|ファクス|ファックス", re.IGNORECASE)
_ASP = re.compile(r"LGWAN[-‐－ー]?ASP", re.IGNORECASE)


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def looks_mobile(name: str) -> bool:
    """Is a place with this name a device carried around?"""
    t = _nfkc(name)
    return any(w in t for w in MOBILE_WORDS)


def looks_third_party(name: str) -> bool:
    """Does the name say the person or body is not the person the data is about?"""
    t = _nfkc(name)
    return any(w in t for w in THIRD_PARTY_WORDS)


def looks_union(name: str) -> bool:
    """Does the name say the contractor is made of member businesses?"""
    t = _nfkc(name)
    return any(w in t for w in UNION_WORDS)


def mentions_asp(texts: Iterable[str]) -> bool:
    """Does any text say the service is an LGWAN-ASP?"""
    return any(_ASP.search(_nfkc(t)) for t in texts)


def is_phone(text: str) -> bool:
    """Is a channel written as free text a telephone or fax?"""
    return bool(_PHONE.search(_nfkc(text)))


def items_sensitivity(items: Iterable[str]) -> tuple[str, ...]:
    """The kinds of sensitive information the item names say they are."""
    text = " ".join(_nfkc(i) for i in items)
    return tuple(kind for kind, words in SENSITIVE_WORDS.items() if any(w in text for w in words))


def is_certificate(step: Step) -> bool:
    """A step that hands over a certificate or report of erasure (消去証明書の提出): its ``data`` name what
    the document is about, they are not carried. An erasure step itself (``returns: true``) is not one.

    >>> is_certificate(Step.model_validate({"number": 1, "at": "a", "text": "消去証明書の提出"}))
    True
    >>> is_certificate(Step.model_validate({"number": 1, "at": "a", "text": "データの消去及び消去報告", "returns": True}))
    False
    """
    return not step.returns and bool(_CERTIFICATE.search(step.text))  # kanji only: no normalising needed


def carried(step: Step) -> list[str]:
    """The data sets a step carries or uses: its ``data``, except on a certificate of erasure."""
    return [] if is_certificate(step) else list(step.data)
