"""Atomic writes: a temporary file in the target folder, then a rename. An output is never
left half-written, and the input file is never opened for writing."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..diagnostics import Diagnostic, FlowError


def write_atomic(path: Path, data: bytes) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise FlowError([Diagnostic(str(path), None, None, "error", "出力先がフォルダです",
                                    "-o にはファイル名（例: out/図.pdf）を、フォルダは --out-dir に指定してください")])
    if not folder.is_dir():
        raise FlowError([Diagnostic(str(path), None, None, "error", f"出力先のフォルダ {folder} がありません",
                                    "フォルダを作成するか、--out-dir で既存のフォルダを指定してください")])
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except PermissionError:
        raise FlowError([Diagnostic(str(path), None, None, "error", f"出力先のフォルダ {folder} に書き込めません",
                                    "書き込みできるフォルダを指定してください")]) from None
    except OSError as exc:  # a read-only file system, a full disk, a name too long …
        raise FlowError([Diagnostic(str(path), None, None, "error",
                                    f"出力先のフォルダ {folder} に書き込めません（{exc.strerror}）",
                                    "書き込みできるフォルダと、ディスクの空きを確かめてください")]) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:  # also Ctrl-C: never leave the temporary file behind
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if not isinstance(exc, OSError):
            raise
        raise FlowError([Diagnostic(str(path), None, None, "error", f"書き込めませんでした（{exc.strerror}）",
                                    "出力先のパスとディスクの空きを確かめてください")]) from None
