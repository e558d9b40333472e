"""What the offline basemap (fronts/figures/basemap.py) costs and shows, per map: the bytes it adds to the
map's iframe HTML (site mode, as the book builds it) and to the print SVG, and the town and place
labels in view at the map's first zoom in Chromium, for a map frame of each width given.

    python scripts/bench_basemap.py [--widths 760,1200] [--json bench/basemap.json]

Prints a Markdown table (the one in bench/BASEMAP.md). The chapters' UCDP and zone layers are left
out: the basemap's share does not depend on them.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fronts import FRONTS, load  # noqa: E402
from fronts.figures import assets, basemap, maps  # noqa: E402
from fronts.settings import Settings  # noqa: E402

SETTINGS = Settings(assets="site", asset_base="../vendor/")  # the book build's site pages
from tests.support.siteprobe import chromium, map_frame, serve  # noqa: E402

IN_VIEW = """() => {
  const map = window[Object.keys(window).find(k => /^map_[0-9a-f]+$/.test(k))];
  const v = map.getContainer().getBoundingClientRect();
  const names = Array.from(document.querySelectorAll('.fronts-label')).filter(e => {
    const r = e.getBoundingClientRect();
    return r.right > v.left && r.left < v.right && r.bottom > v.top && r.top < v.bottom;
  }).map(e => e.textContent);
  return {zoom: map.getZoom(), names, added: document.querySelectorAll('.fronts-label').length};
}"""


def maps_of(ds):
    for front in [*FRONTS, "overview"]:
        view = ds if front == "overview" else ds.front(front)
        kwargs = {"height": 640, "filters": True} if front == "overview" else {}
        yield front, view, kwargs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--widths", default="760,1200")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    widths = [int(w) for w in args.widths.split(",")]
    ds = load(settings=SETTINGS)
    rows = []
    with tempfile.TemporaryDirectory() as tmp, chromium() as browser:
        site = Path(tmp)
        (site / "notebooks").mkdir()
        assets.copy_vendor(site, SETTINGS)
        with serve(site) as base:
            for front, view, kwargs in maps_of(ds):
                with_bm = maps.build_map(view, seed=front, title="t", **kwargs)
                with mock.patch.object(basemap, "add_to_map", lambda fmap, ds: None):
                    without = maps.build_map(view, seed=front, title="t", **kwargs)
                html_with, html_without = with_bm.markup.encode(), without.markup.encode()
                row = {"map": front, "events": len(view.events),
                       "labels": len(basemap.labels(basemap.load_basemap(view.data_dir / "basemap"), view.places, view.events)),
                       "html_before": len(html_without), "html_added": len(html_with) - len(html_without),
                       "html_added_gzip": len(gzip.compress(html_with, 9, mtime=0)) - len(gzip.compress(html_without, 9, mtime=0)),
                       "svg_before": len(without.print_svg.encode()),
                       "svg_added": len(with_bm.print_svg.encode()) - len(without.print_svg.encode()),
                       "first_zoom": {}}
                (site / "notebooks" / f"{front}.html").write_text(
                    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>x</title></head>'
                    f'<body style="margin:0">{with_bm.markup}</body></html>', encoding="utf-8")
                for width in widths:
                    page = browser.new_page(viewport={"width": width, "height": 900})
                    page.goto(base + f"notebooks/{front}.html", wait_until="load")
                    frame = map_frame(page)
                    frame.wait_for_function("document.querySelectorAll('.fronts-label').length > 0")
                    frame.wait_for_timeout(1000)  # the first fitBounds may animate: labels follow its zoomend
                    row["first_zoom"][width] = frame.evaluate(IN_VIEW)
                    page.close()
                rows.append(row)
    print("| map | events | labels made | iframe HTML before | added by the basemap | added, gzip | print SVG before | added | "
          + " | ".join(f"first zoom, labels in view ({w} px)" for w in widths) + " |")
    print("|---" * (8 + len(widths)) + "|")
    for r in rows:
        print(f"| {r['map']} | {r['events']} | {r['labels']} | {r['html_before']:,} B | {r['html_added']:,} B | "
              f"{r['html_added_gzip']:,} B | {r['svg_before']:,} B | {r['svg_added']:,} B | "
              + " | ".join(f"{r['first_zoom'][w]['zoom']}: {len(r['first_zoom'][w]['names'])}" for w in widths) + " |")
    for r in rows:
        w = widths[0]
        print(f"\n{r['map']}, zoom {r['first_zoom'][w]['zoom']} at {w} px: {', '.join(r['first_zoom'][w]['names'])}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
