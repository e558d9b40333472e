"""UCDP GED figures: a weekly chart for a front's area, a toggleable map layer, and the attribution.

UCDP's data are CC BY 4.0: every figure that shows them carries :func:`attribution`.
The map layer uses only assets the site already vendors (Leaflet and Leaflet.markercluster);
``folium.plugins.HeatMap`` would need leaflet-heat, which is not vendored.
"""
from __future__ import annotations

import json
import math

import altair as alt
import folium
import numpy as np
import pandas as pd
from folium.plugins import FastMarkerCluster, MarkerCluster
from folium.template import Template as FoliumTemplate

from fronts.data.load import FRONTS
from fronts.figures.render import Html, chart_html
from fronts.paths import read_template
from fronts.settings import Settings
from fronts.text import day, esc, script_json
from fronts.ucdp.areas import AREAS
from fronts.ucdp.counts import weekly, weekly_between
from fronts.ucdp.ged import DATE_PREC, TYPE_OF_VIOLENCE, WHERE_PREC

SYRIA_RELEASE = "UCDP GED Syria 2016-01-01–2019-11-30 (release 652.1601.1911, GED 19.1 codebook)"
GLOBAL_RELEASE = "UCDP GED Global 19.1"
UCDP_URL = "https://ucdp.uu.se/downloads/"
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
CITATIONS = (
    "Sundberg, Ralph, and Erik Melander (2013). “Introducing the UCDP Georeferenced Event Dataset”. "
    "Journal of Peace Research 50(4): 523–532.",
    "Högbladh, Stina (2019). “UCDP GED Codebook version 19.1”. Department of Peace and Conflict Research, "
    "Uppsala University.",
)
ATTRIBUTION = (f"Data: Uppsala Conflict Data Program, {SYRIA_RELEASE}, licensed {LICENCE}. "
               "Sundberg & Melander (2013); Högbladh (2019).")
COLOR = "#56B4E9"   # Okabe–Ito sky blue: the one colour of that palette no bloc uses
STROKE = "#1F5F8B"
WIDTH = 540


def attribution(fmt: str = "markdown", release: str = SYRIA_RELEASE) -> str:
    """One caption line crediting UCDP, with the licence and both works to cite."""
    cites = "Sundberg & Melander (2013), Högbladh (2019)"
    if fmt == "markdown":
        return (f"Source: Uppsala Conflict Data Program, [{release}]({UCDP_URL}), "
                f"licensed [{LICENCE}]({LICENCE_URL}); cite {cites}.")
    if fmt == "html":
        return (f'<p class="fronts-caption fronts-ucdp-credit">Source: Uppsala Conflict Data Program, '
                f'<a href="{UCDP_URL}">{esc(release)}</a>, licensed <a href="{LICENCE_URL}">{LICENCE}</a>; '
                f"cite {esc(cites)}.</p>")
    raise ValueError("fmt must be 'markdown' or 'html'")


def weekly_frame(ucdp: pd.DataFrame, front: str, year: int = 2017, max_where_prec: int = 5) -> pd.DataFrame:
    """The columns the weekly chart draws (dates as ISO strings, counts rounded to 0.1)."""
    return _chart_frame(weekly(ucdp, front, year, max_where_prec))


def _chart_frame(w: pd.DataFrame) -> pd.DataFrame:
    """Weekly counts as the charts draw them: dates as ISO strings, counts rounded to 0.1."""
    return pd.DataFrame({
        "week": w["week"].dt.strftime("%Y-%m-%d"),
        "events": w["events"].round(1), "low": w["low"].round(1),
        "best": w["best"].round(1), "high": w["high"].round(1),
    })


def weekly_chart(ucdp: pd.DataFrame, front: str, year: int = 2017, max_where_prec: int = 5) -> alt.VConcatChart:
    """Deaths per week as a low–high band with the best estimate as a line, over events per week as bars."""
    frame = weekly_frame(ucdp, front, year, max_where_prec)
    scale = alt.Scale(type="utc", domain=[f"{year}-01-01", f"{year + 1}-01-01"])
    x = alt.X("week:T", title=None, scale=scale, axis=alt.Axis(format="%b", tickCount={"interval": "month", "step": 1}))
    return _band_chart(frame, x, FRONTS[front], "ucdp_deaths_band", "ucdp_deaths_best", "ucdp_events", bar_stroke=0.5)


