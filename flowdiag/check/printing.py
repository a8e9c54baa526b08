"""The filled checklists in the form's layout: one sheet per checklist and party, as Markdown or HTML
(PDF in ``pdf.py``). Marks and any wording given in the flow are printed as submitted.

>>> sheets = blank_sheets("業務委託", "令和6年度")
>>> [(s.party, len(s.rows)) for s in sheets]
[('ward', 22), ('partner', 22)]
>>> print(to_markdown(sheets[:1]).splitlines()[0])
## 5 業務委託にかかる個人情報保護対策チェックリスト
"""

from __future__ import annotations

import html

from ..markdown import escape as md_escape
from ..resolve.sheets import Sheet, SheetRow, blank_sheets, sheets_of  # noqa: F401  (read from here too)
from ..wording import GROUP_LABELS


def to_markdown(sheets: list[Sheet], ids: bool = False) -> str:
    """Markdown tables; marks and wording as submitted, made literal (never HTML, a link or a new row)."""
    e = md_escape
    parts = []
    for s in sheets:
        lines = [f"## {e(s.heading)}", ""]
        if s.template.subtitle:
            lines += [e(s.template.subtitle), ""]
        lines += [f"様式: {e(s.version.name)}　{e(s.template.parties[s.party])}", ""]
        legend = " ".join(e(x) for x in s.legend)
        head = f"| 区分 | {legend} | {e(s.template.column)} |" + (" 行の id |" if ids else "")
        lines += [head, "| --- | :---: | --- |" + (" --- |" if ids else "")]
        last = None
        for r in s.rows:
            group = e(s.group_label(r.group)) if r.group != last else ""
            last = r.group
            cell = f"| {group} | {e(r.mark) or '　'} | {e(r.text)} |"
            lines.append(cell + (f" `{r.row_id}` |" if ids else ""))
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"


_CSS = """
@page { size: A4 portrait; margin: 15mm; }
body { font-family: "BIZ UDGothic", "BIZ UDゴシック", sans-serif; font-size: 10pt; color: #000; }
section { page-break-after: always; }
section:last-child { page-break-after: auto; }
h2 { font-size: 12pt; margin: 0 0 2mm; }
p.sub { margin: 0 0 3mm; }
p.version { font-size: 8pt; color: #444; margin: 0 0 2mm; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 0.6pt solid #000; padding: 1.5mm 2mm; vertical-align: top; }
th { font-weight: normal; background: #f2f2f2; }
td.group { width: 24%; vertical-align: middle; }
td.mark { width: 8%; text-align: center; vertical-align: middle; font-size: 12pt; }
td.blank { background: #fff3c4; }
td.id { font-family: monospace; font-size: 8pt; }
"""


def to_html(sheets: list[Sheet], title: str = "個人情報保護対策チェックリスト", ids: bool = False) -> str:
    e = html.escape
    body = []
    for s in sheets:
        rows_html = []
        groups = [r.group for r in s.rows]
        for i, r in enumerate(s.rows):
            cells = ""
            if i == 0 or groups[i - 1] != r.group:
                span = groups.count(r.group)
                label = e(s.template.parties[s.party]) + "<br>" + e(GROUP_LABELS[r.group])
                cells += f'<td class="group" rowspan="{span}">{label}</td>'
            cls = "mark blank" if not r.mark else "mark"
            cells += f'<td class="{cls}">{e(r.mark)}</td><td>{e(r.text)}</td>'
            if ids:
                cells += f'<td class="id">{e(r.row_id)}</td>'
            rows_html.append(f"<tr>{cells}</tr>")
        legend = "<br>".join(e(x) for x in s.legend)
        head = f"<tr><th></th><th>{legend}</th><th>{e(s.template.column)}</th>" + ("<th>行の id</th>" if ids else "") + "</tr>"
        sub = f'<p class="sub">{e(s.template.subtitle)}</p>' if s.template.subtitle else ""
        body.append(f"<section><h2>{e(s.heading)}</h2>{sub}"
                    f'<p class="version">様式: {e(s.version.name)}</p>'
                    f"<table>{head}{''.join(rows_html)}</table></section>")
    return (f'<!DOCTYPE html>\n<html lang="ja"><head><meta charset="utf-8"><title>{e(title)}</title>'
            f"<style>{_CSS}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n")
