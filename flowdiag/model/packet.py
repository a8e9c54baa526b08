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

from typing import Annotated, Literal, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator

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
DashMark = Literal["－", "-", "ー", "―", "‐", "−", "–", "—"]
"""The spellings of 「－」 (対策の必要がない) found in submitted checklists."""
DASH_MARKS = frozenset(get_args(DashMark))
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


class Schedule(Model):
    """新規開発・追加・変更の時期 of a 電算処理 form: three periods as written (令和7年4月～令和7年9月)."""

    development: Text | None = Field(default=None, description="開発の時期")
    test: Text | None = Field(default=None, description="テストの時期")
    go_live: Text | None = Field(default=None, description="本稼働の時期")


FORM_FIELDS: dict[str, frozenset[str]] = {
    "業務委託": frozenset({"partner", "items", "media", "reason", "content", "period", "ward_measures",
                       "partner_measures"}),
    "再委託": frozenset({"partner", "items", "media", "reason", "content", "period", "ward_measures",
                      "partner_measures", "consent"}),
    "外部結合": frozenset({"items", "partner", "reason", "connection", "period", "measures", "media"}),
    "電算処理": frozenset({"items", "computer", "media", "reason", "content", "schedule", "measures", "partner"}),
}
"""The rows each kind of form has (besides 件名, 保有課, 登録業務の名称 and the keys every form takes)."""

FORM_ROWS: dict[str, tuple[str, ...]] = {
    "業務委託": ("department", "business", "partner", "items", "media", "reason", "content", "period",
             "ward_measures", "partner_measures"),
    "外部結合": ("department", "business", "items", "partner", "reason", "connection", "period", "measures"),
    "電算処理": ("department", "business", "items", "reason", "content", "measures", "schedule"),
    "再委託": ("department", "business", "partner", "items", "media", "reason", "content", "period",
            "ward_measures", "partner_measures"),
}
"""The rows each form prints under its 件名, in the ward's order."""

COMMON_ROWS = frozenset({"subject", "department", "business"})
"""The rows every form has: 件名, 保有課（担当課）, 登録業務の名称."""

FIELD_JA: dict[str, str] = {
    "partner": "委託先・結合の相手方・再委託先", "items": "情報項目", "media": "記録媒体", "reason": "理由",
    "content": "内容", "period": "開始時期及び期限", "ward_measures": "区が行う情報保護対策",
    "partner_measures": "相手方に行わせる情報保護対策", "consent": "区の承諾", "connection": "結合の形態",
    "measures": "情報保護対策", "computer": "記録するコンピュータ", "schedule": "新規開発・追加・変更の時期",
}


class Form(Model):
    """One form of the packet (業務委託 / 外部結合 / 電算処理 / 再委託), as written.

    Every text is kept exactly as submitted (mistakes included); ``flowdiag packet`` prints it in
    the ward's table layout. A key that the kind's form has no row for is an error.
    """

    kind: SubmissionKind
    id: Id | None = Field(default=None, description="様式の id（同じ種類の様式が複数あるときの区別。差分でも使う）")
    title: Text | None = Field(default=None, description="様式の見出し（しおり・目次に出す名前。例: 電算処理（住民記録システム））")
    subject: Text | None = Field(default=None, description="件名（様式の先頭の件名。省略時は表紙の件名）")
    department: Text | None = Field(default=None, description="保有課（担当課）")
    business: Text | None = Field(default=None, description="登録業務の名称")
    partner: Text | None = Field(default=None, description="委託先・結合の相手方・再委託先（様式の記載のまま）")
    items: list[FormItem] = Field(default_factory=list, description="情報項目（様式の記載のまま）")
    computer: Text | None = Field(default=None, description="電算処理: 情報項目を記録するコンピュータ")
    media: Lines = Field(default_factory=list, description="記録媒体（様式の記載のまま）")
    reason: Lines = Field(default_factory=list, description="委託理由・結合する理由・再委託理由・新規開発等の理由（段落のリスト）")
    content: Lines = Field(default_factory=list, description="委託の内容・再委託の内容・新規開発等の内容（段落のリスト）")
    connection: Lines = Field(default_factory=list, description="外部結合: 結合の形態")
    period: Text | None = Field(default=None, description="開始時期及び期限（令和6年7月22日から…）")
    schedule: Schedule | None = Field(default=None, description="電算処理: 新規開発・追加・変更の時期（開発・テスト・本稼働）")
    ward_measures: Lines = Field(default_factory=list, description="委託・再委託にあたり区が行う情報保護対策（別紙チェックリストのとおり 等）")
    partner_measures: Lines = Field(default_factory=list, description="受託事業者・再委託先に行わせる情報保護対策")
    measures: Lines = Field(default_factory=list, description="外部結合・電算処理: 情報保護対策（1欄）")
    change_note: Text | None = Field(default=None, description="変更箇所の注記（省略時は packet.change_note）")
    labels: dict[str, Text] = Field(default_factory=dict,
                                    description="欄名を提出どおりに変える（欄のキー → 欄名。例: items: 委託に伴い事業者処理させる情報項目）")
    data: Refs = Field(default_factory=list, description="この様式に対応する図のデータの id（省略時は推定）")
    actors: Refs = Field(default_factory=list, description="相手方にあたる図の主体の id（省略時は種類から推定）")
    consent: bool | None = Field(default=None, description="再委託: 区の承諾を得ている（得る）")

    @field_validator("computer", "reason", "content", "connection", "schedule", "ward_measures",
                     "partner_measures", "measures")
    @classmethod
    def _row_of_kind(cls, value: object, info: ValidationInfo) -> object:
        kind = info.data.get("kind")
        name = info.field_name or ""
        if kind in FORM_FIELDS and name not in FORM_FIELDS[kind] and value not in (None, []):
            owners = "・".join(k for k, keys in FORM_FIELDS.items() if name in keys)
            raise ValueError(f"{kind}の様式に「{name}」（{FIELD_JA.get(name, name)}）の欄はありません。"
                             f"{owners}の様式の欄です。kind を確かめるか、この行を削除してください")
        return value

    @field_validator("labels")
    @classmethod
    def _known_rows(cls, value: dict[str, str], info: ValidationInfo) -> dict[str, str]:
        kind = info.data.get("kind")
        rows = COMMON_ROWS | FORM_FIELDS.get(str(kind), frozenset()) - {"consent"}
        for key in value:
            if key not in rows:
                raise ValueError(f"labels の「{key}」は{kind}の様式の欄ではありません。"
                                 f"欄のキー（{'、'.join(sorted(rows))}）で書いてください")
        return value

    def label(self) -> str:
        """How the packet names this form: its title, else 様式（kind）.

        >>> Form(kind="電算処理", title="電算処理（住民記録システム）").label(), Form(kind="業務委託").label()
        ('電算処理（住民記録システム）', '様式（業務委託）')
        """
        return self.title or f"様式（{self.kind}）"


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
    legend_dash: DashMark | None = Field(
        default=None, description="凡例「・対策の必要がない場合は「－」」の印を提出どおりに（－、-、ー など）。省略時は様式のひな形のまま")


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


