"""`make bench-scale`: the UCDP scale page (tests.support.scale) at 1×, 2× and 3× the events of 2017.

For each size, --runs times (median reported):

1. a temporary notebook that loads the UCDP file, takes the rows, writes the page (tests.support.scale.write_page)
   and shows its map and chart as outputs, as a chapter would, is executed with nbclient: the
   notebook's wall time (kernel start included) and the page-building cell's own time;
2. the page it wrote is served on 127.0.0.1 and opened in Debian's Chromium (fresh browser, empty
   cache), recording
   - transfer: the sum of the response bodies Chromium received (the page and its vendored assets);
   - drawn: from navigation start until both (a) the map shows every mapped event, that is the
     numbers on the cluster icons plus the loose markers add up to the events on the map, and
     (b) the chart is upgraded to its interactive form with one bar per week and its deaths band;
   - the longest main-thread task and the total blocking time (sum of each task's time over 50 ms)
     from navigation start until drawn, from a PerformanceObserver for "longtask" entries;
   - zoom: the time from asking the drawn map to zoom in one level until the clusters have been
     re-computed and their animation has ended (plus two frames), and the longest task meanwhile.

The sizes are the 5,587 events of 2017 (1×), the first 11,174 events by date_start (2×) and all
16,566 (≈3×). The real UCDP GED file is required: without it the script says so and exits 2
(with --skip-missing, exits 0), it never makes data up. Writes bench/scale.json and bench/SCALE.md.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fronts.ucdp import ged as ucdp  # noqa: E402
from tests.support import scale, siteprobe  # noqa: E402

SIZES = {"1×": 5587, "2×": 11174, "3×": 16566}

# Run before the page's scripts: every long task on the main thread (the map's srcdoc frame included).
LONGTASKS = """(() => {
  window.__frontsLongTasks = [];
  try {
    new PerformanceObserver(list => list.getEntries().forEach(e => window.__frontsLongTasks.push(
      {start: performance.timeOrigin + e.startTime, duration: e.duration, name: e.name})))
      .observe({type: "longtask", buffered: true});
  } catch (err) { window.__frontsLongTasks = null; }
})();"""

# In the map frame: when every mapped event is on screen (clusters' numbers plus loose markers), the time.
MAP_DRAWN = """(expected) => {
  if (!window.L) return false;
  let total = document.querySelectorAll('path.fronts-ucdp').length;
  document.querySelectorAll('.marker-cluster span').forEach(s => { total += parseInt(s.textContent, 10) || 0; });
  return total === expected ? performance.timeOrigin + performance.now() : false;
}"""

# In the page: when the chart is interactive with one bar per week and its band drawn, the time.
CHART_DRAWN = """([name, weeks]) => {
  const box = document.querySelector('.fronts-chart[data-chart="' + name + '"][data-upgraded="yes"]');
  const live = box && box.querySelector('.fronts-chart-live svg');
  if (!live) return false;
  const bars = live.querySelectorAll('g.ucdp_period_events_marks > path').length;
  const band = live.querySelectorAll('g[class~="ucdp_period_band_0_marks"] > path').length;
  return bars === weeks && band > 0 ? performance.timeOrigin + performance.now() : false;
}"""

# In the map frame: zoom in one level at the centre; resolve when markercluster has finished.
ZOOM = """async () => {
  const find = test => Object.keys(window).map(k => window[k]).find(test);
  const map = find(v => v instanceof L.Map);
  const cluster = find(v => v instanceof L.MarkerClusterGroup);
  const t0 = performance.now();
  const done = new Promise(resolve => cluster.once('animationend', resolve));
  map.zoomIn(1);
  await done;
  await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  return {ms: performance.now() - t0, start: performance.timeOrigin + t0, end: performance.timeOrigin + performance.now(),
          zoom: map.getZoom()};
}"""


def notebook(data_file: Path, size: str, n: int, out_dir: Path):
    """The temporary notebook: load, take the rows, write the page, show its figures."""
    import nbformat

    take = 'ucdp[ucdp["year"] == 2017]' if size == "1×" else f"ucdp.head({n})"
    cells = [
        f"import json, sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom tests.support import scale\nfrom fronts.ucdp.ged import load_ucdp",
        f'ucdp = load_ucdp({str(data_file)!r}, estimate_order="flag")',
        f"rows = {take}\nassert len(rows) == {n}, len(rows)",
        f"page = scale.write_page(rows, {str(out_dir)!r})",
        "print(json.dumps({'events': page.events, 'mapped': page.mapped, 'weeks': page.weeks, 'python': sys.executable}))",
        "page.map_html",
        "page.chart_html",
    ]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def cell_seconds(cell) -> float:
    ex = cell.metadata.get("execution", {})
    start, end = ex.get("iopub.execute_input"), ex.get("shell.execute_reply")
    if not (start and end):
        return float("nan")
    parse = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))  # noqa: E731
    return (parse(end) - parse(start)).total_seconds()


def run_notebook(data_file: Path, size: str, n: int, work: Path) -> dict:
    from nbclient import NotebookClient

    out_dir = work / "page"
    nb = notebook(data_file, size, n, out_dir)
    client = NotebookClient(nb, timeout=900, kernel_name="python3", record_timing=True,
                            resources={"metadata": {"path": str(work)}})
    start = time.perf_counter()
    client.execute()
    total = time.perf_counter() - start
    info = json.loads(nb.cells[4].outputs[0]["text"])
    if Path(info["python"]).resolve().parent != Path(sys.executable).resolve().parent:
        print(f"warning: the kernel ran {info['python']}, not this environment's Python", file=sys.stderr)
    return {"notebook_s": total, "load_cell_s": cell_seconds(nb.cells[1]), "build_cell_s": cell_seconds(nb.cells[3]),
            "page_dir": out_dir, **{k: info[k] for k in ("events", "mapped", "weeks")}}


def probe(page_dir: Path, mapped: int, weeks: int) -> dict:
    """Open the page in a fresh Chromium; see the module docstring for what is measured."""
    with siteprobe.serve(page_dir) as base, siteprobe.chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        context.add_init_script(LONGTASKS)
        page = context.new_page()
        watch = siteprobe.PageWatch(context, page)
        sizes: dict[str, int] = {}
        context.on("response", lambda r: sizes.__setitem__(r.url, len(r.body())) if r.ok and r.url.startswith(base) else None)
        page.goto(base + "index.html", wait_until="commit")
        origin = page.evaluate("performance.timeOrigin")
        # A reader who reaches the chart at once: fronts.js then fetches Vega and upgrades it.
        page.wait_for_function("typeof window.frontsUpgradeCharts === 'function'", timeout=60000)
        page.evaluate("window.frontsUpgradeCharts()")
        chart_at = page.wait_for_function(CHART_DRAWN, arg=[scale.CHART_NAME, weeks], timeout=120000).json_value()
        frame = None
        deadline = time.monotonic() + 60
        while frame is None:
            frame = next((f for f in page.frames if f != page.main_frame and f.query_selector(".leaflet-container")), None)
            if frame is None:
                if time.monotonic() > deadline:
                    raise AssertionError("no map frame")
                page.wait_for_timeout(20)
        map_at = frame.wait_for_function(MAP_DRAWN, arg=mapped, timeout=120000).json_value()
        drawn_at = max(chart_at, map_at)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        zoom = frame.evaluate(ZOOM)
        page.wait_for_timeout(300)
        # The page's observer sees the map frame's tasks too (same origin, same main thread).
        tasks = page.evaluate("window.__frontsLongTasks")
        errors = watch.page_errors + watch.console_errors + watch.http_errors + watch.external()
        context.close()
    if tasks is None:
        raise RuntimeError("this Chromium does not report long tasks")
    loading = [t for t in tasks if t["start"] <= drawn_at]
    zooming = [t for t in tasks if zoom["start"] <= t["start"] <= zoom["end"]]
    html_bytes = sizes.get(base + "index.html", 0)
    return {
        "transfer_bytes": sum(sizes.values()), "html_bytes": html_bytes, "requests": len(sizes),
        "drawn_ms": drawn_at - origin, "chart_drawn_ms": chart_at - origin, "map_drawn_ms": map_at - origin,
        "longest_task_ms": max((t["duration"] for t in loading), default=0.0),
        "blocking_ms": sum(max(0.0, t["duration"] - 50) for t in loading),
        "zoom_ms": zoom["ms"], "zoom_longest_task_ms": max((t["duration"] for t in zooming), default=0.0),
        "errors": errors,
    }


def median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", nargs="*", choices=list(SIZES), default=list(SIZES))
    parser.add_argument("--skip-missing", action="store_true", help="exit 0, not 2, when the UCDP file is absent")
    parser.add_argument("--out", type=Path, default=ROOT / "bench")
    args = parser.parse_args()
    st = ucdp.status()
    if not st:
        print(f"bench-scale: not run. {st.message}", file=sys.stderr)
        return 0 if args.skip_missing else 2
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")
    machine = {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
               "chromium": siteprobe.chromium_version()}
    results = {}
    for size in args.sizes:
        n = SIZES[size]
        runs = []
        for i in range(args.runs):
            load = os.getloadavg()[0]
            with tempfile.TemporaryDirectory(prefix="fronts-scale-") as tmp:
                nb = run_notebook(st.path, size, n, Path(tmp))
                page = probe(nb.pop("page_dir"), nb["mapped"], nb["weeks"])
            runs.append({**nb, **page, "load_average_1min": load})
            print(f"{size} run {i + 1}: notebook {nb['notebook_s']:.1f} s, {page['transfer_bytes']:,} bytes, "
                  f"drawn {page['drawn_ms']:.0f} ms, longest task {page['longest_task_ms']:.0f} ms, zoom {page['zoom_ms']:.0f} ms"
                  + (f", {len(page['errors'])} error(s): {page['errors'][:3]}" if page["errors"] else ""), flush=True)
        results[size] = {
            "events": n, "mapped": runs[0]["mapped"], "weeks": runs[0]["weeks"],
            "transfer_bytes": int(median(runs, "transfer_bytes")), "html_bytes": int(median(runs, "html_bytes")),
            "drawn_ms": round(median(runs, "drawn_ms")), "map_drawn_ms": round(median(runs, "map_drawn_ms")),
            "chart_drawn_ms": round(median(runs, "chart_drawn_ms")),
            "longest_task_ms": round(median(runs, "longest_task_ms")), "blocking_ms": round(median(runs, "blocking_ms")),
            "zoom_ms": round(median(runs, "zoom_ms")), "zoom_longest_task_ms": round(median(runs, "zoom_longest_task_ms")),
            "notebook_s": round(median(runs, "notebook_s"), 2), "build_cell_s": round(median(runs, "build_cell_s"), 2),
            "load_cell_s": round(median(runs, "load_cell_s"), 2),
            "errors": sorted({e for r in runs for e in r["errors"]}),
            "runs": [{k: (round(v, 3) if isinstance(v, float) else v) for k, v in r.items()} for r in runs],
        }
    report = {"when": datetime.now(UTC).strftime("%Y-%m-%dT%H:%MZ"), "machine": machine, "runs": args.runs,
              "ucdp_file": str(st.path), "sizes": results}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "scale.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    text = markdown(report)
    (args.out / "SCALE.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


def markdown(report: dict) -> str:
    m = report["machine"]
    loads = [r["load_average_1min"] for size in report["sizes"].values() for r in size["runs"]]
    lines = [
        f"# UCDP at scale: benchmark results ({report['when']})", "",
        f"Machine: {m['cpus']} CPUs, Python {m['python']}, {m['chromium']}, {m['platform']}; "
        f"1-minute load average before each run {min(loads):.2f}–{max(loads):.2f}. "
        f"Medians of {report['runs']} runs; produced by `make bench-scale` (scripts/bench_scale.py) from "
        f"the UCDP GED Syria file. The page is `tests.support.scale.write_page`: the outline and every event placed "
        "more precisely than the whole country as one clustered map layer (shown), and weekly events and deaths "
        "over all of Syria as one chart aggregated in pandas (one row per week).", "",
        "| size | events | on the map | weeks | transfer (bytes) | of which the page's HTML | drawn (ms) | "
        "longest task while loading (ms) | total blocking time (ms) | zoom in, settled (ms) | longest task in the zoom (ms) | "
        "notebook (s) | of which building the page (s) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for size, r in report["sizes"].items():
        lines.append(f"| {size} | {r['events']:,} | {r['mapped']:,} | {r['weeks']} | {r['transfer_bytes']:,} | {r['html_bytes']:,} | "
                     f"{r['drawn_ms']:,} | {r['longest_task_ms']:,} | {r['blocking_ms']:,} | {r['zoom_ms']:,} | "
                     f"{r['zoom_longest_task_ms']:,} | {r['notebook_s']} | {r['build_cell_s']} |")
    lines += [
        "",
        "How each figure is measured (Debian's Chromium, headless, driven by Playwright; page served on 127.0.0.1):",
        "",
        "- **transfer**: the sum of the bodies of every response Chromium received from 127.0.0.1 for the page "
        "(HTML, vendored scripts, styles, images); the map's iframe is `srcdoc`, so it is inside the HTML.",
        "- **drawn**: from navigation start until both the map shows every mapped event (the numbers on the cluster "
        "icons plus the loose markers add up to the events on the map) and the chart is interactive with one bar per "
        "week and its deaths band drawn. Times are read in the page (`performance.timeOrigin + performance.now()`).",
        "- **longest task / total blocking time**: PerformanceObserver `longtask` entries (tasks over 50 ms on the "
        "main thread, the map's frame included) from navigation start until drawn; blocking time sums each task's "
        "time beyond 50 ms, the time a click or key press could have waited.",
        "- **zoom in, settled**: on the drawn map, `map.zoomIn(1)` until Leaflet.markercluster fires `animationend` "
        "plus two animation frames; this includes Leaflet's and markercluster's own animations (about 0.5 s).",
        "- **notebook**: a temporary notebook (load the file, take the rows, `tests.support.scale.write_page`, show the map "
        "and chart as outputs) executed with nbclient, kernel start included; *building the page* is that cell alone.",
        "",
        "Sizes: 1× is the 5,587 events of 2017; 2× the first 11,174 events by date_start (2016 and most of 2017); "
        "3× all 16,566 (2016–2019).",
    ]
    errors = {size: r["errors"] for size, r in report["sizes"].items() if r["errors"]}
    if errors:
        lines += ["", "Errors seen in the browser: " + json.dumps(errors, ensure_ascii=False)]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
