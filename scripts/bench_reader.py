"""What a reader meets, per chapter of the built site (issue 18): where the map starts at 1280×900,
the bytes the event table's filter adds, and what a first visit transfers and how long it takes
to draw (scripts/bench.py's measure: headless Chromium on 127.0.0.1, nothing cached, median of 3).
The basemap's bytes and labels are scripts/bench_basemap.py's (bench/BASEMAP.md).

Run after `make book` (or `make test`) with the machine otherwise idle:
    .venv/bin/python scripts/bench_reader.py   → bench/READER.md and bench/reader.json
"""
from __future__ import annotations

import gzip
import json
import re
import statistics
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import bench  # noqa: E402
from fronts import FRONTS, load  # noqa: E402
from fronts.figures import tables  # noqa: E402
from fronts.settings import Settings  # noqa: E402
from tests.support import siteprobe  # noqa: E402

SITE = ROOT / "_build" / "html"
MAP_TOP = "document.querySelector('iframe.fronts-map-frame').getBoundingClientRect().top + window.scrollY"


def filter_bytes(ds) -> tuple[int, int]:
    """The event table with and without its filter (the form and the rows' data attributes)."""
    markup = tables.event_table(ds, "x").markup
    plain = re.sub(r'<form class="fronts-filter".*?</form>', "", markup, flags=re.S)
    plain = re.sub(r' data-bloc="[^"]*" data-type="[^"]*" data-start="[^"]*" data-end="[^"]*"', "", plain)
    return (len(markup) - len(plain),
            len(gzip.compress(markup.encode(), 9, mtime=0)) - len(gzip.compress(plain.encode(), 9, mtime=0)))


def main() -> None:
    ds = load(settings=Settings(assets="site"))
    load_avg = bench.settle(1.0, 180)
    rows = []
    with siteprobe.serve(SITE) as base, siteprobe.chromium() as browser:
        tops = {}
        for front in [*FRONTS, "overview"]:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.goto(base + f"notebooks/{front}.html", wait_until="load")
            tops[front] = round(page.evaluate(MAP_TOP))
            context.close()
    for front in [*FRONTS, "overview"]:
        view = ds if front == "overview" else ds.front(front)
        runs = [bench.page_figures(SITE, f"notebooks/{front}.html", len(view.events)) for _ in range(3)]
        added, added_gz = filter_bytes(view) if front != "overview" else (0, 0)
        rows.append({"page": front, "events": len(view.events), "map_top_px": tops[front],
                     "map_top_screens": round(tops[front] / 900, 2), "filter_bytes": added, "filter_gzip_bytes": added_gz,
                     "bytes": runs[0]["bytes"], "gzip_bytes": runs[0]["gzip_bytes"],
                     "drawn_s": round(statistics.median(r["drawn_s"] for r in runs), 2)})
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%MZ")
    (ROOT / "bench" / "reader.json").write_text(json.dumps({"commit": commit, "when": when, "load": load_avg, "pages": rows},
                                                           indent=1) + "\n", encoding="utf-8")
    lines = [f"# What a reader meets, per chapter ({when}, commit {commit}, load {load_avg})", "",
             "Written by `scripts/bench_reader.py` on the built site. **Map starts**: the map frame's top at "
             "1280×900 (goal: within two screens, 1,800 px). **Filter adds**: the event table's filter controls "
             "and its rows' data attributes (fronts.js grew 2.2 kB for them, fronts.css 1.8 kB). **First visit**: "
             "every response until the network is idle, uncompressed and gzip-6, and the seconds until the "
             "charts' static SVGs and the map's events are drawn (median of 3); Vega is not fetched until a "
             "reader reaches a chart. The basemap's bytes and labels: bench/BASEMAP.md.", "",
             "| page | events | map starts (px) | screens | filter adds (bytes) | gzip | first visit (bytes) | gzip | drawn (s) |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['page']} | {r['events']} | {r['map_top_px']:,} | {r['map_top_screens']} | {r['filter_bytes']:,} | "
                     f"{r['filter_gzip_bytes']:,} | {r['bytes']:,} | {r['gzip_bytes']:,} | {r['drawn_s']} |")
    (ROOT / "bench" / "READER.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
