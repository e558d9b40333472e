"""`make bench`: build time against a floor (and where the time goes), test times, and per-chapter
weight and drawing time; what the trims save.

Prints the figures and writes them to bench/results.json and bench/RESULTS.md (included in the
book's "Build and performance" page). Each timing is the median of --runs runs (``make test`` of
--test-runs runs: one run is about ten minutes). The floor is a book with the same number of
trivial notebooks, built by the same pinned Jupyter Book with the same command and flags, in the
same run.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fronts import FRONTS, load  # noqa: E402
from fronts.site import icons  # noqa: E402
from fronts.site.theme import SEARCH_PAGE_ONLY  # noqa: E402
from fronts.site.timings import TIMINGS  # noqa: E402
from tests.support import siteprobe  # noqa: E402

JB = str(Path(sys.executable).with_name("jupyter-book"))
# The book build runs in site mode (figures use the site's own scripts); nbval and `make test` see the
# reader's default, self-contained mode, in which the notebooks' stored outputs were made.
READER_ENV = {k: v for k, v in os.environ.items() if k != "FRONTS_ASSETS"} | {"PYDEVD_DISABLE_FILE_VALIDATION": "1"}
ENV = READER_ENV | {"FRONTS_ASSETS": "site"}
# The command `make book` runs (Makefile), used for the book and the floor alike.
BUILD = [JB, "build", ".", "--builder", "html", "-W", "-n", "--keep-going"]


def timed(cmd: list[str], cwd: Path, env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=ENV if env is None else env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def clean_build(book: Path) -> tuple[float, dict | None]:
    shutil.rmtree(book / "_build", ignore_errors=True)
    seconds = timed(BUILD, book)
    phases = book / "_build" / TIMINGS
    return seconds, json.loads(phases.read_text(encoding="utf-8")) if phases.exists() else None


FLOOR_CODE = {
    "trivial": "1 + 1",
    # The stack floor: what any notebook of this stack pays before its own work.
    "stack": "import pandas, altair, folium\n1 + 1",
}


def floor_book(n_notebooks: int, where: Path, kind: str = "trivial") -> Path:
    """A book with the same number of notebooks, each running ``FLOOR_CODE[kind]``, built by the same
    pipeline as the book: the same command, and the same parallel execution into a keyed cache."""
    import nbformat

    (where / "nb").mkdir(parents=True)
    (where / "intro.md").write_text("# Floor\n", encoding="utf-8")
    chapters = []
    for i in range(n_notebooks):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(f"# Chapter {i}\n\nSome prose."),
                                             nbformat.v4.new_code_cell(FLOOR_CODE[kind])])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, where / "nb" / f"c{i}.ipynb")
        chapters.append(f"  - file: nb/c{i}")
    (where / "_toc.yml").write_text("format: jb-book\nroot: intro\nchapters:\n" + "\n".join(chapters) + "\n", encoding="utf-8")
    (where / "_config.yml").write_text("title: floor\nexecute:\n  execute_notebooks: cache\n"
                                       "sphinx:\n  extra_extensions:\n    - fronts.site.execute\n", encoding="utf-8")
    return where


def prose_rebuild(book: Path, notebook: Path) -> float:
    """After a build: add a sentence to the first Markdown cell of ``notebook``, rebuild, put it back."""
    import nbformat

    original = notebook.read_bytes()
    nb = nbformat.read(notebook, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "markdown")
    cell.source += "\n\nA sentence added by the bench."
    nbformat.write(nb, notebook)
    try:
        return timed(BUILD, book)
    finally:
        notebook.write_bytes(original)


def kernel_start_seconds() -> float:
    """Start a python3 kernel, wait until it answers, shut it down: what every notebook pays first."""
    from jupyter_client.manager import start_new_kernel

    start = time.perf_counter()
    km, kc = start_new_kernel(kernel_name="python3")
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    return time.perf_counter() - start


def import_seconds() -> float:
    """A fresh interpreter importing what a chapter's first cell imports."""
    code = ("import fronts; from fronts.analysis import progress, summary; "
            "from fronts.figures import charts, maps, tables, timelines; from fronts.ucdp import context")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT / "notebooks", env=ENV, check=True)
    return time.perf_counter() - start


