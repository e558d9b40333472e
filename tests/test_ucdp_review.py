"""UCDP GED's deadliest events on each front and what the record does with them (issue 19, item 2).

Every UCDP GED event of 2017 in a front's area with a best estimate of 25 or more deaths has a
curated counterpart (found by the matching rule, or decided in ``data/ucdp_review.csv``) or a stated
reason for having none. The review file names real UCDP events of that kind, each once.
"""
from __future__ import annotations

import pytest

from fronts import load
from fronts.settings import Settings
from fronts.site import skeleton
from fronts.ucdp import agreement, context
from fronts.ucdp import counts as ucdp_counts
from tests.conftest import DATA


@pytest.fixture(scope="module")
def year():
    df, st = context.load_year(Settings.from_env())
    if df is None:
        pytest.skip(f"UCDP GED absent: {st.message}")
    return df


@pytest.fixture(scope="module")
def ds():
    return load(DATA)


def _deadliest(year, front):
    area = ucdp_counts.select(year, front, 5)
    return area[area["best"] >= context.REVIEW_MIN_DEATHS]


def test_review_rows_are_explained(ds):
    review = ds.ucdp_review
    assert review is not None and len(review) > 0
    assert review["ucdp_id"].is_unique
    needs_event = review["decision"].isin(["curated", "duplicate"])
    assert (review.loc[needs_event, "event_id"] != "").all(), review.loc[needs_event & (review["event_id"] == "")]
    assert (review["reason"].str.len() >= 10).all()


def test_review_names_real_deadly_ucdp_events_of_the_front(ds, year):
    for front, rows in ds.ucdp_review.groupby("front"):
        deadliest = set(_deadliest(year, front)["id"].astype(int))
        stray = sorted(set(rows["ucdp_id"].astype(int)) - deadliest)
        assert stray == [], f"{front}: not UCDP 2017 events in the area with {context.REVIEW_MIN_DEATHS}+ deaths: {stray}"


@pytest.mark.parametrize("front", list(skeleton.PREFIX))
def test_every_deadly_ucdp_event_has_a_counterpart_or_a_reason(ds, year, front):
    big = _deadliest(year, front).reset_index(drop=True)
    decided = set(ds.ucdp_review.loc[ds.ucdp_review["front"] == front, "ucdp_id"].astype(int))
    matched = ~agreement.uncovered(big, ds.events, context.DAYS, context.KM)
    open_ = [int(i) for i, m in zip(big["id"], matched, strict=True) if not m and int(i) not in decided]
    assert open_ == [], f"{front}: UCDP events with {context.REVIEW_MIN_DEATHS}+ deaths with no counterpart and no decision: {open_}"


def test_chapter_table_shows_every_deadly_event(ds, year):
    ctx = context.front_context(ds.front("raqqa"), "raqqa")
    html = ctx.review_table(ds.ucdp_review).markup
    big = _deadliest(year, "raqqa")
    assert f'data-count="{len(big)}"' in html
    assert "not yet reviewed" not in html


def test_statements_are_kept_apart_from_fighting_in_tempo(package):
    """Strategic developments (statements, agreements, deployments) never count as tempo or intensity:
    turning a battle into a statement takes it out of the weekly counts, not out of the record."""
    import csv
    import io

    from fronts.analysis import summary, tempo

    ds = load(package)
    before = tempo.weekly_by_bloc(ds.events)["events"].sum()
    facts = summary.bottom_line(ds)
    assert facts["n_violent"] + facts["n_developments"] == facts["n_events"] == len(ds.events)
    path = package / "events.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    fighting = next(r for r in rows if r["event_type"] == "Battles")
    fighting.update(event_type="Strategic developments", sub_event_type="Other")
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    after_ds = load(package)
    after = tempo.weekly_by_bloc(after_ds.events)["events"].sum()
    assert len(after_ds.events) == len(ds.events)
    assert round(before - after, 6) == 1.0
    assert summary.bottom_line(after_ds)["n_violent"] == facts["n_violent"] - 1
