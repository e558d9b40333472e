"""The offline basemap: Natural Earth rivers, lakes and towns (``data/basemap/``) and the places the
events use (``places.csv``), beneath the events of the web maps and on the print map. Labels are
thinned here (:func:`thin`), not in the browser, which only shows each from its zoom on."""
from __future__ import annotations

import json
import math
from collections import namedtuple
from itertools import groupby
from pathlib import Path

import pandas as pd
from branca.element import Element, MacroElement
from jinja2 import Template

from fronts.data.geo import haversine_km
from fronts.figures.style import GEO_STYLE
from fronts.paths import read_template
from fronts.text import esc, script_json

FILES = {"rivers": ("ne_10m_rivers_syria_iraq.geojson", "LineString", "MultiLineString"),  # file, geometry types
         "lakes": ("ne_10m_lakes_syria_iraq.geojson", "Polygon", "MultiPolygon"), "towns": ("ne_10m_populated_places_syria_iraq.geojson", "Point")}
WATER, LAKE_FILL = "#3f75a3", "#b3cde3"  # muted blues; the lines keep 3:1 on the pale land and on a dark page
SIMPLIFY_DEG = 0.002  # Douglas-Peucker tolerance, about 200 m (Natural Earth 1:10m is no finer)
STEP = 1000  # coordinates reach the browser in thousandths of a degree, delta-encoded
FONT_PX, LINE_PX, TEXT_DX, GAP_PX = 12, 14, 8, 2  # label text size, line box, start right of the point, gap
RANK_ZOOM, MAX_ZOOM, PRINT_LABELS = 3, 18, 12  # ranks up to RANK_ZOOM may show from zoom 0, rank r from zoom r
PLACE_RANK = 5  # a place the events use ranks with Natural Earth's regional towns (scalerank 5)
SAME_TOWN_KM = 5  # a Natural Earth town this close to such a place is that place, named as the book names it
MAX_CHARS = 28  # longer place names (strike sites and the like) are left to the popups
CREDIT = "Rivers, lakes and towns: Made with Natural Earth"

Town = namedtuple("Town", "name lat lon rank pop")  # rank: Natural Earth's scalerank, lower is more important
Label = namedtuple("Label", "name lat lon kind min_zoom")  # kind: "town" (Natural Earth) or "place" (places.csv)
Basemap = namedtuple("Basemap", "rivers lakes towns")  # [(name, scalerank, [[(lon, lat)]])], [(name, [ring])], [Town]


class BasemapError(ValueError):
    """A basemap file is missing or not the GeoJSON expected; the message names the file."""


def load_basemap(folder: Path) -> Basemap:
    """The three Natural Earth files in ``folder``, checked and simplified."""
    out: dict[str, list] = {}
    for key, (name, *_) in FILES.items():
        path = Path(folder) / name
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("type") != "FeatureCollection" or not data.get("features"):
                raise ValueError("not a GeoJSON FeatureCollection with features")
            out[key] = [_feature(key, f, i) for i, f in enumerate(data["features"])]
        except FileNotFoundError:
            raise BasemapError(f"{path}: missing (data/basemap/README.md says where it comes from)") from None
        except (UnicodeDecodeError, KeyError, TypeError, ValueError, IndexError) as err:
            raise BasemapError(f"{path}: {type(err).__name__}: {err}") from None
    return Basemap(out["rivers"], out["lakes"], out["towns"])


def _feature(key: str, feature: dict, i: int):
    def lonlat(p) -> tuple[float, float]:
        if isinstance(p, list) and len(p) >= 2 and all(type(v) in (int, float) for v in p[:2]) and abs(p[0]) <= 180 and abs(p[1]) <= 90:
            return float(p[0]), float(p[1])
        raise ValueError(f"feature {i}: {p!r} is not a longitude and latitude")
    geom, props = feature["geometry"], feature["properties"]
    if geom["type"] not in FILES[key][1:]:
        raise ValueError(f"feature {i}: geometry {geom['type']!r}, expected {' or '.join(FILES[key][1:])}")
    name, rank, c = str(props["name"]), float(props["scalerank"]), geom["coordinates"]
    if key == "towns":
        return Town(name, lonlat(c)[1], lonlat(c)[0], rank, int(props.get("pop_max") or 0))
    parts = [c] if geom["type"] == "LineString" else c if geom["type"] != "MultiPolygon" else [r for p in c for r in p]
    lines = [_simplify([lonlat(p) for p in part]) for part in parts]
    return (name, rank, lines) if key == "rivers" else (name, lines)