class Cover(Model):
    """The cover of the 付議事項: 件名, 要綱の根拠 and 担当部課."""

    subject: Text | None = Field(default=None, description="件名（…に係る業務の委託について）")
    basis: Text = Field(default="第3条第1項第3号", description="要綱の根拠（条・項・号）。種類は packet.kinds から")
    department: Text | None = Field(default=None, description="担当部課（省略時は document.department）")
    content: Text = Field(default="内容は別紙のとおり", description="件名の下の一文")
    committee: Text = Field(default="個人情報保護管理運営会議", description="付議する会議の名前")
    date: Text | None = Field(default=None, description="付議する会議の日付（令和6年6月20日）。期間の点検に使う")


class Summary(Model):
    """事業の概要: 事業名, 担当課, 目的, 対象者 and 事業内容 (1 概要, 2 付議内容, 3 対象者数)."""

    business: Text | None = Field(default=None, description="事業名（省略時は document.business）")
    department: Text | None = Field(default=None, description="担当課")
    purpose: Lines = Field(default_factory=list, description="目的（段落のリスト）")
    subjects: Lines = Field(default_factory=list, description="対象者（段落のリスト）")
    overview: Lines = Field(default_factory=list, description="事業内容「1 概要」（段落のリスト）")
    agenda: Lines = Field(default_factory=list, description="事業内容「2 個人情報保護管理運営会議への付議内容」")
    count: Lines = Field(default_factory=list, description="事業内容「3 対象者数」")
    flow_note: Text | None = Field(default=None, description="※個人情報の流れは、資料19-1のとおり（省略時は資料番号から）")


class Packet(Model):
    """The parts of the 付議事項 beside the chart."""

    kinds: Kinds = Field(default_factory=list, description="要綱の根拠の種類（業務委託、外部結合 …）")
    version: Text | None = Field(default=None, description="チェックリストの様式の版（令和6年度）。省略時は最新")
    number: Text | None = Field(default=None, description="付議事項の資料番号（資料19）。省略時は図の資料番号から -1 を除いたもの")
    change_note: Text | None = Field(default=None, description="変更箇所の注記（※太字ゴシック（下線）が、…承認済の内容からの変更箇所）")
    cover: Cover | None = Field(default=None, description="表紙（件名・要綱の根拠・担当部課）")
    summary: Summary | None = Field(default=None, description="事業の概要")
    forms: list[Form] = Field(default_factory=list)
    checklists: list[ChecklistMarks] = Field(default_factory=list)
    derive_measures: list[DeriveMeasures] = Field(default_factory=list)
    special_terms: Lines = Field(default_factory=list, description="特記事項（段落のリスト。書けば付議事項の最後に付く）")


class Waiver(Model):
    """A finding the authors accept on purpose: rule + target + reason (shown as waived)."""

    rule: Text
    target: Text = Field(description="対象: 主体・データ・ステップの id、ステップ番号、または *")
    reason: Text | None = Field(default=None, description="理由（必須。無いと点検でエラー）")
