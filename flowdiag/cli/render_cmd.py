"""``flowdiag render``, ``flowdiag doctor`` and ``flowdiag stencils``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..diagnostics import FlowError, one_line
from ..load.validate import LoadedFlow, load_flow
from ..model.flow import Flow
from ..model.marks import NO_MARKS, Marks
from ..output import Outputs
from ..render.fonts import pin_fonts
from ..render.pipeline import FORMATS, Laid, RenderOptions, best_layout, render
from ..render.png_limits import check_png_size
from . import main
from .common import EXIT_BAD_INPUT, report


def _streamed(src: Path) -> bool:
    """An input that is not a file in a folder (``/dev/stdin``, a pipe, ``<(…)``): its folder is no
    place for an output."""
    name = str(src)
    if name.startswith(("/dev/", "/proc/")):
        return True
    try:
        return src.exists() and not src.is_file()
    except OSError:
        return False


def _targets(flows: tuple[str, ...], output: str | None, out_dir: str | None,
             formats: tuple[str, ...]) -> list[tuple[Path, Path, str]]:
    """(input, output, format) for every file to write."""
    if output and (len(flows) > 1 or len(formats) > 1):
        raise click.UsageError("複数の入力・形式を出力するときは -o ではなく --out-dir を使ってください")
    jobs = []
    for flow in flows:
        src = Path(flow)
        if output:
            out = Path(output)
            fmt = formats[0] if formats else out.suffix.lower().lstrip(".")
            if fmt not in FORMATS:
                raise click.UsageError(f"出力形式が分かりません（{out.name}）: 拡張子を .svg .pdf .png にするか、"
                                       "--format を指定してください")
            jobs.append((src, out, fmt))
            continue
        if not out_dir and _streamed(src):
            raise click.UsageError(f"{flow} はファイルではない入力（標準入力・パイプなど）です。"
                                   "-o か --out-dir で出力先を指定してください")
        folder = Path(out_dir) if out_dir else src.parent
        for fmt in formats or ("svg",):
            jobs.append((src, folder / f"{src.stem}.{fmt}", fmt))
    return jobs


@main.command("render")
@click.argument("flows", nargs=-1, required=True, metavar="FLOW...")
@click.option("-o", "--output", metavar="OUT", help="出力ファイル（拡張子で形式を決めます） / output file")
@click.option("--out-dir", metavar="DIR", help="複数出力のフォルダ / folder for several outputs")
@click.option("-f", "--format", "formats", multiple=True, type=click.Choice(FORMATS),
              help="出力形式（繰り返し可）/ output format, repeatable")
@click.option("--page", type=click.Choice(["A4", "A3", "fit"]), help="用紙（既定: フローの document.page、なければ A4）")
@click.option("--portrait/--landscape", default=None, help="縦向き / 横向き（既定: 横）")
@click.option("--dpi", type=click.FloatRange(18, 1200), default=144.0, show_default=True, help="PNG の解像度")
@click.option("--timeout", type=click.FloatRange(1, 3600), default=300.0, show_default=True, hidden=True,
              help="（互換のため。レイアウトは時間制限なしで終わります）")
@click.option("--fit", "fit", type=click.Choice(["auto", "shrink"]), default="auto", show_default=True,
              help="7 pt 未満になるとき: auto は保護対策一覧を2ページ目に移すか A3 にする、shrink は縮小する")
@click.option("--since", "since", metavar="OLD", help="前回承認版のフロー。変更点を赤太字下線で描きます")
@click.option("--since-rev", metavar="REV", help="前回承認版を git のリビジョンから取ります（例: HEAD~1）")
@click.option("--since-label", metavar="LABEL", help="注記のラベル（例: 令和6年度第1回）。既定は前回版の version")
def render_command(flows: tuple[str, ...], output: str | None, out_dir: str | None, formats: tuple[str, ...],
                   page: str | None, portrait: bool | None, dpi: float, timeout: float, fit: str, since: str | None,
                   since_rev: str | None, since_label: str | None) -> None:
    """フロー定義を資料X-1 の図（SVG / PDF / PNG / DOT）にします。

    Render flow files as 資料X-1 charts.

    \b
    例:
      flowdiag render samples/000-keitai-toilet.yaml -o out/000.pdf
      flowdiag render samples/*.yaml --out-dir out -f svg -f pdf -f png
      flowdiag render new.yaml --since old.yaml -o new.pdf
    """
    pin_fonts()
    jobs = _targets(flows, output, out_dir, formats)
    outputs = Outputs([*flows, *([since] if since else [])])
    for src, out, _fmt in jobs:  # every collision and every output that is an input, before any work
        outputs.claim(out, str(src))
    failed = False
    prepared: dict[Path, tuple[LoadedFlow, RenderOptions, Laid]] = {}
    shown: set[str] = set()
    broken: set[Path] = set()  # flows already reported as bad: not again for their other formats
    for src, out, fmt in jobs:
        if src in broken:
            continue
        try:
            if src not in prepared:  # load, compare and lay out once per flow, whatever the formats
                lf = load_flow(src)
                report(lf.warnings)
                opts = RenderOptions(page=page, portrait=portrait, dpi=dpi, timeout=timeout, fit=fit,
                                     marks=_marks(lf, since, since_rev, since_label))
                drawn = _to_draw(lf)
                prepared[src] = (drawn, opts, best_layout(drawn, opts))
            drawn, opts, laid = prepared[src]
            if fmt == "png":  # cairo's size limit, said with the input's name before cairo is loaded
                check_png_size(laid.pages[0].width, laid.pages[0].height, dpi, str(src))
            result = render(drawn, fmt, opts, laid)
            for w in result.warnings:
                if w not in shown:  # the same flow in several formats: say it once
                    shown.add(w)
                    click.echo(one_line(w), err=True)
            outputs.write(out, result.data, make_dirs=out_dir is not None)
            for k, more in enumerate(result.more, start=2):  # SVG and PNG: one file per page
                extra = out.with_name(f"{out.stem}-{k}{out.suffix}")
                outputs.write(extra, more, make_dirs=out_dir is not None)
                click.echo(f"{extra}", err=True)
        except FlowError as exc:
            report(exc.diagnostics)
            failed = True
            if src not in prepared:
                broken.add(src)
            continue
        click.echo(one_line(str(out)), err=True)
    if failed:
        sys.exit(EXIT_BAD_INPUT)


def _derives(lf: LoadedFlow) -> bool:
    return lf.flow.packet is not None and bool(lf.flow.packet.derive_measures)


def _to_draw(lf: LoadedFlow) -> LoadedFlow:
    """The flow as drawn: with ``packet.derive_measures`` the measure boxes come from the checklist ○ rows."""
    if not _derives(lf):
        return lf
    from ..resolve import resolve

    return resolve(lf).drawn


def _marks(lf: LoadedFlow, since: str | None, since_rev: str | None, since_label: str | None) -> Marks:
    if not since and not since_rev:
        if since_label:
            raise click.UsageError("--since-label は --since か --since-rev と一緒に使ってください")
        return NO_MARKS
    if since and since_rev:
        raise click.UsageError("--since と --since-rev はどちらか一方だけ指定してください")
    from ..diff import marks_since  # the diff stage loads only when asked for

    drawn = None
    if _derives(lf):
        from ..resolve import resolve

        def drawn(loaded: LoadedFlow) -> Flow:  # both sides compared as drawn
            return resolve(loaded).flow

    return marks_since(lf, since=since, since_rev=since_rev, since_label=since_label, drawn=drawn)


@main.command("doctor")
def doctor_command() -> None:
    """動作環境を調べます（cairo と同梱フォント）。 Check the environment."""
    pin_fonts()
    ok = True
    try:
        import cairocffi

        from ..render.raster import svg_to_pdf

        click.echo(f"cairo: {cairocffi.cairo_version_string()} (cairocffi {cairocffi.version})")
        probe = ('<svg xmlns="http://www.w3.org/2000/svg" width="40pt" height="20pt" viewBox="0 0 40 20">'
                 '<text x="2" y="14" font-family="BIZ UDGothic" font-size="10">あ<tspan font-weight="bold">太</tspan>'
                 "</text></svg>")
        pdf = svg_to_pdf([probe], "doctor")
        fonts = sorted({m.decode("ascii", "replace").split("+")[-1] for m in
                        __import__("re").findall(rb"/BaseFont\s*/([A-Za-z0-9+_-]+)", pdf)})
        for f in fonts:
            click.echo(f"font: {f}" + ("  (同梱)" if f.startswith("BIZUDGothic") else "  (同梱フォントではありません!)"))
        if not fonts or not all(f.startswith("BIZUDGothic") for f in fonts):
            ok = False
            click.echo("error: cairo が同梱フォントを使っていません — flowdiag/fonts/ と fonts.conf を確かめてください",
                       err=True)
    except Exception as exc:  # a missing libcairo is an environment problem to report, not a crash
        ok = False
        click.echo(f"error: cairo を読み込めません（{exc}） — sudo apt-get install libcairo2 を実行してください", err=True)
    click.echo("ok" if ok else "問題があります（上の error を参照）")
    if not ok:
        sys.exit(EXIT_BAD_INPUT)


@main.command("stencils")
def stencils_command() -> None:
    """標準の保護対策・媒体・経路の一覧（フロー定義で使える id）。 List catalog ids."""
    from ..catalog import load_catalog

    cat = load_catalog()
    click.echo("# 保護対策 measures (stencils/measures.yaml)")
    for m in cat.measures.values():
        click.echo(f"{m.id}\t{m.group}\t{m.label}")
    click.echo("\n# まとめて指定 sets")
    for name, items in cat.sets.items():
        click.echo(f"{name}\t{len(items)}項目")
    click.echo("\n# 媒体 media (stencils/media.yaml)")
    for e in cat.media.values():
        click.echo(f"{e.id}\t{e.label}")
    click.echo("\n# 経路 channels (stencils/channels.yaml)")
    for e in cat.channels.values():
        click.echo(f"{e.id}\t{e.label}")
