"""Page breaks of the packet's text pages: never a lone line, never a continuation label broken inside."""

from __future__ import annotations

import re

import pytest

from flowdiag.load.validate import load_flow
from flowdiag.packet.compose import compose_packet
from flowdiag.packet.doc import PacketDoc, Para, Part, Row, Table, para
from flowdiag.packet.pdf import packet_svgs

from ..conftest import ROOT

TEXT = re.compile(r'<text x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>')
LABEL_BOX = re.compile(r'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="#f2f2f2"')


def _rows(svg: str) -> list[tuple[list[str], list[str]]]:
    """Each table row on a page: the texts of its label cell and of its value cell, top to bottom."""
    texts = [(float(x), float(y), re.sub(r"<[^>]+>", "", t)) for x, y, t in TEXT.findall(svg)]
    rows = []
    for x, y, w, h in LABEL_BOX.findall(svg):
        x0, y0, x1, y1 = float(x), float(y), float(x) + float(w), float(y) + float(h)
        inside = [(tx, ty, t) for tx, ty, t in texts if y0 < ty < y1]
        rows.append(([t for tx, _, t in inside if x0 < tx < x1], [t for tx, _, t in inside if tx > x1]))
    return rows


def _check_breaks(svgs: list[str]) -> int:
    """Assert the rules on every break inside a row; returns how many breaks there were."""
    breaks = 0
    for before, after in zip(svgs, svgs[1:], strict=False):
        here, there = _rows(before), _rows(after)
        if not there or "続き" not in "".join(there[0][0]):
            continue
        breaks += 1
        assert len(here[-1][1]) >= 2, ("a lone line before the break", here[-1])
        assert len(there[0][1]) >= 2, ("a lone line after the break", there[0])
    for svg in svgs:
        for label, _ in _rows(svg):
            joined = "".join(label)
            if "続" in joined:
                assert any(t.endswith("（続き）") for t in label), ("the continuation label is broken", label)
    return breaks


def test_keitai_summary_ends_on_two_lines_not_one() -> None:
    doc = compose_packet(load_flow(ROOT / "samples" / "000-keitai-toilet.yaml"))
    svgs = packet_svgs(doc)
    assert _check_breaks(svgs) >= 1
    summary = [s for s in svgs if "事業内容" in s]
    assert len(summary) == 2
    label, value = _rows(summary[1])[0]
    assert label == ["事業内容", "（続き）"]
    assert value[-1] == "※個人情報の流れは、資料19-1のとおり" and len(value) >= 2


@pytest.mark.parametrize("before", range(0, 46, 3))
def test_no_lone_line_wherever_the_break_falls(before: int) -> None:
    """A row of short paragraphs, a heading and a long paragraph, pushed down line by line."""
    long = "区では、区内在住の高齢者を対象に、健康づくりと交流の機会として事業を実施している。" * 3
    paras: list[Para] = []
    for k in range(8):
        paras += [para(f"{k + 1} 見出し", bold=True), para(f"配布対象者 約{k + 1}0,000人"), para(long)]
    rows = (Row("目的", tuple(para(f"前の行 {n}") for n in range(before))), Row("事業内容", tuple(paras)))
    doc = PacketDoc("t", [Part("事業の概要", "資料1", blocks=[Table(rows, 0.16)])])
    svgs = packet_svgs(doc)
    assert len(svgs) >= 2
    _check_breaks(svgs)
    pages = [[v for label, v in _rows(svg) if "事業内容" in "".join(label)] for svg in svgs]
    pages = [p[0] for p in pages if p]
    assert len(pages) >= 2
    starts = re.compile(r"\d 見出し|配布対象者|区では")
    for here, there in zip(pages, pages[1:], strict=False):
        assert not re.fullmatch(r"\d 見出し", here[-1]), ("a heading ends the page", here[-3:])
        if not starts.match(there[0]):  # a paragraph split across the break: two of its lines on each side
            tail = next(k for k in range(len(here) - 1, -1, -1) if starts.match(here[k]))
            head = next((k for k, t in enumerate(there) if starts.match(t)), len(there))
            assert len(here) - tail >= 2 and head >= 2, (here[tail:], there[:head])


@pytest.mark.parametrize("extra", [1, 2, 3])
def test_a_long_checklist_continues_with_two_rows_at_least(extra: int) -> None:
    """A sheet one, two or three rows longer than a page: never a lone row on the continuation page."""
    import dataclasses

    from flowdiag.packet.sheets import sheet_pages
    from flowdiag.resolve.sheets import blank_sheets

    sheet = blank_sheets("業務委託", "令和7年度")[0]
    rows = sheet.rows * 2
    n = 1  # the fewest rows that take two pages
    while len(sheet_pages(dataclasses.replace(sheet, rows=rows[:n]))) == 1:
        n += 1
    pages = sheet_pages(dataclasses.replace(sheet, rows=rows[:n - 1 + extra]))
    assert len(pages) == 2
    counts = [len(re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="30.00"', page)) for page in pages]
    assert sum(counts) == n - 1 + extra and min(counts) >= 2, counts


@pytest.mark.parametrize("before", range(24, 36))
def test_paragraphs_outside_tables_keep_two_lines_and_their_heading(before: int) -> None:
    long = "第1 受託者は、この契約による業務を処理するため個人情報を取り扱う場合は、個人情報の保護に努めること。" * 4
    blocks: list[Para | Table] = [para(f"前の段落 {n}") for n in range(before)]
    blocks += [para("特記事項", bold=True, size=13.0, align="center"), para(long), para(long)]
    svgs = packet_svgs(PacketDoc("t", [Part("特記事項", "資料1", blocks=blocks)]))
    pages = [[re.sub(r"<[^>]+>", "", t) for _, _, t in TEXT.findall(svg)][:-2] for svg in svgs]  # without the furniture
    starts = ("第1", "前の段落", "特記事項")
    for here, there in zip(pages, pages[1:], strict=False):
        assert here[-1] != "特記事項", "a heading ends the page"
        if not there[0].startswith(starts):  # a paragraph goes on: two of its lines on each side
            assert not here[-1].startswith(starts) and len(there) >= 2 and not there[1].startswith(starts), \
                (here[-2:], there[:2])
    at = next(k for k, p in enumerate(pages) if "特記事項" in p)
    assert len(pages[at]) - pages[at].index("特記事項") >= 3  # the heading and two lines under it
