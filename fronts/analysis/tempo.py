"""Tempo: violent events per week by bloc, with agreements marked, and before/after comparisons.

An event dated only to a span (a week, a month) is spread evenly over the days of that span, so a
vague date adds a fraction of an event to each week it may fall in instead of piling up in one week.
"""
from __future__ import annotations

import pandas as pd

from fronts.data.load import Dataset

VIOLENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians")
YEAR = (pd.Timestamp("2017-01-01"), pd.Timestamp("2017-12-31"))


def week_start(day: pd.Series | pd.Timestamp):
    """The Monday of the ISO week holding each day."""
    return day - pd.to_timedelta(day.dt.weekday if isinstance(day, pd.Series) else day.weekday(), unit="D")


def weekly_by_bloc(events: pd.DataFrame) -> pd.DataFrame:
    """Violent events per week and bloc of the first actor (fractional where dates are spans)."""
    violent = events[events["event_type"].isin(VIOLENT_TYPES)]
    rows = []
    for e in violent.itertuples():
        days = pd.date_range(e.date_start, e.date_end_or_start, freq="D")
        for d in days:
            rows.append({"week": d - pd.Timedelta(days=d.weekday()), "bloc": e.actor1_bloc, "weight": 1 / len(days)})
    weeks = pd.date_range(week_start(YEAR[0]), YEAR[1], freq="W-MON")
    if not rows:
        return pd.DataFrame({"week": weeks, "bloc": "", "events": 0.0})
    frame = pd.DataFrame(rows).groupby(["week", "bloc"], as_index=False)["weight"].sum()
    full = pd.MultiIndex.from_product([weeks, sorted(frame["bloc"].unique())], names=["week", "bloc"])
    out = frame.set_index(["week", "bloc"])["weight"].reindex(full, fill_value=0.0).rename("events").reset_index()
    return out


def agreements(events: pd.DataFrame) -> pd.DataFrame:
    """Agreements, truces and ceasefires (ACLED 'Agreement'), numbered in date order as on the chart."""
    ag = events[events["sub_event_type"] == "Agreement"].sort_values(["date_start", "event_id"])
    label = ag["milestone"].where(ag["milestone"] != "", ag["summary"].str.slice(0, 60))
    return pd.DataFrame({"number": [str(i) for i in range(1, len(ag) + 1)], "event_id": ag["event_id"],
                         "date": ag["date_start"], "label": label}).reset_index(drop=True)


def before_after(events: pd.DataFrame, when: pd.Timestamp, end: pd.Timestamp = YEAR[1]) -> pd.DataFrame:
    """Violent events per week before and after ``when`` (from the first event to ``end``)."""
    weekly = weekly_by_bloc(events).groupby("week")["events"].sum()
    first = week_start(events["date_start"].min())
    before = weekly[(weekly.index >= first) & (weekly.index < week_start(when))]
    after = weekly[(weekly.index >= week_start(when)) & (weekly.index <= end)]
    return pd.DataFrame({
        "period": [f"before {when:%d %b %Y}", f"from {when:%d %b %Y}"],
        "weeks": [len(before), len(after)],
        "violent_events": [round(before.sum(), 1), round(after.sum(), 1)],
        "per_week": [round(before.mean(), 2) if len(before) else 0.0, round(after.mean(), 2) if len(after) else 0.0],
        "weeks_with_none": [int((before == 0).sum()), int((after == 0).sum())],
    })


def held_figures(ds: Dataset, agreement_id: str) -> dict[str, object]:
    """Figures on whether violence fell after an agreement event, for gluing into prose."""
    row = ds.events.loc[ds.events["event_id"] == agreement_id]
    if row.empty:
        raise KeyError(f"event {agreement_id!r} is not in this dataset")
    when = row["date_start"].iloc[0]
    table = before_after(ds.events, when)
    before, after = table.iloc[0], table.iloc[1]
    violent = ds.events[ds.events["event_type"].isin(VIOLENT_TYPES)]
    later = violent[violent["date_start"] >= when]
    return {
        "agreement_date": f"{when.day} {when:%B %Y}",
        "per_week_before": f"{before['per_week']:.1f}",
        "per_week_after": f"{after['per_week']:.1f}",
        "weeks_before": int(before["weeks"]),
        "weeks_after": int(after["weeks"]),
        "quiet_weeks_after": int(after["weeks_with_none"]),
        "n_violent_after": len(later),
        "n_violent_after_gov": int((later["actor1_bloc"] == "government").sum()),
        "n_violent_after_opp": int((later["actor1_bloc"] == "opposition").sum()),
    }
