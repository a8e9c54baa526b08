"""The submitted packets' text (the seed files beside the repository) cut into units to look for.

A seed is text extracted from the ward's PDF: table cells are separated by tabs, HTML-like tags
stand for paragraphs and lists, and the chart's text is scattered in the middle. A unit is one
paragraph or cell of the cover, 事業の概要 and forms, or one checklist row (its mark and sentence).
Comparison ignores white space and full-/half-width differences (NFKC): the PDF extraction changed
those, not the authors.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

from ..conftest import ROOT

SEEDS = ROOT.parent / "shared" / "seeds"
SEED_FILES = {"000-keitai-toilet": "000_3c5c43f4654d3ab4.txt", "001-seikatsu-hogo": "001_e8f86ce15c3a39e6.txt",
              "004-ikiiki-hiking": "004_b4788fab34e93419.txt"}
CHART_START = {"000-keitai-toilet": "新宿区", "001-seikatsu-hogo": "5 業務委託にかかる個人情報保護対策チェックリスト",
               "004-ikiiki-hiking": "「いきいきハイキング」に係る個人情報の流れ"}
MARKS = {"○", "－", "-", "ー"}


def seed_path(sample: str) -> Path:
    return SEEDS / SEED_FILES[sample]


def norm(text: str) -> str:
    """NFKC without any white space: what must match between a seed and a packet."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _cells(line: str) -> list[str]:
    line = line.replace('<input type="radio"/>', "○")
    return [re.sub(r"<[^>]+>", " ", c).strip() for c in line.split("\t")]


def text_units(sample: str) -> list[str]:
    """Paragraphs and cells of the cover, 事業の概要 and forms, as submitted."""
    lines = seed_path(sample).read_text("utf-8").splitlines()
    end = next(i for i, x in enumerate(lines) if x.strip() == CHART_START[sample] and i > 10)
    units = []
    for line in lines[:end]:
        if re.fullmatch(r"[-\s]*", line):
            continue
        for raw in line.replace('<input type="radio"/>', "○").split("\t"):
            for piece in re.split(r"</?(?:p|li|ol|ul)\b[^>]*>", raw):
                text = re.sub(r"<[^>]+>", " ", piece).strip()
                if text and not re.fullmatch(r"[-\s]*", text):
                    units.append(text)
    return units


def checklist_units(sample: str) -> list[str]:
    """Every checklist row as submitted: its mark (if any) and its sentence."""
    out = []
    for line in seed_path(sample).read_text("utf-8").splitlines():
        cells = _cells(line)
        texts = [c for c in cells if len(c) > 20 and c.endswith("。")]
        if not texts or "「○」" in line:
            continue
        marks = [c for c in cells if c in MARKS]
        out.append((marks[0] if marks else "") + texts[-1])
    return out


LEGEND_DASH = re.compile(r"対策の必要がない場合は「(.)」")


def legend_dashes(text: str) -> list[str]:
    """The 「－」 of each checklist legend in ``text``, in order, exactly as written (no normalising:
    「－」, 「-」 and 「ー」 are told apart)."""
    return LEGEND_DASH.findall(text)


def seed_legend_dashes(sample: str) -> list[str]:
    """The legends' 「－」 of the submitted packet, sheet by sheet."""
    return legend_dashes(seed_path(sample).read_text("utf-8"))


def pdf_text(pdf: Path) -> str:
    """The text of a PDF in reading order, without the page furniture (資料番号, page numbers, the label of a
    continued row)."""
    raw = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True,
                         text=True).stdout
    kept = []
    for page in raw.split("\f"):
        lines = [line.strip() for line in page.splitlines()]
        label = next((k for k, s in enumerate(lines[:4]) if s.endswith("（続き）")), -1)
        for s in lines[label + 1:]:  # a continued row's label comes first on its page: not text of the row
            if re.fullmatch(r"資料\s*\d+(-\d+)?|-\s*\d+\s*-|\S*（続き）", s):
                continue
            kept.append(s)
    return "\n".join(kept)
