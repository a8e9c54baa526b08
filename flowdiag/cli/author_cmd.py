"""``flowdiag schema``, ``flowdiag new``, ``flowdiag fmt`` and ``flowdiag watch``: writing flows."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..diagnostics import Diagnostic
from ..render.output import write_atomic
from . import main


@main.command("schema")
@click.option("-o", "--output", metavar="FILE",
              help="書き出すファイル（既定: 標準出力）。例: flowdiag.schema.json / output file (default: stdout)")
def schema_command(output: str | None) -> None:
    """エディタ用の JSON Schema を書き出します（キーと id の補完、説明の表示）。

    Write the JSON Schema of flow files for editors (completion of keys and catalog ids).

    フロー定義ファイルの1行目に次の行があると、VS Code（YAML 拡張機能）が補完と誤りの表示をします:

    \b
      # yaml-language-server: $schema=flowdiag.schema.json

    \b
    例:
      flowdiag schema -o flowdiag.schema.json
    """
    from ..author.schema import schema_json

    text = schema_json()
    if output is None:
        click.echo(text, nl=False)
        return
    write_atomic(Path(output), text.encode("utf-8"))
    click.echo(output, err=True)


@main.command("fmt")
@click.argument("flows", nargs=-1, required=True, metavar="FLOW...")
@click.option("--check", is_flag=True,
              help="書き換えずに、整形が必要なファイルを示して終了コード 1 を返す（CI 用） / report only, exit 1 if any would change")
def fmt_command(flows: tuple[str, ...], check: bool) -> None:
    """フロー定義をキーの標準の順序と字下げに整えます（コメントはそのまま残ります）。

    Rewrite flow files in the canonical key order and layout, comments kept.

    読み込めないファイルは書き換えません。整形の前後で読み込んだ内容が同じであることを確かめてから、
    一時ファイル経由で置き換えます（UTF-8 で保存します）。

    \b
    例:
      flowdiag fmt flow.yaml
      flowdiag fmt --check samples/*.yaml
    """
    from ..author.fmt import format_flow
    from ..diagnostics import FlowError
    from ..load.yaml_source import decode
    from .common import EXIT_BAD_INPUT, EXIT_FINDINGS, report

    failed = changed = False
    for name in flows:
        path = Path(name)
        try:
            if path.is_dir():
                raise FlowError([Diagnostic(name, None, None, "error", "フォルダが指定されました",
                                            "フロー定義ファイル（.yaml）を指定してください")])
            try:
                raw = path.read_bytes()
            except OSError as exc:
                raise FlowError([Diagnostic(name, None, None, "error", f"ファイルを読めません（{exc.strerror}）",
                                            "パスとファイル名を確かめてください")]) from None
            text, warnings = decode(raw, name)
            formatted, loaded = format_flow(text, name)
            report(loaded.warnings)
            data = formatted.encode("utf-8")
            if data == raw:
                continue
            changed = True
            if check:
                click.echo(f"{name}: 整形が必要です（flowdiag fmt {name} で整えられます）", err=True)
                continue
            write_atomic(path, data)
            click.echo(f"{name}: 整形しました", err=True)
        except FlowError as exc:
            report(exc.diagnostics)
            failed = True
    if failed:
        sys.exit(EXIT_BAD_INPUT)
    if check and changed:
        sys.exit(EXIT_FINDINGS)
