"""One standalone page holding any number of UCDP GED events: the scale test of issue 9, part 5.

:func:`write_page` writes ``OUT_DIR/index.html`` and copies the site's vendored scripts and styles to
``OUT_DIR/vendor/`` beside it (site-mode assets, so the page needs nothing else and nothing online).
The page holds

- a map: the country outlines and every event placed more precisely than the whole country
  (``where_prec`` 1–5) as one clustered layer (:func:`fronts.ucdp.figures.compact_ucdp_layer`),
  shown by default here so that a benchmark sees it drawn;
- a chart of events and deaths per week over all of Syria for the span of the events
  (:func:`fronts.ucdp.figures.period_frame`): aggregated in pandas first, so the chart's
  Vega-Lite spec holds one row per week whatever the number of events.

``scripts/bench_scale.py`` times it at 1×, 2× and 3× the 5,587 events of 2017.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import folium
import pandas as pd

from fronts.figures import assets
from fronts.figures.export import write_files
from fronts.figures.maps import MAX_ZOOM, outline_layer
from fronts.figures.render import Html, map_html
from fronts.settings import Settings
from fronts.text import day
from fronts.ucdp.figures import attribution, compact_ucdp_layer, period_chart_html, period_frame

MAP_NAME = "ucdp-scale"
CHART_NAME = "ucdp-period"
VENDOR_BASE = "vendor/"
# The page is a site page with its vendor/ folder beside it.
# The page's own folders beside it: vendor/ for the scripts, figures/ and layers/ for the files its
# figures carry (the chart's Vega spec, fetched when a reader reaches the chart).
SETTINGS = Settings(assets="site", asset_base=VENDOR_BASE, figure_base="figures/", layer_base="layers/")


@dataclass(frozen=True)
class ScalePage:
    """What :func:`write_page` wrote and what a reader should see drawn on it."""

    path: Path
    events: int          # rows given
    mapped: int          # rows on the map (where_prec 1–5)
    weeks: int           # rows in the chart's data (= bars drawn)
    map_html: Html
    chart_html: Html


def scale_map(ucdp: pd.DataFrame, title: str, show: bool = True, height: int = 600) -> tuple[Html, int]:
    """The outline layer plus all events as one clustered layer; returns the map and how many events it holds."""
    mapped = ucdp[ucdp["where_prec"] <= 5]
    if mapped.empty:
        raise ValueError("no UCDP events placed precisely enough to map (where_prec 1-5)")
    fmap = folium.Map(location=[float(mapped["latitude"].mean()), float(mapped["longitude"].mean())],
                      zoom_start=7, tiles=None, control_scale=True, maxZoom=MAX_ZOOM)
    outline_layer(SETTINGS.data_dir / "outline.geojson").add_to(fmap)
    compact_ucdp_layer(mapped, show=show).add_to(fmap)
    folium.LayerControl(collapsed=False, position="topright").add_to(fmap)
    pad = 0.2
    fmap.fit_bounds([[float(mapped["latitude"].min()) - pad, float(mapped["longitude"].min()) - pad],
                     [float(mapped["latitude"].max()) + pad, float(mapped["longitude"].max()) + pad]])
    return map_html(fmap, title, f"{MAP_NAME}-{len(ucdp)}", SETTINGS, height=height), len(mapped)


def page_html(ucdp: pd.DataFrame, *, show: bool = True, first=None, last=None) -> tuple[str, ScalePage]:
    """The page's HTML (assets under ``vendor/`` beside it) and what it holds; see the module docstring."""
    n = len(ucdp)
    frame = period_frame(ucdp, first, last)
    title = f"UCDP GED Syria: {n:,} events, {day(ucdp['date_start'].min())} – {day(ucdp['date_end'].max())}"
    fig_map, mapped = scale_map(ucdp, title, show=show)
    fig_chart = period_chart_html(frame, SETTINGS, "Syria", name=CHART_NAME)
    css = f'<link rel="stylesheet" href="{assets.asset_url("fronts/fronts.css", SETTINGS)}"/>'
    doc = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">'
        f"<title>{html.escape(title)}</title>{css}</head>\n"
        '<body><main style="max-width:900px;margin:0 auto;padding:0 1em;font-family:sans-serif">'
        f"<h1>{html.escape(title)}</h1>"
        f"<p>{mapped:,} of the {n:,} events are on the map (the others are placed only to the whole country); "
        f"the chart counts all {n:,}, week by week.</p>\n"
        f"{fig_map.markup}\n{fig_chart.markup}\n{attribution('html')}\n</main></body></html>\n"
    )
    return doc, ScalePage(Path("index.html"), n, mapped, len(frame), fig_map, fig_chart)


def write_page(ucdp: pd.DataFrame, out_dir: Path | str, *, show: bool = True, first=None, last=None) -> ScalePage:
    """Write ``out_dir/index.html`` for these events and copy the vendored assets to ``out_dir/vendor/``."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    doc, page = page_html(ucdp, show=show, first=first, last=last)
    path = out_dir / "index.html"
    path.write_text(doc, encoding="utf-8")
    assets.copy_vendor(out_dir, SETTINGS)
    write_files({**page.map_html.files, **page.chart_html.files}, out_dir)
    return ScalePage(path, page.events, page.mapped, page.weeks, page.map_html, page.chart_html)
