"""The scale page (tests.support.scale, issue 9 part 5) on synthetic frames of up to 20,000 events built from
the committed UCDP fixture: what must stay small stays small, and the compact map layer carries each
event faithfully and escaped. Sizes only, no timings (scripts/bench_scale.py times the real file)."""
from __future__ import annotations

import json
import os
import re

import numpy as np
import pandas as pd
import pytest

from fronts.settings import Settings
from fronts.text import esc
from fronts.ucdp.figures import COMPACT_STRIDE, compact_rows, compact_ucdp_layer, period_chart, period_frame
from fronts.ucdp.ged import load_ucdp
from tests.support import scale
from tests.support.siteprobe import srcdocs

from .test_ucdp import FIXTURE

FIRST, LAST = pd.Timestamp("2016-01-01"), pd.Timestamp("2019-11-30")
WEEKS = len(pd.date_range(FIRST - pd.Timedelta(days=FIRST.weekday()), LAST, freq="W-MON"))
# Stated bound: with places, dyads and headlines repeating (as in UCDP's file: ~2,000 places and 12,000
# headlines for 16,566 events), each further event adds at most this many bytes to the map's HTML.
BYTES_PER_EVENT = 48


def synthetic(n: int, seed: int = 9, distinct_text: bool = False) -> pd.DataFrame:
    """``n`` events: the fixture's rows repeated, with new ids and dates spread over 2016-01-01..2019-11-30
    (each event's own span kept, inside the window); with ``distinct_text`` every event also gets its own
    headline and its own point (no two events share a place)."""
    base = load_ucdp(FIXTURE)
    rng = np.random.default_rng(seed)
    df = base.iloc[np.arange(n) % len(base)].reset_index(drop=True)
    df["id"] = np.arange(1, n + 1, dtype="int64")
    total = (LAST - FIRST).days + 1
    offset = rng.integers(0, total - df["span_days"].to_numpy())
    df["date_start"] = FIRST + pd.to_timedelta(offset, unit="D")
    df["date_end"] = df["date_start"] + pd.to_timedelta(df["span_days"], unit="D")
    df["year"] = df["date_start"].dt.year
    if distinct_text:
        df["source_headline"] = [f"{h} (copy {i})" for i, h in enumerate(df["source_headline"])]
        df["latitude"] = (df["latitude"] + rng.uniform(-0.05, 0.05, n)).round(6)
        df["longitude"] = (df["longitude"] + rng.uniform(-0.05, 0.05, n)).round(6)
    return df.sort_values(["date_start", "id"], kind="stable").reset_index(drop=True)


@pytest.fixture(scope="module")
def pages():
    """The scale page's HTML for 2,000 and 20,000 synthetic events over the same weeks."""
    out = {}
    for n in (2000, 20000):
        doc, page = scale.page_html(synthetic(n), first=FIRST, last=LAST)
        out[n] = (doc, page)
    return out


def test_chart_is_aggregated_and_does_not_grow_with_events(pages):
    spec_sizes = {}
    for n, (_, page) in pages.items():
        spec = page.chart_html.spec
        (rows,) = spec["datasets"].values()
        assert len(rows) == page.weeks == WEEKS                 # one row per week, never one per event
        assert sum(r["events"] for r in rows) == pytest.approx(n, abs=0.05 * WEEKS + 1)
        assert "id" not in rows[0] and set(rows[0]) == {"week", "events", "low", "best", "high"}
        spec_sizes[n] = len(json.dumps(spec))
    assert spec_sizes[20000] <= spec_sizes[2000] * 1.1          # only the numbers' digits may grow
    assert spec_sizes[20000] < 40_000
    assert len(pages[20000][1].chart_html.markup) <= len(pages[2000][1].chart_html.markup) * 1.1


def test_map_grows_linearly_within_the_stated_bound(pages):
    small, large = (len(pages[n][1].map_html.markup) for n in (2000, 20000))
    mapped_small, mapped_large = pages[2000][1].mapped, pages[20000][1].mapped
    assert mapped_large > 9 * mapped_small
    assert (large - small) / (mapped_large - mapped_small) <= BYTES_PER_EVENT
    # The whole page: the map plus a chart of fixed size.
    doc_small, doc_large = (len(pages[n][0]) for n in (2000, 20000))
    assert doc_large - doc_small <= BYTES_PER_EVENT * (mapped_large - mapped_small) + 0.1 * doc_small


