"""The flow model: plain, frozen data. Loading builds it; every other stage only reads it.

The YAML keys are the field names (``from`` is ``from_`` in Python). Every model
forbids unknown keys, so a misspelt key is an error with a "did you mean".
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from .numbers import StepNumber
from .packet import Packet, Waiver

ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_]*$"
"""Ids are ASCII words: letters, digits and _, starting with a letter."""


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def _as_list(value: object) -> object:
    """A single string where a list is expected becomes a one-item list."""
    if isinstance(value, str):
        return [value]
    return value


def _as_text(value: object) -> object:
    """Numbers written where text is expected (例: version: 2) are kept as text."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return str(value)
    return value


Text = Annotated[str, BeforeValidator(_as_text)]
Lines = Annotated[list[Text], BeforeValidator(_as_list)]
Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=64)]
Refs = Annotated[list[Id], BeforeValidator(_as_list)]


def _parse_numbers(value: object) -> object:
    items = value if isinstance(value, list) else [value]
    if not items:
        raise ValueError("ステップ番号が空です")
    out: list[StepNumber] = []
    for v in items:
        out.extend(StepNumber.parse_many(v) if isinstance(v, str) else [StepNumber.parse(v)])
    return tuple(out)


def _format_version(value: object) -> object:
    return 1 if value in ("1", "1.0", 1.0) else value


StepNumbers = Annotated[tuple[StepNumber, ...], BeforeValidator(_parse_numbers)]

ActorKind = Literal[
    "ward",  # 区・市（提出する自治体）
    "contractor",  # 委託事業者
    "subcontractor",  # 再委託先
    "person",  # 区民・本人・応募者
    "cloud",  # クラウドサービス・事業者が運用するシステム
    "system",  # 公的機関の外部システム（情報提供ネットワークシステムなど）
    "organization",  # 金融機関・医療機関・他の機関
    "other",
]

PlaceKind = Literal[
    "system",  # ホストコンピューター, 業務システム
    "pc",  # 委託先パソコン
    "office",  # 事務所・作業場所
    "callcenter",  # コールセンター
    "window",  # 窓口
    "storage",  # 保管庫・クラウドストレージ
    "goods",  # 配布物などの物品（個人情報ではない）
    "mailbox",  # ポスト・宛先
    "mobile",  # タブレット・スマートフォン等の持ち歩く端末
    "other",
]

Sensitivity = Literal["要配慮個人情報", "特定個人情報", "DV等支援措置", "その他"]


CatalogId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$", max_length=96)]


class MeasureRef(Model):
    """A measure written as a mapping: a catalog id, or free text tied to a checklist row."""

    ref: CatalogId | None = Field(default=None, description="stencils/measures.yaml の id（itaku.… / sets.…）")
    text: Text | None = Field(default=None, description="自由記述")
    row: str | None = Field(default=None, description="チェックリスト行の id")


Measure = Annotated[Text | MeasureRef, Field(union_mode="left_to_right")]
"""A measure bullet: a string (catalog id, catalog label or free text) or a mapping."""


class MeasureGroups(Model):
    """Measures attached to an actor or place, in the two groups of the checklists."""

    operational: list[Measure] = Field(default_factory=list, description="【運用上の対策】")
    system: list[Measure] = Field(default_factory=list, description="【システム上の対策】")
    same_as: Id | None = Field(default=None, description="保護対策がこの主体と同じ（図には「…と同様」の1行）")


class Place(Model):
    """A place or system inside an actor (ホストコンピューター, 委託先パソコン, コールセンター)."""

    id: Id
    name: Text
    kind: PlaceKind = "other"
    caption: Lines = Field(default_factory=list)
    notes: Lines = Field(default_factory=list)
    measures: MeasureGroups = Field(default_factory=MeasureGroups)
    collects: Refs = Field(default_factory=list, description="取得するデータ（この場所が本人などから集めるデータの id）")


class Members(Model):
    """Member businesses of a contractor that do part of the work (a union's member shops)."""

    name: Text = Field(description="構成員の呼び方（組合員の弁当店 など）")
    data: bool = Field(default=True, description="構成員が個人情報を扱う")
    entity: Literal["one", "separate"] | None = Field(
        default=None, description="法人の別（one: 一つの法人・契約の当事者、separate: 別の事業者で再委託）")


class Actor(Model):
    """A party drawn as a large region: the ward, a contractor, residents, a cloud service."""

    id: Id
    name: Text
    kind: ActorKind = "other"
    caption: Lines = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    measures: MeasureGroups = Field(default_factory=MeasureGroups)
    notes: Lines = Field(default_factory=list)
    collects: Refs = Field(default_factory=list, description="取得するデータ（この主体が本人などから集めるデータの id）")
    members: Members | None = Field(default=None, description="構成員（委託事業者の組合員・加盟店など）")


