"""Read a flow file as it was in a git revision (``flowdiag diff --rev``, ``render --since-rev``).

Git is run without a shell, with the revision checked first, so a revision can never be read
as an option; every failure becomes a message for people (exit 2), never a traceback.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path, PurePosixPath

from ..diagnostics import Diagnostic, FlowError
from ..load.files import MAX_BYTES, decode
from ..load.validate import LoadedFlow, build_flow
from ..load.yaml_source import read_yaml_text

TIMEOUT = 60


def _error(file: str, message: str, hint: str = "") -> FlowError:
    return FlowError([Diagnostic(file, None, None, "error", message, hint)])


def _git(args: list[str], cwd: Path, file: str) -> subprocess.CompletedProcess[bytes]:
    git = shutil.which("git")
    if not git:
        raise _error(file, "git が見つかりません", "Git をインストールするか、--rev を使わずに2つのファイルを指定してください")
    try:
        return subprocess.run([git, *args], cwd=cwd, capture_output=True, timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise _error(file, f"git が {TIMEOUT} 秒で終わりませんでした", "") from None
    except OSError as exc:
        raise _error(file, f"git を実行できません（{exc.strerror}）", "") from None


def _folder(path: Path) -> Path:
    """The nearest existing folder of ``path`` (the file itself may be gone in the working tree)."""
    folder = path.parent.resolve()
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    return folder


def repo_path(path: Path | str) -> tuple[Path, str]:
    """The repository's top folder and ``path`` relative to it (POSIX form, as git names it)."""
    p = Path(path)
    folder = _folder(p)
    proc = _git(["rev-parse", "--show-toplevel"], folder, str(path))
    if proc.returncode != 0:
        raise _error(str(path), "Git リポジトリの中のファイルではありません",
                     "--rev は Git で管理しているフロー定義ファイルに使ってください")
    top = Path(proc.stdout.decode("utf-8", "replace").strip()).resolve()
    try:
        rel = (folder / p.name).relative_to(top)
    except ValueError:
        raise _error(str(path), "ファイルがリポジトリの外にあります", f"リポジトリ: {top}") from None
    return top, str(PurePosixPath(*rel.parts))


def read_at_rev(path: Path | str, rev: str) -> tuple[str, str, list[Diagnostic]]:
    """The text of ``path`` in revision ``rev``, a display name ``REV:path`` and decoding warnings."""
    if not rev or rev.startswith("-") or any(c in rev for c in "\0\n\r"):
        raise _error(str(path), f"リビジョン「{rev}」は使えません", "HEAD~1、main、タグ名、コミットの id などを指定してください")
    top, rel = repo_path(path)
    display = f"{rev}:{rel}"
    check = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], top, display)
    if check.returncode != 0:
        raise _error(display, f"リビジョン「{rev}」が見つかりません",
                     "git log --oneline で確かめてください（例: HEAD~1、main、v2024）")
    commit = check.stdout.decode().strip()
    size = _git(["cat-file", "-s", f"{commit}:{rel}"], top, display)
    if size.returncode != 0:
        raise _error(display, f"リビジョン「{rev}」にこのファイルはありません",
                     "ファイル名が変わっている場合は、その時点のファイル名で git show して比べてください")
    if int(size.stdout.decode().strip() or 0) > MAX_BYTES:
        raise _error(display, "ファイルが大きすぎます", f"{MAX_BYTES // 1024 // 1024} MB 以下に分割してください")
    blob = _git(["cat-file", "blob", f"{commit}:{rel}"], top, display)
    if blob.returncode != 0:
        raise _error(display, "git からファイルを読めません", blob.stderr.decode("utf-8", "replace").strip())
    text, warnings = decode(blob.stdout, display)
    return text, display, warnings


def load_flow_at_rev(path: Path | str, rev: str) -> LoadedFlow:
    """Load ``path`` as it was in ``rev``; positions in messages read ``REV:path:LINE``.

    >>> load_flow_at_rev("samples/000-keitai-toilet.yaml", "-x")
    Traceback (most recent call last):
    ...
    flowdiag.diagnostics.FlowError: samples/000-keitai-toilet.yaml: error: リビジョン「-x」は使えません — HEAD~1、main、タグ名、コミットの id などを指定してください
    """
    text, display, warnings = read_at_rev(path, rev)
    doc = read_yaml_text(text, display, keep_going=True)
    doc.warnings[:0] = warnings
    return build_flow(doc)
