"""Japanese-era (和暦) dates and periods as the packets write them: one parser for every check.

A written date is a span: ``令和7年9月下旬`` is 21–30 September 2025, ``令和7年9月`` the whole month,
``令和6年7月22日`` one day. ``ごろ``/``頃`` is kept as "approximate". The short chart form
(``R6.7.1``, ``R6.10月``) and Western years (``2024年7月1日``, ``2024/7/1``) are read too; a range's
end may leave out the year (``R6.7.2~12.31``).

>>> parse_date("令和6年7月22日").first
datetime.date(2024, 7, 22)
>>> d = parse_date("令和7年9月下旬"); (d.first, d.last)
(datetime.date(2025, 9, 21), datetime.date(2025, 9, 30))
>>> parse_date("R6.7.1時点").first, parse_date("令和元年5月1日").first, parse_date("平成31年4月30日").first
(datetime.date(2024, 7, 1), datetime.date(2019, 5, 1), datetime.date(2019, 4, 30))
>>> p = parse_period("令和6年7月22日から令和7年2月28日まで"); (p.start.first, p.end.last)
(datetime.date(2024, 7, 22), datetime.date(2025, 2, 28))
>>> p = parse_period("R6.7.2~12.31"); (p.start.first, p.end.last)
(datetime.date(2024, 7, 2), datetime.date(2024, 12, 31))
>>> parse_period("令和8年4月1日から令和8年12月31日ごろまで（次年度以降も、同様の業務委託を行う。）").end.approximate
True
>>> fiscal_year("令和6年度第1回")
(datetime.date(2024, 4, 1), datetime.date(2025, 3, 31))
>>> parse_date("未定") is None
True
>>> p = parse_period("契約締結日から令和8年3月31日まで"); (p.start, p.end.first)
(None, datetime.date(2026, 3, 31))
"""

from __future__ import annotations

import calendar
import datetime
import re
import unicodedata
from dataclasses import dataclass

ERAS = {"明治": 1867, "大正": 1911, "昭和": 1925, "平成": 1988, "令和": 2018,
        "M": 1867, "T": 1911, "S": 1925, "H": 1988, "R": 2018}
"""Western year = era year + offset (令和1年 = 2019)."""

_ERA = r"(?P<era>明治|大正|昭和|平成|令和|[MTSHR])\s*\.?\s*(?P<ey>元|\d{1,2})\s*(?:年|\.|/)"
_WEST = r"(?P<wy>(?:19|20)\d{2})\s*(?:年|\.|/|-)"
_MONTH = r"\s*(?P<m>1[0-2]|0?[1-9])\s*(?:月|\.|/|-)?"
_DAY = r"(?:\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*日?|\s*(?P<part>上旬|中旬|下旬|初旬|末|末日))?"
_APPROX = r"(?P<approx>\s*(?:ごろ|頃|予定|目途|めど))?"
DATE = re.compile(f"(?:{_ERA}|{_WEST}){_MONTH}{_DAY}{_APPROX}")
RANGE_START = re.compile(r"から|より|[~〜～]|－|―|–|—")
"""What separates a period's start from its end."""
PARTS = {"上旬": (1, 10), "初旬": (1, 10), "中旬": (11, 20), "下旬": (21, 31), "末": (31, 31), "末日": (31, 31)}


@dataclass(frozen=True)
class DateSpan:
    """A written date as the days it may mean (a day, a part of a month or a whole month)."""

    first: datetime.date
    last: datetime.date
    text: str
    approximate: bool = False


@dataclass(frozen=True)
class Period:
    """``…から…まで``: a start and (when written) an end."""

    start: DateSpan | None
    end: DateSpan | None
    text: str


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _span(year: int, month: int, day: str | None, part: str | None, text: str, approx: bool) -> DateSpan | None:
    if not 1 <= month <= 12:
        return None
    days = calendar.monthrange(year, month)[1]
    if day:
        d = int(day)
        if d > days:
            return None
        first = last = datetime.date(year, month, d)
    elif part:
        a, b = PARTS[part]
        first, last = datetime.date(year, month, min(a, days)), datetime.date(year, month, min(b, days))
    else:
        first, last = datetime.date(year, month, 1), datetime.date(year, month, days)
    return DateSpan(first, last, text, approx)


