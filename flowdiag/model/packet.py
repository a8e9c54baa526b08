"""The rest of the packet beside the chart: submission kinds, forms, checklist marks, waivers.

Everything here is written *as submitted*: the forms' 情報項目 and 記録媒体 in the form's
wording, and the checklist marks exactly as marked (○, －, -, ー or blank), so that
``flowdiag check`` can compare chart, forms and checklists the way a reviewer does.

>>> m = ChecklistMarks.model_validate({"checklist": 5, "ward": {"system": ["－", None, "○"]}})
>>> m.checklist, [mark_value(x) for x in m.ward.system]
('業務委託', ['dash', 'blank', 'yes'])
>>> mark_value("ー"), mark_value("〇"), mark_value(""), mark_value("×")
('dash', 'yes', 'blank', 'unknown')
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

SubmissionKind = Literal["業務委託", "電算処理", "外部結合", "再委託"]
"""The kinds of 要綱第3条第1項第3号 a packet asks the committee about."""

ChecklistKind = Literal["業務委託", "外部結合", "電算処理"]
"""The checklists 5, 4 and 3 by the kind they belong to."""

Party = Literal["ward", "partner"]
"""Who acts: 区が行う (ward) or 委託事業者・結合先に行わせる (partner)."""

Group = Literal["operational", "system"]
"""【運用上の対策】 or 【システム上の対策】."""

CHECKLIST_NUMBERS: dict[str, str] = {"5": "業務委託", "4": "外部結合", "3": "電算処理",
                                     "itaku": "業務委託", "ketsugo": "外部結合", "densan": "電算処理"}

YES_MARKS = frozenset("○〇◯◎")
DASH_MARKS = frozenset("－-ー―‐−–—")
BLANK_WORDS = frozenset({"", "空欄", "blank"})


def mark_value(raw: object) -> str:
    """What a submitted mark means: ``yes`` (○), ``dash`` (－ in any spelling), ``blank`` or ``unknown``."""
    if isinstance(raw, RowMark):
        raw = raw.mark
    if raw is None:
        return "blank"
    text = str(raw).strip()
    if text in BLANK_WORDS:
        return "blank"
    if len(text) == 1 and text in YES_MARKS:
        return "yes"
    if len(text) == 1 and text in DASH_MARKS:
        return "dash"
    return "unknown"


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def _as_text(value: object) -> object:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return str(value)
    return value


def _as_list(value: object) -> object:
    return [value] if isinstance(value, str) else value


def _checklist_kind(value: object) -> object:
    """``5``, ``"5"``, ``itaku`` and ``業務委託`` all name checklist 5."""
    key = str(value).strip() if isinstance(value, int | str) and not isinstance(value, bool) else value
    return CHECKLIST_NUMBERS.get(key, key) if isinstance(key, str) else value


Text = Annotated[str, BeforeValidator(_as_text)]
Lines = Annotated[list[Text], BeforeValidator(_as_list)]
Id = Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_]*$", max_length=64)]
Refs = Annotated[list[Id], BeforeValidator(_as_list)]
Kinds = Annotated[list[SubmissionKind], BeforeValidator(_as_list)]


class FormItemGroup(Model):
    """A numbered group of items on a form (1 配布対象者情報 住民基本台帳情報(世帯番号、…))."""

    title: Text | None = Field(default=None, description="配布対象者情報")
    note: Text | None = Field(default=None, description="住民基本台帳情報 など、項目の前の説明")
    items: Lines = Field(default_factory=list)
    data: Refs = Field(default_factory=list, description="対応する図のデータの id（省略時は題名で対応付け）")


FormItem = Annotated[Text | FormItemGroup, Field(union_mode="left_to_right")]


class Form(Model):
    """One form of the packet (業務委託 / 外部結合 / 電算処理 / 再委託), as written."""

    kind: SubmissionKind
    partner: Text | None = Field(default=None, description="委託先・結合の相手方・再委託先（様式の記載のまま）")
    items: list[FormItem] = Field(default_factory=list, description="情報項目（様式の記載のまま）")
    media: Lines = Field(default_factory=list, description="記録媒体（様式の記載のまま）")
    period: Text | None = Field(default=None, description="開始時期及び期限（令和6年7月22日から…）")
    data: Refs = Field(default_factory=list, description="この様式に対応する図のデータの id（省略時は推定）")
    actors: Refs = Field(default_factory=list, description="相手方にあたる図の主体の id（省略時は種類から推定）")
    consent: bool | None = Field(default=None, description="再委託: 区の承諾を得ている（得る）")


class RowMark(Model):
    """A mark with the row's wording as submitted, when it differs from the template."""

    mark: Text | None = None
    text: Text | None = Field(default=None, description="提出された行の文言（ひな形と違うときだけ）")


Mark = Annotated[RowMark | Text | None, Field(union_mode="left_to_right")]
Marks = list[Mark] | dict[str, Mark]


class PartyMarks(Model):
    """One party's marks: a list in the form's row order, or a mapping row id → mark."""

    operational: Marks = Field(default_factory=list, description="【運用上の対策】")
    system: Marks = Field(default_factory=list, description="【システム上の対策】")


class ChecklistMarks(Model):
    """One submitted checklist (3, 4 or 5) with its marks per party and row."""

    checklist: Annotated[ChecklistKind, BeforeValidator(_checklist_kind)]
    version: Text | None = Field(default=None, description="様式の版（令和6年度）。省略時は packet.version、それも無ければ最新")
    ward: PartyMarks | None = Field(default=None, description="区が行う情報保護対策")
    partner: PartyMarks | None = Field(default=None, description="委託事業者・結合先に行わせる情報保護対策")
    actors: Refs = Field(default_factory=list, description="partner にあたる図の主体の id（省略時は種類から推定）")


class DeriveMeasures(Model):
    """Draw an actor's measure box from the ○ rows of a checklist (chart and checklist agree)."""

    actor: Id
    checklist: Annotated[ChecklistKind, BeforeValidator(_checklist_kind)]
    party: Party | None = Field(default=None, description="省略時: 区の主体なら ward、それ以外は partner")
    groups: Annotated[list[Group], BeforeValidator(_as_list)] = Field(
        default_factory=lambda: list[Group](["operational", "system"]))


class Packet(Model):
    """The parts of the 付議事項 beside the chart."""

    kinds: Kinds = Field(default_factory=list, description="要綱の根拠の種類（業務委託、外部結合 …）")
    version: Text | None = Field(default=None, description="チェックリストの様式の版（令和6年度）。省略時は最新")
    forms: list[Form] = Field(default_factory=list)
    checklists: list[ChecklistMarks] = Field(default_factory=list)
    derive_measures: list[DeriveMeasures] = Field(default_factory=list)


class Waiver(Model):
    """A finding the authors accept on purpose: rule + target + reason (shown as waived)."""

    rule: Text
    target: Text = Field(description="対象: 主体・データ・ステップの id、ステップ番号、または *")
    reason: Text | None = Field(default=None, description="理由（必須。無いと点検でエラー）")
