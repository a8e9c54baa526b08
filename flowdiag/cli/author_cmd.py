"""``flowdiag schema``, ``flowdiag new``, ``flowdiag fmt`` and ``flowdiag watch``: writing flows."""

from __future__ import annotations

from pathlib import Path

import click

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
