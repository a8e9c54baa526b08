"""``flowdiag new``: commented starting files for the usual shapes of a submission.

Each shape is a template in ``templates/`` (after the shared head ``_head.yaml``) with the
standard measures of its kind, the return and erasure steps in place and a ``packet:`` section
whose forms and checklists agree with the chart. What cannot be inferred is written as a
plausible value with a ``# TODO`` comment; :func:`todo_lines` lists those lines.

>>> text = render_template("業務委託", Answers(business="配食サービス事業"), today=dt.date(2025, 6, 20))
>>> text.splitlines()[0]
'# yaml-language-server: $schema=flowdiag.schema.json'
>>> "title: 【配食サービス事業の個人情報の流れ】" in text, "version: 令和7年度第1回" in text
(True, True)
>>> "timing: [R7.7.1時点]" in text, "period: 令和7年7月1日から令和8年3月31日まで" in text
(True, True)
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from string import Template

import yaml

from .schema import SCHEMA_FILE, modeline

TEMPLATES = Path(__file__).with_name("templates")


@dataclass(frozen=True)
class Shape:
    key: str
    label: str
    file: str
    summary: str


SHAPES: dict[str, Shape] = {
    "業務委託": Shape("itaku", "業務委託", "itaku.yaml",
                    "区 → 委託事業者 → 区民。USB の手渡し、返却・消去と消去証明書"),
    "再委託": Shape("saiitaku", "業務委託＋再委託", "saiitaku.yaml",
                  "委託事業者から再委託先（コールセンター）へ。再委託先が集める個人情報、区の承諾"),
    "外部結合": Shape("ketsugo", "外部結合（クラウド）", "ketsugo_cloud.yaml",
                   "申込者 → クラウドの申込フォーム → LGWAN で区へ。クラウド上の消去"),
    "電算処理": Shape("densan", "電算処理", "densan.yaml",
                   "区の業務システムで処理。開発・保守の委託先にはダミーデータ、保存期間後の消去"),
}
"""The shapes by their Japanese name; :data:`ALIASES` adds the ASCII names."""

ALIASES: dict[str, str] = {s.key: name for name, s in SHAPES.items()} | {"cloud": "外部結合"}


def shape_name(word: str) -> str | None:
    """The shape a user means: 業務委託, itaku, 再委託, cloud … (None when unknown).

    >>> shape_name("itaku"), shape_name("外部結合"), shape_name("CLOUD"), shape_name("x")
    ('業務委託', '外部結合', '外部結合', None)
    """
    w = word.strip()
    if w in SHAPES:
        return w
    return ALIASES.get(w.lower())


@dataclass(frozen=True)
class Answers:
    """What the user said (None: not given, a placeholder with a TODO is written)."""

    business: str | None = None
    department: str | None = None
    number: str | None = None
    ward: str = "新宿区"
    contractor: str | None = None
    subcontractor: str | None = None
    cloud: str | None = None
    system: str | None = None
    schema: bool = True


def era_year(year: int) -> str:
    """令和 year of a Western year: 2019 → 元, 2025 → 7.

    >>> era_year(2019), era_year(2025)
    ('元', '7')
    """
    n = year - 2018
    return "元" if n == 1 else str(n)


def _start(today: dt.date) -> dt.date:
    """The first day of next month: when a business being submitted now usually starts."""
    return dt.date(today.year + (today.month == 12), today.month % 12 + 1, 1)


def _scalar(value: str) -> str:
    """``value`` as a YAML scalar, quoted only when it must be.

    >>> _scalar("新宿区"), _scalar("a: b"), _scalar("# x")
    ('新宿区', "'a: b'", "'# x'")
    """
    text = yaml.safe_dump(value, allow_unicode=True, width=10_000).splitlines()[0]
    return text


def render_template(shape: str, answers: Answers, file: str = "flow.yaml", today: dt.date | None = None) -> str:
    """The starting file for ``shape`` (a key of :data:`SHAPES`)."""
    spec = SHAPES[shape]
    day = today or dt.date.today()
    start = _start(day)
    fiscal = start.year if start.month >= 4 else start.year - 1
    now_fiscal = day.year if day.month >= 4 else day.year - 1
    business = answers.business or "○○事業"
    todo_business = "" if answers.business else "  # TODO: 事業名"
    values = {
        "modeline": modeline(SCHEMA_FILE) if answers.schema else "",
        "kind_label": spec.label,
        "file": Path(file).name,
        "stem": Path(file).stem,
        "business": _scalar(business) + todo_business,
        "title": _scalar(f"【{business}の個人情報の流れ】") + todo_business,
        "department": _scalar(answers.department or "○○部○○課") + ("" if answers.department else "  # TODO: 担当部課"),
        "number": _scalar(answers.number or "資料X-1"),
        "version": f"令和{era_year(now_fiscal)}年度第1回",
        "ward": _scalar(answers.ward),
        "contractor_caption": "(プライバシーマーク取得事業者を予定)",
        "subcontractor_caption": "(コールセンター業務)",
        "partner": _scalar(answers.contractor or "未定（入札により決定する予定）"),
        "subpartner": _scalar(answers.subcontractor or "未定（コールセンター業務の実績がある事業者を予定）"),
        "cloud": _scalar(answers.cloud or "申込受付クラウドサービス"),
        "system": _scalar(answers.system or "業務システム"),
        "start_short": f"R{era_year(start.year)}.{start.month}.{start.day}",
        "period": f"令和{era_year(start.year)}年{start.month}月{start.day}日から令和{era_year(fiscal + 1)}年3月31日まで",
    }
    head = (TEMPLATES / "_head.yaml").read_text(encoding="utf-8")
    body = (TEMPLATES / spec.file).read_text(encoding="utf-8")
    text = Template(head + body).substitute(values)
    return text if answers.schema else text.split("\n", 1)[1]


_TODO = re.compile(r"#\s*TODO\b:?\s*(.*)$")


def todo_lines(text: str) -> list[tuple[int, str]]:
    """(line number, what to do) for every ``# TODO`` comment of a starting file.

    >>> todo_lines("a: 1\\nb: 2  # TODO: 直す\\n")
    [(2, '直す')]
    """
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        m = _TODO.search(line)
        if m:
            out.append((n, m.group(1).strip() or "確かめる"))
    return out
