"""Distances from events to a reference place: zones (At Tanf's 55 km) and approaches over time."""
from __future__ import annotations

import pandas as pd

from fronts.data.geo import haversine_km
from fronts.data.load import Dataset
from fronts.vocabulary import BLOC_LABELS

# How far from its plotted point an event may really be, by geo precision. A distance is only
# called inside or outside a zone when the whole uncertainty circle falls on one side.
GEO_UNCERTAINTY_KM = {"exact": 1.0, "locality": 5.0, "near": 15.0, "district": 75.0, "province": 150.0}


def place_point(ds: Dataset, place_id: str) -> tuple[float, float]:
    row = ds.places.loc[ds.places["place_id"] == place_id]
    if row.empty:
        raise KeyError(f"place {place_id!r} is not in places.csv")
    return float(row["lat"].iloc[0]), float(row["lon"].iloc[0])


def distances_to(ds: Dataset, place_id: str, radius_km: float) -> pd.DataFrame:
    """Each event's distance from ``place_id`` and whether it lies inside ``radius_km``."""
    lat, lon = place_point(ds, place_id)
    ev = ds.events
    dist = [haversine_km(lat, lon, a, b) for a, b in zip(ev["lat"], ev["lon"], strict=False)]
    slack = ev["geo_precision"].map(GEO_UNCERTAINTY_KM)
    involves_gov = (ev["actor1_bloc"] == "government") | (ev["actor2_bloc"] == "government")
    zone = ["inside" if d + r <= radius_km else "outside" if d - r > radius_km else "uncertain" for d, r in zip(dist, slack, strict=False)]
    return pd.DataFrame({
        "event_id": ev["event_id"],
        "date": ev["date_start"],
        "bloc": ev["actor1_bloc"],
        "involves_government": involves_gov,
        "place": ev["place_name"],
        "geo_precision": ev["geo_precision"],
        "distance_km": [round(d, 1) for d in dist],
        "uncertainty_km": slack,
        "zone": zone,
        "summary": ev["summary"],
    })


ZONES = ("inside", "uncertain", "outside")


def zone_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Events inside, outside, or not placed precisely enough to tell, by bloc of the first actor."""
    table = pd.crosstab(frame["bloc"].map(BLOC_LABELS), frame["zone"]).reindex(columns=list(ZONES), fill_value=0)
    table["total"] = table.sum(axis=1)
    table.index.name = "bloc of the first actor"
    table.columns.name = None
    return table


def closest_approach(frame: pd.DataFrame) -> pd.DataFrame:
    """Government-involved events placed to within 15 km, in date order, with the nearest so far.

    Events placed only to a district or province are left out: their distance is not known.
    """
    gov = frame[frame["involves_government"] & (frame["uncertainty_km"] <= GEO_UNCERTAINTY_KM["near"])]
    gov = gov.sort_values(["date", "event_id"]).copy()
    gov["closest_so_far_km"] = gov["distance_km"].cummin()
    return gov[["event_id", "date", "place", "geo_precision", "distance_km", "uncertainty_km", "closest_so_far_km", "zone"]].reset_index(drop=True)


def zone_figures(frame: pd.DataFrame, radius_km: float) -> dict[str, object]:
    """Figures the chapter states about the zone, for gluing into its prose."""
    counts = frame["zone"].value_counts()
    approach = closest_approach(frame)
    out: dict[str, object] = {
        "zone_radius_km": f"{radius_km:g}",
        "n_inside": int(counts.get("inside", 0)),
        "n_outside": int(counts.get("outside", 0)),
        "n_uncertain": int(counts.get("uncertain", 0)),
        "n_gov_placed": len(approach),
        "n_gov": int(frame["involves_government"].sum()),
    }
    if not approach.empty:
        best = approach.loc[approach["distance_km"].idxmin()]
        out.update({"closest_km": f"{best['distance_km']:.0f}", "closest_event": best["event_id"],
                    "closest_date": f"{best['date'].day} {best['date']:%B %Y}"})
    return out
