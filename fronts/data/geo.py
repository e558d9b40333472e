"""Geometry on the outline: great-circle distance, point-in-country, distance to a border."""
from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

import numpy as np

EARTH_RADIUS_KM = 6371.0088

Ring = list[tuple[float, float]]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def haversine_km_array(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Great-circle distance in km, vectorised (arrays broadcast against each other)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(np.asarray(lon2) - np.asarray(lon1))
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))


def km_to_polyline(lat, lon, line) -> np.ndarray:
    """Distance in km from each point to the nearest segment of ``line`` (local flat projection)."""
    lat = np.asarray(lat, dtype="float64")
    lon = np.asarray(lon, dtype="float64")
    kx = 111.32 * np.cos(np.radians(lat))
    ky = 110.57
    best = np.full(lat.shape, np.inf)
    for (y1, x1), (y2, x2) in zip(line, line[1:], strict=False):
        ax, ay = (x1 - lon) * kx, (y1 - lat) * ky
        bx, by = (x2 - lon) * kx, (y2 - lat) * ky
        dx, dy = bx - ax, by - ay
        seg = dx * dx + dy * dy
        t = np.clip(-(ax * dx + ay * dy) / np.where(seg == 0, 1, seg), 0.0, 1.0)
        best = np.minimum(best, np.hypot(ax + t * dx, ay + t * dy))
    return best


@lru_cache(maxsize=4)
def country_polygons(outline_path: str) -> dict[str, list[list[Ring]]]:
    """ISO alpha-2 -> list of polygons (outer ring first) from the outline GeoJSON."""
    data = json.loads(Path(outline_path).read_text(encoding="utf-8"))
    out: dict[str, list[list[Ring]]] = {}
    for feat in data["features"]:
        geom = feat["geometry"]
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        out[feat["properties"]["iso_a2"]] = [[[(x, y) for x, y in ring] for ring in poly] for poly in polys]
    return out


def _in_ring(lon: float, lat: float, ring: Ring) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def in_polygons(lat: float, lon: float, polygons: list[list[Ring]]) -> bool:
    for poly in polygons:
        if _in_ring(lon, lat, poly[0]) and not any(_in_ring(lon, lat, hole) for hole in poly[1:]):
            return True
    return False


def km_to_boundary(lat: float, lon: float, polygons: list[list[Ring]]) -> float:
    """Approximate distance in km from a point to the nearest edge of the polygons."""
    kx = 111.32 * math.cos(math.radians(lat))
    ky = 110.57
    best = math.inf
    for poly in polygons:
        for ring in poly:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
                ax, ay = (x1 - lon) * kx, (y1 - lat) * ky
                bx, by = (x2 - lon) * kx, (y2 - lat) * ky
                dx, dy = bx - ax, by - ay
                seg = dx * dx + dy * dy
                t = 0.0 if seg == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / seg))
                best = min(best, math.hypot(ax + t * dx, ay + t * dy))
    return best


def country_check(lat: float, lon: float, country: str, outline_path: str, tolerance_km: float) -> str | None:
    """None when the point is in ``country`` (or within tolerance of its border), else why not."""
    polys = country_polygons(outline_path)
    if country not in polys:
        return f"country {country} is not in the outline"
    if in_polygons(lat, lon, polys[country]):
        return None
    gap = km_to_boundary(lat, lon, polys[country])
    if gap <= tolerance_km:
        return None
    found = [iso for iso, p in polys.items() if in_polygons(lat, lon, p)]
    where = f"it falls in {found[0]}" if found else "it falls outside Syria and its neighbours"
    return f"point ({lat}, {lon}) is {gap:.0f} km outside {country}; {where} (lat and lon swapped?)"


def destination(lat: float, lon: float, bearing_deg: float, km: float) -> tuple[float, float]:
    """The point ``km`` along a great circle from (lat, lon) at ``bearing_deg`` (0 = north).

    Used to place a 'derived' point from a distance and bearing a source states, e.g.
    "27 km north-west of al-Tanf" -> destination(tanf_lat, tanf_lon, 315, 27).
    """
    d = km / EARTH_RADIUS_KM
    b = math.radians(bearing_deg)
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return math.degrees(p2), (math.degrees(l2) + 540) % 360 - 180


def bearing_deg(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Initial great-circle bearing from point 1 to point 2, in degrees from north (0–360)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    x = math.sin(dl) * math.cos(p2)
    y = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return (math.degrees(math.atan2(x, y)) + 360) % 360


def compass_sector(bearing: float) -> str:
    """north, east, south or west: the quarter of the compass a bearing falls in."""
    return ("north", "east", "south", "west")[int(((bearing + 45) % 360) // 90)]
