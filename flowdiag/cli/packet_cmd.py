"""``flowdiag packet``: the whole 付議事項 (cover, 事業の概要, forms, chart, checklists) as PDF or Word."""

from __future__ import annotations

from pathlib import Path

import click

from ..diagnostics import one_line
from ..load.validate import LoadedFlow, load_flow
from ..model.flow import Flow
from ..model.marks import NO_MARKS, Marks
from ..output import Outputs
from . import main
from .common import report

FORMATS = {".pdf": "pdf", ".docx": "docx"}


@main.command("packet")
@click.argument("flow", metavar="FLOW")
@click.option("-o", "--output", required=True, metavar="OUT",
              help="出力ファイル（.pdf か .docx。拡張子で形式が決まります） / output file")
@click.option("--since", "since", metavar="OLD", help="前回承認版のフロー。変更点を赤太字下線で示します")
@click.option("--since-rev", metavar="REV", help="前回承認版を git のリビジョンから取ります（例: HEAD~1）")
@click.option("--since-label", metavar="LABEL", help="注記のラベル（例: 令和6年度第1回）。既定は前回版の version")
def packet_command(flow: str, output: str, since: str | None, since_rev: str | None, since_label: str | None) -> None:
    """付議事項の全体（表紙・事業の概要・様式・資料X-1 の図・チェックリスト）を PDF か Word にします。

    Write the whole submission packet as one PDF or Word document.

    \b
    例:
      flowdiag packet samples/004-ikiiki-hiking.yaml -o 付議事項.pdf
      flowdiag packet samples/004-ikiiki-hiking.yaml -o 付議事項.docx
      flowdiag packet new.yaml --since old.yaml -o 付議事項.pdf
    """
    out = Path(output)
    fmt = FORMATS.get(out.suffix.lower())
    if fmt is None:
        raise click.BadParameter(f"出力の拡張子「{out.suffix or '（なし）'}」には対応していません（.pdf か .docx）",
                                 param_hint="--output")
    src = Path(flow)
    outputs = Outputs([flow, *([since] if since else [])])  # an input is never written over, by any name
    outputs.claim(out, flow)
    lf = load_flow(src)
    report(lf.warnings)
    marks, chart_marks = _marks(lf, since, since_rev, since_label)
    from ..packet.compose import compose_packet

    doc = compose_packet(lf, marks, chart_marks)
    if fmt == "pdf":
        from ..packet.pdf import packet_pdf

        data = packet_pdf(doc)
    else:
        from ..packet.word import packet_docx

        data = packet_docx(doc)
    for warning in doc.warnings:  # the bundled font's missing characters (in the forms too), small chart text …
        click.echo(one_line(warning), err=True)
    outputs.write(out, data)
    click.echo(one_line(str(out)), err=True)


def _marks(lf: LoadedFlow, since: str | None, since_rev: str | None,
           since_label: str | None) -> tuple[Marks, Marks]:
    """(packet marks, chart marks) against the approved version, or none."""
    if not since and not since_rev:
        if since_label:
            raise click.UsageError("--since-label は --since か --since-rev と一緒に使ってください")
        return NO_MARKS, NO_MARKS
    if since and since_rev:
        raise click.UsageError("--since と --since-rev はどちらか一方だけ指定してください")
    from ..diff import marks_for
    from ..packet.marks import packet_marks

    if since_rev:
        from ..diff.gitrev import load_flow_at_rev

        old = load_flow_at_rev(lf.file, since_rev)
    else:
        assert since is not None
        old = load_flow(since)
    from ..resolve import resolve

    def drawn(loaded: LoadedFlow) -> Flow:
        return resolve(loaded).flow

    return packet_marks(old, lf, since_label), marks_for(old, lf, since_label, drawn=drawn)