def _simplify(pts: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Douglas-Peucker with SIMPLIFY_DEG; the ends are kept (a closed ring measures from its end)."""
    def dist(i: int, a: int, b: int) -> float:
        (ax, ay), (bx, by), (px, py) = pts[a], pts[b], pts[i]
        norm = math.hypot(bx - ax, by - ay)
        return abs((by - ay) * (px - ax) - (bx - ax) * (py - ay)) / norm if norm else math.hypot(px - ax, py - ay)
    keep, stack = {0, len(pts) - 1}, [(0, len(pts) - 1)]
    while stack:
        a, b = stack.pop()
        far = max(range(a + 1, b), default=None, key=lambda i: dist(i, a, b))  # noqa: B023 (used at once)
        if far is not None and dist(far, a, b) > SIMPLIFY_DEG:
            keep.add(far)
            stack += [(a, far), (far, b)]
    return [pts[i] for i in sorted(keep)]


def text_width(text: str, size: float = FONT_PX) -> float:
    """A generous width in pixels of ``text`` in the browser's sans-serif (checked in Chromium by the tests)."""
    return size * sum(0.36 if ch in " .,'’‘-()ijlrtf" else 0.78 if ch.isupper() or ch in "mwMW" else 0.62 for ch in text)


def label_box(label: Label) -> tuple[float, float, float, float]:
    """A label's box in pixels from its point (left, top, right, bottom): a town's dot, then the text."""
    return (-5.0 if label.kind == "town" else 0.0, -LINE_PX / 2, TEXT_DX + text_width(label.name), LINE_PX / 2)


def world_px(lat: float, lon: float, zoom: float) -> tuple[float, float]:
    """Web Mercator pixel coordinates (256-pixel tiles) at ``zoom``."""
    size, s = 256 * 2 ** zoom, math.sin(math.radians(lat))
    return size * (lon + 180) / 360, size * (0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi))


def _overlap(a: tuple, b: tuple, ax: float = 0, ay: float = 0, bx: float = 0, by: float = 0, s: float = 1) -> bool:
    # Whether box a at (ax, ay) and box b at (bx, by), the points scaled by s, come within GAP_PX of each other.
    ax, ay, bx, by = ax * s, ay * s, bx * s, by * s
    return (ax + a[0] < bx + b[2] + GAP_PX and bx + b[0] < ax + a[2] + GAP_PX
            and ay + a[1] < by + b[3] + GAP_PX and by + b[1] < ay + a[3] + GAP_PX)


def labels(bm: Basemap, places: pd.DataFrame, events: pd.DataFrame) -> list[Label]:
    """Natural Earth towns and the places ``events`` use (their names up to a parenthesis), thinned; most important
    first: by rank (PLACE_RANK for a place, or its town's if higher), places first, more events or people, name."""
    counts = events["place_id"].value_counts()
    towns, cands = list(bm.towns), []
    for p in places[places["place_id"].isin(counts.index)].itertuples():
        name = p.name.split(" (")[0].strip() or p.name
        if len(name) <= MAX_CHARS:
            same = [t for t in towns if haversine_km(p.lat, p.lon, t.lat, t.lon) <= SAME_TOWN_KM]
            towns = [t for t in towns if t not in same]
            cands.append((min([PLACE_RANK] + [t.rank for t in same]), 0, -int(counts[p.place_id]), name, float(p.lat), float(p.lon), "place"))
    cands += [(t.rank, 1, -t.pop, t.name, t.lat, t.lon, "town") for t in towns]
    return thin([Label(n, lat, lon, kind, 0 if r <= RANK_ZOOM else int(r)) for r, _, _, n, lat, lon, kind in sorted(cands)])


