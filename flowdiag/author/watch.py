"""``flowdiag watch``: a local page that redraws the chart each time the flow file is saved.

A :class:`Preview` holds the latest state (the last chart that rendered, the load errors and the
check findings with their lines); :func:`watch_file` rebuilds it on every save (watchfiles);
:func:`serve` answers the page on 127.0.0.1. The page (``assets/``) asks ``/state?after=N``,
which waits until there is something newer than version N (a long poll), so a save shows
within the time of one render. Nothing is fetched from the internet.

>>> p = Preview(Path("flow.yaml"), lambda path: Snapshot(ok=True, svg="<svg/>"))
>>> p.rebuild().version, p.state()["ok"], p.state()["chart"]
(1, True, 1)
"""

from __future__ import annotations

import http.server
import json
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ASSETS = Path(__file__).with_name("assets")
PAGES = {"/": ("watch.html", "text/html; charset=utf-8"), "/watch.js": ("watch.js", "text/javascript; charset=utf-8"),
         "/watch.css": ("watch.css", "text/css; charset=utf-8")}
FONTS = {"/fonts/regular.ttf": "BIZUDGothic-Regular.ttf", "/fonts/bold.ttf": "BIZUDGothic-Bold.ttf"}
"""The bundled font, for the page and the chart drawn in it (the ward's PC may not have it)."""
LONG_POLL = 20.0
"""Seconds a /state request waits for a change before answering "nothing new"."""


@dataclass
class Snapshot:
    """One build of the flow: the chart when it rendered, else the problems."""

    ok: bool
    svg: str | None = None
    problems: list[dict[str, Any]] = field(default_factory=list)


Build = Callable[[Path], Snapshot]


class Preview:
    """The state the page shows, rebuilt on each save; readers wait on :meth:`wait`."""

    def __init__(self, path: Path, build: Build) -> None:
        self.path = path
        self.build = build
        self.version = 0
        self.chart_version = 0
        self.svg: str | None = None
        self.ok = False
        self.problems: list[dict[str, Any]] = []
        self.updated = ""
        self._cond = threading.Condition()

    def rebuild(self) -> Preview:
        snap = self.build(self.path)
        with self._cond:
            self.version += 1
            self.ok = snap.ok
            self.problems = snap.problems
            if snap.ok and snap.svg is not None:  # a broken save keeps the last good chart on screen
                self.svg = snap.svg
                self.chart_version = self.version
            self.updated = time.strftime("%H:%M:%S")
            self._cond.notify_all()
        return self

    def state(self) -> dict[str, Any]:
        with self._cond:
            return {"version": self.version, "chart": self.chart_version if self.svg is not None else 0,
                    "ok": self.ok, "file": self.path.name, "updated": self.updated, "problems": self.problems}

    def wait(self, after: int, timeout: float = LONG_POLL) -> dict[str, Any]:
        with self._cond:
            self._cond.wait_for(lambda: self.version > after, timeout=timeout)
        return self.state()

    def chart(self) -> str | None:
        with self._cond:
            return self.svg


# ---------------------------------------------------------------- watching the file

def changes(path: Path, stop: threading.Event, poll: bool = False) -> Iterator[None]:
    """Yield after each save of ``path`` (editors that save by renaming a new file included)."""
    import watchfiles

    target = path.resolve()

    def same_file(_change: watchfiles.Change, changed: str) -> bool:
        return Path(changed).resolve() == target

    for _ in watchfiles.watch(target.parent, watch_filter=same_file, recursive=False, debounce=150, step=30,
                              stop_event=stop, force_polling=poll or None, poll_delay_ms=200,
                              raise_interrupt=False):
        yield None


def watch_file(preview: Preview, stop: threading.Event, poll: bool = False) -> threading.Thread:
    """Rebuild ``preview`` after every save, in a background thread, until ``stop`` is set."""

    def run() -> None:
        for _ in changes(preview.path, stop, poll):
            preview.rebuild()

    thread = threading.Thread(target=run, name="flowdiag-watch", daemon=True)
    thread.start()
    return thread


# ---------------------------------------------------------------- the local server

class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # the terminal shows the URL, not every request
        return

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Content-Security-Policy",
                         "default-src 'self'; img-src 'self' data:; font-src 'self'; style-src 'self' 'unsafe-inline'")
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        host = (self.headers.get("Host") or "").split(":")[0]
        if host not in ("127.0.0.1", "localhost"):  # another site's page reaching this port by DNS rebinding
            self._send(403, b"forbidden", "text/plain")
            return
        url = urllib.parse.urlsplit(self.path)
        preview = self.server.preview
        if url.path in PAGES:
            name, kind = PAGES[url.path]
            self._send(200, (ASSETS / name).read_bytes(), kind)
        elif url.path in FONTS:
            from ..layout.font import FONTS_DIR

            self._send(200, (FONTS_DIR / FONTS[url.path]).read_bytes(), "font/ttf")
        elif url.path == "/state":
            query = urllib.parse.parse_qs(url.query)
            try:
                after = int(query.get("after", ["0"])[0])
            except ValueError:
                after = 0
            state = preview.wait(after, self.server.long_poll)
            self._send(200, json.dumps(state, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")
        elif url.path == "/chart.svg":
            svg = preview.chart()
            if svg is None:
                self._send(404, "まだ図がありません".encode(), "text/plain; charset=utf-8")
            else:
                self._send(200, svg.encode("utf-8"), "image/svg+xml")
        else:
            self._send(404, b"not found", "text/plain")


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, preview: Preview, port: int, long_poll: float) -> None:
        self.preview = preview
        self.long_poll = long_poll
        super().__init__(("127.0.0.1", port), _Handler)


def serve(preview: Preview, port: int = 0, long_poll: float = LONG_POLL) -> _Server:
    """A server for ``preview`` on 127.0.0.1 (``port`` 0: a free port); call ``serve_forever``."""
    return _Server(preview, port, long_poll)


def url_of(server: http.server.HTTPServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/"