class DataSet(Model):
    """A titled list of personal-data items (配布対象者情報: 世帯番号、…)."""

    id: Id
    title: Text
    items: Lines = Field(default_factory=list)
    at: Refs = Field(default_factory=list, description="表示する主体・場所の id")
    sensitive: list[Sensitivity] = Field(default_factory=list)
    notes: Lines = Field(default_factory=list)


class Step(Model):
    """A numbered step: a movement between two actors/places, or an action ``at`` one."""

    number: StepNumbers
    id: Id | None = Field(default=None, description="差分で番号が変わっても同じステップと分かるための id")
    text: Text
    from_: Id | None = Field(default=None, alias="from")
    to: Id | None = None
    at: Id | None = None
    timing: Lines = Field(default_factory=list, description="R6.7.1時点, 月1回 …（括弧付きで表示）")
    medium: Lines = Field(default_factory=list, description="媒体: usb, dvd, paper … または自由記述")
    channel: Lines = Field(default_factory=list, description="経路: hand, mail, post, lgwan … または自由記述")
    encrypted: bool | None = Field(default=None, description="通信・媒体の暗号化")
    via: Text | None = Field(default=None, description="媒体・経路の表示を提出どおりに上書き")
    returns: bool = Field(default=False, description="返却・消去のステップ")
    data: Refs = Field(default_factory=list)
    show_items: bool = Field(default=False, description="作業（at）の下に data の項目を表示する")
    measures: list[Measure] = Field(default_factory=list)
    notes: Lines = Field(default_factory=list)

    @field_validator("text")
    @classmethod
    def _text_not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("text が空です。ステップの内容を書いてください")
        return v


class Link(Model):
    """A network line drawn between two actors (【LGWAN回線】, 【インターネット回線】, VPN)."""

    id: Id | None = None
    between: Annotated[list[Id], Field(min_length=2, max_length=2)]
    channel: Text
    encrypted: bool | None = None
    label: Text | None = Field(default=None, description="表示を提出どおりに上書き")
    notes: Lines = Field(default_factory=list)


_Inner = Annotated[str | list[str], Field(union_mode="left_to_right")]
LayoutCell = Annotated[str | list[_Inner], Field(union_mode="left_to_right")]
"""An actor id, or a list that runs the other way (a stack inside a column, and in it a row)."""


class Layout(Model):
    """Where the actors go on the page (omitted: automatic).

    ``columns`` lists the columns left to right; a list inside it is a stack, top to bottom (and a
    list inside that a row again). ``rows`` starts with rows, top to bottom. Actors not named are
    placed automatically.
    """

    columns: list[LayoutCell] | None = Field(default=None, description="左から右への列。[a, b] は上から下へ積む")
    rows: list[LayoutCell] | None = Field(default=None, description="上から下への段。[a, b] は左から右へ並べる")
    measures: Literal["auto", "chart", "separate"] = Field(
        default="auto", description="保護対策の一覧: auto（収まらなければ2ページ目）、chart（図の中）、separate（2ページ目）")


class Page(Model):
    """Page defaults; the command line overrides them."""

    size: Literal["A4", "A3", "fit"] = "A4"
    orientation: Literal["landscape", "portrait"] = "landscape"


class Document(Model):
    """The header of the chart and the packet it belongs to."""

    number: Text = Field(description="資料番号（資料19-1）")
    title: Text = Field(description="【…の個人情報の流れ】")
    department: Text | None = None
    business: Text | None = None
    version: Text | None = Field(default=None, description="令和6年度第1回")
    date: Text | None = None
    page: Page = Field(default_factory=Page)


class Flow(Model):
    """A whole flow file (format version 1)."""

    flowdiag: Annotated[Literal[1], BeforeValidator(_format_version)] = Field(description="書式のバージョン。1 と書く")
    document: Document
    actors: Annotated[list[Actor], Field(min_length=1)]
    data: list[DataSet] = Field(default_factory=list)
    steps: list[Step] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    notes: Lines = Field(default_factory=list)
    layout: Layout = Field(default_factory=Layout, description="図の配置の指定（省略すると自動）")
    packet: Packet | None = Field(default=None, description="付議事項の様式・チェックリスト（点検用）")
    waivers: list[Waiver] = Field(default_factory=list, description="点検の指摘を理由付きで承知する")

    def nodes(self) -> dict[str, Actor | Place]:
        """Every actor and place by id (they share one namespace)."""
        out: dict[str, Actor | Place] = {}
        for actor in self.actors:
            out[actor.id] = actor
            for place in actor.places:
                out[place.id] = place
        return out

    def owner(self) -> dict[str, Actor]:
        """The actor that holds each actor or place id."""
        out: dict[str, Actor] = {}
        for actor in self.actors:
            out[actor.id] = actor
            for place in actor.places:
                out[place.id] = actor
        return out
