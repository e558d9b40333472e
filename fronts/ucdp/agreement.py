"""How far the curated events and UCDP GED agree, and what UCDP has that we have not curated.

**Matching rule.** A UCDP event can be the counterpart of a curated event when both hold:

- *Time*: the two date spans come within ``days`` of each other (default 3). A curated event's
  span is ``date_start``–``date_end`` (a single day when date_end is blank), so an event known
  only to a week or a month is matched against its whole span widened by ``days`` on each side,
  not against its first day. UCDP's own span (``date_start``–``date_end``, wider when
  ``date_prec`` > 1) is used the same way. The day gap is 0 when the spans overlap. Three days
  allow for reports that appear a day or two after the fact and for "overnight" events dated to
  either day, while staying well under a week, so that a match says "the same episode".
- *Place*: the points are within ``km`` of each other (default 25 km, the size of a town and its
  countryside; UCDP's ``where_prec`` 2 also means "near a named place"). A point that only stands
  for a district or a province gets an allowance on top, on either side: curated ``district`` +25 km,
  ``province`` +50 km; UCDP ``where_prec`` 3 (district centroid) +25 km, 4 and 5 +50 km. The
  allowances are deliberately smaller than a whole province: a wider net would find some UCDP event
  for almost anything on a busy front within ±3 days. UCDP points for the whole country (6) or sea
  and air (7) never match.

Among the UCDP events that qualify, the nearest in distance is the match (then the smaller day gap,
then the lower id). The same rule, turned round, decides which UCDP events no curated event covers.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from fronts.analysis.tempo import VIOLENT_TYPES
from fronts.data.geo import haversine_km_array
from fronts.data.load import FRONTS
from fronts.ucdp.areas import Area
from fronts.ucdp.counts import COUNTS, select, spread

CURATED_ALLOWANCE_KM = {"district": 25.0, "province": 50.0}
UCDP_ALLOWANCE_KM = {3: 25.0, 4: 50.0, 5: 50.0}
NEVER_MATCH_WHERE_PREC = (6, 7)
TERRITORY = ("Government regains territory", "Non-state actor overtakes territory")


def _days(values: pd.Series) -> np.ndarray:
    return values.to_numpy(dtype="datetime64[D]").astype("int64")


def pairs(curated: pd.DataFrame, ucdp: pd.DataFrame, days: int = 3, km: float = 25.0,
          curated_allowance_km: dict | None = None, ucdp_allowance_km: dict | None = None):
    """Matrices (curated × UCDP) of distance in km, day gap, and whether the pair qualifies."""
    ca = CURATED_ALLOWANCE_KM if curated_allowance_km is None else curated_allowance_km
    ua = UCDP_ALLOWANCE_KM if ucdp_allowance_km is None else ucdp_allowance_km
    cs = _days(curated["date_start"])
    ce = _days(curated["date_end"].fillna(curated["date_start"]))
    us, ue = _days(ucdp["date_start"]), _days(ucdp["date_end"])
    gap = np.maximum(0, np.maximum(us[None, :] - ce[:, None], cs[:, None] - ue[None, :]))
    dist = haversine_km_array(curated["lat"].to_numpy(dtype="float64")[:, None], curated["lon"].to_numpy(dtype="float64")[:, None],
                              ucdp["latitude"].to_numpy()[None, :], ucdp["longitude"].to_numpy()[None, :])
    radius = (km + curated["geo_precision"].map(ca).fillna(0.0).to_numpy(dtype="float64")[:, None]
              + ucdp["where_prec"].map(ua).fillna(0.0).to_numpy(dtype="float64")[None, :])
    usable = ~ucdp["where_prec"].isin(NEVER_MATCH_WHERE_PREC).to_numpy()[None, :]
    ok = (gap <= days) & (dist <= radius) & usable
    return dist, gap, ok, radius


def match_events(curated: pd.DataFrame, ucdp: pd.DataFrame, days: int = 3, km: float = 25.0,
                 curated_allowance_km: dict | None = None, ucdp_allowance_km: dict | None = None) -> pd.DataFrame:
    """One row per curated event: its nearest qualifying UCDP event (or none), and the near miss.

    Columns: event_id, front, event_type, matched, ucdp_id, distance_km, day_gap, candidates (how many UCDP
    events qualify), ucdp_date, ucdp_place, ucdp_best; and for unmatched events the UCDP event that
    came closest to qualifying (``miss_id``, ``miss_km``, ``miss_days``), judged by ``miss_score``,
    the larger of distance ÷ allowed distance and day gap ÷ allowed days (1 or less would qualify).
    """
    dist, gap, ok, radius = pairs(curated, ucdp, days, km, curated_allowance_km, ucdp_allowance_km)
    n = len(ucdp)
    rows = []
    ids = ucdp["id"].to_numpy()
    for i, ev in enumerate(curated.itertuples(index=False)):
        row = {"event_id": ev.event_id, "front": ev.front, "event_type": ev.event_type, "matched": bool(ok[i].any()),
               "candidates": int(ok[i].sum())}
        if row["matched"]:
            j = np.lexsort((ids, gap[i], np.where(ok[i], dist[i], np.inf)))[0]
            row.update(_ucdp_fields(ucdp, j, dist[i, j], gap[i, j]))
        elif n:
            score = np.maximum(dist[i] / radius[i], gap[i] / max(days, 1))
            score[ucdp["where_prec"].isin(NEVER_MATCH_WHERE_PREC).to_numpy()] = np.inf
            j = int(np.argmin(score))
            if np.isfinite(score[j]):
                row.update({"miss_id": int(ids[j]), "miss_km": round(float(dist[i, j]), 1), "miss_days": int(gap[i, j]),
                            "miss_score": round(float(score[j]), 2)})
        rows.append(row)
    cols = ["event_id", "front", "event_type", "matched", "ucdp_id", "distance_km", "day_gap", "candidates", "ucdp_date",
            "ucdp_place", "ucdp_best", "miss_id", "miss_km", "miss_days", "miss_score"]
    out = pd.DataFrame(rows).reindex(columns=cols)
    for col in ("ucdp_id", "day_gap", "ucdp_best", "miss_id", "miss_days"):
        out[col] = out[col].astype("Int64")
    return out


def _ucdp_fields(ucdp: pd.DataFrame, j: int, dist: float, gap: int) -> dict:
    u = ucdp.iloc[j]
    return {"ucdp_id": int(u["id"]), "distance_km": round(float(dist), 1), "day_gap": int(gap),
            "ucdp_date": u["date_start"], "ucdp_place": u["where_coordinates"], "ucdp_best": int(u["best"])}


def match_rates(matches: pd.DataFrame) -> pd.DataFrame:
    """Per front (and all together): curated events, how many have a UCDP match, and the share; the
    same for the violent events only (battles and explosions/remote violence), which are the ones
    UCDP, a record of deaths, can be expected to hold. A strategic development that "matches" only
    has UCDP fighting near it in place and time."""
    rows = []
    for front in [f for f in FRONTS if f in set(matches["front"])] + ["all"]:
        m = matches if front == "all" else matches[matches["front"] == front]
        v = m[m["event_type"].isin(VIOLENT_TYPES)]
        rows.append({"front": front, "events": len(m), "matched": int(m["matched"].sum()), "share": _share(m),
                     "violent_events": len(v), "violent_matched": int(v["matched"].sum()), "violent_share": _share(v)})
    return pd.DataFrame(rows)


def _share(m: pd.DataFrame) -> float:
    return round(float(m["matched"].mean()), 3) if len(m) else float("nan")


def unmatched(matches: pd.DataFrame, curated: pd.DataFrame, days: int = 3, km: float = 25.0) -> pd.DataFrame:
    """The curated events with no UCDP match, each with the first reason that applies, in this order:
    placed outside Syria; a strategic development (not lethal by type); no deaths reported; the
    closest UCDP event, when it is within twice the tolerance (``miss_score`` ≤ 2); a change of control with no death
    toll in our sources; otherwise none found. Pass the ``days`` and ``km`` the matches used."""
    m = matches[~matches["matched"]].drop(columns=["event_type"]).merge(curated, on=["event_id", "front"], how="left",
                                                                         validate="one_to_one")
    m["reason"] = [_reason(r, days, km) for r in m.itertuples(index=False)]
    return m[["event_id", "front", "date_start", "place_name", "event_type", "sub_event_type", "fatalities_high",
              "reason"]].reset_index(drop=True)


def _reason(r, days: int, km: float) -> str:
    country = getattr(r, "place_country", "SY") or "SY"
    if country != "SY":
        return f"placed outside Syria ({country}); UCDP's file covers Syria only"
    if r.event_type == "Strategic developments":
        return f"not a lethal event by type (strategic development: {r.sub_event_type}); UCDP records only events with deaths"
    if pd.notna(r.fatalities_high) and r.fatalities_high == 0:
        return "our sources report no deaths; UCDP records only events with at least one death"
    if pd.notna(r.miss_score) and r.miss_score <= 2:
        unit = "day" if r.miss_days == 1 else "days"
        return f"closest UCDP event, {r.miss_id}, is {r.miss_km} km and {r.miss_days} {unit} away: outside the tolerance"
    if r.sub_event_type in TERRITORY and pd.isna(r.fatalities_high):
        return "a change of control with no death toll in our sources; UCDP may not record it as a lethal event"
    return f"no UCDP event within the tolerance ({km:g} km, {days} days)"


def uncovered(ucdp: pd.DataFrame, curated: pd.DataFrame, days: int = 3, km: float = 25.0,
              curated_allowance_km: dict | None = None, ucdp_allowance_km: dict | None = None) -> np.ndarray:
    """For each UCDP event, True when no curated event (of any front) qualifies as its counterpart."""
    _, _, ok, _ = pairs(curated, ucdp, days, km, curated_allowance_km, ucdp_allowance_km)
    return ~ok.any(axis=0)


def next_to_curate(ucdp: pd.DataFrame, curated: pd.DataFrame, front: str, n: int = 5, year: int = 2017,
                   days: int = 3, km: float = 25.0, max_where_prec: int = 5) -> pd.DataFrame:
    """The deadliest UCDP events of ``year`` in ``front``'s area that no curated event matches."""
    u = select(ucdp[ucdp["year"] == year], front, max_where_prec)
    u = u[uncovered(u, curated, days, km)]
    u = u.sort_values(["best", "date_start", "id"], ascending=[False, True, True]).head(n)
    return u[["id", "date_start", "date_end", "date_prec_label", "where_coordinates", "where_prec_label", "adm_1",
              "dyad_name", "best", "low", "high", "source_headline"]].reset_index(drop=True)


