"""``flowdiag schema``, ``flowdiag new``, ``flowdiag fmt`` and ``flowdiag watch``: writing flows."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..diagnostics import Diagnostic
from ..output import write_output
from . import main
from .common import EXIT_BAD_INPUT


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
    write_output(Path(output), text.encode("utf-8"))
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
    from ..load.files import decode, read_bytes
    from .common import EXIT_FINDINGS, report

    failed = changed = False
    for name in flows:
        path = Path(name)
        try:
            if path.is_dir():
                raise FlowError([Diagnostic(name, None, None, "error", "フォルダが指定されました",
                                            "フロー定義ファイル（.yaml）を指定してください")])
            raw = read_bytes(path, name)  # any kind of file, never more than the input limit
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
            write_output(path, data)
            click.echo(f"{name}: 整形しました", err=True)
        except FlowError as exc:
            report(exc.diagnostics)
            failed = True
    if failed:
        sys.exit(EXIT_BAD_INPUT)
    if check and changed:
        sys.exit(EXIT_FINDINGS)


def _interactive() -> bool:
    """Prompts only when a person is at the terminal (CI and scripts have no stdin)."""
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _ask_shape() -> str:
    from ..author.templates import SHAPES

    names = list(SHAPES)
    click.echo("どの形の流れ図を作りますか？ / Which shape?", err=True)
    for n, name in enumerate(names, 1):
        click.echo(f"  {n}. {SHAPES[name].label} — {SHAPES[name].summary}", err=True)
    choice = click.prompt("番号", type=click.IntRange(1, len(names)), default=1, err=True)
    return names[choice - 1]


@main.command("new")
@click.argument("file", required=False, default="flow.yaml", metavar="[FILE]")
@click.option("-k", "--kind", "shape", metavar="KIND",
              help="形: 業務委託 / 再委託 / 外部結合 / 電算処理（itaku / saiitaku / ketsugo / densan も可）")
@click.option("--business", metavar="TEXT", help="事業名（例: 高齢者見守り配食サービス事業）")
@click.option("--department", metavar="TEXT", help="担当部課（例: 福祉部高齢者支援課）")
@click.option("--number", metavar="TEXT", help="資料番号（既定: 資料X-1）")
@click.option("--ward", metavar="TEXT", default="新宿区", show_default=True, help="区の名前")
@click.option("--contractor", metavar="TEXT", help="様式の委託先（既定: 未定（入札により決定する予定））")
@click.option("--cloud", metavar="TEXT", help="外部結合: クラウドサービスの名前")
@click.option("--system", metavar="TEXT", help="電算処理: 業務システムの名前")
@click.option("--no-schema", is_flag=True, help="flowdiag.schema.json を書かず、1行目の $schema も付けない")
@click.option("--force", is_flag=True, help="同じ名前のファイルがあっても上書きする")
def new_command(file: str, shape: str | None, business: str | None, department: str | None, number: str | None,
                ward: str, contractor: str | None, cloud: str | None, system: str | None, no_schema: bool,
                force: bool) -> None:
    """書き始めのフロー定義ファイルを作ります（よくある形のひな形、コメント付き）。

    Write a commented starting flow file for a usual shape of submission.

    種類ごとの標準の保護対策、返却・消去と消去証明書のステップ、様式とチェックリストが入っています。
    「TODO」と書いた行を実際の事業に合わせて直し、flowdiag check で確かめてください。
    端末から実行して形・事業名・担当部課を指定しなかったときだけ、それを尋ねます。

    \b
    例:
      flowdiag new 配食.yaml --kind 業務委託 --business 高齢者見守り配食サービス事業
      flowdiag new 申込.yaml --kind 外部結合 --cloud 電子申請サービス
    """
    from ..author.schema import SCHEMA_FILE, schema_json
    from ..author.templates import SHAPES, Answers, render_template, shape_name, todo_lines
    from ..diagnostics import FlowError
    from .common import report

    path = Path(file)
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise click.UsageError(f"ファイル名は .yaml で終えてください（{file}）")
    if path.exists() and not force:
        report([Diagnostic(file, None, None, "error", "同じ名前のファイルがすでにあります",
                           "別の名前を指定するか、上書きしてよければ --force を付けてください")])
        sys.exit(EXIT_BAD_INPUT)
    asking = _interactive()
    if shape is None:
        name = _ask_shape() if asking else "業務委託"
        if not asking:
            click.echo("形を指定しなかったので「業務委託」のひな形にします（--kind で変えられます）", err=True)
    else:
        found = shape_name(shape)
        if found is None:
            raise click.BadParameter(f"「{shape}」は形の名前ではありません。使える形: {'、'.join(SHAPES)}",
                                     param_hint="--kind")
        name = found
    if asking and business is None:
        business = click.prompt("事業名（例: 高齢者見守り配食サービス事業）", default="", show_default=False,
                                err=True).strip() or None
    if asking and department is None:
        department = click.prompt("担当部課（例: 福祉部高齢者支援課）", default="", show_default=False,
                                  err=True).strip() or None
    answers = Answers(business=business, department=department, number=number, ward=ward, contractor=contractor,
                      cloud=cloud, system=system, schema=not no_schema)
    text = render_template(name, answers, file=path.name)
    try:
        write_output(path, text.encode("utf-8"))
        if not no_schema:
            schema = path.parent / SCHEMA_FILE
            current = schema.read_text(encoding="utf-8") if schema.is_file() else None
            if current is None or ('"$schema": "http://json-schema.org/draft-07/schema#"' in current
                                   and "フロー定義" in current):
                if current != schema_json():
                    write_output(schema, schema_json().encode("utf-8"))
            else:
                click.echo(f"warning: {schema} は flowdiag の schema ではないので書き換えませんでした", err=True)
    except FlowError as exc:
        report(exc.diagnostics)
        sys.exit(EXIT_BAD_INPUT)
    todos = todo_lines(text)
    click.echo(f"{file} を作りました（{SHAPES[name].label}）。", err=True)
    click.echo(f"次に、TODO の {len(todos)} か所を直してください:", err=True)
    for line, what in todos:
        click.echo(f"  {file}:{line}: {what}", err=True)
    click.echo(f"確かめる: flowdiag check {file}\n描く:     flowdiag render {file} -o {path.with_suffix('.pdf')}\n"
               f"見ながら: flowdiag watch {file}", err=True)


@main.command("watch")
@click.argument("flow", metavar="FLOW")
@click.option("--port", type=click.IntRange(0, 65535), default=0,
              help="使うポート（既定: 空いているポート） / port (default: a free one)")
@click.option("--no-browser", is_flag=True, help="ブラウザを開かない / do not open a browser")
@click.option("--poll", is_flag=True,
              help="ファイルの変更を一定間隔で調べる（ネットワークドライブで変更が伝わらないとき） / poll for changes")
def watch_command(flow: str, port: int, no_browser: bool, poll: bool) -> None:
    """保存するたびに図を描き直して、ブラウザに表示します（このパソコンの中だけで動きます）。

    Serve a local page that redraws the chart on every save.

    ページには最新の図と、読み込みの誤り・点検の指摘が行番号付きで出ます。保存した内容に誤りがあるときは、
    最後に描けた図を残したまま誤りを示します。127.0.0.1 でだけ待ち受け、インターネットには接続しません。
    Ctrl+C で終了します。

    \b
    例:
      flowdiag watch 配食.yaml
      flowdiag watch 配食.yaml --no-browser --port 8800
    """
    import threading
    import webbrowser

    from ..author.live import build
    from ..author.watch import Preview, serve, url_of, watch_file
    from ..render.fonts import pin_fonts
    from .common import report
    from .render_cmd import _to_draw

    path = Path(flow)
    if not path.is_file():
        report([Diagnostic(flow, None, None, "error", "フォルダが指定されました" if path.is_dir() else "ファイルが見つかりません",
                           "フロー定義ファイル（.yaml）を指定してください")])
        sys.exit(EXIT_BAD_INPUT)
    pin_fonts()
    preview = Preview(path, lambda p: build(p, _to_draw)).rebuild()
    try:
        server = serve(preview, port)
    except OSError as exc:
        report([Diagnostic(flow, None, None, "error", f"ポート {port} で待ち受けられません（{exc.strerror}）",
                           "--port を付けずに実行すると空いているポートを使います")])
        sys.exit(EXIT_BAD_INPUT)
    stop = threading.Event()
    watch_file(preview, stop, poll)
    url = url_of(server)
    click.echo(f"{url} で {path.name} を表示しています（保存するたびに描き直します。終了は Ctrl+C）", err=True)
    if not no_browser:
        webbrowser.open(url)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        click.echo("終了しました", err=True)
    finally:
        stop.set()
        server.server_close()