def _band_chart(frame: pd.DataFrame, x: alt.X, title: str, band_name: str, best_name: str, events_name: str,
                bar_stroke: float) -> alt.VConcatChart:
    """Deaths as a low–high band with the best estimate as a line, over events per week as bars.

    The mark names are what the site's tests and the scale benchmark count, so each chart keeps its own.
    """
    tooltip = [alt.Tooltip("week:T", title="Week of", format="%d %b %Y"), alt.Tooltip("events:Q", title="Events"),
               alt.Tooltip("best:Q", title="Deaths (best)"), alt.Tooltip("low:Q", title="Deaths (low)"),
               alt.Tooltip("high:Q", title="Deaths (high)")]
    base = alt.Chart(frame).encode(x=x, tooltip=tooltip)
    band = base.mark_area(opacity=0.3, color=COLOR, interpolate="step-after").encode(
        y=alt.Y("low:Q", title="Deaths per week"), y2="high:Q").properties(name=band_name)
    line = base.mark_line(color=STROKE, interpolate="step-after").encode(y="best:Q").properties(name=best_name)
    deaths = alt.layer(band, line).properties(width=WIDTH, height=160,
                                              title=f"{title}: UCDP deaths per week, low–high band and best estimate")
    events = base.mark_bar(color=COLOR, stroke=STROKE, strokeWidth=bar_stroke).encode(
        y=alt.Y("events:Q", title="Events per week")).properties(width=WIDTH, height=90, name=events_name,
                                                                  title="UCDP events per week")
    return alt.vconcat(deaths, events, spacing=8).configure_view(stroke=None)


def weekly_chart_html(ucdp: pd.DataFrame, front: str, settings: Settings, year: int = 2017, alt_text: str | None = None) -> Html:
    """The weekly chart as page HTML (static SVG that upgrades), with a plain-words alt text."""
    frame = weekly_frame(ucdp, front, year)
    if alt_text is None:
        alt_text = (f"Weekly UCDP GED events and deaths in the {FRONTS[front]} area in {year}: "
                    f"{frame['events'].sum():.0f} events and {frame['best'].sum():.0f} deaths by UCDP's best estimate "
                    f"(low {frame['low'].sum():.0f}, high {frame['high'].sum():.0f}).")
    return chart_html(weekly_chart(ucdp, front, year), alt_text, settings, name=f"ucdp-weekly-{front}")


# Markers are built in the browser from one compact array (folium's FastMarkerCluster), because a
# folium marker with its own popup costs about 2.5 kB of page per event and a front's area holds up
# to a thousand UCDP events. Every string in the array is escaped in Python with fronts.text.esc.
MARKER_JS = read_template("ucdp-marker.js")


def marker_rows(ucdp: pd.DataFrame) -> list[list]:
    """One compact row per event for :data:`MARKER_JS`: lat, lon, radius, where_prec, id, dates, date_prec,
    place, district and province, dyad, type of violence, best, low, high, headline (text escaped)."""
    rows = []
    for r in ucdp.itertuples(index=False):
        span = day(r.date_start) if r.date_end == r.date_start else f"{day(r.date_start)} – {day(r.date_end)}"
        adm = ", ".join(v for v in (r.adm_2, r.adm_1) if v)
        rows.append([float(r.latitude), float(r.longitude), round(min(12.0, 3.0 + math.sqrt(max(int(r.best), 0))), 1),
                     int(r.where_prec), int(r.id), esc(span), int(r.date_prec), esc(r.where_coordinates), esc(adm),
                     esc(r.dyad_name), int(r.type_of_violence), int(r.best), int(r.low), int(r.high), esc(r.source_headline)])
    return rows


def _labels(codes: dict[int, str]) -> str:
    return script_json({str(k): esc(v) for k, v in codes.items()})


