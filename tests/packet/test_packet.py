"""``flowdiag packet``: the whole 付議事項 as PDF and Word, checked with the tools users and reviewers use
(pdftotext / pdffonts / pdfinfo, LibreOffice headless), and compared with the submitted packets."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from itertools import groupby
from pathlib import Path

import pytest
from docx import Document

from flowdiag.load.validate import load_flow
from flowdiag.packet.compose import compose_packet
from flowdiag.packet.marks import packet_marks
from flowdiag.packet.pdf import packet_svgs

from ..conftest import ROOT, golden, run_cli
from .conftest import SAMPLES
from .seeds import SEEDS, checklist_units, legend_dashes, norm, pdf_text, seed_legend_dashes, text_units

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="the submitted packets are not beside the repository")
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("packet")
    made = {}
    for name in SAMPLES:
        path = out / f"{name}.pdf"
        proc = run_cli("packet", f"samples/{name}.yaml", "-o", str(path))
        assert proc.returncode == 0, proc.stderr
        made[name] = path
    return made


def _missing(units: list[str], text: str) -> list[str]:
    have = norm(text)
    return [u for u in units if norm(u) not in have]


@needs_seeds
@pytest.mark.parametrize("name", SAMPLES)
def test_pdf_text_is_the_submitted_text(pdfs: dict[str, Path], name: str) -> None:
    text = pdf_text(pdfs[name])
    units = text_units(name)
    assert len(units) > 40
    assert _missing(units, text) == []
    rows = checklist_units(name)
    assert len(rows) >= 44
    assert _missing(rows, text) == []


@needs_seeds
@pytest.mark.parametrize("name", SAMPLES)
def test_checklist_legends_print_the_dash_as_submitted(pdfs: dict[str, Path], name: str) -> None:
    """「－」, 「-」 or 「ー」, sheet by sheet, as the ward's packet has it (not normalised)."""
    submitted = seed_legend_dashes(name)
    assert len(submitted) >= 2
    assert legend_dashes(pdf_text(pdfs[name])) == submitted


@needs_seeds
def test_the_comparison_notices_a_changed_word(pdfs: dict[str, Path]) -> None:
    text = pdf_text(pdfs["000-keitai-toilet"])
    unit = next(u for u in text_units("000-keitai-toilet") if u.startswith("配布物の発送"))
    assert _missing([unit], text) == []
    assert _missing([unit.replace("迅速かつ安全に", "迅速に")], text) == [unit.replace("迅速かつ安全に", "迅速に")]


@pytest.mark.parametrize("name", SAMPLES)
def test_parts_come_in_the_packets_order(pdfs: dict[str, Path], name: str) -> None:
    text = norm(pdf_text(pdfs[name]))
    flow = load_flow(ROOT / "samples" / f"{name}.yaml").flow
    assert flow.packet is not None and flow.packet.cover is not None and flow.packet.summary is not None
    marks = [norm("個人情報保護管理運営会議付議事項"), norm("事業の概要")]
    marks += [norm("件名" + (f.subject or "")) for f in flow.packet.forms]
    marks += [norm(flow.document.title), norm("にかかる個人情報保護対策チェックリスト")]
    at = 0
    for m in marks:  # each part after the one before
        found = text.find(m, at)
        assert found >= 0, (m, text[at:at + 80])
        at = found + len(m)


def test_pdf_is_a4_with_fonts_embedded_numbers_and_bookmarks(pdfs: dict[str, Path]) -> None:
    pdf = pdfs["004-ikiiki-hiking"]
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    assert pages >= 8 and "CreationDate:    Sat Jan  1 00:00:00 2000" in info
    sizes = subprocess.run(["pdfinfo", "-f", "1", "-l", str(pages), str(pdf)], capture_output=True, text=True,
                           check=True).stdout
    assert sizes.count("595.28 x 841.89") == pages - 1 and sizes.count("842 x 595") == 1  # the chart is landscape
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all("BIZUDGothic" in f and " yes yes " in f for f in fonts)
    for n in range(1, pages + 1):
        page = subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert re.search(r"資料39(-1)?", page), n
        assert f"- {n} -" in page, n
    data = pdf.read_bytes()
    assert data.count(b"/Title") >= 1 + 6  # the document's title and a bookmark per part and sheet
    assert b"/Outlines" in data