def page_figures(site: Path, page: str, events: int | None) -> dict:
    with siteprobe.serve(site) as base, siteprobe.chromium() as browser:
        context = browser.new_context()
        pg = context.new_page()
        sizes: list[tuple[int, int]] = []

        def took(r) -> None:
            if r.ok:
                body = r.body()
                sizes.append((len(body), len(gzip.compress(body, 6, mtime=0))))
        pg.on("response", took)
        start = time.perf_counter()
        pg.goto(base + page, wait_until="load")
        drawn = None
        if events is not None:
            # A first visit draws each chart's static SVG; Vega comes only when a reader reaches a chart.
            pg.wait_for_function("[...document.querySelectorAll('.fronts-chart')].every(b => b.querySelector('svg'))", timeout=30000)
            frame = siteprobe.map_frame(pg)
            frame.wait_for_function("document.querySelectorAll('path.fronts-event, .marker-cluster').length > 0", timeout=30000)
            drawn = time.perf_counter() - start
        pg.wait_for_load_state("networkidle")
        context.close()
    return {"bytes": sum(s for s, _ in sizes), "gzip_bytes": sum(g for _, g in sizes), "drawn_s": drawn}


def settle(limit: float = 1.0, wait_s: int = 180) -> float:
    """Wait (up to ``wait_s``) for the 1-minute load average to fall below ``limit``; return it.

    The page timings come right after builds and `make test`; a browser measured while the machine
    is still busy reports the machine, not the page. The load is written next to the figures.
    """
    end = time.monotonic() + wait_s
    while os.getloadavg()[0] >= limit and time.monotonic() < end:
        time.sleep(5)
    return round(os.getloadavg()[0], 2)


def trims(site: Path) -> list[dict]:
    """What each trim saves, measured now from the packages and the built site."""
    import sphinx_design
    import vl_convert

    theme_static = icons.theme_static()
    theme_fa = theme_static / "scripts/fontawesome.js"
    vega_all = len(("(function(){\n" + vl_convert.javascript_bundle() + "\n})();\n").encode("utf-8"))
    layers = sorted((site / "layers").glob("*.json"))
    solid = f"{icons.FONTS}/fa-solid-900.woff2"
    css = icons.STYLESHEET
    design = Path(sphinx_design.__file__).parent / "static" / "sphinx-design.min.css"
    specs = sorted((site / "figures").glob("chart-*-vega.json"))
    out = [
        {"what": "Font Awesome script cut to the icons the pages use (every page)",
         "before": theme_fa.stat().st_size, "after": (site / "_static/scripts/fontawesome.js").stat().st_size},
        {"what": "Font Awesome solid font cut to the glyphs the pages can show (every page)",
         "before": (theme_static / solid).stat().st_size, "after": (site / "_static" / solid).stat().st_size},
        {"what": "Theme stylesheet without the rules of unused icons (every page)",
         "before": (theme_static / css).stat().st_size, "after": (site / "_static" / css).stat().st_size},
        {"what": "sphinx-design stylesheet, loaded only by a page that uses it (no page does)",
         "before": design.stat().st_size if design.exists() else 0, "after": 0},
        {"what": f"Vega specs of the {len(specs)} charts, fetched with Vega when a reader reaches a chart (their chapters)",
         "before": sum(p.stat().st_size for p in specs), "after": 0},
        {"what": "Vega alone, charts compiled to Vega in the notebook (every chapter)",
         "before": vega_all, "after": (site / "vendor/vega/vega.min.js").stat().st_size},
    ]
    out.append({"what": "Search index and scripts loaded only by the search page (every other page)",
                "before": sum((site / f).stat().st_size for f in SEARCH_PAGE_ONLY), "after": 0})
    for layer in layers:
        out.append({"what": f"UCDP map layer of {layer.stem[5:]} fetched only when ticked (its chapter)",
                    "before": layer.stat().st_size, "after": 0})
    return out