def ucdp_layer(ucdp: pd.DataFrame, front: str | None = None, name: str | None = None, show: bool = False,
               max_where_prec: int = 5) -> folium.FeatureGroup:
    """A toggleable layer (off by default) of UCDP events, clustered, as small circles sized by deaths.

    With ``front``, only the events in that front's area; events placed only to the country or at
    sea (``where_prec`` above ``max_where_prec``) are never drawn, because their point is not a place.
    Uses Leaflet.markercluster only, which the site vendors.
    """
    rows = ucdp[ucdp["where_prec"] <= max_where_prec]
    if front is not None:
        rows = rows[AREAS[front].contains(rows["latitude"].to_numpy(), rows["longitude"].to_numpy())]
    swatch = f'<span style="color:{COLOR};font-size:1.3em" aria-hidden="true">&#9679;</span>'
    group = folium.FeatureGroup(name=name or f"{swatch} UCDP GED events ({len(rows)})", show=show, overlay=True, control=True)
    callback = MARKER_JS % {"where": _labels(WHERE_PREC), "when": _labels(DATE_PREC), "violence": _labels(TYPE_OF_VIOLENCE),
                            "credit": script_json(esc(ATTRIBUTION)), "stroke": STROKE, "color": COLOR}
    FastMarkerCluster(marker_rows(rows), callback=callback, control=False,
                      options={"showCoverageOnHover": False, "maxClusterRadius": 40}).add_to(group)
    return group


def add_ucdp_layer(fmap: folium.Map, ucdp: pd.DataFrame, front: str | None = None, **kwargs) -> folium.FeatureGroup:
    """Add :func:`ucdp_layer` to an existing map (before or after its LayerControl) and return it."""
    layer = ucdp_layer(ucdp, front, **kwargs)
    layer.add_to(fmap)
    return layer


LEGEND_ENTRY = (f'<span style="color:{COLOR};font-size:1.3em" aria-hidden="true">&#9679;</span>',
                "UCDP GED event (layer off by default; size grows with deaths)")


# --- At scale: all 16,566 events of the Syria file on one page (issue 9, part 5) ------------------
# ucdp_layer above writes every event as its own array of 15 values, five of them strings, and binds a
# popup and a tooltip to each marker before the map is drawn: for the whole Syria file, about 380 bytes
# of page per event (the map sits in an escaped srcdoc attribute). compact_ucdp_layer draws the same
# circles with the same popups and tooltips from about 180: places, dyads and headlines are written
# once each (the file has about 2,000 places, 120 dyads and 12,000 distinct headlines for 16,566
# events) and each event is eleven whole numbers, about 35 bytes, pointing into those tables. Popups
# and tooltips are built when first opened, and the markers are clustered in chunks
# (Leaflet.markercluster's chunkedLoading), so the page keeps answering while they are.

COMPACT_STRIDE = 11   # place, id, first day, span in days, date_prec, dyad, violence, best, low, high, headline
COMPACT_JS = read_template("ucdp-compact.js")


class CompactMarkerCluster(MarkerCluster):
    """A Leaflet.markercluster group whose markers are built in the browser from :data:`COMPACT_JS`."""

    _template = FoliumTemplate(read_template("ucdp-compact-cluster.js.jinja"))

    def __init__(self, builder: str, source: str, n_events: int, options: dict):
        super().__init__(control=False, options=options)
        self._name = "CompactMarkerCluster"
        self.builder = builder
        self.source = source  # the data as a JavaScript literal, or a quoted URL of a JSON file
        self.n_events = n_events


def compact_rows(ucdp: pd.DataFrame) -> tuple[dict, list[int]]:
    """The tables and the flat list of whole numbers (:data:`COMPACT_STRIDE` per event) that :data:`COMPACT_JS` reads.

    ``tables`` holds ``base`` (the first day, in days since 1970-01-01), ``places`` (latitude, longitude,
    where_prec, place, district and province), ``dyads`` and ``headlines``; every string is escaped
    with :func:`fronts.text.esc` once, where it is stored.
    """
    adm = [", ".join(v for v in (a2, a1) if v) for a2, a1 in zip(ucdp["adm_2"], ucdp["adm_1"], strict=True)]
    place_keys = pd.Series(list(zip(ucdp["latitude"].astype(float), ucdp["longitude"].astype(float),
                                    ucdp["where_prec"].astype(int), ucdp["where_coordinates"], adm, strict=True)), dtype=object)
    place_codes, places = pd.factorize(place_keys)
    dyad_codes, dyads = pd.factorize(ucdp["dyad_name"].astype(str))
    headline_codes, headlines = pd.factorize(ucdp["source_headline"].astype(str))
    start = ucdp["date_start"].to_numpy("datetime64[D]").astype("int64")
    base = int(start.min()) if len(start) else 0
    columns = [place_codes, ucdp["id"], start - base, ucdp["span_days"], ucdp["date_prec"], dyad_codes,
               ucdp["type_of_violence"], ucdp["best"], ucdp["low"], ucdp["high"], headline_codes]
    flat = np.column_stack([np.asarray(c, dtype="int64") for c in columns]).ravel().tolist()
    tables = {"base": base,
              "places": [[lat, lon, prec, esc(name), esc(where)] for lat, lon, prec, name, where in places],
              "dyads": [esc(d) for d in dyads], "headlines": [esc(h) for h in headlines]}
    return tables, flat


