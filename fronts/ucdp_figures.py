"""UCDP GED figures: a weekly chart for a front's area, a toggleable map layer, and the attribution.

UCDP's data are CC BY 4.0: every figure that shows them carries :func:`attribution`.
The map layer uses only assets the site already vendors (Leaflet and Leaflet.markercluster);
``folium.plugins.HeatMap`` would need leaflet-heat, which is not vendored.
"""
from __future__ import annotations

import math

import altair as alt
import folium
import pandas as pd
from folium.plugins import FastMarkerCluster

from .areas import AREAS
from .load import FRONTS
from .render import Html, chart_html
from .text import day, esc, script_json
from .ucdp import DATE_PREC, TYPE_OF_VIOLENCE, WHERE_PREC
from .ucdp_counts import weekly

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
    w = weekly(ucdp, front, year, max_where_prec)
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
    tooltip = [alt.Tooltip("week:T", title="Week of", format="%d %b %Y"), alt.Tooltip("events:Q", title="Events"),
               alt.Tooltip("best:Q", title="Deaths (best)"), alt.Tooltip("low:Q", title="Deaths (low)"),
               alt.Tooltip("high:Q", title="Deaths (high)")]
    base = alt.Chart(frame).encode(x=x, tooltip=tooltip)
    band = base.mark_area(opacity=0.3, color=COLOR, interpolate="step-after").encode(
        y=alt.Y("low:Q", title="Deaths per week"), y2="high:Q").properties(name="ucdp_deaths_band")
    line = base.mark_line(color=STROKE, interpolate="step-after").encode(y="best:Q").properties(name="ucdp_deaths_best")
    deaths = alt.layer(band, line).properties(width=WIDTH, height=160,
                                              title=f"{FRONTS[front]}: UCDP deaths per week, low–high band and best estimate")
    events = base.mark_bar(color=COLOR, stroke=STROKE, strokeWidth=0.5).encode(
        y=alt.Y("events:Q", title="Events per week")).properties(width=WIDTH, height=90, name="ucdp_events",
                                                                  title="UCDP events per week")
    return alt.vconcat(deaths, events, spacing=8).configure_view(stroke=None)


def weekly_chart_html(ucdp: pd.DataFrame, front: str, year: int = 2017, alt_text: str | None = None) -> Html:
    """The weekly chart as page HTML (static SVG that upgrades), with a plain-words alt text."""
    frame = weekly_frame(ucdp, front, year)
    if alt_text is None:
        alt_text = (f"Weekly UCDP GED events and deaths in the {FRONTS[front]} area in {year}: "
                    f"{frame['events'].sum():.0f} events and {frame['best'].sum():.0f} deaths by UCDP's best estimate "
                    f"(low {frame['low'].sum():.0f}, high {frame['high'].sum():.0f}).")
    return chart_html(weekly_chart(ucdp, front, year), alt_text, name=f"ucdp-weekly-{front}")


# Markers are built in the browser from one compact array (folium's FastMarkerCluster), because a
# folium marker with its own popup costs about 2.5 kB of page per event and a front's area holds up
# to a thousand UCDP events. Every string in the array is escaped in Python with fronts.text.esc.
MARKER_JS = """function (row) {
  var W = %(where)s, D = %(when)s, V = %(violence)s, CREDIT = %(credit)s;
  var m = L.circleMarker([row[0], row[1]], {radius: row[2], weight: 1, color: "%(stroke)s", fill: true,
    fillColor: "%(color)s", fillOpacity: 0.7, className: "fronts-ucdp fronts-ucdp-prec-" + row[3]});
  m.bindPopup('<div class="fronts-popup fronts-ucdp-popup" style="max-width:320px"><b>UCDP GED ' + row[4]
    + '</b> · ' + row[5] + ' (' + D[row[6]] + ')<br><b>' + row[7] + '</b> (' + W[row[3]] + ')'
    + (row[8] ? '<br>' + row[8] : '') + '<br>' + row[9] + ' (' + V[row[10]] + ')<br><b>Deaths:</b> best '
    + row[11] + ' (low ' + row[12] + ', high ' + row[13] + ')<br><b>Source headline:</b> ' + row[14]
    + '<br><span style="color:#555;font-size:90%%">' + CREDIT + '</span></div>', {maxWidth: 340});
  m.bindTooltip('UCDP ' + row[4] + ' · ' + row[5] + ' · best ' + row[11] + ' deaths');
  return m;
}"""


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
