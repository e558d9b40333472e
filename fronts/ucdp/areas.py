"""One area per front: simple shapes (circles, lat/lon boxes, a band along a border) and their union.

An area answers "which events belong to this front's ground?" for data we did not curate, such as
UCDP GED. Each is drawn round the places of the front's curated events and described in one
sentence for the book. Two curated events fall outside on purpose, because their coordinates are
where a statement was made, not where fighting was: the Iraqi prime minister's victory speech in
Baghdad (IRQ-0043) and an SDF warning issued in Qamishli (IRQ-0011). Four Dara'a-front events in
Amman (talks and the ceasefire's monitoring centre; seven since the 2017 coverage round) and one clash
at Bir Qassab on the At Tanf front (TNF-0026, some 165 km west of the garrison, on the government's
drive out of the Damascus desert) are also outside, as are a few events placed where the fighting of a
front reached beyond its box: Deir ez-Zor-front strikes placed at Albu Kamal (inside the border front's
area) and the bombing of the displaced at al-Shaddadi, Raqqa-front strikes at Ma'adan, a strike at
al-Sanamayn north of Dar'a, and Iraqi army and border-guard fighting at Rutba and Trebil in western Anbar. tests/test_ucdp.py lists them by id. :func:`coverage` recomputes
these shares from the data.

Areas may overlap where fronts met: the T2 pumping station and the desert north-east of al-Tanf
belong both to their own front and to the Iraq–Syria border strip. Distances are great-circle
(points, circles) or on a local flat projection (the border band; error well under 1 km at this size).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from fronts.data.geo import haversine_km_array, km_to_polyline
from fronts.data.load import FRONTS
from fronts.paths import REPO


@dataclass(frozen=True)
class Circle:
    """Every point within ``radius_km`` of (lat, lon)."""

    lat: float
    lon: float
    radius_km: float
    label: str

    def contains(self, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
        return haversine_km_array(lat, lon, self.lat, self.lon) <= self.radius_km


@dataclass(frozen=True)
class Box:
    """Every point with south ≤ lat ≤ north and west ≤ lon ≤ east."""

    south: float
    west: float
    north: float
    east: float
    label: str

    def contains(self, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
        return (lat >= self.south) & (lat <= self.north) & (lon >= self.west) & (lon <= self.east)


@dataclass(frozen=True)
class Band:
    """Every point within ``width_km`` of a polyline given as (lat, lon) vertices."""

    line: tuple[tuple[float, float], ...]
    width_km: float
    label: str

    def contains(self, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
        return km_to_polyline(lat, lon, self.line) <= self.width_km


@dataclass(frozen=True)
class Area:
    """A front's area: the union of its shapes, with a sentence for the book."""

    front: str
    description: str
    shapes: tuple[Circle | Box | Band, ...]

    def contains(self, lat, lon) -> np.ndarray:
        lat = np.asarray(lat, dtype="float64")
        lon = np.asarray(lon, dtype="float64")
        inside = np.zeros(lat.shape, dtype=bool)
        for shape in self.shapes:
            inside |= shape.contains(lat, lon)
        return inside


# The Syria–Iraq border, simplified to 12 vertices from data/outline.geojson (Natural Earth 1:50m),
# from the Jordan tripoint in the south-west to the Turkish tripoint on the Tigris.
SYRIA_IRAQ_BORDER = (
    (33.372, 38.774), (34.047, 40.121), (34.387, 40.934), (34.613, 41.100), (34.806, 41.201), (35.288, 41.215),
    (35.724, 41.359), (36.073, 41.244), (36.384, 41.294), (36.566, 41.651), (36.826, 42.083), (37.109, 42.360),
)


def place(place_id: str, places_csv: Path = REPO / "data" / "places.csv") -> tuple[float, float]:
    """A place's (lat, lon) as the book's gazetteer (``data/places.csv``) gives it: the areas are drawn
    round those points, which are read from the file, never copied into code."""
    with places_csv.open(encoding="utf-8-sig", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            if row["place_id"] == place_id:
                try:
                    return float(row["lat"]), float(row["lon"])
                except ValueError:
                    raise ValueError(f"{places_csv}:{line}:lat/lon: {place_id} has no usable coordinates") from None
    raise KeyError(f"{places_csv}: no place {place_id!r}, which a front's area is drawn round")


DEIR_EZ_ZOR_CITY = place("deir-ez-zor")
AL_TANF = place("al-tanf")
DARAA_CITY = place("daraa")

AREAS: dict[str, Area] = {
    "deir-ez-zor": Area(
        "deir-ez-zor",
        "The desert road from Palmyra through al-Sukhnah to al-Kawm, and the Euphrates valley from Maadan "
        "past Deir ez-Zor city to al-Mayadin and the T2 pumping station.",
        (Box(34.40, 38.15, 35.25, 39.35, "Palmyra–al-Sukhnah–al-Kawm desert"),
         Box(34.40, 39.35, 35.85, 40.75, "Deir ez-Zor city and the middle Euphrates"))),
    "raqqa": Area(
        "raqqa",
        "Raqqa city and its province from Maskanah and the Tabqa dam in the west to al-Karama in the east, "
        "and from Ayn Issa in the north to al-Resafa in the south.",
        (Box(35.55, 37.95, 36.45, 39.35, "Raqqa province from Maskanah to al-Karama"),)),
    "daraa": Area(
        "daraa",
        "Within 20 km of Dar'a city: its contested districts and countryside to the Nasib crossing on the "
        "Jordanian border, but not the Yarmouk basin further west.",
        (Circle(*DARAA_CITY, 20.0, "20 km around Dar'a city"),)),
    "at-tanf": Area(
        "at-tanf",
        "Within 100 km of the al-Tanf garrison: the 55 km deconfliction zone and the desert approaches "
        "(al-Sab' Biyar, al-Zakf, Jabal al-Ghurab) where government forces and coalition partners met.",
        (Circle(*AL_TANF, 100.0, "100 km around al-Tanf"),)),
    "iraq-border": Area(
        "iraq-border",
        "A 50 km strip either side of the Syria–Iraq border, plus Iraq's western Nineveh and Anbar desert "
        "(Sinjar, al-Baaj, Hatra, Anah, Rawa) where the PMU and the Iraqi army advanced towards it.",
        (Band(SYRIA_IRAQ_BORDER, 50.0, "50 km either side of the Syria–Iraq border"),
         Box(34.20, 41.45, 36.50, 43.00, "western Nineveh and Anbar, Iraq"))),
}
assert set(AREAS) == set(FRONTS), "every front needs an area"


def in_area(front: str, lat, lon):
    """Which points fall in ``front``'s area; a boolean Series when ``lat`` is a Series, else an array."""
    if front not in AREAS:
        raise KeyError(f"unknown front {front!r}; one of {', '.join(AREAS)}")
    inside = AREAS[front].contains(lat, lon)
    return pd.Series(inside, index=lat.index, name=front) if isinstance(lat, pd.Series) else inside


def coverage(events: pd.DataFrame) -> pd.DataFrame:
    """Per front: curated events, how many lie in the front's area, the share, and the ids outside."""
    rows = []
    for front in FRONTS:
        ev = events[events["front"] == front]
        inside = in_area(front, ev["lat"], ev["lon"])
        rows.append({"front": front, "events": len(ev), "inside": int(inside.sum()),
                     "share": round(float(inside.mean()), 3) if len(ev) else float("nan"),
                     "outside": ";".join(ev.loc[~inside, "event_id"])})
    return pd.DataFrame(rows)
