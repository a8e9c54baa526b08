"""flowdiag benchmark: how each sample reads on the page, time per stage, whole-process times.

    make bench                                   everything, saves bench/results.md
    .venv/bin/python bench/run.py --sizes 10,50 --no-save      a quick look

Three tables:

- **Charts**: per sample (and generated flows), the smallest text on the page as a reviewer's PDF
  tool measures it (the word height from ``pdftotext -bbox``), the pages and paper used, arrows that
  detour more than twice their straight distance, arrows through another actor, crossing pairs, text
  on text, text under a box, arrows over text, and the time to SVG.
- **Stages**: load, content (measured blocks), arrangement search, drawing (page + SVG), PDF, PNG.
- **Whole process**: the command a user types, Python start-up included, best and median of 5.

Every flow is measured in a fresh worker process, so one flow's caches do not help the next.
Nothing here asserts a time: the figures are printed and saved for people to read.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = (10, 50, 200, 1000)


def _worker(path: str) -> dict[str, Any]:
    """Every stage of one flow, timed, and the chart's reading measures."""
    from flowdiag.layout.quality import measure
    from flowdiag.load.validate import load_flow
    from flowdiag.render import pipeline
    from flowdiag.render.fonts import pin_fonts
    from flowdiag.render.raster import svg_to_pdf, svg_to_png
    from flowdiag.render.svg import scene_svg

    pin_fonts()
    out: dict[str, Any] = {}
    t0 = time.perf_counter()
    lf = load_flow(path)
    t1 = time.perf_counter()
    laid = pipeline.layout(lf, pipeline.RenderOptions())
    t2 = time.perf_counter()
    svgs = [scene_svg(p, lf.flow.document.title) for p in laid.pages]
    t3 = time.perf_counter()
    pdf = svg_to_pdf(svgs, lf.flow.document.title)
    t4 = time.perf_counter()
    svg_to_png(svgs[0])
    t5 = time.perf_counter()
    q = measure(laid.pages[0])
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        out["pdf_min_pt"] = _pdf_min_pt(f.name)
    out.update(steps=len(lf.flow.steps), actors=len(lf.flow.actors), load=t1 - t0, layout=t2 - t1, svg=t3 - t2,
               pdf=t4 - t3, png=t5 - t4, to_svg=t3 - t0, pages=len(laid.pages), page=laid.page,
               min_pt=laid.min_text_pt, detours=len(q.detours), foreign=len(q.foreign), crossings=q.crossings,
               arrows=q.steps, overlaps=q.text_overlaps, under=q.under_shapes, struck=q.struck, tree=str(laid.tree))
    return out


def _pdf_min_pt(pdf: str) -> float | None:
    if not shutil.which("pdftotext"):
        return None
    text = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True, check=False).stdout
    heights = [float(b) - float(a) for a, b in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', text)]
    return min(heights) if heights else None


def _run_worker(path: Path) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, __file__, "--worker", str(path)], capture_output=True, text=True,
                          check=False, timeout=1800)
    if proc.returncode != 0:
        raise SystemExit(f"worker failed on {path}: {proc.stderr[-2000:]}")
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


def _whole(args: list[str], runs: int = 5) -> tuple[float, float]:
    times = []
    for _ in range(runs + 1):
        t0 = time.perf_counter()
        subprocess.run(args, capture_output=True, check=False, cwd=ROOT)
        times.append(time.perf_counter() - t0)
    times = times[1:]  # the first run warms the file cache
    return min(times), statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)), help="generated flow sizes (steps)")
    ap.add_argument("--no-save", action="store_true", help="print only; do not write bench/results.md")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(_worker(args.worker)))
        return
    from bench.seedlike import seedlike_yaml

    flows: list[tuple[str, Path]] = [(p.stem, p) for p in sorted((ROOT / "samples").glob("*.yaml"))]
    tmp = Path(tempfile.mkdtemp(prefix="flowdiag-bench-"))
    for n in (int(s) for s in args.sizes.split(",") if s):
        path = tmp / f"seedlike-{n}.yaml"
        path.write_text(seedlike_yaml(n), "utf-8")
        flows.append((f"generated, {n} steps", path))
    rows = []
    for name, path in flows:
        r = _run_worker(path)
        rows.append((name, r))
        print(f"{name}: {r['min_pt']:.2f} pt, {r['to_svg']:.2f} s", file=sys.stderr)
    flowdiag = str(ROOT / ".venv" / "bin" / "flowdiag")
    # Byte-compiled modules, as an installed package has them (an editable install writes them on the
    # first run, unless PYTHONDONTWRITEBYTECODE is set): start-up is timed, not compiling the source.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "flowdiag")], capture_output=True,
                   check=False)
    seed = str(ROOT / "samples" / "000-keitai-toilet.yaml")
    whole = {fmt: _whole([flowdiag, "render", seed, "-o", str(tmp / f"x.{fmt}")]) for fmt in ("svg", "pdf", "png")}
    whole["version"] = _whole([flowdiag, "--version"])
    big = tmp / "seedlike-1000.yaml"
    if big.exists():
        whole["svg, 1000 steps"] = _whole([flowdiag, "render", str(big), "-o", str(tmp / "big.svg")], runs=3)
    shutil.rmtree(tmp, ignore_errors=True)

    lines = [f"# ベンチマーク / Benchmark ({platform.machine()}, Python {platform.python_version()}, "
             f"{time.strftime('%Y-%m-%d')})", "",
             "## 図の読みやすさ / How each chart reads (A4 landscape, default options)", "",
             "| flow | actors | steps | smallest text (PDF) | paper, pages | arrows > 2× | through another actor "
             "| crossings | text on text | text under a box | arrow over text | to SVG |",
             "| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for name, r in rows:
        pdf_pt = f"{r['pdf_min_pt']:.2f} pt" if r.get("pdf_min_pt") else f"{r['min_pt']:.2f} pt"
        lines.append(f"| {name} | {r['actors']} | {r['steps']} | {pdf_pt} | {r['page']}, {r['pages']} "
                     f"| {r['detours']} | {r['foreign']} | {r['crossings']} | {r['overlaps']} | {r['under']} "
                     f"| {r['struck']} | {r['to_svg']:.2f} s |")
    lines += ["", "## 段階ごとの時間 / Seconds per stage (one run in a fresh process)", "",
              "| flow | load | layout (search, place) | page SVG | PDF | PNG |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for name, r in rows:
        lines.append(f"| {name} | {r['load']:.3f} | {r['layout']:.3f} | {r['svg']:.3f} | {r['pdf']:.3f} "
                     f"| {r['png']:.3f} |")
    lines += ["", "## コマンド全体 / Whole process (best, median of 5; seed 000 unless named)", "",
              "| command | best | median |", "| --- | ---: | ---: |"]
    for key, (best, med) in whole.items():
        label = "flowdiag --version" if key == "version" else f"flowdiag render → {key}"
        lines.append(f"| {label} | {best:.2f} s | {med:.2f} s |")
    lines += ["", "arrangements: " + "; ".join(f"{name}: {r['tree']}" for name, r in rows[:8]), ""]
    report = "\n".join(lines)
    print(report)
    if not args.no_save:
        (ROOT / "bench" / "results.md").write_text(report, "utf-8")


if __name__ == "__main__":
    main()