def thin(ordered: list[Label]) -> list[Label]:
    """Each label (its min_zoom the lowest its rank allows) with the lowest zoom from which it collides with no label
    kept before it at that or any deeper zoom; a label that collides even at MAX_ZOOM is dropped."""
    kept: list[tuple[Label, tuple, float, float]] = []
    for label in ordered:
        box, (x, y), z = label_box(label), world_px(label.lat, label.lon, 0), MAX_ZOOM + 1
        while z > label.min_zoom and not any(k.min_zoom < z and _overlap(box, kb, x, y, kx, ky, 2 ** (z - 1)) for k, kb, kx, ky in kept):
            z -= 1
        if z <= MAX_ZOOM:
            kept.append((label._replace(min_zoom=z), box, x, y))
    return [k[0] for k in kept]


def _encode(line: list[tuple[float, float]]) -> list[int]:
    """[lat, lon, dlat, dlon, ...] in 1/STEP degree (repeated points dropped)."""
    pts = [k for k, _ in groupby((round(lat * STEP), round(lon * STEP)) for lon, lat in line)]
    return [v for (y, x), (py, px) in zip(pts, [(0, 0)] + pts[:-1], strict=True) for v in (y - py, x - px)]


class BasemapLayer(MacroElement):
    """Lakes and rivers in the overlay pane, added before the events so they stay beneath them (never re-added: no
    layer-control entry); labels in a pane above the events' circles, below their clusters, hidden from screen readers."""

    _template = Template(read_template("basemap.js.jinja"))

    def __init__(self, bm: Basemap, shown: list[Label]):
        super().__init__()
        self._name = "FrontsBasemap"
        self.font, self.line, self.dx, self.step = FONT_PX, LINE_PX, TEXT_DX, STEP
        widths: dict[float, list] = {}  # the big rivers (scalerank 4 or less) drawn wider
        for _, rank, lines in bm.rivers:
            widths.setdefault(2 if rank <= 4 else 1.2, []).extend(_encode(x) for x in lines)
        self.data = script_json({"water": WATER, "lake": LAKE_FILL, "credit": esc(CREDIT), "rivers": sorted(widths.items()),
                                 "lakes": [[_encode(r) for r in rings] for _, rings in bm.lakes],
                                 "labels": [[esc(x.name), round(x.lat, 4), round(x.lon, 4), x.min_zoom, x.kind] for x in shown]})


def add_to_map(fmap, ds) -> Basemap:
    """Put ``ds.data_dir / "basemap"`` on ``fmap`` before the events, with a hidden text of it; return it for print."""
    bm = load_basemap(Path(ds.data_dir) / "basemap")
    BasemapLayer(bm, shown := labels(bm, ds.places, ds.events)).add_to(fmap)
    ev, rivers = ds.events, dict.fromkeys(n for n, _, _ in sorted(bm.rivers, key=lambda r: r[1]))
    near = [x.name for x in shown if ev["lat"].min() - 1 <= x.lat <= ev["lat"].max() + 1 and ev["lon"].min() - 1 <= x.lon <= ev["lon"].max() + 1]
    text = (f"Beneath the events this map shows the rivers {', '.join(rivers)}; the lakes {', '.join(dict.fromkeys(n for n, _ in bm.lakes))}; "
            f"and names of towns and places, more as you zoom in; around the events: {', '.join(near)}. {CREDIT}.")
    fmap.get_root().html.add_child(Element(f'<p class="fronts-sr-only">{esc(text)}</p>'))
    return bm


