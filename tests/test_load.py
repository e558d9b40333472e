"""load(): typed, joined views, and corroboration derived from citations.csv."""
from __future__ import annotations

import pandas as pd
import pytest

from fronts import FRONTS, load
from fronts.data.corroboration import corroboration


def test_types_and_joins(package):
    ds = load(package)
    ev = ds.events.set_index("event_id")
    assert pd.api.types.is_datetime64_any_dtype(ev["date_start"])
    assert ev.loc["DAR-0001", "fatalities_low"] == 3 and ev.loc["DAR-0001", "fatalities_high"] == 5
    assert pd.isna(ev.loc["TNF-0001", "fatalities_low"])
    assert ev.loc["TNF-0001", "place_name"] == "Rukban"
    assert ev.loc["TNF-0001", "actor1_bloc"] == "coalition"
    assert ev.loc["TNF-0001", "actor2_name"] == "Pro-government and Iranian-backed militias"
    assert ev.loc["TNF-0001", "front_name"] == FRONTS["at-tanf"]
    assert list(ds.events["event_id"]) == ["DAR-0001", "TNF-0001", "TNF-0002"]  # date order


def test_corroboration_is_derived(package):
    ev = load(package).events.set_index("event_id")
    assert ev.loc["TNF-0001", "corroboration"] == "corroborated"
    assert ev.loc["TNF-0001", "n_publishers"] == 2
    assert ev.loc["TNF-0002", "corroboration"] == "contested"
    assert ev.loc["DAR-0001", "corroboration"] == "single-source"


def test_same_publisher_twice_is_not_corroboration():
    citations = pd.DataFrame({"event_id": ["E", "E"], "source_id": ["a", "b"], "role": ["reports", "confirms"]})
    sources = pd.DataFrame({"source_id": ["a", "b"], "publisher": ["Reuters", "Reuters"]})
    out = corroboration(citations, sources).set_index("event_id")
    assert out.loc["E", "corroboration"] == "single-source"
    assert out.loc["E", "n_sources"] == 2 and out.loc["E", "n_publishers"] == 1


def test_reposts_count_once_by_origin():
    citations = pd.DataFrame({"event_id": ["E"] * 3, "source_id": ["a", "b", "c"], "role": ["reports", "confirms", "confirms"]})
    sources = pd.DataFrame({"source_id": ["a", "b", "c"], "publisher": ["Reuters", "Hamodia (Reuters)", "Ahram Online (Reuters)"],
                            "origin": ["", "Reuters", "Reuters"]})
    out = corroboration(citations, sources).set_index("event_id")
    assert out.loc["E", "n_publishers"] == 1 and out.loc["E", "corroboration"] == "single-source"
    sources.loc[2, "origin"] = ""
    assert corroboration(citations, sources).set_index("event_id").loc["E", "corroboration"] == "corroborated"


def test_dispute_outranks_support():
    citations = pd.DataFrame({"event_id": ["E"] * 3, "source_id": ["a", "b", "c"], "role": ["reports", "confirms", "disputes"]})
    sources = pd.DataFrame({"source_id": ["a", "b", "c"], "publisher": ["A", "B", "C"]})
    assert corroboration(citations, sources).set_index("event_id").loc["E", "corroboration"] == "contested"


def test_front_view(package):
    ds = load(package).front("at-tanf")
    assert list(ds.events["event_id"]) == ["TNF-0001", "TNF-0002"]
    assert set(ds.citations["event_id"]) == {"TNF-0001", "TNF-0002"}
    assert set(ds.sources["source_id"]) == {"fixture-a", "fixture-b", "fixture-c", "fixture-seed"}
    assert len(ds.claims) == 2
    with pytest.raises(KeyError, match="unknown front"):
        load(package).front("mars")


def test_blank_stays_blank(package):
    ds = load(package)
    assert (ds.events.set_index("event_id").loc["TNF-0001", "notes"]) == ""
    assert pd.isna(ds.sources.set_index("source_id").loc["fixture-c", "published"])