def compact_ucdp_layer(ucdp: pd.DataFrame, name: str | None = None, show: bool = False, max_where_prec: int = 5,
                       chunk_ms: int = 40, site_file: str | None = None, data_url: str | None = None) -> folium.FeatureGroup:
    """Like :func:`ucdp_layer` with no ``front`` (same circles, popups and tooltips), for many thousands of events.

    Each event costs about 35 bytes plus its share of the place, dyad and headline tables (see the
    comment above :data:`COMPACT_STRIDE`); markers are clustered in chunks of about ``chunk_ms``
    milliseconds of main-thread work, below the 50 ms of a long task.

    With ``site_file`` and ``data_url``, the tables and rows go to that site file (the layer's
    ``site_files``, which the map's output carries for the build to collect) and the page holds only
    its address, fetched when the layer is first shown (the book's chapters: the layer is off by
    default, and was up to 208 kB of each page). Otherwise they are in the page.
    """
    rows = ucdp[ucdp["where_prec"] <= max_where_prec]
    tables, flat = compact_rows(rows)
    swatch = f'<span style="color:{COLOR};font-size:1.3em" aria-hidden="true">&#9679;</span>'
    group = folium.FeatureGroup(name=name or f"{swatch} UCDP GED events ({len(rows)})", show=show, overlay=True, control=True)
    builder = COMPACT_JS % {"stride": COMPACT_STRIDE, "where": _labels(WHERE_PREC), "when": _labels(DATE_PREC),
                            "violence": _labels(TYPE_OF_VIOLENCE), "credit": script_json(esc(ATTRIBUTION)),
                            "stroke": STROKE, "color": COLOR}
    data = {"tables": tables, "rows": flat}
    if (site_file is None) != (data_url is None):
        raise ValueError("give both site_file and data_url, or neither")
    group.site_files = {}
    if site_file is not None:
        group.site_files[site_file] = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        source = script_json(data_url)
    else:
        source = script_json(data)
    CompactMarkerCluster(builder, source, len(rows), {"showCoverageOnHover": False, "maxClusterRadius": 40, "chunkedLoading": True,
                                                      "chunkInterval": chunk_ms, "chunkDelay": 10}).add_to(group)
    return group


def period_frame(ucdp: pd.DataFrame, first: pd.Timestamp | str | None = None, last: pd.Timestamp | str | None = None) -> pd.DataFrame:
    """Weekly events and deaths over all of Syria from ``first`` to ``last`` (default: the span of the events).

    Aggregated in pandas (:func:`fronts.ucdp.counts.weekly_between`): one row per week, never one per event.
    """
    first = pd.Timestamp(first) if first is not None else ucdp["date_start"].min()
    last = pd.Timestamp(last) if last is not None else ucdp["date_end"].max()
    return _chart_frame(weekly_between(ucdp, first, last))


def period_chart(frame: pd.DataFrame, title: str = "Syria") -> alt.VConcatChart:
    """:func:`weekly_chart`'s band, line and bars for a :func:`period_frame` of any length."""
    x = alt.X("week:T", title=None, axis=alt.Axis(format="%b %Y", labelAngle=0))
    return _band_chart(frame, x, title, "ucdp_period_band", "ucdp_period_best", "ucdp_period_events", bar_stroke=0.3)


def period_chart_html(frame: pd.DataFrame, settings: Settings, title: str = "Syria", name: str = "ucdp-period") -> Html:
    """:func:`period_chart` as page HTML (static SVG that upgrades), with a plain-words alt text."""
    alt_text = (f"Weekly UCDP GED events and deaths in {title}, weeks of {frame['week'].iloc[0]} to {frame['week'].iloc[-1]}: "
                f"{frame['events'].sum():.0f} events and {frame['best'].sum():.0f} deaths by UCDP's best estimate "
                f"(low {frame['low'].sum():.0f}, high {frame['high'].sum():.0f}).")
    return chart_html(period_chart(frame, title), alt_text, settings, name=name)
