"""Progress over time: how close a side's events came to a place, or how far they got from one.

Only events placed to within 15 km count (geo precision exact, locality or near): an event placed
only to a district says nothing reliable about a front line. Each week keeps its extreme event, and
the *best so far* line carries the closest (or farthest) point reached up to that week.
"""
from __future__ import annotations

import pandas as pd

from fronts.analysis.distance import GEO_UNCERTAINTY_KM, place_point
from fronts.data.geo import bearing_deg, compass_sector, haversine_km
from fronts.data.load import Dataset

PLACED_KM = GEO_UNCERTAINTY_KM["near"]


def involving(events: pd.DataFrame, *, actor: str | None = None, bloc: str | None = None) -> pd.Series:
    """Events in which the actor (or any actor of the bloc) is actor1 or actor2."""
    if actor:
        return (events["actor1"] == actor) | (events["actor2"] == actor)
    return (events["actor1_bloc"] == bloc) | (events["actor2_bloc"] == bloc)


def located(ds: Dataset, place_id: str, mask: pd.Series, group: str) -> pd.DataFrame:
    """Distance and compass sector from ``place_id`` of the masked, well-placed events.

    ``group`` labels the rows; the special value ``"sector"`` groups them by compass sector.
    """
    lat, lon = place_point(ds, place_id)
    ev = ds.events[mask & ds.events["geo_precision"].map(GEO_UNCERTAINTY_KM).le(PLACED_KM)]
    out = pd.DataFrame({
        "event_id": ev["event_id"], "date": ev["date_start"], "place": ev["place_name"],
        "distance_km": [round(haversine_km(lat, lon, a, b), 1) for a, b in zip(ev["lat"], ev["lon"], strict=True)],
        "sector": [compass_sector(bearing_deg(lat, lon, a, b)) for a, b in zip(ev["lat"], ev["lon"], strict=True)],
    })
    out["group"] = out["sector"] if group == "sector" else group
    return out.reset_index(drop=True)


def weekly_best(frame: pd.DataFrame, *, closest: bool = True) -> pd.DataFrame:
    """Per group and week: the week's extreme event and the best distance reached so far."""
    if frame.empty:
        return pd.DataFrame(columns=["group", "week", "distance_km", "event_id", "best_so_far_km"])
    f = frame.assign(week=frame["date"] - pd.to_timedelta(frame["date"].dt.weekday, unit="D"))
    f = f.sort_values(["group", "week", "distance_km", "event_id"], ascending=[True, True, closest, True])
    weekly = f.groupby(["group", "week"], as_index=False).first()[["group", "week", "distance_km", "event_id"]]
    acc = "cummin" if closest else "cummax"
    weekly["best_so_far_km"] = weekly.groupby("group")["distance_km"].transform(acc)
    return weekly.reset_index(drop=True)


def weekly_gain(weekly: pd.DataFrame) -> pd.DataFrame:
    """Kilometres gained each week on the farthest-so-far line (for advances away from a start)."""
    out = weekly.copy()
    out["gain_km"] = out.groupby("group")["best_so_far_km"].diff().fillna(out["best_so_far_km"]).round(1)
    return out


def border_km(lat: float, lon: float, outline_path: str) -> float:
    """Distance to the Iraq–Syria border: to Iraq's edge from Syria, to Syria's edge from Iraq."""
    from fronts.data.geo import country_polygons, in_polygons, km_to_boundary

    polys = country_polygons(outline_path)
    other = "IQ" if in_polygons(lat, lon, polys["SY"]) else "SY"
    return km_to_boundary(lat, lon, polys[other])


