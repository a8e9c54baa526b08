"""``flowdiag watch`` in a real headless browser (Playwright driving Debian's Chromium).

The page shows the chart; an edit on disk redraws it; a broken edit shows the error with its
line and keeps the last good chart; every request stays on 127.0.0.1. Without Chromium the test
is skipped on a developer's machine, and fails in CI (CI=true), where .ci/run installs it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..conftest import run_cli

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
IN_CI = os.environ.get("CI") == "true"
WAIT = 60_000  # ms: an upper bound for a redraw on a busy machine, not a speed requirement


def _require_browser() -> Any:
    missing = None
    if not Path(CHROMIUM).is_file():
        missing = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing = missing or "the playwright package is not installed (pip install -e '.[dev]')"
    if missing:
        if IN_CI:
            pytest.fail(missing + " — CI must run the browser test")
        pytest.skip(missing)
    if shutil.which("dot") is None:
        pytest.skip("Graphviz (dot) is not installed")
    return sync_playwright


@pytest.fixture()
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    proc = run_cli("new", "flow.yaml", "--kind", "業務委託", "--business", "見守り配食事業", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    flow = tmp_path / "flow.yaml"
    server = subprocess.Popen([sys.executable, "-m", "flowdiag", "watch", "flow.yaml", "--no-browser"], cwd=tmp_path,
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stderr is not None
        line = server.stderr.readline()
        m = re.match(r"(http://127\.0\.0\.1:\d+/) で flow\.yaml を表示しています", line)
        assert m, line + (server.stderr.read() if server.poll() is not None else "")
        yield m.group(1), flow
    finally:
        server.terminate()
        server.wait(timeout=30)


def _save(path: Path, text: str) -> None:
    tmp = path.with_name(".flow.yaml.tmp")  # save by rename, as many editors do
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def test_page_shows_chart_redraws_on_save_and_keeps_it_on_error(served):
    sync_playwright = _require_browser()
    url, flow = served
    profile = tempfile.mkdtemp(prefix="flowdiag-chromium-")
    requests: list[str] = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, headless=True, args=ARGS)
            page = browser.new_page()
            page.on("request", lambda r: requests.append(r.url))
            page.goto(url)

            # the chart is on screen
            page.wait_for_function("() => { const d = document.getElementById('svg');"
                                   " return !d.hidden && d.querySelector('svg') !== null; }", timeout=WAIT)
            first = page.get_attribute("#svg", "data-version")
            assert "見守り配食事業の個人情報の流れ" in page.inner_text("#svg")
            box = page.locator("#svg svg").bounding_box()
            assert box is not None and box["width"] > 300 and box["height"] > 200
            assert page.evaluate("document.fonts.check('16px \"BIZ UDGothic\"', '個人情報')")
            assert "描きました" in page.inner_text("#status")
            assert "checklist-untraced" in page.inner_text("#list")

            # an edit on disk redraws it
            text = flow.read_text(encoding="utf-8")
            _save(flow, text.replace("見守り配食事業の個人情報の流れ", "高齢者見守り事業の個人情報の流れ"))
            page.wait_for_function(f"() => document.getElementById('svg').dataset.version !== '{first}'", timeout=WAIT)
            second = page.get_attribute("#svg", "data-version")
            assert "高齢者見守り事業の個人情報の流れ" in page.inner_text("#svg")

            # a broken edit shows the error with its line and keeps the last chart
            broken = text.replace("    name: 委託事業者\n", "    nmae: 委託事業者\n", 1)
            assert broken != text
            _save(flow, broken)
            page.wait_for_function("() => document.getElementById('status').classList.contains('bad')", timeout=WAIT)
            problems = page.inner_text("#list")
            line = broken.splitlines().index("    nmae: 委託事業者") + 1
            assert "不明なキー「nmae」" in problems and f"{line}行" in problems
            assert page.get_attribute("#svg", "data-version") == second
            assert page.is_visible("#svg")
            assert "stale" in (page.get_attribute("#chart", "class") or "")
            assert "高齢者見守り事業の個人情報の流れ" in page.inner_text("#svg")

            # fixed again: drawn again
            _save(flow, text)
            page.wait_for_function("() => document.getElementById('status').classList.contains('ok')", timeout=WAIT)
            assert "stale" not in (page.get_attribute("#chart", "class") or "")
            browser.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    assert requests and all(r.startswith(url) for r in requests), [r for r in requests if not r.startswith(url)]


def test_only_local_requests_are_answered(served):
    import http.client

    url, _ = served
    port = int(url.rsplit(":", 1)[1].strip("/"))
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/", headers={"Host": "attacker.example"})
    assert conn.getresponse().status == 403
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/state?after=0")
    res = conn.getresponse()
    assert res.status == 200 and b'"ok": true' in res.read()


def test_missing_file_is_an_error(tmp_path):
    proc = run_cli("watch", "nothing.yaml", "--no-browser", cwd=tmp_path)
    assert proc.returncode == 2 and "ファイルが見つかりません" in proc.stderr
