"""The event map: folium, offline outline layer, one clustered layer per bloc, escaped popups."""
from __future__ import annotations

import json
import math
from pathlib import Path

import folium
import pandas as pd
from branca.element import Element, MacroElement
from folium.plugins import MarkerCluster
from jinja2 import Template

from fronts.data.load import FRONTS, Dataset
from fronts.figures import basemap, print_map
from fronts.figures.colours import text_colour_on
from fronts.figures.html import Markup, render
from fronts.figures.render import Html, map_html
from fronts.figures.style import BLOC_COLORS, BLOC_LABELS, GEO_LABELS, GEO_STYLE
from fronts.paths import read_template
from fronts.text import actors, date_span, deaths, esc

MAX_ZOOM = 18
# A cluster takes its bloc's colour; it keeps the class marker-cluster and shows its count in a span,
# in black or white, whichever contrasts more with the bloc colour (WCAG AA needs 4.5:1 for 12px text).
# Clusters of different blocs at the same place would hide each other, so each bloc's clusters are
# drawn a little off the point, in their own direction (ANCHOR_X/Y), and side by side.
CLUSTER_ICON = read_template("cluster-icon.js")
CLUSTER_OFFSET_PX = 17
MAP_CSS = "<style>.leaflet-control-layers-expanded{font:12px/1.3 sans-serif;padding:4px 8px}</style>"
TILES_NAME = "OpenStreetMap tiles (online)"


def popup_html(row: pd.Series, sources: pd.DataFrame, page_front: str | None = None) -> str:
    """Everything a reader needs about one event; all data text is escaped.

    The event id links to its row in the event table: on this page when the map sits in the event's
    own chapter (``page_front``), otherwise in that chapter, which is a sibling page.
    """
    eid = row["event_id"]
    sources = [{"url": s.url, "publisher": s.publisher, "disputes": s.role == "disputes",
                "date": s.published.date().isoformat() if pd.notna(s.published) else None} for s in sources.itertuples()]
    return str(render("popup.html.jinja", id=eid, href=Markup(f"#{esc(eid)}" if row["front"] == page_front else f"{esc(row['front'])}.html#{esc(eid)}"),
                      date=date_span(row["date_start"], row["date_end"], row["date_precision"]), place=row["place_name"],
                      geo=GEO_LABELS[row["geo_precision"]], summary=row["summary"], actors=actors(row), type=row["sub_event_type"],
                      deaths=Markup(deaths(row["fatalities_low"], row["fatalities_high"])), corroboration=row["corroboration"],
                      sources=sources))


def tooltip_text(row: pd.Series) -> str:
    return esc(f'{row["event_id"]} · {row["date_start"]:%d %b %Y} · {row["place_name"]}')


class Legend(MacroElement):
    """A static legend control: bloc colours and the marker style for each geo precision."""

    _template = Template(read_template("legend.js.jinja"))

    def __init__(self, extra: list[tuple[str, str]] | None = None):
        super().__init__()
        self._name = "Legend"
        styles = [{"r": min(style["radius"], 9), "fill_opacity": style["fill_opacity"], "dash": style["dash_array"],
                   "label": GEO_LABELS[key]} for key, style in GEO_STYLE.items()]
        self.markup = str(render("legend.html.jinja", styles=styles, extra=[(Markup(s), label) for s, label in extra or []]))


class EventFilter(MacroElement):
    """A week slider (events up to the chosen week) and, across several fronts, a tick box per
    front. Each marker carries its day of 2017 and its front in its class name."""

    _template = Template(read_template("event-filter.js.jinja"))

    def __init__(self, layers: list, fronts: list[tuple[str, str]]):
        super().__init__()
        self._name = "EventFilter"
        self.layers = layers
        self.fronts = fronts


