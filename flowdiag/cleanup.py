"""Signals end flowdiag the way Ctrl-C does: by unwinding, so every ``finally`` and ``with`` runs.

SIGTERM (``kill``, a CI timeout) and SIGHUP (a closed terminal or SSH session) would otherwise end
the process at once, leaving temporary files (the flow's whole text in ``$TMPDIR/flowdiag-*``) and
child processes (``dot``) behind. :func:`exit_on_signals` turns them into a :class:`Terminated`
exception raised where the program is, so that:

- temporary folders made with :class:`tempfile.TemporaryDirectory` (or any ``with``) are removed;
- child processes started with :func:`subprocess.run` are killed by it, and those started with
  :class:`subprocess.Popen` are killed by the ``finally`` that owns them (:func:`stop` does it);
- an output being written is left as it was (see :mod:`flowdiag.output`).

A signal can also come while a child is being started, before any ``finally`` owns it: the command
line then stops every child process still running (:func:`stop_children`, from ``/proc`` on Linux)
before it exits. A second signal during that clean-up is ignored, so the clean-up finishes. Code that starts a child
process or makes temporary files needs nothing more than a ``with`` or a ``finally``:

>>> import subprocess, sys
>>> proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
>>> try:
...     pass  # work that a signal may interrupt
... finally:
...     stop(proc)
>>> proc.returncode is not None
True
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from types import FrameType

SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class Terminated(BaseException):
    """Raised in the main thread when SIGTERM or SIGHUP arrives (a BaseException, like KeyboardInterrupt,
    so ``except Exception`` does not swallow it)."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        super().__init__(signal.Signals(signum).name)


def _raise(signum: int, _frame: FrameType | None) -> None:
    for sig in SIGNALS:  # the clean-up that follows must not be interrupted again
        signal.signal(sig, signal.SIG_IGN)
    raise Terminated(signum)


def exit_on_signals() -> None:
    """Install the handlers (main thread only; a signal already ignored, as under ``nohup``, stays so)."""
    for sig in SIGNALS:
        try:
            if signal.getsignal(sig) is signal.SIG_IGN:
                continue
            signal.signal(sig, _raise)
        except ValueError:  # not the main thread: leave the default
            return


def stop(proc: subprocess.Popen[bytes] | subprocess.Popen[str], grace: float = 2.0) -> None:
    """End a child process that may still run: terminate, then kill after ``grace`` seconds; always reaped."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def children() -> list[int]:
    """The process ids of this process's children (Linux: ``/proc``; elsewhere none are known).

    >>> import subprocess, sys
    >>> proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    >>> proc.pid in children() or not os.path.isdir("/proc/self/task")
    True
    >>> stop(proc)
    """
    me = os.getpid()
    found: set[int] = set()
    try:
        for task in os.listdir(f"/proc/{me}/task"):
            with open(f"/proc/{me}/task/{task}/children") as fh:
                found.update(int(x) for x in fh.read().split())
        return sorted(found)
    except OSError:
        pass
    try:  # a kernel without the children file: every process whose parent is this one
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as fh:
                        if int(fh.read().rsplit(")", 1)[1].split()[1]) == me:
                            found.add(int(entry))
                except (OSError, IndexError, ValueError):
                    continue
    except OSError:
        return []
    return sorted(found)


def stop_children(grace: float = 2.0) -> None:
    """Terminate every child process still running, kill those that stay after ``grace`` seconds, reap them."""
    pids = children()
    for pid in pids:
        try:
            os.kill(pid, signal.SIGTERM)
        except OSError:
            pass
    deadline = time.monotonic() + grace
    waiting = set(pids)
    while waiting and time.monotonic() < deadline:
        for pid in list(waiting):
            try:
                done, _ = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                done = pid
            if done:
                waiting.discard(pid)
        time.sleep(0.02)
    for pid in waiting:
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (OSError, ChildProcessError):
            pass
