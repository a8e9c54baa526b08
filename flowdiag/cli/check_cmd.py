"""``flowdiag check``, ``flowdiag checklist`` and ``flowdiag rules``."""

from __future__ import annotations

import glob
import os
import sys
from pathlib import Path

import click

from ..check.engine import CheckResult, check_loaded
from ..check.findings import RULES
from ..check.output import to_json, to_sarif, to_text
from ..check.rules_doc import rule_plain, rule_text, rules_markdown, rules_plain
from ..diagnostics import Diagnostic, FlowError, one_line
from ..load.validate import load_flow
from ..output import Outputs
from . import main
from .common import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, report


def _expand(paths: tuple[str, ...]) -> list[str]:
    """Expand wildcards the shell left alone (Windows cmd does not expand samples\\*.yaml)."""
    out: list[str] = []
    for p in paths:
        if any(c in p for c in "*?[") and not Path(p).exists():
            found = sorted(glob.glob(p))
            out += found or [p]
        else:
            out.append(p)
    return out


def _echo(text: str) -> None:
    """Print to stdout; a reader that stops early (| head) is not an error."""
    try:
        click.echo(text, nl=False)
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


@main.command("check")
@click.argument("flows", nargs=-1, required=True, metavar="FLOW...")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json", "sarif"]), default="text",
              show_default=True, help="出力の形式 / output format")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True,
              help="この重さ以上の指摘（承知済みを除く）があれば終了コード 1 / exit 1 at or above this level")
@click.option("--ignore", multiple=True, metavar="RULE", help="この規則を点検しない（複数可） / skip a rule")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="結果をファイルに書く（既定は標準出力） / write to a file")
@click.option("--no-hints", is_flag=True, help="text 形式で直し方の行を出さない / no hint lines")
def check_command(flows: tuple[str, ...], fmt: str, fail_on: str, ignore: tuple[str, ...], output: Path | None,
                  no_hints: bool) -> None:
    """フロー定義を点検し、図・様式・チェックリストの食い違いを示します。

    Check flows the way a reviewer reads a packet: numbering, return and erasure, media and
    lines, subcontracting, sensitive data, chart vs forms / catalog / checklists.

    \b
    出力 (text): FILE:LINE:COL: severity: message [RULE]
    終了コード: 0 指摘なし（--fail-on 未満）、1 指摘あり、2 読めない入力
    \b
    例:
      flowdiag check samples/*.yaml
      flowdiag check flow.yaml --format sarif -o flow.sarif
      flowdiag check flow.yaml --fail-on warning
    """
    unknown = [r for r in ignore if r not in RULES]
    if unknown:
        from ..diagnostics import did_you_mean

        hint = did_you_mean(unknown[0], RULES) or "flowdiag rules で規則の id を確かめてください"
        raise click.BadParameter(f"規則「{unknown[0]}」はありません — {hint}", param_hint="--ignore")
    paths = _expand(flows)
    outputs = Outputs(paths)
    if output is not None:
        outputs.claim(output)
    results: list[CheckResult] = []
    load_errors: list[list[Diagnostic]] = []  # what is wrong in each file that could not be read
    for path in paths:
        try:
            loaded = load_flow(path)
        except FlowError as exc:
            report(exc.diagnostics)
            load_errors.append(list(exc.diagnostics))
            continue
        report(loaded.warnings)
        results.append(check_loaded(loaded, frozenset(ignore)))
    if fmt == "json":
        text = to_json(results, load_errors)
    elif fmt == "sarif":
        text = to_sarif(results, load_errors)
    else:
        unreadable = [sum(1 for d in ds if d.severity == "error") for ds in load_errors]
        text = to_text(results, hints=not no_hints, unreadable=unreadable)
    if output is not None:
        outputs.write(output, text.encode("utf-8"))
    else:
        _echo(text)
    if load_errors:
        sys.exit(EXIT_BAD_INPUT)
    sys.exit(EXIT_FINDINGS if any(r.failed(fail_on) for r in results) else EXIT_OK)