def build_map(ds: Dataset, *, seed: str, title: str, extra_layers: list | None = None,
              legend_extra: list[tuple[str, str]] | None = None, height: int = 600, filters: bool = False) -> Html:
    """A map of ``ds.events``: one clustered, toggleable layer per bloc, outline always shown.

    With ``filters``, a week slider and (when the events span several fronts) a tick box per front.
    A map of one front is taken to sit in that front's chapter, next to its event table.
    """
    events = ds.events
    if events.empty:
        raise ValueError("no events to map")
    fmap = folium.Map(location=[float(events["lat"].mean()), float(events["lon"].mean())],
                      zoom_start=7, tiles=None, control_scale=True, maxZoom=MAX_ZOOM)
    outline_layer(ds.data_dir / "outline.geojson").add_to(fmap)
    base = basemap.add_to_map(fmap, ds)  # rivers and lakes before the events, so beneath them
    folium.TileLayer("OpenStreetMap", name=TILES_NAME, show=False, overlay=True, control=True,
                     max_zoom=MAX_ZOOM).add_to(fmap)
    by_source = ds.citations.merge(ds.sources, on="source_id", how="left")
    page_front = events["front"].iloc[0] if events["front"].nunique() == 1 else None
    blocs = [b for b in BLOC_COLORS if b in set(events["actor1_bloc"])]
    clusters = []
    for bloc in blocs:
        rows = events[events["actor1_bloc"] == bloc]
        swatch = f'<span style="color:{BLOC_COLORS[bloc]};font-size:1.3em" aria-hidden="true">&#9679;</span>'
        layer = MarkerCluster(name=f"{swatch} {BLOC_LABELS[bloc]} ({len(rows)})", show=True,
                              icon_create_function=_cluster_icon(bloc),
                              options={"showCoverageOnHover": False, "maxClusterRadius": 30,
                                       "spiderfyOnMaxZoom": True})
        for _, row in rows.iterrows():
            _marker(row, by_source[by_source["event_id"] == row["event_id"]], page_front).add_to(layer)
        layer.add_to(fmap)
        clusters.append(layer)
    if filters:
        present = [(f, FRONTS[f]) for f in FRONTS if f in set(events["front"])]
        EventFilter(clusters, present).add_to(fmap)
    for extra in extra_layers or []:
        extra.add_to(fmap)
    Legend(legend_extra).add_to(fmap)
    fmap.get_root().header.add_child(Element(MAP_CSS))
    folium.LayerControl(collapsed=False, position="topright").add_to(fmap)
    pad = 0.3
    fmap.fit_bounds([[float(events["lat"].min()) - pad, float(events["lon"].min()) - pad],
                     [float(events["lat"].max()) + pad, float(events["lon"].max()) + pad]],
                    padding_top_left=(120, 20), padding_bottom_right=(20, 20), max_zoom=10)
    out = map_html(fmap, title, seed, ds.settings, height)
    out.files = {path: text for layer in extra_layers or [] for path, text in getattr(layer, "site_files", {}).items()}
    out.print_svg = print_map.render_svg(events, ds.data_dir / "outline.geojson", title, basemap=base)
    return out


def _cluster_icon(bloc: str) -> str:
    angle = 2 * math.pi * list(BLOC_COLORS).index(bloc) / len(BLOC_COLORS)
    ax = round(15 - CLUSTER_OFFSET_PX * math.cos(angle))
    ay = round(15 - CLUSTER_OFFSET_PX * math.sin(angle))
    colour = BLOC_COLORS[bloc]
    return (CLUSTER_ICON.replace("COLOR", colour).replace("TEXT", text_colour_on(colour))
            .replace("ANCHOR_X", str(ax)).replace("ANCHOR_Y", str(ay)))


def _marker(row: pd.Series, sources: pd.DataFrame, page_front: str | None) -> folium.CircleMarker:
    style = GEO_STYLE[row["geo_precision"]]
    color = BLOC_COLORS[row["actor1_bloc"]]
    return folium.CircleMarker(
        location=[float(row["lat"]), float(row["lon"])],
        radius=style["radius"], weight=style["weight"], color=color, fill=True, fill_color=color,
        fill_opacity=style["fill_opacity"], dash_array=style["dash_array"],
        class_name=(f"fronts-event fronts-geo-{row['geo_precision']} fronts-front-{row['front']} "
                    f"fronts-day-{row['date_start'].day_of_year - 1}"),
        popup=folium.Popup(popup_html(row, sources, page_front), max_width=340),
        tooltip=folium.Tooltip(tooltip_text(row)),
    )


def outline_layer(path: Path) -> folium.GeoJson:
    data = json.loads(path.read_text(encoding="utf-8"))
    # folium's GeoJsonTooltip writes property values into the tooltip as HTML: escape the names.
    for feature in data["features"]:
        feature["properties"]["name"] = esc(feature["properties"]["name"])
    return folium.GeoJson(
        data, name="Country outlines (Natural Earth 1:50m)", control=False,
        style_function=lambda f: {"color": "#555", "weight": 1.2 if f["properties"]["iso_a2"] == "SY" else 0.8,
                                  "fillColor": "#f2efe6" if f["properties"]["iso_a2"] == "SY" else "#fafafa",
                                  "fillOpacity": 0.5},
        tooltip=folium.GeoJsonTooltip(fields=["name"], labels=False),
    )