def test_compact_layer_is_never_larger_than_the_per_event_layer():
    """With nothing repeated (every event its own place and headline) the compact layer still costs no
    more per event than ucdp_layer's arrays."""
    import folium

    from fronts.figures.render import map_html
    from fronts.ucdp.figures import ucdp_layer

    def size(make, rows) -> int:
        fmap = folium.Map(location=[35, 38], zoom_start=7, tiles=None, maxZoom=18)
        make(rows).add_to(fmap)
        return len(map_html(fmap, "t", "scale-test", Settings()).markup)

    small, large = synthetic(500, distinct_text=True), synthetic(5000, distinct_text=True)
    added = (large["where_prec"] <= 5).sum() - (small["where_prec"] <= 5).sum()
    compact = (size(compact_ucdp_layer, large) - size(compact_ucdp_layer, small)) / added
    per_event = (size(ucdp_layer, large) - size(ucdp_layer, small)) / added
    assert compact < per_event


def test_compact_rows_carry_every_event_escaped():
    df = synthetic(300)
    df.loc[5, "source_headline"] = "Hostile <script>alert(1)</script> `x` ${y} {{ z }}"
    df.loc[7, "dyad_name"] = "A & B </script>"
    tables, flat = compact_rows(df)
    assert len(flat) == COMPACT_STRIDE * len(df)
    for i, r in enumerate(df.itertuples(index=False)):
        place, rid, first, span, date_prec, dyad, tov, best, low, high, headline = flat[i * COMPACT_STRIDE:(i + 1) * COMPACT_STRIDE]
        lat, lon, where_prec, name, adm = tables["places"][place]
        assert (rid, span, date_prec, tov, best, low, high) == (r.id, r.span_days, r.date_prec, r.type_of_violence, r.best, r.low, r.high)
        assert pd.Timestamp(tables["base"] + first, unit="D") == r.date_start
        assert (lat, lon, where_prec, name) == (r.latitude, r.longitude, r.where_prec, esc(r.where_coordinates))
        assert adm == esc(", ".join(v for v in (r.adm_2, r.adm_1) if v))
        assert tables["dyads"][dyad] == esc(r.dyad_name) and tables["headlines"][headline] == esc(r.source_headline)
    assert len(tables["headlines"]) == df["source_headline"].nunique()   # each text once
    doc = srcdocs(scale.page_html(df)[1].map_html.markup)[0]
    assert "<script>alert(1)" not in doc and "{{ z }}" not in doc and "${y}" not in doc and "B </script>" not in doc


def test_layer_is_off_by_default_and_clusters_once_shown():
    df = synthetic(200)
    off = compact_ucdp_layer(df)
    assert off.show is False and f"UCDP GED events ({(df['where_prec'] <= 5).sum()})" in off.layer_name
    (cluster,) = off._children.values()
    assert cluster.options["chunkedLoading"] is True and cluster.n_events == (df["where_prec"] <= 5).sum()
    assert compact_ucdp_layer(df, show=True).show is True


def test_write_page_is_standalone_with_its_vendor_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("FRONTS_ASSETS", raising=False)
    df = synthetic(1000)
    page = scale.write_page(df, tmp_path / "out")
    assert "FRONTS_ASSETS" not in os.environ                    # site mode only while writing
    assert page.path == tmp_path / "out" / "index.html" and page.events == 1000
    assert page.mapped == (df["where_prec"] <= 5).sum() and page.weeks == len(period_frame(df))
    text = page.path.read_text(encoding="utf-8")
    inner = srcdocs(text)[0]
    refs = re.findall(r'(?:src|href)="([^"#]+)"', text) + re.findall(r'(?:src|href)="([^"#]+)"', inner)
    local = [r for r in refs if not r.startswith(("https://ucdp.uu.se", "https://creativecommons.org", "data:"))]
    refs += re.findall(r'data-spec-src="([^"]+)"', text)
    local = [r for r in refs if not r.startswith(("https://ucdp.uu.se", "https://creativecommons.org", "data:"))]
    assert local and all(r.startswith(("vendor/", "figures/")) for r in local), local
    assert any(r.startswith("figures/") and r.endswith("-vega.json") for r in local), local
    assert all((tmp_path / "out" / r).is_file() for r in local)
    assert "../vendor" not in text and not re.search(r'<script[^>]*src="(?:https?:)?//', text + inner)


def test_period_chart_keeps_the_weekly_charts_marks():
    spec = period_chart(period_frame(synthetic(400), FIRST, LAST)).to_dict()
    deaths, events = spec["vconcat"]
    assert [layer["mark"]["type"] for layer in deaths["layer"]] == ["area", "line"]
    assert deaths["layer"][0]["encoding"]["y2"]["field"] == "high" and events["mark"]["type"] == "bar"
    assert events["name"] == "ucdp_period_events"   # scripts/bench_scale.py counts these bars