def clip_line(pts: list[tuple[float, float]], x0: float, y0: float, x1: float, y1: float) -> list[list[tuple[float, float]]]:
    """The runs of a polyline inside the rectangle (Liang-Barsky on each segment)."""
    runs: list[list[tuple[float, float]]] = [[]]
    for (px, py), (qx, qy) in zip(pts, pts[1:], strict=False):
        t0, t1, dx, dy = 0.0, 1.0, qx - px, qy - py
        for step, room in ((-dx, px - x0), (dx, x1 - px), (-dy, py - y0), (dy, y1 - py)):
            if step == 0 and room < 0:
                t0 = 2.0  # parallel to this edge and outside it
            elif step:
                t0, t1 = (max(t0, room / step), t1) if step < 0 else (t0, min(t1, room / step))
        if t0 <= t1:
            a, b = (px + t0 * dx, py + t0 * dy), (px + t1 * dx, py + t1 * dy)
            runs[-1].append(b) if runs[-1] and runs[-1][-1] == a else runs.append([a, b])
    return [r for r in runs if len(r) > 1]


def print_layers(bm: Basemap, xy, width: float, height: float, events: pd.DataFrame) -> str:
    """SVG for the print map's panel (``xy``: lon, lat to its pixels): lakes, rivers, the credit and up to PRINT_LABELS
    Natural Earth towns by rank, clear of each other and of every event's ring and place name (the print map's own)."""
    from fronts.figures.print_map import clip_ring

    def d(runs: list, close: str = "") -> str:
        return "".join("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in run) + close for run in runs)

    rect, out, n, taken = (-20.0, -20.0, width + 20.0, height + 20.0), [], 0, [(width - text_width(CREDIT, 9) - 8, height - 16, width, height)]
    for _, rings in bm.lakes:
        if runs := [pts for ring in rings if len(pts := clip_ring([xy(lon, lat) for lon, lat in ring], *rect)) >= 3]:
            out.append(f'<path d="{d(runs, "Z")}" class="print-lake" fill="{LAKE_FILL}" stroke="{WATER}" stroke-width="0.6"/>')
    for _, rank, lines in sorted(bm.rivers, key=lambda r: -r[1]):
        if runs := [run for line in lines for run in clip_line([xy(lon, lat) for lon, lat in line], *rect)]:
            out.append(f'<path d="{d(runs)}" class="print-river" fill="none" stroke="{WATER}" '
                       f'stroke-width="{1.6 if rank <= 4 else 0.9}" stroke-linejoin="round" stroke-linecap="round"/>')
    for r in events[["lat", "lon", "geo_precision", "place_name"]].itertuples():
        (x, y), rad = xy(float(r.lon), float(r.lat)), GEO_STYLE[r.geo_precision]["radius"] + 1
        taken += [(x - rad, y - rad, x + rad, y + rad), (x + 13, y - 8, x + 15 + text_width(str(r.place_name), 11), y + 6)]
    where = events[["lat", "lon"]].drop_duplicates().to_numpy(dtype=float)
    for t in sorted(bm.towns, key=lambda t: (t.rank, -t.pop, t.name)):
        (x, y) = xy(t.lon, t.lat)
        box = (x - 4, y - 8, x + 7 + text_width(t.name, 10), y + 5)
        if (n >= PRINT_LABELS or box[0] < 2 or box[1] < 2 or box[2] > width - 2 or box[3] > height - 2
                or any(haversine_km(t.lat, t.lon, la, lo) <= SAME_TOWN_KM for la, lo in where)
                or any(_overlap(box, b) for b in taken)):
            continue
        taken, n = taken + [box], n + 1
        out.append(f'<circle class="print-town-dot" cx="{x:.1f}" cy="{y:.1f}" r="2" fill="#444" stroke="#fff" stroke-width="0.8"/>'
                   f'<text class="print-town" x="{x + 5:.1f}" y="{y + 3.5:.1f}" font-size="10" font-style="italic" '
                   f'fill="#333" stroke="#fff" stroke-width="2.5" paint-order="stroke">{esc(t.name)}</text>')
    return "".join(out) + (f'<text class="print-credit" x="{width - 4:.0f}" y="{height - 5:.0f}" font-size="9" '
                           f'text-anchor="end" fill="#444">{esc(CREDIT)}</text>')