def median_phases(phases: list[dict]) -> dict:
    keys = [k for k in phases[0] if k not in ("notebook_execution_s", "notebook_execution_total_s")]
    out = {k: round(statistics.median(p[k] for p in phases), 2) for k in keys}
    names = phases[0]["notebook_execution_s"]
    out["notebook_execution_s"] = {n: round(statistics.median(p["notebook_execution_s"][n] for p in phases), 2) for n in names}
    # The median of each run's total (a sum of per-notebook medians can exceed the median read time).
    out["notebook_execution_total_s"] = round(statistics.median(sum(p["notebook_execution_s"].values()) for p in phases), 2)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--test-runs", type=int, default=1, help="runs of `make test` (about ten minutes each)")
    args = parser.parse_args()
    chapters = [f for f in FRONTS if (ROOT / "notebooks" / f"{f}.ipynb").exists()]
    n_notebooks = len(list((ROOT / "notebooks").glob("*.ipynb")))
    builds, rebuilds = [], []
    for _ in range(args.runs):
        builds.append(clean_build(ROOT))
        rebuilds.append(prose_rebuild(ROOT, ROOT / "notebooks" / "raqqa.ipynb"))
    timed(BUILD, ROOT)  # the notebook is back as it was: leave the site built from it
    build = [b[0] for b in builds]
    phases = median_phases([b[1] for b in builds])
    floors = {}
    for kind in FLOOR_CODE:
        with tempfile.TemporaryDirectory() as tmp:
            floor_dir = floor_book(n_notebooks, Path(tmp), kind)
            clean, again = [], []
            for _ in range(args.runs):
                clean.append(clean_build(floor_dir)[0])
                again.append(prose_rebuild(floor_dir, floor_dir / "nb" / "c0.ipynb"))
            floors[kind] = {"clean": statistics.median(clean), "rebuild": statistics.median(again)}
    kernel = statistics.median(kernel_start_seconds() for _ in range(args.runs))
    imports = statistics.median(import_seconds() for _ in range(args.runs))
    # The notebooks alone, with the same conftest rules as `make test` (tests/conftest.py is not
    # picked up for a path outside tests/, so it is loaded as a plugin).
    nbval = [timed([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "tests.conftest", "--nbval",
                    "--nbval-sanitize-with", "tests/sanitize.cfg", "notebooks"], ROOT, READER_ENV) for _ in range(args.runs)]
    make_test = [timed(["make", "test"], ROOT, READER_ENV) for _ in range(args.test_runs)]
    site = ROOT / "_build" / "html"   # make test leaves a fresh build here
    load_before_pages = settle()
    baseline = [page_figures(site, "book/intro.html", None) for _ in range(args.runs)]
    base_bytes = statistics.median(b["bytes"] for b in baseline)
    ds = load()
    pages = {}
    for front in chapters:
        runs = [page_figures(site, f"notebooks/{front}.html", len(ds.front(front).events)) for _ in range(args.runs)]
        weight = statistics.median(r["bytes"] for r in runs)
        pages[front] = {"events": len(ds.front(front).events), "transferred_bytes": weight,
                        "gzip_bytes": statistics.median(r["gzip_bytes"] for r in runs),
                        "extra_bytes_over_text_page": weight - base_bytes,
                        "drawn_seconds_median": round(statistics.median(r["drawn_s"] for r in runs), 3)}
    executed = phases["notebook_execution_total_s"]
    results = {
        "when": datetime.now(UTC).strftime("%Y-%m-%dT%H:%MZ"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "runs": args.runs, "test_runs": args.test_runs,
        "clean_build_seconds_median": round(statistics.median(build), 2),
        "prose_rebuild_seconds_median": round(statistics.median(rebuilds), 2),
        "floor_build_seconds_median": round(floors["trivial"]["clean"], 2),
        "floor_rebuild_seconds_median": round(floors["trivial"]["rebuild"], 2),
        "stack_floor_build_seconds_median": round(floors["stack"]["clean"], 2),
        "stack_floor_rebuild_seconds_median": round(floors["stack"]["rebuild"], 2),
        "build_over_floor": round(statistics.median(build) / floors["trivial"]["clean"], 2),
        "build_over_stack_floor": round(statistics.median(build) / floors["stack"]["clean"], 2),
        "rebuild_over_floor_rebuild": round(statistics.median(rebuilds) / floors["trivial"]["rebuild"], 2),
        "build_phases": phases,
        "notebooks": n_notebooks,
        "kernel_start_seconds_median": round(kernel, 2),
        "fronts_import_seconds_median": round(imports, 2),
        "nbval_seconds_median": round(statistics.median(nbval), 2),
        "make_test_seconds_median": round(statistics.median(make_test), 1),
        "text_page_bytes": base_bytes,
        "text_page_gzip_bytes": statistics.median(b["gzip_bytes"] for b in baseline),
        "load_average_before_pages": load_before_pages,
        "chromium": siteprobe.chromium_version(),
        "chapters": pages,
        "trims": trims(site),
    }
    out = ROOT / "bench"
    out.mkdir(exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    total = results["clean_build_seconds_median"]
    rest = total - phases["generate_s"] - phases["parallel_execution_s"] - phases["read_s"] - phases["write_s"] - phases["finish_s"]
    r = results
    lines = [f"# Benchmark results ({r['when']})", "",
             f"Machine: {r['machine']['cpus']} CPUs, Python {r['machine']['python']}, {r['machine']['platform']}. "
             f"Medians of {args.runs} runs (`make test`: {args.test_runs} run{'s' if args.test_runs > 1 else ''}); "
             "produced by `make bench` (scripts/bench.py). Every build is the command `make book` runs, with the "
             "same pipeline for the book and the floors (notebooks executed in parallel into a keyed cache, "
             "`fronts.site.execute`); a clean build starts with no `_build/`.", "",
             "| figure | value | goal |", "|---|---|---|",
             f"| clean book build (s) | {total} | |",
             f"| floor: {n_notebooks} trivial notebooks (s) | {r['floor_build_seconds_median']} | |",
             f"| stack floor: {n_notebooks} notebooks importing pandas, altair and folium (s) | {r['stack_floor_build_seconds_median']} | |",
             f"| build / floor | {r['build_over_floor']}× | ≤ 1.5× |",
             f"| build / stack floor | {r['build_over_stack_floor']}× | |",
             f"| rebuild after a prose-only edit of one notebook (s) | {r['prose_rebuild_seconds_median']} | |",
             f"| the floor's rebuild after the same edit (s) | {r['floor_rebuild_seconds_median']} "
             f"(stack floor: {r['stack_floor_rebuild_seconds_median']}) | |",
             f"| rebuild / floor's rebuild | {r['rebuild_over_floor_rebuild']}× | ≤ 1.5× |",
             f"| `make test` (s) | {r['make_test_seconds_median']} | ≤ 240 |",
             f"| strict nbval on the notebooks alone (s) | {r['nbval_seconds_median']} | |",
             f"| text-only page (book/intro.html), bytes transferred | {base_bytes:,} (gzip: {r['text_page_gzip_bytes']:,}) | |", "",
             "## Where a clean build's time goes", "",
             "| phase | seconds |", "|---|---|",
             f"| start-up: Python, Sphinx and extensions, before the first page is read | {rest:.1f} |",
             f"| generated pages and data downloads (`fronts.site.generate`) | {phases['generate_s']} |",
             f"| executing the {n_notebooks} notebooks in parallel, {r['machine']['cpus']} at a time (`fronts.site.execute`) "
             f"| {phases['parallel_execution_s']} (the notebooks' own times add up to {executed:.1f}) |",
             f"| reading the pages (the executed notebooks from the cache) | {phases['read_s']} |",
             f"| writing the HTML | {phases['write_s']} |",
             f"| when finished: vendored scripts, figure PNGs, Font Awesome script and font cuts | {phases['finish_s']} "
             f"({phases['copy_vendor_s']} + {phases['render_pngs_s']} + {phases['subset_fontawesome_s']} + {phases['subset_fonts_s']}) |", "",
             f"Every notebook first pays a kernel start-up ({results['kernel_start_seconds_median']} s, measured alone) and the "
             f"import of pandas, altair, folium and `fronts` ({results['fronts_import_seconds_median']} s in a fresh interpreter): "
             f"{n_notebooks} × {results['kernel_start_seconds_median'] + results['fronts_import_seconds_median']:.1f} s "
             "before any of the book's own work. The floor's notebooks pay only the start-up.", "",
             "| notebook | executed in (s) |", "|---|---|"]
    lines += [f"| {name} | {sec} |" for name, sec in phases["notebook_execution_s"].items()]
    lines += ["", "## Chapters in headless Chromium on 127.0.0.1", "",
              f"{results['chromium']}; 1-minute load average {load_before_pages} when the page runs began "
              "(the bench waits up to 3 minutes for it to fall below 1.0 after the builds and tests). "
              "Each run is a fresh browser: a first visit, nothing cached.", "",
              "| chapter | events | bytes transferred | gzip | extra over text page | map and chart drawn (s) |", "|---|---|---|---|---|---|"]
    for front, p in pages.items():
        lines.append(f"| {front} | {p['events']} | {p['transferred_bytes']:,} | {p['gzip_bytes']:,} | "
                     f"{p['extra_bytes_over_text_page']:,} | {p['drawn_seconds_median']} |")
    lines += ["", "Goals: every chapter drawn within 1.0 s and at most 1.6 MB transferred (bytes as served, "
              "uncompressed; the gzip column is what a compressing server would send).", "",
              "## What the trims save", "", "| trim | before (bytes) | after (bytes) |", "|---|---|---|"]
    lines += [f"| {t['what']} | {t['before']:,} | {t['after']:,} |" for t in results["trims"]]
    (out / "RESULTS.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