def find_dates(text: str) -> list[tuple[DateSpan, int, int]]:
    """Every full date (with its year) in ``text``, with its character range in the NFKC text."""
    t = _norm(text)
    out = []
    for m in DATE.finditer(t):
        if m.group("era"):
            ey = 1 if m.group("ey") == "元" else int(m.group("ey"))
            year = ERAS[m.group("era")] + ey
        else:
            year = int(m.group("wy"))
        span = _span(year, int(m.group("m")), m.group("d"), m.group("part"), m.group(0).strip(),
                     bool(m.group("approx")))
        if span is not None:
            out.append((span, m.start(), m.end()))
    return out


def parse_date(text: str) -> DateSpan | None:
    """The first date written in ``text`` (None when there is none)."""
    found = find_dates(text)
    return found[0][0] if found else None


def parse_period(text: str) -> Period | None:
    """``…から…まで`` / ``…~…``: the date before the range word is the start, the one after it the end.

    An end without its year (``R6.7.2~12.31``) takes the start's year (or the next, when it would
    fall before the start). ``契約締結日から令和8年3月31日まで`` has an end and no readable start.
    """
    t = _norm(text)
    sep = RANGE_START.search(t)
    head, tail = (t[:sep.start()], t[sep.end():]) if sep else (t, "")
    start = parse_date(head)
    end = parse_date(tail) if tail else None
    if start is not None and end is None and tail:
        m = re.match(r"\s*(?P<m>1[0-2]|0?[1-9])\s*(?:月|\.|/)\s*(?:(?P<d>3[01]|[12]\d|0?[1-9])\s*日?)?"
                     r"(?P<approx>\s*(?:ごろ|頃))?", tail)
        if m and m.group(0).strip():
            year = start.first.year
            month = int(m.group("m"))
            if (month, int(m.group("d") or 1)) < (start.first.month, start.first.day):
                year += 1
            end = _span(year, month, m.group("d"), None, m.group(0).strip(), bool(m.group("approx")))
    if start is None and end is None:
        return None
    return Period(start, end, text)


def fiscal_year(text: str) -> tuple[datetime.date, datetime.date] | None:
    """The fiscal year (April to March) a name begins with: ``令和6年度第1回``, ``R7``, ``2025年度``.

    >>> [fiscal_year(t)[0].year for t in ("令和6年度第1回", "R7", "2025年度", "令和元年度")]
    [2024, 2025, 2025, 2019]
    >>> fiscal_year("新しい版") is None
    True
    """
    t = _norm(text).strip()
    m = re.match(r"(?P<era>明治|大正|昭和|平成|令和|[MTSHR])\s*(?P<ey>元|\d{1,2})(?!\d)", t)
    if m:
        year = ERAS[m.group("era")] + (1 if m.group("ey") == "元" else int(m.group("ey")))
    else:
        w = re.match(r"((?:19|20)\d{2})(?!\d)", t)
        if not w:
            return None
        year = int(w.group(1))
    return datetime.date(year, 4, 1), datetime.date(year + 1, 3, 31)


def wareki(day: datetime.date) -> str:
    """A date in the forms' long style.

    >>> wareki(datetime.date(2025, 2, 28)), wareki(datetime.date(2019, 5, 1))
    ('令和7年2月28日', '令和元年5月1日')
    """
    for era, start in (("令和", datetime.date(2019, 5, 1)), ("平成", datetime.date(1989, 1, 8)),
                       ("昭和", datetime.date(1926, 12, 25))):
        if day >= start:
            n = day.year - ERAS[era]
            return f"{era}{'元' if n == 1 else n}年{day.month}月{day.day}日"
    return f"{day.year}年{day.month}月{day.day}日"
