"""Make the pictures of docs/tutorial.md: run the tutorial's commands and edits, render, screenshot.

    .venv/bin/python docs/make_images.py

Runs ``flowdiag new`` in a temporary folder, makes the edits the tutorial describes, renders the
charts into docs/images/tutorial-*.png and takes screenshots of ``flowdiag watch`` with Chromium
(/usr/bin/chromium through Playwright). Run it again whenever the chart's look changes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# The edits of the tutorial's step 3, as (old text, new text) in the file `flowdiag new` wrote.
FILL_IN = [
    ("  number: 資料X-1  # TODO: 資料番号（付議事項の番号）", "  number: 資料12-1"),
    (re.compile(r"  version: 令和\S+年度第1回  # TODO: 付議する会議（年度と回）"), "  version: 令和8年度第1回"),
    ("    name: 区民\n", "    name: 利用者（高齢者）\n"),
    ("  # TODO: 区民・申込者・受給者など、実際の呼び方に。\n", ""),
    ("    items: [氏名, 住所, 郵便番号]  # TODO: 委託事業者に渡す項目を図のとおりに",
     "    items: [氏名, 住所, 電話番号, 緊急連絡先]"),
    (re.compile(r"    timing: \[R\S+時点\]  # TODO: 時点・頻度（月1回 など）"), "    timing: [R8.4.1時点, 月1回]"),
    ("    text: 委託業務の実施  # TODO: 宛名印字、発送、受付など、委託事業者がする作業", "    text: 配達ルート表の作成"),
    ("    text: 通知等の発送  # TODO: 本人とのやりとりが無ければこのステップを削除\n    channel: mail",
     "    text: 配食・安否確認\n    channel: 訪問"),
    ("      partner: 未定（入札により決定する予定）  # TODO: 様式の「委託先」のとおりに",
     "      partner: 未定（プロポーザルにより決定する予定）"),
    ("          items: [氏名, 住所, 郵便番号]  # TODO: 様式の「情報項目」のとおりに",
     "          items: [氏名, 住所, 電話番号, 緊急連絡先]"),
    (re.compile(r"      period: .*  # TODO: 開始時期及び期限"), "      period: 令和8年4月1日から令和9年3月31日まで"),
]


def flowdiag(*args: str, cwd: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "flowdiag", *args], cwd=cwd, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, check=False)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"flowdiag {' '.join(args)} failed:\n{proc.stderr}")


def fill_in(text: str) -> str:
    for old, new in FILL_IN:
        if isinstance(old, re.Pattern):
            text, n = old.subn(new, text)
        else:
            n = text.count(old)
            text = text.replace(old, new)
        if n != 1:
            raise SystemExit(f"the tutorial's edit did not apply: {old}")
    return text


def fixed_dates(text: str) -> str:
    """The dates `flowdiag new` infers from today, fixed so the pictures do not change with the day."""
    text = re.sub(r"version: 令和\S+年度第1回", "version: 令和8年度第1回", text)
    text = re.sub(r"timing: \[R[\d.]+時点\]", "timing: [R8.4.1時点]", text)
    text = re.sub(r"timing: \[R[\d.]+ から\]", "timing: [R8.4.1 から]", text)
    return re.sub(r"period: 令和\S+まで", "period: 令和8年4月1日から令和9年3月31日まで", text)


def render(flow: Path, name: str) -> None:
    flowdiag("render", flow.name, "-o", str(IMAGES / name), "--dpi", "110", cwd=flow.parent)
    print(IMAGES / name)


def screenshots(work: Path) -> None:
    from playwright.sync_api import sync_playwright

    server = subprocess.Popen([sys.executable, "-m", "flowdiag", "watch", "配食.yaml", "--no-browser"], cwd=work,
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    profile = tempfile.mkdtemp(prefix="flowdiag-chromium-")
    try:
        assert server.stderr is not None
        url = server.stderr.readline().split(" ")[0]
        with sync_playwright() as pw:
            browser = pw.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, headless=True, args=ARGS,
                                                            viewport={"width": 1280, "height": 900})
            page = browser.new_page()
            page.goto(url)
            page.wait_for_function("() => document.querySelector('#svg svg') !== null", timeout=60_000)
            page.evaluate("document.fonts.ready")
            page.screenshot(path=str(IMAGES / "tutorial-2-watch.png"))
            print(IMAGES / "tutorial-2-watch.png")
            flow = work / "配食.yaml"
            text = flow.read_text(encoding="utf-8")
            flow.write_text(text.replace("    name: 委託事業者\n", "    nmae: 委託事業者\n", 1), encoding="utf-8")
            page.wait_for_function("() => document.getElementById('status').classList.contains('bad')",
                                   timeout=60_000)
            time.sleep(0.3)
            page.screenshot(path=str(IMAGES / "tutorial-4-error.png"))
            print(IMAGES / "tutorial-4-error.png")
            flow.write_text(text, encoding="utf-8")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(profile, ignore_errors=True)


def main() -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        flowdiag("new", "配食.yaml", "--kind", "業務委託", "--business", "高齢者見守り配食サービス事業",
                 "--department", "福祉部高齢者支援課", cwd=work)
        flow = work / "配食.yaml"
        flow.write_text(fixed_dates(flow.read_text(encoding="utf-8")), encoding="utf-8")
        render(flow, "tutorial-1-new.png")
        screenshots(work)
        flow.write_text(fill_in(flow.read_text(encoding="utf-8")), encoding="utf-8")
        render(flow, "tutorial-3-done.png")
        flowdiag("new", "再委託.yaml", "--kind", "再委託", "--business", "高齢者見守り配食サービス事業", cwd=work)
        sub = work / "再委託.yaml"
        sub.write_text(fixed_dates(sub.read_text(encoding="utf-8")), encoding="utf-8")
        render(sub, "tutorial-5-saiitaku.png")


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
