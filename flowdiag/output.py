"""Writing outputs: the one writer every command uses (render, check -o, diff -o, checklist -o, …).

Rules it holds for every output:

- **an input is never written**: an output is refused when it *is* one of the files the command
  reads — compared by identity (device and inode), so another name, a symlink or a hard link to
  the input is refused too; an input that does not exist yet is compared by its resolved path;
- **two inputs never share an output**: :meth:`Outputs.claim` refuses a second input that would
  write the same file (``--out-dir out`` with ``a/flow.yaml`` and ``b/flow.yaml``), naming both;
- **regular files are replaced atomically**: the data goes to a temporary file beside the real
  target (after following symlinks), is flushed to disk and renamed over it, so a failure (a full
  disk, Ctrl-C, a signal) leaves the old file as it was and no temporary file behind; the new file
  keeps the mode of the file it replaces (and its owner, where allowed), or gets ``0666 & ~umask``;
- **other targets are written directly**: ``/dev/null``, ``/dev/stdout``, a FIFO or a terminal are
  opened and written, never replaced by a regular file (a block device is refused);
- every failure is a :class:`~flowdiag.diagnostics.FlowError` with a Japanese message and a fix.

Example (a command that reads ``flow.yaml`` and writes ``out/flow.svg``):

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "flow.yaml").write_text("flowdiag: 1\\n")
>>> outs = Outputs([folder / "flow.yaml"])
>>> outs.claim(folder / "out" / "flow.svg", "flow.yaml")
>>> outs.write(folder / "out" / "flow.svg", b"<svg/>", make_dirs=True)
>>> (folder / "out" / "flow.svg").read_bytes()
b'<svg/>'
>>> outs.write(str(folder / "out" / ".." / "flow.yaml"), b"oops")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
flowdiag.diagnostics.FlowError: .../out/../flow.yaml: error: 出力先が入力ファイル .../flow.yaml と同じです — 入力を上書きしないよう、別の出力ファイル名を指定してください
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import stat
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, FlowError, os_error_text

_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows: bytes as they are, never newline translation
_FD_NAME = re.compile(r"^/(?:dev/fd|proc/self/fd)/(\d+)$")
_STD_NAMES = {"/dev/stdout": 1, "/dev/stderr": 2}


def _error(target: str, message: str, hint: str = "") -> FlowError:
    return FlowError([Diagnostic(target, None, None, "error", message, hint)])


def _fd_of(name: str) -> int | None:
    """The descriptor a special name stands for (``/dev/stdout`` → 1), or None."""
    if name in _STD_NAMES:
        return _STD_NAMES[name]
    m = _FD_NAME.match(name)
    return int(m.group(1)) if m else None


def _identity(st: os.stat_result) -> tuple[int, int]:
    return st.st_dev, st.st_ino


def current_umask() -> int:
    """The process's umask (read by setting it and putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@dataclass
class _Input:
    shown: str
    identity: tuple[int, int] | None
    real: str