def test_pdf_and_docx_are_the_same_bytes_on_every_run(tmp_path: Path) -> None:
    for ext in ("pdf", "docx"):
        a, b = tmp_path / f"a.{ext}", tmp_path / f"b.{ext}"
        for path in (a, b):
            proc = run_cli("packet", "samples/001-seikatsu-hogo.yaml", "-o", str(path))
            assert proc.returncode == 0, proc.stderr
        assert a.read_bytes() == b.read_bytes(), ext


def test_text_pages_match_the_golden_svg() -> None:
    doc = compose_packet(load_flow(ROOT / "samples" / "004-ikiiki-hiking.yaml", "samples/004-ikiiki-hiking.yaml"))
    pages = [svg for svg in packet_svgs(doc) if "資料39-1" not in svg]  # the chart page is the render stage's
    golden(ROOT / "tests" / "packet" / "golden" / "004-text-pages.svg", "\n".join(pages))


@needs_seeds
@needs_soffice
@pytest.mark.parametrize("name", SAMPLES)
def test_word_text_read_back_by_libreoffice(docx_pdfs: dict[str, tuple[Path, Path]], name: str) -> None:
    text = pdf_text(docx_pdfs[name][1])
    # the legend row repeats on a checklist's next page: compare the runs of the same dash
    assert [k for k, _ in groupby(legend_dashes(text))] == [k for k, _ in groupby(seed_legend_dashes(name))]
    assert _missing(text_units(name), text) == []
    assert _missing(checklist_units(name), text) == []


def test_a_flow_without_a_packet_still_gives_a_packet(tmp_path: Path) -> None:
    flow = tmp_path / "f.yaml"
    flow.write_text("flowdiag: 1\ndocument: {number: 資料5-1, title: 【例の個人情報の流れ】, department: 総務課}\n"
                    "actors: [{id: ward, name: 新宿区, kind: ward}]\nsteps:\n  - {number: 1, at: ward, text: 抽出}\n",
                    encoding="utf-8")
    for ext in ("pdf", "docx"):
        out = tmp_path / f"f.{ext}"
        proc = run_cli("packet", str(flow), "-o", str(out))
        assert proc.returncode == 0, proc.stderr
    text = norm(pdf_text(tmp_path / "f.pdf"))
    assert norm("（担当部課：総務課）") in text and norm("【例の個人情報の流れ】") in text


def test_word_has_real_tables_a_picture_and_japanese_fonts(tmp_path: Path) -> None:
    path = tmp_path / "p.docx"
    assert run_cli("packet", "samples/004-ikiiki-hiking.yaml", "-o", str(path)).returncode == 0
    document = Document(str(path))
    assert len(document.tables) == 1 + 1 + 2 + 4  # cover, 事業の概要, two forms, four checklist sheets
    form = document.tables[2]
    assert form.cell(3, 0).text == "結合の相手方" and form.cell(3, 1).text == "未定（プロポーザルにより決定する）"
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        styles = z.read("word/styles.xml").decode("utf-8")
        body = z.read("word/document.xml").decode("utf-8")
        assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in z.infolist())
    assert any(n.startswith("word/media/") and n.endswith(".png") for n in names)
    assert 'w:eastAsia="BIZ UDゴシック"' in styles and "docProps/thumbnail.jpeg" not in names
    assert "<pic:pic" in body and 'w:orient="landscape"' in body
    normal = re.search(r'<w:style [^>]*w:styleId="Normal".*?</w:style>', styles, re.S)
    assert normal is not None and "<w:widowControl/>" in normal.group(0)  # no lone line at a page break
    heading = document.tables[1].cell(4, 1).paragraphs[0]  # 事業内容: 「1 概要」 stays with its text
    assert heading.text.startswith("1 ") and heading.paragraph_format.keep_with_next
    sheet = document.tables[4]
    assert sheet.rows[0]._tr.trPr.xml.count("<w:tblHeader/>") == 1  # the legend row repeats on a next page
    assert all("<w:cantSplit/>" in r._tr.trPr.xml for r in sheet.rows)  # a checklist row is never split
    core = document.core_properties
    assert core.created is not None and core.created.year == 2000 and core.modified == core.created


