"""`make bench`: build time against a floor, nbval time, and per-chapter weight and drawing time.

Prints the figures and writes them to bench/results.json and bench/RESULTS.md. Each timing is the
median of --runs runs. The floor is a book with the same number of trivial notebooks, built by the
same pinned Jupyter Book in the same run.
"""
from __future__ import annotations

import argparse
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

from fronts import FRONTS, load, siteprobe  # noqa: E402

JB = str(Path(sys.executable).with_name("jupyter-book"))
ENV = {**os.environ, "FRONTS_ASSETS": "site", "PYDEVD_DISABLE_FILE_VALIDATION": "1"}


def timed(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def clean_build(book: Path) -> float:
    shutil.rmtree(book / "_build", ignore_errors=True)
    return timed([JB, "build", ".", "--builder", "html"], book)


def floor_book(n_notebooks: int, where: Path) -> Path:
    """A book with the same number of notebooks, each printing one number."""
    import nbformat

    (where / "nb").mkdir(parents=True)
    (where / "intro.md").write_text("# Floor\n", encoding="utf-8")
    chapters = []
    for i in range(n_notebooks):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(f"# Chapter {i}"), nbformat.v4.new_code_cell("1 + 1")])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, where / "nb" / f"c{i}.ipynb")
        chapters.append(f"  - file: nb/c{i}")
    (where / "_toc.yml").write_text("format: jb-book\nroot: intro\nchapters:\n" + "\n".join(chapters) + "\n", encoding="utf-8")
    (where / "_config.yml").write_text("title: floor\nexecute:\n  execute_notebooks: force\n", encoding="utf-8")
    return where


def page_figures(site: Path, page: str, events: int | None) -> dict:
    with siteprobe.serve(site) as base, siteprobe.chromium() as browser:
        context = browser.new_context()
        pg = context.new_page()
        sizes: list[int] = []
        pg.on("response", lambda r: sizes.append(len(r.body())) if r.ok else None)
        start = time.perf_counter()
        pg.goto(base + page, wait_until="load")
        drawn = None
        if events is not None:
            pg.wait_for_function("document.querySelector('.fronts-chart[data-chart=\"timeline\"][data-upgraded=\"yes\"]')", timeout=30000)
            frame = siteprobe.map_frame(pg)
            frame.wait_for_function("document.querySelectorAll('path.fronts-event, .marker-cluster').length > 0", timeout=30000)
            drawn = time.perf_counter() - start
        pg.wait_for_load_state("networkidle")
        context.close()
    return {"bytes": sum(sizes), "drawn_s": drawn}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    chapters = [f for f in FRONTS if (ROOT / "notebooks" / f"{f}.ipynb").exists()]
    n_notebooks = len(chapters)
    build = [clean_build(ROOT) for _ in range(args.runs)]
    with tempfile.TemporaryDirectory() as tmp:
        floor_dir = floor_book(n_notebooks, Path(tmp))
        floor = [clean_build(floor_dir) for _ in range(args.runs)]
    nbval = [timed([sys.executable, "-m", "pytest", "-q", "--nbval", "--nbval-sanitize-with", "tests/sanitize.cfg", "notebooks"], ROOT)
             for _ in range(args.runs)]
    site = ROOT / "_build" / "html"
    baseline = [page_figures(site, "book/intro.html", None)["bytes"] for _ in range(args.runs)]
    ds = load()
    pages = {}
    for front in chapters:
        runs = [page_figures(site, f"notebooks/{front}.html", len(ds.front(front).events)) for _ in range(args.runs)]
        weight = statistics.median(r["bytes"] for r in runs)
        pages[front] = {"events": len(ds.front(front).events), "transferred_bytes": weight,
                        "extra_bytes_over_text_page": weight - statistics.median(baseline),
                        "drawn_seconds_median": round(statistics.median(r["drawn_s"] for r in runs), 3)}
    results = {
        "when": datetime.now(UTC).strftime("%Y-%m-%dT%H:%MZ"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "runs": args.runs,
        "clean_build_seconds_median": round(statistics.median(build), 2),
        "floor_build_seconds_median": round(statistics.median(floor), 2),
        "build_over_floor": round(statistics.median(build) / statistics.median(floor), 2),
        "nbval_seconds_median": round(statistics.median(nbval), 2),
        "text_page_bytes": statistics.median(baseline),
        "chapters": pages,
    }
    out = ROOT / "bench"
    out.mkdir(exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    lines = [f"# Benchmark results ({results['when']})", "",
             f"Machine: {results['machine']['cpus']} CPUs, Python {results['machine']['python']}, {results['machine']['platform']}. "
             f"Medians of {args.runs} runs; produced by `make bench` (scripts/bench.py).", "",
             "| figure | value |", "|---|---|",
             f"| clean book build (s) | {results['clean_build_seconds_median']} |",
             f"| floor: same number of trivial notebooks (s) | {results['floor_build_seconds_median']} |",
             f"| build / floor | {results['build_over_floor']}× |",
             f"| strict nbval on the notebooks (s) | {results['nbval_seconds_median']} |",
             f"| text-only page (book/intro.html), bytes transferred | {results['text_page_bytes']:,} |", "",
             "| chapter | events | bytes transferred | extra over text page | map and chart drawn (s) |", "|---|---|---|---|---|"]
    for front, p in pages.items():
        lines.append(f"| {front} | {p['events']} | {p['transferred_bytes']:,} | {p['extra_bytes_over_text_page']:,} | {p['drawn_seconds_median']} |")
    (out / "RESULTS.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
