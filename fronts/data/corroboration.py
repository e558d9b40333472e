"""Derive each event's corroboration from citations.csv; it is never typed by hand.

- ``contested``: at least one source disputes the event as summarised;
- ``corroborated``: two or more distinct publishers report or confirm it. A publisher is counted
  by its ``origin`` when the page carries another outlet's reporting (a wire story reposted on
  three websites is one publisher, not three);
- ``single-source``: otherwise.
"""
from __future__ import annotations

import pandas as pd

LEVELS = ("corroborated", "single-source", "contested")


def corroboration(citations: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """One row per cited event: publisher counts and the derived corroboration level."""
    origin = sources["origin"].where(sources["origin"] != "", sources["publisher"]) if "origin" in sources else sources["publisher"]
    who = pd.DataFrame({"source_id": sources["source_id"], "publisher": origin})
    cited = citations.merge(who, on="source_id", how="left", validate="many_to_one")
    support = cited[cited["role"].isin(["reports", "confirms"])]
    out = pd.DataFrame({
        "n_sources": cited.groupby("event_id")["source_id"].nunique(),
        "n_publishers": support.groupby("event_id")["publisher"].nunique(),
        "n_disputes": cited[cited["role"] == "disputes"].groupby("event_id")["source_id"].nunique(),
    }).fillna(0).astype(int)
    out["corroboration"] = "single-source"
    out.loc[out["n_publishers"] >= 2, "corroboration"] = "corroborated"
    out.loc[out["n_disputes"] > 0, "corroboration"] = "contested"
    return out.rename_axis("event_id").reset_index()
