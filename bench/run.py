"""flowdiag benchmark: time and peak memory per stage, raw ``dot`` beside the layout, whole-process
times of the command a user types, and import time.

    make bench                         everything (about 10–15 minutes on 2 cores), saves bench/results.md
    .venv/bin/python bench/run.py --sizes 10,50,200 --no-save      a quick look

Every flow is measured in a fresh worker process (``--worker``), so one flow's caches and memory do
not leak into the next. Times are wall-clock seconds; for small flows the best of several runs.
Memory is measured in a second run with tracemalloc (Python allocations per stage) and from the
kernel's peak RSS (the worker, and the largest ``dot`` child). Nothing here asserts a time: the
figures are printed and saved, and read by people.
"""

from __future__ import annotations

import argparse
import json
import os
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

SIZES = (10, 50, 200, 1000, 5000)
STAGES = ("load", "check", "dot_build", "layout", "page", "pdf", "png")
STAGE_NAMES = {"load": "load", "check": "check", "dot_build": "DOT build", "layout": "layout (dot)",
               "raw_dot": "raw dot", "page": "SVG page", "pdf": "PDF", "png": "PNG", "render_svg": "→ SVG total"}


# ----------------------------------------------------------------------------- worker (one flow)

def _worker(path: str, repeat: int, trace: bool, charts_file: str | None) -> dict[str, Any]:
    """Run every stage on one flow and report seconds (or tracemalloc peaks in bytes)."""
    import resource
    import tracemalloc

    from flowdiag.catalog import load_catalog
    from flowdiag.layout.engine import pin_fonts
    from flowdiag.load.validate import load_flow
    from flowdiag.render import pipeline
    from flowdiag.render.pipeline import RenderOptions, render
    from flowdiag.render.raster import svg_to_pdf, svg_to_png

    try:
        from flowdiag.check.engine import check_loaded
    except ImportError:  # the check stage is not there yet
        check_loaded = None

    pin_fonts()
    result: dict[str, Any] = {"steps": 0, "runs": []}
    saved_charts: list[bytes] = []
    if trace and charts_file:
        saved_charts = [bytes.fromhex(h) for h in json.loads(Path(charts_file).read_text())]

    def measure(fn: Any, *args: Any, **kw: Any) -> tuple[Any, float]:
        if trace:
            tracemalloc.reset_peak()
            base = tracemalloc.get_traced_memory()[0]
            out = fn(*args, **kw)
            return out, float(tracemalloc.get_traced_memory()[1] - base)
        t0 = time.perf_counter()
        out = fn(*args, **kw)
        return out, time.perf_counter() - t0

    # wrap the pipeline's own stage functions, so what is timed is exactly what a render does
    acc: dict[str, float] = {}
    variants: list[int] = [0]
    charts: list[bytes] = []
    originals = {name: getattr(pipeline, name) for name in ("build_dot", "run_dot_many", "run_dot", "compose_page")
                 if hasattr(pipeline, name)}

    def wrap(name: str, stage: str) -> Any:
        orig = originals[name]

        def inner(*args: Any, **kw: Any) -> Any:
            if stage == "layout" and saved_charts:  # memory run: reuse the charts dot drew in the timing run
                out: Any = list(saved_charts) if name == "run_dot_many" else saved_charts[0]
                value = 0.0
            else:
                out, value = measure(orig, *args, **kw)
            acc[stage] = max(acc.get(stage, 0.0), value) if trace else acc.get(stage, 0.0) + value
            if name == "build_dot":
                variants[0] += 1
            if name == "run_dot_many":
                charts[:] = out
            elif name == "run_dot":
                charts[:] = [out]
            return out

        return inner

    for name, stage in (("build_dot", "dot_build"), ("run_dot_many", "layout"), ("run_dot", "layout"),
                        ("compose_page", "page")):
        if name in originals:
            setattr(pipeline, name, wrap(name, stage))

    if trace:
        tracemalloc.start()
    for _ in range(repeat):
        acc.clear()
        variants[0] = 0
        run: dict[str, Any] = {}
        load_catalog.cache_clear()  # reading the catalogs is part of every real load
        lf, run["load"] = measure(load_flow, path)
        result["steps"] = len(lf.flow.steps)
        if check_loaded is not None:
            _, run["check"] = measure(check_loaded, lf)
        rendered, run["render_svg"] = measure(render, lf, "svg", RenderOptions())
        run.update(acc)
        run["variants"] = variants[0]
        page = rendered.page
        _, run["pdf"] = measure(svg_to_pdf, page.svg, lf.flow.document.title)
        _, run["png"] = measure(svg_to_png, page.svg, 144.0)
        result["runs"].append(run)
    if not trace:
        dot_src = render(lf, "dot", RenderOptions()).data
        result["dot_source"] = dot_src.decode("utf-8")
        result["charts"] = [c.hex() for c in charts]
        result["svg_bytes"] = len(rendered.data)
        result["min_text_pt"] = round(page.min_text_pt, 2)
    result["rss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return result


def _raw_dot(source: str) -> dict[str, float]:
    """``dot -Tsvg`` on the DOT flowdiag chose, with the same pinned font: seconds and peak RSS.

    The peak RSS comes from GNU time when it is there: the kernel's figure for a child forked from a
    big Python process would count the parent's pages copied at fork.
    """
    from flowdiag.layout.engine import pin_fonts

    pin_fonts()
    with tempfile.NamedTemporaryFile("w", suffix=".dot", delete=False, encoding="utf-8") as fh:
        fh.write(source)
    gnu_time = "/usr/bin/time" if Path("/usr/bin/time").exists() else None
    try:
        cmd = [shutil.which("dot") or "dot", "-Tsvg", "-o", os.devnull, fh.name]
        with tempfile.NamedTemporaryFile("r", suffix=".txt") as report:
            if gnu_time:
                cmd = [gnu_time, "-o", report.name, "-f", "%M", *cmd]
            t0 = time.perf_counter()
            proc = subprocess.run(cmd, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL, check=False)
            seconds = time.perf_counter() - t0
            rss = float(report.read().strip().splitlines()[-1]) if gnu_time else 0.0
    finally:
        os.unlink(fh.name)
    return {"seconds": seconds, "rss_kb": rss, "ok": proc.returncode == 0}


# ----------------------------------------------------------------------------- driver

def _python() -> str:
    return sys.executable


def _env() -> dict[str, str]:
    """Run as an installed copy would: with compiled bytecode (kept outside the source tree)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "flowdiag-bench-pycache")
    return env


def run_worker(path: Path, repeat: int, trace: bool = False, charts_file: str | None = None) -> dict[str, Any]:
    cmd = [_python(), str(Path(__file__).resolve()), "--worker", str(path), "--repeat", str(repeat)]
    if trace:
        cmd.append("--trace")
    if charts_file:
        cmd += ["--charts", charts_file]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=_env(), check=False)
    if proc.returncode != 0:
        raise SystemExit(f"worker failed on {path}:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.splitlines()[-1])


def timed_commands(cmd: list[str], runs: int, cwd: Path | None = None) -> list[float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, env=_env(), cwd=cwd, check=False)
        times.append(time.perf_counter() - t0)
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr.decode('utf-8', 'replace')[-2000:]}")
    return times


def _loaded_by(args: list[str]) -> list[str]:
    """The heavy modules a real command run imports (in a fresh interpreter)."""
    heavy = ["click", "yaml", "pydantic", "graphviz", "budoux", "cairosvg", "cairocffi", "flowdiag.check",
             "flowdiag.diff", "flowdiag.render.raster"]
    code = ("import sys\nfrom flowdiag.cli import main\n"
            f"try:\n    main({args!r}, prog_name='flowdiag')\nexcept SystemExit:\n    pass\n"
            f"print(','.join(m for m in {heavy!r} if m in sys.modules))\n")
    proc = subprocess.run([_python(), "-c", code], capture_output=True, text=True, env=_env(), check=False)
    last = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
    return last.split(",") if last else []


def import_figures(runs: int, sample: Path) -> dict[str, Any]:
    py = _python()
    out: dict[str, Any] = {}
    render_imports = "import flowdiag.cli.render_cmd"
    raster_imports = "import flowdiag.cli.render_cmd, flowdiag.render.raster"
    timed_commands([py, "-c", raster_imports], 1)  # compile the bytecode once
    out["python_startup"] = min(timed_commands([py, "-c", "pass"], runs))
    out["import_cli"] = min(timed_commands([py, "-c", "import flowdiag.cli"], runs))
    out["import_render"] = min(timed_commands([py, "-c", render_imports], runs))
    out["import_raster"] = min(timed_commands([py, "-c", raster_imports], runs))
    with tempfile.TemporaryDirectory() as tmp:
        out["loaded_version"] = _loaded_by(["--version"])
        out["loaded_svg"] = _loaded_by(["render", str(sample), "-o", str(Path(tmp) / "x.svg")])
        out["loaded_pdf"] = _loaded_by(["render", str(sample), "-o", str(Path(tmp) / "x.pdf")])
    proc = subprocess.run([py, "-X", "importtime", "-c", raster_imports], capture_output=True, text=True,
                          env=_env(), check=False)
    rows = []
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if m:
            rows.append((int(m.group(2)), len(m.group(3)) // 2, m.group(4)))
    out["importtime_top"] = sorted((r for r in rows if r[0] >= 8000), reverse=True)[:16]
    return out


def whole_process(flows: list[tuple[str, Path, int]], runs: int) -> list[dict[str, Any]]:
    """(label, path, runs divisor): the command a user types, timed from outside."""
    exe = Path(_python()).parent / "flowdiag"
    cli = [str(exe)] if exe.exists() else [_python(), "-m", "flowdiag"]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, path, divisor in flows:
            row: dict[str, Any] = {"flow": label}
            for fmt in ("svg", "pdf", "png"):
                out = Path(tmp) / f"x.{fmt}"
                times = timed_commands([*cli, "render", str(path), "-o", str(out)], max(1, runs // divisor))
                row[fmt] = (min(times), statistics.median(times))
            rows.append(row)
    return rows


def _fmt_s(value: float | None) -> str:
    if value is None:
        return "—"
    if value < 1:
        return f"{value * 1000:.0f} ms"
    return f"{value:.2f} s"


def _fmt_mb(value: float | None) -> str:
    return "—" if value is None else f"{value / 1024 / 1024:.1f} MB"


def stage_rows(inputs: list[tuple[str, Path]], repeat_small: int) -> list[dict[str, Any]]:
    rows = []
    for label, path in inputs:
        t0 = time.perf_counter()
        print(f"  {label} …", end="", flush=True, file=sys.stderr)
        steps_hint = int(label.split()[0]) if label.endswith(" steps") else 0
        repeat = 1 if steps_hint >= 1000 else (2 if steps_hint >= 200 else repeat_small)
        timing = run_worker(path, repeat)
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
            json.dump(timing["charts"], fh)
        try:
            memory = run_worker(path, 1, trace=True, charts_file=fh.name)
        finally:
            os.unlink(fh.name)
        raw = [_raw_dot(timing["dot_source"]) for _ in range(repeat)]
        best = {k: min(r.get(k, 0.0) for r in timing["runs"]) for k in timing["runs"][0]}
        rows.append({"flow": label, "steps": timing["steps"], "time": best, "memory": memory["runs"][0],
                     "raw_dot": min(r["seconds"] for r in raw), "raw_dot_rss_kb": max(r["rss_kb"] for r in raw),
                     "raw_dot_ok": all(r["ok"] for r in raw),
                     "rss_kb": timing["rss_kb"],  # the run without tracemalloc (which adds its own memory)
                     "svg_bytes": timing["svg_bytes"], "min_text_pt": timing["min_text_pt"],
                     "variants": timing["runs"][0].get("variants", 1)})
        print(f" {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return rows


def render_markdown(info: dict[str, Any], imports: dict[str, Any], whole: list[dict[str, Any]],
                    rows: list[dict[str, Any]]) -> str:
    lines = ["# flowdiag benchmark results", "",
             "Produced by `make bench` (bench/run.py); see bench/README.md for what each figure means.", "",
             "| machine | |", "| --- | --- |"]
    lines += [f"| {k} | {v} |" for k, v in info.items()]
    lines += ["", "## Whole process (what a user waits for)", "",
              "`flowdiag render FLOW -o x.EXT`, Python start-up included; best (median) of 5 runs (1 for 1000 steps).", "",
              "| flow | → SVG | → PDF | → PNG |", "| --- | --- | --- | --- |"]
    for r in whole:
        lines.append(f"| {r['flow']} | " + " | ".join(f"{_fmt_s(r[f][0])} ({_fmt_s(r[f][1])})"
                                                   for f in ("svg", "pdf", "png")) + " |")
    lines += ["", "## Import time", "",
              "Best of 10 runs each, Python start-up included.", "",
              "| what | time | heavy modules it loads |", "| --- | ---: | --- |",
              f"| `python -c pass` (start-up alone) | {_fmt_s(imports['python_startup'])} | |",
              f"| `import flowdiag.cli` (`flowdiag --version`, `--help`) | {_fmt_s(imports['import_cli'])} | "
              f"{', '.join(imports['loaded_version']) or 'none'} |",
              f"| `import flowdiag.cli.render_cmd` (every render, before any work) | {_fmt_s(imports['import_render'])} | "
              f"{', '.join(imports['loaded_svg'])} (an SVG render) |",
              f"| … and `flowdiag.render.raster` (PDF, PNG) | {_fmt_s(imports['import_raster'])} | "
              f"{', '.join(imports['loaded_pdf'])} (a PDF render) |",
              "", "Largest imports of a PDF render (`python -X importtime`, cumulative, 8 ms and more):", "",
              "| module | ms |", "| --- | ---: |"]
    lines += [f"| {'&nbsp;' * 2 * depth}{name} | {us / 1000:.0f} |" for us, depth, name in imports["importtime_top"]]
    lines += ["", "## Per stage: time", "",
              "In-process, one fresh worker per flow; best of several runs for small flows. `layout (dot)` is what "
              "flowdiag spends in Graphviz (several layout variants side by side for flows of up to 150 steps); "
              "`raw dot` is one `dot -Tsvg` on the DOT flowdiag chose. `→ SVG total` is the whole render to SVG "
              "(DOT build + layout + page + the font check).", "",
              "| flow | steps | " + " | ".join(STAGE_NAMES[s] for s in
                                                ("load", "check", "dot_build", "layout", "raw_dot", "page",
                                                 "render_svg", "pdf", "png")) + " | variants |",
              "| --- | ---: |" + " ---: |" * 9 + " ---: |"]
    for r in rows:
        t = r["time"]
        cells = [_fmt_s(t.get("load")), _fmt_s(t.get("check")), _fmt_s(t.get("dot_build")), _fmt_s(t.get("layout")),
                 _fmt_s(r["raw_dot"]) + ("" if r["raw_dot_ok"] else " (failed)"), _fmt_s(t.get("page")),
                 _fmt_s(t.get("render_svg")), _fmt_s(t.get("pdf")), _fmt_s(t.get("png"))]
        lines.append(f"| {r['flow']} | {r['steps']} | " + " | ".join(cells) + f" | {r['variants']} |")
    lines += ["", "## Per stage: peak memory", "",
              "Python allocations per stage (tracemalloc peak above what was held before the stage), the worker's "
              "peak RSS (the Python process, all stages), and the peak RSS of one `dot` on the chosen DOT (flowdiag "
              "runs up to 4 of them side by side for flows of up to 150 steps).", "",
              "| flow | load | check | DOT build | SVG page | PDF | PNG | Python RSS | dot RSS | SVG size |"
              " smallest text on A4 |",
              "| --- |" + " ---: |" * 10]
    for r in rows:
        m = r["memory"]
        cells = [_fmt_mb(m.get("load")), _fmt_mb(m.get("check")), _fmt_mb(m.get("dot_build")), _fmt_mb(m.get("page")),
                 _fmt_mb(m.get("pdf")), _fmt_mb(m.get("png")), _fmt_mb(r["rss_kb"] * 1024),
                 _fmt_mb(r["raw_dot_rss_kb"] * 1024) if r["raw_dot_rss_kb"] else "—",
                 f"{r['svg_bytes'] / 1024:.0f} KB", f"{r['min_text_pt']} pt"]
        lines.append(f"| {r['flow']} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def machine_info() -> dict[str, str]:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    dot = subprocess.run([shutil.which("dot") or "dot", "-V"], capture_output=True, text=True, check=False)
    import flowdiag

    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            check=False).stdout.strip()
    return {"date": time.strftime("%Y-%m-%d"), "cpu": f"{cpu} × {os.cpu_count()}", "python": platform.python_version(),
            "graphviz": (dot.stderr or dot.stdout).strip(), "flowdiag": f"{flowdiag.__version__} ({commit})",
            "os": platform.platform()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--repeat", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--charts", help=argparse.SUPPRESS)
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)), help="generated flow sizes (steps), comma separated")
    ap.add_argument("--runs", type=int, default=5, help="runs of each whole-process command")
    ap.add_argument("--no-samples", action="store_true", help="skip the samples in the per-stage table")
    ap.add_argument("--no-save", action="store_true", help="print only; do not write bench/results.md")
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(_worker(args.worker, args.repeat, args.trace, args.charts)))
        return

    from bench.seedlike import seedlike_yaml

    samples = sorted((ROOT / "samples").glob("*.yaml"))
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    info = machine_info()
    print("machine:", ", ".join(f"{k} {v}" for k, v in info.items()), file=sys.stderr)
    print("import time …", file=sys.stderr)
    imports = import_figures(args.runs * 2, samples[0])
    with tempfile.TemporaryDirectory() as tmp:
        generated = []
        for n in sizes:
            path = Path(tmp) / f"seedlike-{n}.yaml"
            path.write_text(seedlike_yaml(n), "utf-8")
            generated.append((f"{n} steps", path))
        print("whole process …", file=sys.stderr)
        whole = whole_process([(p.name, p, 1) for p in samples]
                              + [(label, path, 5) for label, path in generated if label == "1000 steps"], args.runs)
        print("per stage …", file=sys.stderr)
        inputs = ([] if args.no_samples else [(p.name, p) for p in samples]) + generated
        rows = stage_rows(inputs, repeat_small=5)
    text = render_markdown(info, imports, whole, rows)
    print(text)
    if not args.no_save:
        (ROOT / "bench" / "results.md").write_text(text, "utf-8")
        print("saved bench/results.md", file=sys.stderr)


if __name__ == "__main__":
    main()
