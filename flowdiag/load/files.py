"""Reading input files: bytes from any kind of file (a regular file, a pipe, ``/dev/stdin``, a
device) up to a limit, and their decoding (UTF-8, or UTF-16 / CP932 with a warning)."""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from ..diagnostics import Diagnostic, FlowError, os_error_text

_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation, no stop at Ctrl-Z
MAX_BYTES = 20 * 1024 * 1024
"""Bytes read from one input, whatever kind of file it is."""

_UTF8_CHAR = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode(raw: bytes, file: str) -> tuple[str, list[Diagnostic]]:
    """Decode file bytes: UTF-8 (BOM allowed); UTF-16 with a BOM or CP932 with a warning.

    A UTF-8 file with a few broken bytes is an error at the first of them, not CP932 mojibake.
    """
    warnings: list[Diagnostic] = []
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Windows メモ帳 "Unicode"
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            raise FlowError([Diagnostic(file, None, None, "error", "UTF-16 のファイルとして読めません",
                                        "テキストエディタで文字コード UTF-8 を選んで保存し直してください")]) from None
        warnings.append(Diagnostic(file, None, None, "warning", "UTF-16 として読みました",
                                   "UTF-8 で保存し直すことをおすすめします（git での差分が読めるようになります）"))
        return text, warnings
    if b"\x00" in raw[:8192]:
        raise FlowError([Diagnostic(file, None, None, "error", "バイナリファイルのようです（NUL 文字を含みます）",
                                    "YAML 形式のテキストファイル（UTF-8）を指定してください")])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = len(raw[raw.rfind(b"\n", 0, exc.start) + 1 : exc.start].decode("utf-8", "replace")) + 1
        broken = len(raw.decode("utf-8", "replace").split("\ufffd")) - 1
        if len(_UTF8_CHAR.findall(raw)) > broken:  # mostly UTF-8: a damaged or mixed file
            raise FlowError([Diagnostic(file, line, col, "error",
                                        f"UTF-8 として読めないバイト（0x{raw[exc.start]:02X}）があります",
                                        "この位置の文字を入力し直し、文字コード UTF-8 で保存してください"
                                        "（別の文字コードの文章を貼り付けると起こります）")]) from None
        try:
            text = raw.decode("cp932")
        except UnicodeDecodeError:
            raise FlowError([Diagnostic(file, line, col, "error", "文字コードを読めません（UTF-8 でも Shift_JIS でもありません）",
                                        "テキストエディタで文字コード UTF-8 を選んで保存し直してください")]) from None
        warnings.append(Diagnostic(file, None, None, "warning", "Shift_JIS（CP932）として読みました",
                                   "UTF-8 で保存し直すことをおすすめします（㉑〜㊿ は Shift_JIS では保存できません）"))
    return text, warnings


def read_bytes(path: Path | str, name: str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of an input file — a regular file, a pipe, ``/dev/stdin`` or a device — never more
    than ``limit`` (``/dev/zero`` or an endless pipe stops at the limit with a message)."""
    try:
        fd = os.open(path, os.O_RDONLY | _O_BINARY | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise FlowError([_open_error(name, exc)]) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise FlowError([Diagnostic(name, None, None, "error", "フォルダが指定されました",
                                        "フロー定義ファイル（.yaml）を指定してください")])
        if stat.S_ISREG(st.st_mode) and st.st_size > limit:
            raise _too_big(name, f"{st.st_size:,} バイト", limit)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise _too_big(name, f"{limit:,} バイトを超えています", limit)
        return b"".join(chunks)
    except OSError as exc:
        raise FlowError([_open_error(name, exc)]) from None
    finally:
        os.close(fd)


def _too_big(name: str, size: str, limit: int) -> FlowError:
    return FlowError([Diagnostic(name, None, None, "error", f"ファイルが大きすぎます（{size}。{limit // 1024 // 1024} MB まで）",
                                 f"{limit // 1024 // 1024} MB 以下に分割してください（フロー定義のファイルか確かめてください）")])


def _open_error(name: str, exc: OSError) -> Diagnostic:
    if exc.errno == errno.ENOENT:
        return Diagnostic(name, None, None, "error", "ファイルが見つかりません", "パスとファイル名を確かめてください")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return Diagnostic(name, None, None, "error", "ファイルを読む権限がありません", "ファイルのアクセス権を確かめてください")
    if exc.errno == errno.EISDIR:
        return Diagnostic(name, None, None, "error", "フォルダが指定されました", "フロー定義ファイル（.yaml）を指定してください")
    hints = {errno.ELOOP: "シンボリックリンクが自分自身や互いを指していないか確かめてください",
             errno.ENAMETOOLONG: "短いファイル名・フォルダ名にしてください", errno.ENOTDIR: "パスの途中のフォルダ名を確かめてください"}
    return Diagnostic(name, None, None, "error", f"ファイルを読めません（{os_error_text(exc)}）",
                      hints.get(exc.errno or 0, "パスとファイルを確かめてください"))