@main.command("checklist")
@click.argument("flow", required=False, metavar="[FLOW]")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="出力ファイル（.md / .html / .pdf）。省略時は Markdown を標準出力へ")
@click.option("--kind", type=click.Choice(["業務委託", "外部結合", "電算処理"]),
              help="FLOW を書かないとき: このチェックリストのひな形だけ")
@click.option("--version", "version", metavar="版", help="FLOW を書かないとき: 様式の版（令和6年度 など）")
@click.option("--ids", is_flag=True, help="行の id の列を付ける（フロー定義で印を書くとき用） / add row ids")
def checklist_command(flow: str | None, output: Path | None, kind: str | None, version: str | None,
                      ids: bool) -> None:
    """提出したチェックリスト（3・4・5）を様式の形で出力します（○／－ は提出どおり）。

    Print a flow's checklists in the form's layout, both parties; without FLOW, the blank
    templates with their row ids.

    \b
    例:
      flowdiag checklist samples/000-keitai-toilet.yaml -o out/000-checklist.pdf
      flowdiag checklist --kind 業務委託 --version 令和6年度 --ids
    """
    from ..check.context import Context
    from ..check.printing import to_html, to_markdown
    from ..resolve.sheets import blank_sheets, sheets_of

    outputs = Outputs([flow] if flow is not None else [])
    if output is not None:
        outputs.claim(output)
    if flow is not None:
        sheets = sheets_of(Context(load_flow(flow)))
        if not sheets:
            raise FlowError([Diagnostic(flow, None, None, "error", "チェックリストの印（packet.checklists）がありません",
                                        "packet: の checklists: に提出したチェックリストの印を書いてください（docs/check.md）")])
        title = Path(flow).stem
    else:
        try:
            sheets = blank_sheets(kind, version)
        except KeyError:
            raise click.BadParameter(f"様式の版「{version}」がありません", param_hint="--version") from None
        title = "個人情報保護対策チェックリスト"
    suffix = output.suffix.lower() if output is not None else ".md"
    if suffix == ".pdf":
        from ..check.pdf import pdf_bytes

        data = pdf_bytes(sheets, title)
    elif suffix in (".html", ".htm"):
        data = to_html(sheets, title, ids).encode("utf-8")
    elif suffix in (".md", ".markdown", ".txt", ""):  # no extension (/dev/stdout, a pipe): Markdown
        data = to_markdown(sheets, ids).encode("utf-8")
    else:
        raise click.BadParameter(f"出力の拡張子「{suffix}」には対応していません（.md .html .pdf）", param_hint="--output")
    if output is None:
        _echo(data.decode("utf-8"))
    else:
        outputs.write(output, data)
        click.echo(f"{one_line(str(output))} を書きました（{len(sheets)} 枚の様式）", err=True)


@main.command("rules")
@click.argument("rule_ids", nargs=-1, metavar="[RULE...]")
@click.option("--list", "as_list", is_flag=True, help="id・重さ・題名の一覧だけ / ids, severities and titles only")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "md"]), default="text", show_default=True,
              help="text（端末で読む形）か md（docs/check.md と同じ Markdown） / plain text or Markdown")
def rules_command(rule_ids: tuple[str, ...], as_list: bool, fmt: str) -> None:
    """点検の規則を、誤りの例と正しい例つきで示します（--format md で docs/check.md と同じ Markdown）。

    List every check rule with a wrong and a right example (Markdown with --format md).
    """
    for rid in rule_ids:
        if rid not in RULES:
            from ..diagnostics import did_you_mean

            raise click.BadParameter(f"規則「{rid}」はありません — {did_you_mean(rid, RULES) or 'flowdiag rules --list'}")
    if as_list:
        for rid, r in RULES.items():
            if not rule_ids or rid in rule_ids:
                _echo(f"{rid:<28} {r.severity:<8} {r.title}\n")
        return
    if fmt == "md":
        _echo("\n".join(rule_text(RULES[r]) for r in rule_ids) if rule_ids else rules_markdown())
    else:
        _echo("\n".join(rule_plain(RULES[r]) for r in rule_ids) if rule_ids else rules_plain())