@dataclass
class Outputs:
    """The outputs of one command run, checked against its inputs.

    ``inputs`` are the files the command reads (flows, ``--since`` files, …): give them before
    writing anything. :meth:`claim` reserves a target for one input (refusing a collision or an
    input early, before any work); :meth:`write` writes it.
    """

    inputs: list[_Input] = field(default_factory=list)
    claimed: dict[str, tuple[str, str]] = field(default_factory=dict)

    def __init__(self, inputs: Iterable[str | os.PathLike[str]] = ()) -> None:
        self.inputs = []
        self.claimed = {}
        for path in inputs:
            self.add_input(path)

    def add_input(self, path: str | os.PathLike[str]) -> None:
        """Record a file the command reads (call before the first write)."""
        name = os.fspath(path)
        fd = _fd_of(name)
        try:
            st = os.fstat(fd) if fd is not None else os.stat(name)
            ident: tuple[int, int] | None = _identity(st)
        except (OSError, ValueError):
            ident = None
        self.inputs.append(_Input(name, ident, _real(name)))

    # ------------------------------------------------------------------ checks

    def _input_for(self, target: str, st: os.stat_result | None) -> _Input | None:
        real = _real(target)
        for inp in self.inputs:
            if st is not None and inp.identity is not None and inp.identity == _identity(st):
                return inp
            if inp.real == real:
                return inp
        return None

    def _refuse_input(self, target: str, st: os.stat_result | None) -> None:
        inp = self._input_for(target, st)
        if inp is not None:
            same = "" if inp.shown == target else f" {inp.shown} "
            raise _error(target, f"出力先が入力ファイル{same}と同じです",
                         "入力を上書きしないよう、別の出力ファイル名を指定してください")

    def claim(self, target: Path | str, source: str | None = None) -> None:
        """Reserve ``target`` for ``source`` (the input it is made from); refuse it early when it is
        an input, or when another input already claimed it."""
        name = os.fspath(target)
        fd = _fd_of(name)
        if fd is not None:
            try:
                self._refuse_input(name, os.fstat(fd))
            except OSError:
                pass
            return
        try:
            st: os.stat_result | None = os.stat(name)
        except OSError:
            st = None
        self._refuse_input(name, st)
        if st is not None and not stat.S_ISREG(st.st_mode):
            return  # /dev/null and the like: any number of outputs may go there
        key = _real(name)
        src = source or ""
        if key in self.claimed and self.claimed[key][1] != src:
            first_target, first_source = self.claimed[key]
            raise _error(name, f"2つの入力 {first_source} と {src} の出力先が同じ {name} になります",
                         "同じ名前のファイルは別々に --out-dir を指定して描くか、-o で出力先を1つずつ指定してください")
        self.claimed[key] = (name, src)

    # ------------------------------------------------------------------ writing

    def write(self, target: Path | str, data: bytes, *, make_dirs: bool = False) -> None:
        """Write ``data`` to ``target`` (see the module's rules). ``make_dirs`` creates a missing
        folder (``--out-dir``); otherwise a missing folder is an error."""
        name = os.fspath(target)
        fd = _fd_of(name)
        if fd is not None:
            self._write_fd(name, fd, data)
            return
        real = _real(name)
        try:
            st: os.stat_result | None = os.stat(name)
        except FileNotFoundError:
            st = None
        except OSError as exc:
            raise _os_error(name, exc) from None
        if st is not None and stat.S_ISDIR(st.st_mode):
            raise _error(name, "出力先がフォルダです",
                         "-o にはファイル名（例: out/図.pdf）を、フォルダは --out-dir に指定してください")
        if st is not None and stat.S_ISBLK(st.st_mode):
            raise _error(name, "出力先がディスク装置です", "ファイル名を指定してください")
        if st is not None and not stat.S_ISREG(st.st_mode):
            self._write_device(name, data)
            return
        self._refuse_input(name, st)
        _write_atomic(name, real, data, st, make_dirs)

    def _write_fd(self, name: str, fd: int, data: bytes) -> None:
        try:
            self._refuse_input(name, os.fstat(fd))
        except OSError as exc:
            raise _os_error(name, exc) from None
        if fd == 1:
            sys.stdout.flush()
        elif fd == 2:
            sys.stderr.flush()
        _write_all(name, fd, data)

    def _write_device(self, name: str, data: bytes) -> None:
        try:
            fd = os.open(name, os.O_WRONLY | _O_BINARY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
        except OSError as exc:
            raise _os_error(name, exc) from None
        try:
            self._refuse_input(name, os.fstat(fd))
            _write_all(name, fd, data)
        finally:
            os.close(fd)


def write_output(target: Path | str, data: bytes, inputs: Iterable[str | os.PathLike[str]] = (),
                 *, make_dirs: bool = False) -> None:
    """One output of a command that reads ``inputs``: ``Outputs(inputs).write(target, data)``."""
    Outputs(inputs).write(target, data, make_dirs=make_dirs)


# ---------------------------------------------------------------------- helpers

def _real(name: str) -> str:
    """The absolute path with every symlink followed (also a dangling one; a loop stays as it is)."""
    try:
        return os.path.realpath(name)
    except (OSError, ValueError):
        return os.path.abspath(name)


def _os_error(name: str, exc: OSError) -> FlowError:
    return _error(name, f"書き込めません（{os_error_text(exc)}）", _os_hint(exc))


def _os_hint(exc: OSError) -> str:
    return {
        errno.ENOSPC: "ディスクの空きを作ってから、もう一度実行してください（元のファイルはそのままです）",
        errno.EDQUOT: "ディスクの使用量の上限を超えています。不要なファイルを消してください",
        errno.ELOOP: "シンボリックリンクが自分自身を指していないか確かめてください",
        errno.ENAMETOOLONG: "短いファイル名・フォルダ名にしてください",
        errno.EACCES: "書き込みできるフォルダを指定してください",
        errno.EPERM: "書き込みできるフォルダを指定してください",
        errno.EROFS: "読み取り専用の場所です。書き込みできるフォルダを指定してください",
        errno.ENOTDIR: "パスの途中にフォルダでないものがあります。パスを確かめてください",
    }.get(exc.errno or 0, "出力先のパスと権限、ディスクの空きを確かめてください")


def _write_all(name: str, fd: int, data: bytes) -> None:
    view = memoryview(data)
    try:
        while view:
            n = os.write(fd, view)
            view = view[n:]
    except BrokenPipeError:
        raise _error(name, "読み手が先に終了したため、書き終えられませんでした", "パイプの先のコマンドを確かめてください") from None
    except OSError as exc:
        raise _os_error(name, exc) from None


def _name_max(folder: str) -> int:
    try:
        return int(os.pathconf(folder, "PC_NAME_MAX"))
    except (OSError, ValueError, AttributeError):
        return 255


def _temp_name(folder: str, base: str) -> str:
    """``.NAME.RANDOM.tmp`` beside the target, with NAME cut short enough for the file system."""
    tail = f".{secrets.token_hex(4)}.tmp"
    room = max(_name_max(folder) - len(tail.encode()) - 1, 8)
    head = base.encode("utf-8", "surrogateescape")[:room].decode("utf-8", "ignore")
    return os.path.join(folder, f".{head}{tail}")


def _write_atomic(name: str, real: str, data: bytes, st: os.stat_result | None, make_dirs: bool) -> None:
    folder = os.path.dirname(real) or "."
    if not os.path.isdir(folder):
        if make_dirs and not os.path.lexists(folder):
            try:
                os.makedirs(folder, exist_ok=True)
            except OSError as exc:
                raise _error(name, f"出力先のフォルダ {folder} を作れません（{os_error_text(exc)}）",
                             _os_hint(exc)) from None
        else:
            shown = os.path.dirname(name) or "."
            raise _error(name, f"出力先のフォルダ {shown} がありません",
                         "フォルダを作成するか、--out-dir で出力先のフォルダを指定してください（--out-dir のフォルダは自動で作ります）")
    mode = stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~current_umask()
    tmp = ""
    try:
        for _ in range(16):
            tmp = _temp_name(folder, os.path.basename(real))
            try:
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY | getattr(os, "O_CLOEXEC", 0), 0o600)
                break
            except FileExistsError:
                continue
        else:  # pragma: no cover - 16 random names taken
            raise OSError(errno.EEXIST, os.strerror(errno.EEXIST))
        try:
            _write_all(name, fd, data)
            os.fsync(fd)
            if st is not None and hasattr(os, "fchown") and (st.st_uid, st.st_gid) != (os.getuid(), os.getgid()):
                try:
                    os.fchown(fd, st.st_uid, st.st_gid)
                except OSError:
                    pass  # not allowed: the file becomes ours, its mode is still kept
            if hasattr(os, "fchmod"):
                os.fchmod(fd, mode)
        finally:
            os.close(fd)
        if not hasattr(os, "fchmod"):  # Windows (Python < 3.13): by name, before the rename
            os.chmod(tmp, mode)
        os.replace(tmp, real)
        tmp = ""
    except OSError as exc:
        if exc.errno == errno.EACCES or exc.errno == errno.EPERM:
            raise _error(name, f"出力先のフォルダ {os.path.dirname(name) or '.'} に書き込めません",
                         "書き込みできるフォルダを指定してください") from None
        raise _os_error(name, exc) from None
    finally:  # also on Ctrl-C or a signal: never leave the temporary file behind
        if tmp:
            try:
                os.unlink(tmp)
            except OSError:
                pass