def first_at_border(ds: Dataset, actors: dict[str, str], within_km: float = 15.0) -> pd.DataFrame:
    """For each force, its first well-placed battle within ``within_km`` of the Iraq–Syria border.

    Only battles count (an air strike on a border town is not a force reaching the border), and only
    events placed to within 15 km: an arrival placed only to a district cannot be tested this way.
    """
    outline = str(ds.data_dir / "outline.geojson")
    ev = ds.events[ds.events["geo_precision"].map(GEO_UNCERTAINTY_KM).le(PLACED_KM) & (ds.events["event_type"] == "Battles")]
    rows = []
    for actor, label in actors.items():
        mine = ev[ev["actor1"] == actor].sort_values(["date_start", "event_id"])
        near = [(r.event_id, r.date_start, r.place_name, border_km(r.lat, r.lon, outline)) for r in mine.itertuples()]
        hit = next((n for n in near if n[3] <= within_km), None)
        rows.append({"force": label, "first_event": hit[0] if hit else "", "date": hit[1].date().isoformat() if hit else "",
                     "place": hit[2] if hit else "", "km_from_border": round(hit[3], 1) if hit else None})
    return pd.DataFrame(rows)


def contacts(ds: Dataset, side_a: set[str], bloc_b: str) -> pd.DataFrame:
    """Events between any actor in ``side_a`` and any actor of ``bloc_b`` (either way round)."""
    ev = ds.events
    a1, a2 = ev["actor1"].isin(side_a), ev["actor2"].isin(side_a)
    hit = (a1 & (ev["actor2_bloc"] == bloc_b)) | (a2 & (ev["actor1_bloc"] == bloc_b))
    return ev[hit].reset_index(drop=True)


def approach_until(ds: Dataset, place_id: str, mask: pd.Series, group: str, until_event: str, exclude_within_km: float) -> pd.DataFrame:
    """Well-placed events of a side up to ``until_event``, leaving out those within
    ``exclude_within_km`` of the place before that day (e.g. a besieged enclave's own fighting)."""
    when = event_date(ds, until_event)
    frame = located(ds, place_id, mask & (ds.events["date_start"] <= when), group)
    return without_enclave(frame, group, exclude_within_km, when)


def event_date(ds: Dataset, event_id: str) -> pd.Timestamp:
    return ds.events.loc[ds.events["event_id"] == event_id, "date_start"].iloc[0]


def closest_other_than(frame: pd.DataFrame, event_id: str) -> pd.Series:
    """The closest event in ``frame`` apart from ``event_id`` (e.g. the last point before a link-up)."""
    return frame[frame["event_id"] != event_id].sort_values(["distance_km", "event_id"]).iloc[0]


def race(ds: Dataset, place_id: str, forces: dict[str, pd.Series],
         enclave: tuple[str, float, pd.Timestamp] | None = None) -> pd.DataFrame:
    """Weekly closest approach to ``place_id`` of several forces (name -> event mask); ``enclave``
    = (force, km, until) drops that force's events inside the place's enclave before ``until``."""
    frame = pd.concat([located(ds, place_id, mask, name) for name, mask in forces.items()], ignore_index=True)
    if enclave:
        frame = without_enclave(frame, *enclave)
    return weekly_best(frame)


def reach_by(frame: pd.DataFrame, when: str) -> tuple[float, str]:
    """Farthest distance reached by a date, and the event that reached it."""
    upto = frame[frame["date"] <= pd.Timestamp(when)]
    if upto.empty:
        return 0.0, ""
    best = upto.sort_values(["distance_km", "event_id"], ascending=[False, True]).iloc[0]
    return float(best["distance_km"]), str(best["event_id"])


def weekly_table(weekly: pd.DataFrame) -> pd.DataFrame:
    """Weeks down, groups across: the best distance so far, carried forward (blank before any event)."""
    table = weekly.pivot(index="week", columns="group", values="best_so_far_km").sort_index().ffill()
    table.index = table.index.strftime("%d %b %Y")
    table.index.name = "week of"
    table.columns.name = None
    return table


def without_enclave(frame: pd.DataFrame, group: str, within_km: float, until: pd.Timestamp) -> pd.DataFrame:
    """Drop one group's events within ``within_km`` of the place before ``until`` (for example a
    besieged garrison's own fighting, which is not an approach from outside)."""
    inside = (frame["group"] == group) & (frame["distance_km"] <= within_km) & (frame["date"] < until)
    return frame[~inside].reset_index(drop=True)
