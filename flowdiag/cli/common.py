"""Shared CLI plumbing: errors become messages and exit codes, never tracebacks."""

from __future__ import annotations

import importlib
import os
import signal
import sys
from collections.abc import Iterable
from typing import Any

import click

from ..cleanup import Terminated, exit_on_signals, stop_children
from ..diagnostics import Diagnostic, FlowError, one_line

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2


def report(diagnostics: Iterable[Diagnostic]) -> None:
    for d in diagnostics:
        click.echo(str(d), err=True)


class FlowdiagGroup(click.Group):
    """A click group that turns FlowError into messages with exit 2, and any other
    unexpected failure into one line (no traceback) asking for a bug report.

    Commands load lazily: ``lazy`` maps a command name to the module that defines it, and only the
    module of the command being run is imported (``flowdiag render`` never loads the check stage,
    ``flowdiag --version`` loads neither pydantic nor the layout).
    """

    lazy: dict[str, str] = {}

    def _load(self, module: str) -> None:
        importlib.import_module(module, __package__)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self.lazy))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        cmd = super().get_command(ctx, cmd_name)
        if cmd is None and cmd_name in self.lazy:
            self._load(self.lazy[cmd_name])
            cmd = super().get_command(ctx, cmd_name)
        if cmd is None:  # a command missing from the table: load everything before saying it does not exist
            for module in sorted(set(self.lazy.values())):
                self._load(module)
            cmd = super().get_command(ctx, cmd_name)
        return cmd

    def invoke(self, ctx: click.Context) -> Any:
        exit_on_signals()
        try:
            return super().invoke(ctx)
        except FlowError as exc:
            report(exc.diagnostics)
            sys.exit(EXIT_BAD_INPUT)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("中断しました", err=True)
            sys.exit(130)
        except Terminated as exc:  # SIGTERM / SIGHUP: the ``with``/``finally`` blocks have cleaned up by now
            stop_children()  # and a child started just as the signal came, which nothing owned yet
            click.echo(f"中断しました（{signal.Signals(exc.signum).name}）", err=True)
            sys.exit(128 + exc.signum)
        except BrokenPipeError:  # the reader went away (flowdiag stencils | head): stop quietly
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(EXIT_OK)
        except MemoryError:
            click.echo("error: メモリが足りません。フローを分割してください", err=True)
            sys.exit(EXIT_BAD_INPUT)
        except Exception as exc:  # a bug: say so plainly, keep the detail for the report
            detail = one_line(str(exc))
            detail = detail if len(detail) <= 300 else detail[:300] + "…"
            click.echo(f"error: 内部エラーが発生しました（{type(exc).__name__}: {detail}）"
                       " — 入力ファイルを添えて不具合として報告してください", err=True)
            sys.exit(EXIT_BAD_INPUT)
