"""``flowdiag diff``: what changed between two versions of a flow (exit 0 none, 1 changes, 2 bad input)."""

from __future__ import annotations

import difflib
import sys

import click

from ..diagnostics import FlowError, one_line
from ..diff.checklists import checklist_cells
from ..load.files import read_bytes
from ..load.validate import LoadedFlow, load_flow
from ..output import Outputs
from . import main
from .common import EXIT_FINDINGS, EXIT_OK, report

FORMATS = ("text", "markdown", "md", "json")
NULL_FILES = ("/dev/null", "nul", "NUL")
COLORS = {"added": "green", "removed": "red", "changed": "yellow", "renumbered": "cyan"}


def _style(text: str, kind: str) -> str:
    return click.style(text, fg=COLORS.get(kind), bold=True)


def _load(path: str, display: str | None = None) -> LoadedFlow:
    loaded = load_flow(path, display)
    report(loaded.warnings)
    return loaded


def _load_rev(path: str, rev: str) -> LoadedFlow:
    from ..diff.gitrev import load_flow_at_rev

    loaded = load_flow_at_rev(path, rev)
    report(loaded.warnings)
    return loaded


def _sides(files: tuple[str, ...], revs: tuple[str, ...]) -> tuple[LoadedFlow, LoadedFlow]:
    if len(revs) > 2:
        raise click.UsageError("--rev は2回まで指定できます（REV とファイル、または REV1 と REV2）")
    if revs:
        if len(files) != 1:
            raise click.UsageError("--rev を使うときはフロー定義ファイルを1つだけ指定してください（例: flowdiag diff --rev HEAD~1 flow.yaml）")
        old = _load_rev(files[0], revs[0])
        new = _load_rev(files[0], revs[1]) if len(revs) == 2 else _load(files[0])
        return old, new
    if len(files) != 2:
        raise click.UsageError("比べる2つのファイル（旧 新）を指定してください。git のリビジョンと比べるときは --rev REV FLOW")
    return _load(files[0]), _load(files[1])


def reader_for(*sides: LoadedFlow):  # type: ignore[no-untyped-def]
    """``checklist_cells`` when it can read every side, else None (marks are then compared as lists).

    A packet the resolve stage cannot read must not stop the change list, so the failure is one
    warning line.
    """
    cache = {}
    try:
        for side in sides:
            cache[id(side)] = checklist_cells(side)
    except Exception as exc:  # noqa: BLE001 - any failure of the optional row names falls back to lists
        click.echo(f"warning: チェックリストの行を対応付けられないため、印を並び順で比べます（{type(exc).__name__}）",
                   err=True)
        return None
    return lambda loaded: cache[id(loaded)] if id(loaded) in cache else checklist_cells(loaded)


def _render(cs, fmt: str, since_label: str | None, color: bool) -> str:  # type: ignore[no-untyped-def]
    from ..diff.markdown import markdown_report
    from ..diff.report import json_report, text_report

    if fmt in ("markdown", "md"):
        return markdown_report(cs)
    if fmt == "json":
        return json_report(cs, since_label) + "\n"
    return text_report(cs, _style if color else lambda t, _k: t) + "\n"


def _write(text: str, output: str | None, outputs: Outputs) -> None:
    if output:
        outputs.write(output, text.encode("utf-8"))
        click.echo(one_line(output), err=True)
    else:
        _echo(text)


def _echo(text: str) -> None:
    """Print; when redirected to a file or a pipe, always as UTF-8 (also on Windows, where the
    locale's code page cannot hold ㉑–㊿ or ～)."""
    if sys.stdout.isatty():
        click.echo(text, nl=False)
    else:
        click.echo(text.encode("utf-8"), nl=False)


@main.command("diff")
@click.argument("files", nargs=-1, metavar="OLD NEW")
@click.option("--rev", "revs", multiple=True, metavar="REV",
              help="git のリビジョンの版と比べる（1回: REV と作業中のファイル、2回: REV1 と REV2） / compare with a git revision")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="出力形式: text（一覧）、markdown（新旧対照表）、json / output format")
