"""Counting UCDP events and deaths in an area over time (per week, or in any span of days).

Two choices, the same as the book's own tempo chart (:mod:`fronts.analysis.tempo`):

- **Place.** An event belongs to an area when its point does. Points that stand for the whole
  country (``where_prec`` 6, the centroid of Syria) or for sea or airspace (7) say nothing about
  where the event was, so they are left out by default (``max_where_prec=5``); district and
  province centroids (3, 4) and loosely described places (5) are kept.
- **Time.** An event dated only to a span (UCDP's ``date_start``–``date_end``, e.g. a month) is
  spread evenly over the days of the span: it adds a fraction of an event, and the same fraction
  of its deaths, to each day, instead of piling up on its first day. Counts can therefore be
  fractional. Weeks start on Monday.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from fronts.ucdp.areas import AREAS, Area

COUNTS = ("events", "low", "best", "high")


def select(ucdp: pd.DataFrame, area: str | Area, max_where_prec: int = 5) -> pd.DataFrame:
    """The UCDP events whose point lies in ``area`` (a front key or an Area) and is specific enough."""
    shape = AREAS[area] if isinstance(area, str) else area
    inside = shape.contains(ucdp["latitude"].to_numpy(), ucdp["longitude"].to_numpy())
    return ucdp[inside & (ucdp["where_prec"] <= max_where_prec).to_numpy()]


def spread(ucdp: pd.DataFrame) -> pd.DataFrame:
    """One row per event and day of its span: ``id``, ``day`` and the event's share of events/low/best/high."""
    n = (ucdp["date_end"] - ucdp["date_start"]).dt.days.to_numpy() + 1
    rows = np.repeat(np.arange(len(ucdp)), n)
    offset = np.arange(len(rows)) - np.repeat(np.cumsum(n) - n, n)
    weight = 1.0 / n[rows]
    out = pd.DataFrame({
        "id": ucdp["id"].to_numpy()[rows],
        "day": ucdp["date_start"].to_numpy()[rows] + offset.astype("timedelta64[D]"),
        "events": weight,
    })
    for col in ("low", "best", "high"):
        out[col] = ucdp[col].to_numpy(dtype="float64")[rows] * weight
    return out


def weekly(ucdp: pd.DataFrame, area: str | Area, year: int = 2017, max_where_prec: int = 5) -> pd.DataFrame:
    """Events and deaths (low, best, high) per Monday-starting week of ``year``, zero weeks included."""
    days = spread(select(ucdp, area, max_where_prec))
    first, last = pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31)
    days = days[(days["day"] >= first) & (days["day"] <= last)]
    week = days["day"] - pd.to_timedelta(days["day"].dt.day_of_week, unit="D")
    sums = days[list(COUNTS)].groupby(week.rename("week")).sum()
    weeks = pd.date_range(first - pd.Timedelta(days=first.weekday()), last, freq="W-MON", name="week")
    return sums.reindex(weeks, fill_value=0.0).round(6).reset_index()  # 7 × 1/7 is 1, not 0.9999999


def totals(ucdp: pd.DataFrame, area: str | Area, first: pd.Timestamp, last: pd.Timestamp,
           max_where_prec: int = 5) -> dict[str, float]:
    """Events and deaths in ``area`` on the days ``first``..``last`` (inclusive)."""
    days = spread(select(ucdp, area, max_where_prec))
    days = days[(days["day"] >= pd.Timestamp(first)) & (days["day"] <= pd.Timestamp(last))]
    return {c: float(days[c].sum()) for c in COUNTS}


def weekly_between(ucdp: pd.DataFrame, first: pd.Timestamp, last: pd.Timestamp) -> pd.DataFrame:
    """Events and deaths (low, best, high) per Monday-starting week from ``first`` to ``last``, zero weeks included.

    Every event given counts, wherever it is placed: no area and no precision filter, so for UCDP's
    Syria file it is all of Syria (country-centroid events included). One row per week, whatever the
    number of events, so a chart of it stays the same size for 5,000 events or 50,000.
    """
    first, last = pd.Timestamp(first), pd.Timestamp(last)
    days = spread(ucdp)
    days = days[(days["day"] >= first) & (days["day"] <= last)]
    week = days["day"] - pd.to_timedelta(days["day"].dt.day_of_week, unit="D")
    sums = days[list(COUNTS)].groupby(week.rename("week")).sum()
    weeks = pd.date_range(first - pd.Timedelta(days=first.weekday()), last, freq="W-MON", name="week")
    return sums.reindex(weeks, fill_value=0.0).round(6).reset_index()
