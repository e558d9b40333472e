"""``load()``: the validated data package as typed, joined pandas tables."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from fronts.data.contract import read_contract
from fronts.data.corroboration import corroboration
from fronts.data.validate import check
from fronts.settings import Settings

FRONTS = {
    "deir-ez-zor": "Deir ez-Zor",
    "raqqa": "Raqqa",
    "daraa": "Dara'a",
    "at-tanf": "At Tanf",
    "iraq-border": "The Iraq–Syria border",
}
BLOCS = ("government", "coalition", "isis", "opposition", "iraq", "other")


@dataclass
class Dataset:
    """The data package. ``events`` is joined with places, actors and corroboration."""

    events: pd.DataFrame
    places: pd.DataFrame
    actors: pd.DataFrame
    sources: pd.DataFrame
    citations: pd.DataFrame
    claims: pd.DataFrame
    data_dir: Path
    event_fronts: dict[str, str] | None = None  # every event id in the package -> its front
    retracted: pd.DataFrame | None = None  # withdrawn events: kept with their ids, never shown as events
    ucdp_review: pd.DataFrame | None = None  # UCDP GED's deadliest events per front and what the record does with each
    all_events: pd.DataFrame | None = None  # a front's view keeps every front's events (a UCDP event may match any)
    settings: Settings = field(default_factory=Settings)  # what the data were loaded with; figures read it from here

    def front_of(self, event_id: str) -> str | None:
        """The front of any event in the package, also from a view restricted to one front."""
        return (self.event_fronts or dict(zip(self.events["event_id"], self.events["front"], strict=True))).get(event_id)

    def front(self, front: str) -> Dataset:
        """The same dataset restricted to one front's events, citations, sources and claims."""
        if front not in FRONTS:
            raise KeyError(f"unknown front {front!r}; one of {', '.join(FRONTS)}")
        ev = self.events[self.events["front"] == front].reset_index(drop=True)
        cit = self.citations[self.citations["event_id"].isin(ev["event_id"])].reset_index(drop=True)
        cl = self.claims[self.claims["front"] == front].reset_index(drop=True)
        used = set(cit["source_id"]) | set(cl["source_id"])
        src = self.sources[self.sources["source_id"].isin(used)].reset_index(drop=True)
        fronts_map = self.event_fronts or dict(zip(self.events["event_id"], self.events["front"], strict=True))
        gone = None if self.retracted is None else self.retracted[self.retracted["front"] == front].reset_index(drop=True)
        review = None if self.ucdp_review is None else self.ucdp_review[self.ucdp_review["front"] == front].reset_index(drop=True)
        return Dataset(ev, self.places, self.actors, src, cit, cl, self.data_dir, fronts_map, gone, review,
                       self.events if self.all_events is None else self.all_events, self.settings)


def _frame(records: list[dict], resource) -> pd.DataFrame:
    df = pd.DataFrame.from_records(records, columns=resource.columns)
    for f in resource.fields:
        if f.type == "date":
            df[f.name] = pd.to_datetime(df[f.name])
        elif f.type == "integer":
            df[f.name] = df[f.name].astype("Int64")
        elif f.type == "number":
            df[f.name] = df[f.name].astype("float64")
        else:
            df[f.name] = df[f.name].astype("object").where(df[f.name].notna(), "")
    return df


def load(data_dir: Path | str | None = None, *, settings: Settings | None = None) -> Dataset:
    """Validate the data package (raising :class:`fronts.DataError` on any problem) and join it.

    ``settings`` travel with the dataset (``ds.settings``) to every figure made from it. Without
    them, this is an edge (a notebook's set-up cell): they are read from the environment once, here.
    ``data_dir``, when given, overrides ``settings.data_dir``.
    """
    settings = settings or Settings.from_env()
    if data_dir:
        settings = settings.with_(data_dir=Path(data_dir))
    data_dir = settings.data_dir
    report = check(data_dir)
    contract = read_contract(data_dir)
    t = {name: _frame(report.tables[name].records(), res) for name, res in contract.items()}
    events = _join_events(t)
    shown = events["status"] == "published"
    cit = t["citations"][t["citations"]["event_id"].isin(events.loc[shown, "event_id"])].reset_index(drop=True)
    return Dataset(events[shown].reset_index(drop=True), t["places"], t["actors"], t["sources"], cit, t["claims"], data_dir,
                   retracted=events[~shown].reset_index(drop=True), ucdp_review=t.get("ucdp_review"), settings=settings)


def _join_events(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    ev = t["events"].copy()
    ev["date_end_or_start"] = ev["date_end"].fillna(ev["date_start"])
    places = t["places"][["place_id", "name", "country", "admin1", "coord_method"]].rename(
        columns={"name": "place_name", "country": "place_country", "admin1": "place_admin1", "coord_method": "place_coord_method"})
    ev = ev.merge(places, on="place_id", how="left", validate="many_to_one")
    actors = t["actors"].set_index("actor_id")
    for side in ("actor1", "actor2"):
        ev[f"{side}_name"] = ev[side].map(actors["name"]).fillna("")
        ev[f"{side}_bloc"] = ev[side].map(actors["bloc"]).fillna("")
    corr = corroboration(t["citations"], t["sources"])
    ev = ev.merge(corr, on="event_id", how="left", validate="one_to_one")
    ev["front_name"] = ev["front"].map(FRONTS)
    return ev.sort_values(["date_start", "event_id"], kind="stable").reset_index(drop=True)