def intensity(ucdp: pd.DataFrame, area: str | Area, first: str | pd.Timestamp, last: str | pd.Timestamp,
              weeks_before: int = 4, max_where_prec: int = 5) -> pd.DataFrame:
    """Events and deaths in ``area`` on the days ``first``..``last`` against the weeks just before.

    Rows: each of the ``weeks_before`` seven-day periods before ``first`` (oldest first), their mean
    (``baseline``), the ``window`` itself, and ``window ÷ baseline`` (per-week rates divided).
    Counts follow :mod:`fronts.ucdp.counts` (events with a date span are spread over their days),
    so a long window and a week compare fairly through the ``*_per_week`` columns.
    """
    first, last = pd.Timestamp(first), pd.Timestamp(last)
    if last < first:
        raise ValueError("last is before first")
    daily = spread(select(ucdp, area, max_where_prec))
    periods = [(f"week -{k}", first - pd.Timedelta(days=7 * k), first - pd.Timedelta(days=7 * k - 6))
               for k in range(weeks_before, 0, -1)] + [("window", first, last)]
    rows = []
    for label, a, b in periods:
        d = daily[(daily["day"] >= a) & (daily["day"] <= b)]
        ndays = (b - a).days + 1
        row = {"period": label, "first": a, "last": b, "days": ndays} | {c: float(d[c].sum()) for c in COUNTS}
        row |= {"events_per_week": row["events"] * 7 / ndays, "best_per_week": row["best"] * 7 / ndays}
        rows.append(row)
    table = pd.DataFrame(rows)
    base = table.iloc[:-1]
    mean = {"period": "baseline", "first": base["first"].min(), "last": base["last"].max(), "days": int(base["days"].sum())}
    mean |= {c: float(base[c].mean()) for c in (*COUNTS, "events_per_week", "best_per_week")}
    win = table.iloc[-1]
    ratio = {"period": "window ÷ baseline",
             "events_per_week": _ratio(win["events_per_week"], mean["events_per_week"]),
             "best_per_week": _ratio(win["best_per_week"], mean["best_per_week"])}
    out = pd.concat([base, pd.DataFrame([mean]), table.iloc[[-1]], pd.DataFrame([ratio])], ignore_index=True)
    out["days"] = out["days"].astype("Int64")
    numbers = [*COUNTS, "events_per_week", "best_per_week"]
    out[numbers] = out[numbers].round(2)
    return out


def _ratio(a: float, b: float) -> float:
    return a / b if b else float("inf") if a else float("nan")