def test_since_marks_changed_words_in_forms() -> None:
    old = load_flow(ROOT / "samples" / "000-keitai-toilet.yaml")
    new = load_flow(ROOT / "samples" / "000-keitai-toilet-r7.yaml")
    doc = compose_packet(new, packet_marks(old, new))
    form = next(svg for svg in packet_svgs(doc) if "委託の開始時期及び期限" in svg)
    marked = re.findall(r'<tspan fill="#d00000" font-weight="bold">([^<]*)</tspan>', form)
    assert "7" in marked and "8" in marked  # 令和7年7月22日から令和8年…: the years changed, not the rest
    assert "再配達依頼情報 氏名、住所、電話番号、相談内容、再配達希望日時" in marked and "（再委託先の管理を含む）" in marked
    assert "保有課（担当課）" not in "".join(marked) and "危機管理課" not in marked
    assert form.count('stroke="#d00000"') == len(marked)  # every marked run is underlined
    cover = packet_svgs(doc)[0]
    assert "#d00000" not in cover  # nothing changed on the cover


def test_since_in_word_and_cli(tmp_path: Path) -> None:
    path = tmp_path / "r7.docx"
    proc = run_cli("packet", "samples/000-keitai-toilet-r7.yaml", "--since", "samples/000-keitai-toilet.yaml",
                   "-o", str(path))
    assert proc.returncode == 0, proc.stderr
    with zipfile.ZipFile(path) as z:
        body = z.read("word/document.xml").decode("utf-8")
    assert body.count('<w:color w:val="D00000"/>') >= 10 and '<w:u w:val="single"/>' in body


def test_bad_output_and_bad_input_are_messages(tmp_path: Path) -> None:
    proc = run_cli("packet", "samples/004-ikiiki-hiking.yaml", "-o", str(tmp_path / "x.odt"))
    assert proc.returncode == 2 and ".pdf か .docx" in proc.stderr and "Traceback" not in proc.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("flowdiag: 1\ndocument: {number: 資料1-1, title: 例}\nactors: [{id: ward, name: 区, kind: ward}]\n"
                   "packet:\n  forms:\n    - {kind: 業務委託, connection: LGWAN}\n", encoding="utf-8")
    out = tmp_path / "bad.pdf"
    proc = run_cli("packet", str(bad), "-o", str(out))
    assert proc.returncode == 2 and "bad.yaml:6:" in proc.stderr and "結合の形態" in proc.stderr
    assert not out.exists()


def bookmarks(pdf: bytes) -> list[str]:
    """The titles of the PDF's bookmarks (and the document title last), as cairo writes them (UTF-16BE hex)."""
    out = []
    for m in re.finditer(rb"/Title\s*<([0-9A-Fa-f]+)>", pdf):
        raw = bytes.fromhex(m.group(1).decode())
        out.append(raw.decode("utf-16-be").lstrip("\ufeff"))
    return out


def test_a_packet_of_another_shape(tmp_path: Path) -> None:
    """Two 電算処理 forms told apart by their titles, a schedule, a subcontract and 特記事項."""
    flow = ROOT / "tests" / "packet" / "flows" / "juki-kaishu.yaml"
    pdf = tmp_path / "j.pdf"
    proc = run_cli("packet", str(flow), "-o", str(pdf))
    assert proc.returncode == 0, proc.stderr
    marks = bookmarks(pdf.read_bytes())
    assert marks[:8] == ["付議事項（表紙）", "事業の概要", "電算処理（住民記録システムの項目追加）",
                         "電算処理（証明書等の帳票の改修）", "様式（業務委託）", "様式（再委託）",
                         "資料12-1 個人情報の流れ", "チェックリスト"]
    assert marks[-2] == "特記事項" and len(marks) == 8 + 4 + 2
    text = norm(pdf_text(pdf))
    for expected in ("◇第3条第1項第3号（電算処理、業務委託、再委託）", "記録するコンピュータ：住民記録システム（区のサーバ）",
                     "開発：令和8年8月1日から令和8年11月30日まで", "本稼働：令和9年2月1日",
                     "委託先（再委託先）未定（帳票設計の実績がある事業者を予定）", "3電算処理にかかる個人情報保護対策チェックリスト",
                     "第3受託者は、契約終了後、"):
        assert norm(expected) in text, expected


def test_characters_the_font_lacks_are_warned_about(tmp_path: Path) -> None:
    text = (ROOT / "samples" / "004-ikiiki-hiking.yaml").read_text("utf-8")
    flow = tmp_path / "f.yaml"
    flow.write_text(text.replace("    subject: 「いきいきハイキング」に係る外部結合等について",
                                 "    subject: 「いきいきハイキング」\U0001F3D4に係る外部結合等について"), encoding="utf-8")
    proc = run_cli("packet", str(flow), "-o", str(tmp_path / "f.pdf"))
    assert proc.returncode == 0 and "U+1F3D4" in proc.stderr
