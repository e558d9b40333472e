"""A static map for print: the events on the country outline, coloured by bloc, with a legend.

Pure SVG (no tiles, no scripts), drawn in an equirectangular projection scaled by the cosine of
the middle latitude, so distances read roughly true at these latitudes. Rings follow the same
geo-precision styles as the web map.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd

from fronts.figures.basemap import Basemap, print_layers
from fronts.figures.style import BLOC_COLORS, BLOC_LABELS, GEO_LABELS, GEO_STYLE
from fronts.text import esc

WIDTH = 900
LEGEND_W = 250
PAD_DEG = 0.35
LABELS = 8  # place names drawn


def _rings(geometry: dict) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return geometry["coordinates"]
    if geometry["type"] == "MultiPolygon":
        return [ring for poly in geometry["coordinates"] for ring in poly]
    return []


def clip_ring(pts: list[tuple[float, float]], x0: float, y0: float, x1: float, y1: float) -> list[tuple[float, float]]:
    """The ring clipped to a rectangle (Sutherland–Hodgman; the rectangle is convex, the ring need not be).

    Rings reach thousands of pixels beyond the map panel; drawn unclipped, they made rendering the
    print map to PNG take 2–4 s per map. Edges the clip adds lie outside the visible panel.
    """
    def cut(points, inside, cross):
        out = []
        for i, cur in enumerate(points):
            prev = points[i - 1]
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
        return out

    def at_x(x):
        return lambda p, q: (x, p[1] + (q[1] - p[1]) * (x - p[0]) / (q[0] - p[0]))

    def at_y(y):
        return lambda p, q: (p[0] + (q[0] - p[0]) * (y - p[1]) / (q[1] - p[1]), y)

    for inside, cross in ((lambda p: p[0] >= x0, at_x(x0)), (lambda p: p[0] <= x1, at_x(x1)),
                          (lambda p: p[1] >= y0, at_y(y0)), (lambda p: p[1] <= y1, at_y(y1))):
        if not pts:
            break
        pts = cut(pts, inside, cross)
    return pts


def render_svg(events: pd.DataFrame, outline_path: Path, title: str, note: str = "", basemap: Basemap | None = None) -> str:
    """The events of ``events`` (with lat, lon, actor1_bloc, geo_precision) as an SVG document."""
    if events.empty:
        raise ValueError("no events to draw")
    lat0, lat1 = float(events["lat"].min()) - PAD_DEG, float(events["lat"].max()) + PAD_DEG
    lon0, lon1 = float(events["lon"].min()) - PAD_DEG, float(events["lon"].max()) + PAD_DEG
    kx = math.cos(math.radians((lat0 + lat1) / 2))
    map_w = WIDTH - LEGEND_W
    scale = map_w / ((lon1 - lon0) * kx)
    map_h = max(240.0, (lat1 - lat0) * scale)
    if (lat1 - lat0) * scale < map_h:  # too flat: widen the latitude window to fill the minimum height
        extra = (map_h / scale - (lat1 - lat0)) / 2
        lat0, lat1 = lat0 - extra, lat1 + extra
    top = 40

    def xy(lon: float, lat: float) -> tuple[float, float]:  # inside the map panel (its own origin)
        return (lon - lon0) * kx * scale, (lat1 - lat) * scale

    outline = json.loads(Path(outline_path).read_text(encoding="utf-8"))
    paths = []
    for feat in outline["features"]:
        d = []
        for ring in _rings(feat["geometry"]):
            pts = clip_ring([xy(lon, lat) for lon, lat in ring], -20, -20, map_w + 20, map_h + 20)
            if len(pts) < 3:
                continue
            d.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in pts) + "Z")
        if d:
            paths.append(f'<path d="{"".join(d)}" fill="#f4f1ea" stroke="#8a8a8a" stroke-width="0.8"/>')
    paths += [print_layers(basemap, xy, map_w, map_h, events)] if basemap else []  # rivers, lakes, towns under the events
    circles = []
    ordered = events.sort_values(["geo_precision", "date_start", "event_id"], ascending=[False, True, True])
    for _, r in ordered.iterrows():
        x, y = xy(float(r["lon"]), float(r["lat"]))
        st = GEO_STYLE[r["geo_precision"]]
        color = BLOC_COLORS.get(r["actor1_bloc"], BLOC_COLORS["other"])
        dash = f' stroke-dasharray="{st["dash_array"]}"' if st["dash_array"] else ""
        circles.append(f'<circle class="print-event" cx="{x:.1f}" cy="{y:.1f}" r="{st["radius"]}" fill="{color}" '
                       f'fill-opacity="{st["fill_opacity"]}" stroke="{color}" stroke-width="{st["weight"]}"{dash}>'
                       f'<title>{esc(r["event_id"])}</title></circle>')
    # The places with the most events, labelled so the print map can be read without tiles.
    names = []
    for (place, lat, lon), _n in (events.groupby(["place_name", "lat", "lon"]).size()
                                   .sort_values(ascending=False, kind="stable").head(LABELS).items()):
        x, y = xy(float(lon), float(lat))
        names.append(f'<text class="print-place" x="{x + 14:.1f}" y="{y + 4:.1f}" font-size="11" fill="#222" '
                     f'stroke="#fff" stroke-width="3" paint-order="stroke">{esc(place)}</text>')
    # Legend: blocs present, then ring styles.
    lx, ly = map_w + 16, top + 10
    legend = [f'<text x="{lx}" y="{ly}" font-weight="bold">Side of the first actor</text>']
    blocs = [b for b in BLOC_COLORS if b in set(events["actor1_bloc"])]
    for i, b in enumerate(blocs):
        y = ly + 20 + i * 20
        n = int((events["actor1_bloc"] == b).sum())
        legend.append(f'<circle cx="{lx + 7}" cy="{y - 4}" r="6" fill="{BLOC_COLORS[b]}"/>'
                      f'<text x="{lx + 20}" y="{y}">{esc(BLOC_LABELS[b])} ({n})</text>')
    y = ly + 20 + len(blocs) * 20 + 16
    legend.append(f'<text x="{lx}" y="{y}" font-weight="bold">Ring: how well placed</text>')
    for i, (key, st) in enumerate(GEO_STYLE.items()):
        yy = y + 22 + i * 24
        dash = f' stroke-dasharray="{st["dash_array"]}"' if st["dash_array"] else ""
        legend.append(f'<circle cx="{lx + 9}" cy="{yy - 4}" r="{min(st["radius"], 10)}" fill="#777" fill-opacity="{st["fill_opacity"]}" '
                      f'stroke="#333" stroke-width="1.2"{dash}/><text x="{lx + 24}" y="{yy}">{esc(GEO_LABELS[key])}</text>')
    height = int(top + map_h + 44)
    foot = (f'<text x="8" y="{height - 22}" font-size="11" fill="#444">{len(events)} events. Outline: Natural Earth 1:50m. '
            f'{esc(note)}</text>')
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'font-family="sans-serif" font-size="12" role="img" aria-label="{esc(title)}">'
        f'<title>{esc(title)}</title><rect width="100%" height="100%" fill="#ffffff"/>'
        f'<text x="8" y="24" font-size="16" font-weight="bold">{esc(title)}</text>'
        f'<svg x="0" y="{top}" width="{map_w}" height="{map_h:.0f}" overflow="hidden"><rect width="{map_w}" '
        f'height="{map_h:.0f}" fill="#dde8f0"/>{"".join(paths)}{"".join(circles)}{"".join(names)}</svg>'
        f'<rect x="0" y="{top}" width="{map_w}" height="{map_h:.0f}" fill="none" stroke="#555"/>'
        f'{"".join(legend)}{foot}</svg>'
    )
