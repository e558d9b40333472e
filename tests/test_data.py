"""The curated data package itself: valid, complete and honest about what it knows."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from fronts import load, validate
from fronts.data.codebook import codebook_markdown
from fronts.data.validate import FRONT_PREFIX
from tests.conftest import DATA, ROOT

MINIMUM_EVENTS = {"at-tanf": 20, "daraa": 30, "raqqa": 45, "deir-ez-zor": 40, "iraq-border": 35}


@pytest.fixture(scope="module")
def ds():
    return load(DATA)


def test_package_validates():
    report = validate(DATA)
    assert report.issues == [], "\n".join(map(str, report.issues))


def test_frictionless_validates_the_package():
    exe = Path(sys.executable).with_name("frictionless")
    out = subprocess.run([str(exe), "validate", "--json", str(DATA / "datapackage.json")], capture_output=True, text=True, cwd=DATA)
    report = json.loads(out.stdout)
    errors = [e for task in report.get("tasks", []) for e in task.get("errors", [])] + report.get("errors", [])
    assert report["valid"], json.dumps(errors[:5], indent=1)


@pytest.mark.parametrize("front,minimum", MINIMUM_EVENTS.items())
def test_front_has_enough_2017_events(ds, front, minimum):
    ev = ds.events[ds.events["front"] == front]
    assert len(ev) >= minimum
    assert (ev["date_start"].dt.year == 2017).all()


@pytest.mark.parametrize("front", MINIMUM_EVENTS)
def test_half_confirmed_by_two_publishers(ds, front):
    ev = ds.events[ds.events["front"] == front]
    assert (ev["n_publishers"] >= 2).mean() >= 0.5


def test_every_event_cited_with_url_publisher(ds):
    cited = ds.citations.merge(ds.sources, on="source_id")
    assert set(cited["event_id"]) == set(ds.events["event_id"])
    assert cited["url"].str.match(r"^https?://").all()
    assert (cited["publisher"] != "").all()


def test_ids_follow_front_prefix(ds):
    for row in ds.events.itertuples():
        assert row.event_id.startswith(FRONT_PREFIX[row.front] + "-")


def test_blank_not_zero_for_unknown_fatalities():
    """Unknown is blank. A bound may stand alone ("up to 11", "more than 100"); a zero is a figure a
    source states (no one killed), so it comes as 0–0 with notes that say so, never as half a range."""
    raw = pd.read_csv(DATA / "events.csv", dtype=str, keep_default_na=False)
    zero = raw[(raw["fatalities_low"] == "0") | (raw["fatalities_high"] == "0")]
    assert ((zero["fatalities_low"] == "0") & (zero["fatalities_high"] == "0") & (zero["notes"] != "")).all(), \
        list(zero["event_id"])


def test_source_dates_are_stated_or_blank(ds):
    # A blank publication date must be explained in the source's notes.
    missing = ds.sources[ds.sources["published"].isna()]
    assert (missing["notes"] != "").all(), list(missing["source_id"])


def test_places_record_how_they_were_placed(ds):
    assert ds.places["coord_method"].isin(["gazetteer", "source", "derived"]).all()
    gaz = ds.places[ds.places["coord_method"] == "gazetteer"]
    assert gaz["geonames_id"].notna().all()
    other = ds.places[ds.places["coord_method"] != "gazetteer"]
    assert (other["notes"].str.len() > 10).all()


def test_claims_cover_seed_articles(ds):
    assert set(ds.claims["source_id"]) <= {"russia-insider-2017-06", "funker530-2017-06"}
    assert (ds.claims[ds.claims["front"] == "at-tanf"]).shape[0] >= 1


def test_outline_provenance():
    outline = json.loads((DATA / "outline.geojson").read_text(encoding="utf-8"))
    assert "Natural Earth" in outline["source"]
    assert {f["properties"]["iso_a2"] for f in outline["features"]} >= {"SY", "IQ", "JO", "LB", "TR"}
    assert "outline.geojson" in (DATA / "README.md").read_text(encoding="utf-8")
    assert (ROOT / "scripts/make_outline.py").exists()


def test_codebook_matches_datapackage():
    """data/README.md holds exactly the codebook generated from datapackage.json."""
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert codebook_markdown(DATA) in readme, "run: python -m fronts codebook"
    spec = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    for res in spec["resources"]:
        for field in res["schema"]["fields"]:
            assert f"| `{field['name']}` |" in readme


def test_claims_evidence_and_verdicts(ds):
    known = set(ds.events["event_id"])
    for claim in ds.claims.itertuples():
        assert claim.verdict in {"corroborated", "partly", "contradicted", "unverifiable"}
        for eid in [e for e in claim.evidence.split(";") if e]:
            assert eid in known, (claim.claim_id, eid)


def test_both_seed_articles_are_sources(ds):
    seeds = ds.sources.set_index("source_id").loc[["russia-insider-2017-06", "funker530-2017-06"]]
    assert set(seeds["publisher"]) == {"Russia Insider", "Funker530"}
    # Neither page states its date; until a retrieved source does, the date stays blank and the
    # notes say why (data honesty outranks a filled-in field).
    assert seeds["published"].isna().all() and (seeds["notes"].str.len() > 20).all()