@click.option("-o", "--output", metavar="FILE", help="結果を UTF-8 のファイルに書く / write to a file")
@click.option("--since-label", metavar="LABEL", help="JSON の注記ラベル（既定: 旧版の version） / caption label in JSON")
@click.option("-q", "--quiet", is_flag=True, help="何も表示せず終了コードだけ返す / exit status only")
@click.option("--color/--no-color", default=None, help="端末で色を付ける（既定: 端末なら付ける）")
@click.option("--textconv", is_flag=True, help="git の textconv 用: 1つのフローを事実ごとの一覧にする")
@click.option("--git", "git_driver", is_flag=True, help="git の外部 diff ドライバ用（diff.flowdiag.command から呼ぶ）")
def diff_command(files: tuple[str, ...], revs: tuple[str, ...], fmt: str, output: str | None, since_label: str | None,
                 quiet: bool, color: bool | None, textconv: bool, git_driver: bool) -> None:
    """2つの版のフローを比べ、変更点（追加・削除・変更・番号の振り直し）を示します。

    Show what changed between two versions of a flow, by meaning: steps are matched by what
    they are, so an inserted step is one addition plus one renumbering line.

    終了コード: 0 変更なし、1 変更あり、2 入力の誤り。図に赤太字下線で描くのは
    flowdiag render NEW --since OLD、git diff での使い方は docs/diff.md を参照。

    \b
    例:
      flowdiag diff samples/000-keitai-toilet.yaml samples/000-keitai-toilet-r7.yaml
      flowdiag diff old.yaml new.yaml -f markdown -o 新旧対照表.md
      flowdiag diff --rev HEAD~1 flow.yaml
      flowdiag diff --rev v2024 --rev v2025 flow.yaml -f json
    """
    if textconv:
        _textconv(files)
        return
    if git_driver:
        _git_driver(files)
        return
    outputs = Outputs(files)
    if output:
        outputs.claim(output)
    old, new = _sides(files, revs)
    from ..diff import diff_flows

    cs = diff_flows(old, new, reader_for(old, new))
    if not quiet:
        use_color = color if color is not None else (output is None and sys.stdout.isatty())
        _write(_render(cs, fmt, since_label, bool(use_color)), output, outputs)
    sys.exit(EXIT_FINDINGS if cs else EXIT_OK)


def _textconv(files: tuple[str, ...]) -> None:
    """One flow as facts for git's line diff; a file that does not load is shown as it is."""
    from ..diff.canonical import canonical_text

    if len(files) != 1:
        raise click.UsageError("--textconv にはファイルを1つ指定してください")
    try:
        loaded = load_flow(files[0])
        _echo(canonical_text(loaded, reader_for(loaded)))
    except FlowError as exc:
        raw = read_bytes(files[0], files[0])  # a missing, folder or unreadable file: its message, exit 2
        _echo(f"# flowdiag: フロー定義として読めません（{one_line(exc.diagnostics[0].message)}）。そのまま表示します\n")
        _echo(raw.decode("utf-8", "replace"))


def _git_driver(files: tuple[str, ...]) -> None:
    """Called by git as ``path old-file old-hex old-mode new-file new-hex new-mode [new-path info]``.

    Always exits 0 (git stops at a failing driver); unreadable flows fall back to a line diff.
    """
    if len(files) == 1:
        _echo(f"flowdiag: {files[0]} はマージされていません（未解決の衝突）\n")
        sys.exit(EXIT_OK)
    if len(files) not in (7, 9):
        raise click.UsageError("--git は git の外部 diff ドライバとして使います（docs/diff.md を参照）")
    path, old_file, _oh, _om, new_file = files[:5]
    new_path = files[7] if len(files) == 9 else path
    a, b = f"a/{path}", f"b/{new_path}"
    _echo(f"flowdiag diff {a} {b}\n")
    if old_file in NULL_FILES or new_file in NULL_FILES:
        _echo("新しいファイル\n" if old_file in NULL_FILES else "削除されたファイル\n")
        sys.exit(EXIT_OK)
    from ..diff import diff_flows
    from ..diff.report import text_report

    try:
        old, new = load_flow(old_file, a), load_flow(new_file, b)
        cs = diff_flows(old, new, reader_for(old, new))
    except FlowError as exc:
        report(exc.diagnostics)
        _echo("flowdiag: フロー定義として読めないため、行単位の差分を示します\n")
        try:
            old_text = read_bytes(old_file, a).decode("utf-8", "replace")
            new_text = read_bytes(new_file, b).decode("utf-8", "replace")
        except FlowError as err:  # git asks for a diff of something that cannot be read: say so, exit 0
            report(err.diagnostics)
            sys.exit(EXIT_OK)
        _echo("".join(difflib.unified_diff(old_text.splitlines(True), new_text.splitlines(True), a, b)))
        sys.exit(EXIT_OK)
    color = sys.stdout.isatty()
    _echo(text_report(cs, _style if color else lambda t, _k: t) + "\n")
    sys.exit(EXIT_OK)


__all__ = ["diff_command"]
