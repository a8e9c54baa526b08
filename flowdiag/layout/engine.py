"""Run Graphviz ``dot`` with the bundled font pinned, without a shell and with a timeout."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from ..diagnostics import Diagnostic, FlowError

FONT_FAMILY = "BIZ UDGothic"
DEFAULT_TIMEOUT = 300.0


def fonts_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "fonts"


def pin_fonts() -> None:
    """Make fontconfig see only the bundled font (before the first dot run or cairo text).

    ``FONTCONFIG_FILE`` is read when fontconfig initialises, so this must run before
    cairosvg draws any text; the CLI calls it at start-up.
    """
    conf = fonts_dir() / "fonts.conf"
    os.environ["FONTCONFIG_FILE"] = str(conf)
    os.environ.pop("FONTCONFIG_PATH", None)


def dot_binary() -> str:
    found = shutil.which("dot")
    if not found:
        raise FlowError([Diagnostic("dot", None, None, "error", "Graphviz（dot コマンド）が見つかりません",
                                    "sudo apt-get install graphviz でインストールしてください（make setup でも入ります）")])
    return found


def run_dot(source: str, fmt: str = "svg", timeout: float = DEFAULT_TIMEOUT, file: str = "<flow>") -> bytes:
    """Lay out ``source`` with dot and return the output bytes."""
    pin_fonts()
    try:
        proc = subprocess.run([dot_binary(), f"-T{fmt}"], input=source.encode("utf-8"), capture_output=True,
                              timeout=timeout, env=os.environ.copy(), check=False)
    except subprocess.TimeoutExpired:
        raise FlowError([Diagnostic(file, None, None, "error", f"レイアウトが {timeout:.0f} 秒で終わりませんでした",
                                    "フローを分割するか、--timeout で時間を延ばしてください")]) from None
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise FlowError([Diagnostic(file, None, None, "error", "Graphviz（dot）がレイアウトに失敗しました",
                                    (detail[-1] if detail else f"終了コード {proc.returncode}") + " — 不具合として報告してください")])
    return proc.stdout


def run_dot_many(sources: list[str], fmt: str = "svg", timeout: float = DEFAULT_TIMEOUT,
                 file: str = "<flow>") -> list[bytes]:
    """Lay out several sources at once (one dot process each, side by side on the cores)."""
    if len(sources) == 1:
        return [run_dot(sources[0], fmt, timeout, file)]
    pin_fonts()
    exe = dot_binary()
    with tempfile.TemporaryDirectory(prefix="flowdiag-") as tmp:
        procs = []
        for i, src in enumerate(sources):
            inp = Path(tmp) / f"{i}.dot"
            inp.write_text(src, "utf-8")
            procs.append(subprocess.Popen([exe, f"-T{fmt}", "-o", str(Path(tmp) / f"{i}.out"), str(inp)],
                                          stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.PIPE, env=os.environ.copy()))
        deadline = time.monotonic() + timeout  # one limit for all of them, not one per process
        try:
            for proc in procs:
                _, err = proc.communicate(timeout=max(0.01, deadline - time.monotonic()))
                if proc.returncode != 0:
                    detail = err.decode("utf-8", "replace").strip().splitlines()
                    raise FlowError([Diagnostic(file, None, None, "error", "Graphviz（dot）がレイアウトに失敗しました",
                                                (detail[-1] if detail else f"終了コード {proc.returncode}")
                                                + " — 不具合として報告してください")])
        except subprocess.TimeoutExpired:
            raise FlowError([Diagnostic(file, None, None, "error", f"レイアウトが {timeout:.0f} 秒で終わりませんでした",
                                        "フローを分割するか、--timeout で時間を延ばしてください")]) from None
        finally:
            for proc in procs:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
        return [(Path(tmp) / f"{i}.out").read_bytes() for i in range(len(sources))]


def dot_version() -> str:
    """``dot -V`` as one line, e.g. ``dot - graphviz version 2.43.0 (0)``."""
    proc = subprocess.run([dot_binary(), "-V"], capture_output=True, timeout=30, check=False)
    return proc.stderr.decode("utf-8", "replace").strip() or proc.stdout.decode("utf-8", "replace").strip()


def resolved_font_files() -> list[str]:
    """The font files ``dot -v`` resolves our family to (regular and bold)."""
    pin_fonts()
    src = (f'digraph {{ a [fontname="{FONT_FAMILY}" label=<あ<B>太</B>>] }}')
    proc = subprocess.run([dot_binary(), "-v", "-Tsvg"], input=src.encode(), capture_output=True, timeout=30,
                          check=False, env=os.environ.copy())
    text = proc.stderr.decode("utf-8", "replace")
    return sorted(set(re.findall(r"resolved to: .*? (/\S+\.(?:ttf|otf|ttc))", text)))
