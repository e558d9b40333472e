"""UCDP GED context: reading UCDP's format strictly, front areas, agreement with the curated events,
weekly counts, the intensity test, the figures and the fetch script's filter — all offline, on a
synthetic fixture in UCDP's published format (tests/fixtures/ucdp/, see make_fixture.py there).
One test reads the real file when it is present and skips, saying why, when it is not."""
from __future__ import annotations

import csv
import gzip
import importlib.util
import io
import re
import zipfile
from pathlib import Path

import folium
import pandas as pd
import pytest

from fronts import load
from fronts.data.geo import country_polygons, km_to_boundary
from fronts.figures.render import map_html
from fronts.ucdp.agreement import intensity, match_events, match_rates, next_to_curate, unmatched
from fronts.ucdp.areas import AREAS, SYRIA_IRAQ_BORDER, Circle, coverage, in_area
from fronts.ucdp.counts import weekly
from fronts.ucdp.figures import ATTRIBUTION, add_ucdp_layer, attribution, weekly_chart, weekly_chart_html, weekly_frame
from fronts.ucdp.ged import DATE_PREC, WHERE_PREC, UcdpFormatError, UcdpMissing, load_ucdp, status, ucdp_path
from tests.support.siteprobe import srcdocs

from .conftest import DATA, ROOT
from .fixtures.ucdp.make_fixture import HEADER

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "ucdp" / "ged_fixture.csv"
DEZ, DARAA, TANF, RAQQA, ARAK = (35.33588, 40.14084), (32.61889, 36.10213), (33.50583, 38.61778), (35.95283, 39.00788), (34.78467, 38.55502)


def line_of(rid: int) -> int:
    """The fixture line a row starts on: row 900002 spans lines 3-5 (line breaks in quoted fields)."""
    return {900001: 2, 900002: 3}.get(rid, rid - 900000 + 3)


@pytest.fixture
def ged() -> pd.DataFrame:
    return load_ucdp(FIXTURE)


def write_variant(tmp_path: Path, edit) -> Path:
    """The fixture with ``edit(rows)`` applied to its parsed rows (rows[0] is the header)."""
    with FIXTURE.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    edit(rows)
    out = tmp_path / "variant.csv"
    with out.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    return out


def set_cell(rid: int, column: str, value: str):
    def edit(rows):
        row = next(r for r in rows[1:] if r[0] == f"{rid:.1f}")
        row[rows[0].index(column)] = value
    return edit


def curated(*rows: dict) -> pd.DataFrame:
    """A frame shaped like ``load().events`` (the columns agreement uses)."""
    base = {"date_end": None, "geo_precision": "near", "event_type": "Battles", "sub_event_type": "Armed clash",
            "fatalities_high": None, "place_country": "SY", "place_name": "somewhere"}
    df = pd.DataFrame([base | r for r in rows])
    df["date_start"] = pd.to_datetime(df["date_start"])
    df["date_end"] = pd.to_datetime(df["date_end"])
    df["fatalities_high"] = df["fatalities_high"].astype("Int64")
    return df


# --- reading --------------------------------------------------------------------------------------

def test_fixture_has_the_real_header_and_marks_every_row_synthetic():
    with FIXTURE.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == HEADER and len(HEADER) == 41
    assert 20 <= len(rows) - 1 <= 40
    assert all(r[HEADER.index("source_headline")].startswith("SYNTHETIC FIXTURE ROW") for r in rows[1:])


def test_reads_and_types_the_fixture(ged):
    assert len(ged) == 26
    assert ged["id"].dtype == "int64" and ged["best"].dtype == "int64"
    assert ged["latitude"].dtype == "float64" and pd.api.types.is_datetime64_any_dtype(ged["date_start"])
    assert ged["gwnob"].isna().all()  # blank in the published file too
    row = ged.set_index("id").loc[900002]
    assert row["file_line"] == 3 and "line break" in row["source_headline"]
    assert ged.set_index("id").loc[900003, "file_line"] == 6
    assert ged["estimates_ordered"].all()
    assert list(ged["date_start"]) == sorted(ged["date_start"])


def test_precision_labels(ged):
    by_id = ged.set_index("id")
    assert set(ged["where_prec"]) == set(WHERE_PREC) and set(ged["date_prec"]) == set(DATE_PREC)
    assert by_id.loc[900010, "where_prec_label"] == "somewhere in the country (country centroid)"
    assert by_id.loc[900004, "where_prec_label"] == "somewhere in a district (district centroid)"
    assert by_id.loc[900011, "where_prec_label"] == "at sea or in international airspace"
    assert by_id.loc[900008, "date_prec_label"] == "within a month"
    assert by_id.loc[900023, "date_prec_label"] == "within 2–6 days" and by_id.loc[900023, "span_days"] == 3
    assert by_id.loc[900013, "date_prec_label"] == "within a year"
    assert by_id.loc[900001, "violence"] == "state-based conflict"


def test_years_filter_and_gzip(tmp_path):
    gz = tmp_path / "ged.csv.gz"
    gz.write_bytes(gzip.compress(FIXTURE.read_bytes()))
    assert len(load_ucdp(gz)) == 26
    y2017 = load_ucdp(gz, years=2017)
    assert len(y2017) == 24 and set(y2017["year"]) == {2017}
    assert set(load_ucdp(FIXTURE, years=[2016, 2018])["id"]) == {900017, 900025}


def test_plain_whole_numbers_and_extra_columns_are_accepted(tmp_path):
    def edit(rows):
        rows[0].append("relid")
        for r in rows[1:]:
            r.append("SYN-1")
        rows[1][0] = "900001"  # written as a plain integer, as GED Global does
    df = load_ucdp(write_variant(tmp_path, edit))
    assert 900001 in set(df["id"]) and "relid" in df.columns


def test_status_in_the_repository_names_no_builder_directory(monkeypatch):
    """The message is printed in the built pages: a path inside the checkout is shown relative to it."""
    monkeypatch.delenv("FRONTS_UCDP_FILE", raising=False)
    monkeypatch.delenv("FRONTS_EXTERNAL_DATA", raising=False)
    st = status(ROOT / "data" / "external" / "no-such-dir" / "ged.csv.gz")
    assert not st and "there is no file at data/external/no-such-dir/ged.csv.gz." in st.message
    assert str(ROOT) not in st.message
    assert str(FIXTURE.relative_to(ROOT).as_posix()) in status(FIXTURE).message


def test_missing_file_status_says_how_to_get_it(tmp_path, monkeypatch):
    monkeypatch.delenv("FRONTS_UCDP_FILE", raising=False)
    monkeypatch.setenv("FRONTS_EXTERNAL_DATA", str(tmp_path))
    expected = tmp_path / "ucdp-ged-syria" / "ged_syria_2016_2019.csv.gz"
    st = status()
    assert not st and st.path == expected == ucdp_path()
    assert "absent" in st.message and str(expected) in st.message and "make ucdp" in st.message
    with pytest.raises(UcdpMissing, match="make ucdp"):
        load_ucdp()
    monkeypatch.setenv("FRONTS_UCDP_FILE", str(FIXTURE))
    assert ucdp_path() == FIXTURE and status().available and len(load_ucdp()) == 26


def test_default_location_is_the_gitignored_external_folder(monkeypatch):
    monkeypatch.delenv("FRONTS_UCDP_FILE", raising=False)
    monkeypatch.delenv("FRONTS_EXTERNAL_DATA", raising=False)
    assert ucdp_path() == ROOT / "data" / "external" / "ucdp-ged-syria" / "ged_syria_2016_2019.csv.gz"
    assert "data/external/" in (ROOT / ".gitignore").read_text().splitlines()


BAD_CELLS = [
    ("unparseable date", 900005, "date_start", "2017-02-30", "date_start", r"'2017-02-30' is not a date"),
    ("slash date", 900006, "date_end", "21/06/2017", "date_end", r"is not a date"),
    ("end before start", 900007, "date_end", "2017-06-01", "date_end", r"before date_start"),
    ("latitude out of range", 900003, "latitude", "95.5", "latitude", r"95.5 is outside -90..90"),
    ("longitude out of range", 900009, "longitude", "-181", "longitude", r"outside -180..180"),
    ("latitude not a number", 900012, "latitude", "35,9", "latitude", r"not a number"),
    ("unknown where_prec", 900014, "where_prec", "8.0", "where_prec", r"unknown code 8; UCDP's codes are 1, 2, 3, 4, 5, 6, 7"),
    ("unknown date_prec", 900015, "date_prec", "0", "date_prec", r"unknown code 0; UCDP's codes are 1, 2, 3, 4, 5"),
    ("unknown type of violence", 900016, "type_of_violence", "4.0", "type_of_violence", r"unknown code 4"),
    ("fractional deaths", 900018, "best", "2.5", "best", r"'2.5' is not a whole number"),
    ("blank best", 900019, "best", "", "best", r"is blank"),
    ("negative deaths", 900020, "deaths_civilians", "-1.0", "deaths_civilians", r"'-1.0' is negative"),
    ("repeated id", 900021, "id", "900020.0", "id", r"id 900020 repeats line 23"),
    ("low above best", 900022, "low", "11.0", "low", r"estimates out of order: low=11, best=10, high=15"),
    ("best above high", 900024, "high", "11.0", "high", r"estimates out of order: low=12, best=12, high=11"),
]


@pytest.mark.parametrize(("label", "rid", "column", "value", "reported", "pattern"), BAD_CELLS, ids=[c[0] for c in BAD_CELLS])
def test_bad_cell_names_file_line_and_column(tmp_path, label, rid, column, value, reported, pattern):
    path = write_variant(tmp_path, set_cell(rid, column, value))
    with pytest.raises(UcdpFormatError) as err:
        load_ucdp(path)
    prefix = f"{path}:{line_of(rid)}:{reported}: "
    found = [str(i) for i in err.value.issues]
    assert any(m.startswith(prefix) and re.search(pattern, m[len(prefix):]) for m in found), found
    assert len(found) == 1, found


def test_missing_column_is_named_on_the_header_line(tmp_path):
    def drop_best(rows):
        i = rows[0].index("best")
        for r in rows:
            del r[i]
    path = write_variant(tmp_path, drop_best)
    with pytest.raises(UcdpFormatError) as err:
        load_ucdp(path)
    assert [str(i) for i in err.value.issues] == [f"{path}:1:best: required column is missing from the header"]


def test_row_with_wrong_field_count(tmp_path):
    path = write_variant(tmp_path, lambda rows: rows[6].pop())
    with pytest.raises(UcdpFormatError, match=rf"{re.escape(str(path))}:{line_of(900006)}:-: row has 40 fields but the header has 41"):
        load_ucdp(path)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("")
    with pytest.raises(UcdpFormatError, match=r"empty.csv:1:-: file is empty"):
        load_ucdp(path)


def test_corrupt_gzip(tmp_path):
    path = tmp_path / "broken.csv.gz"
    path.write_bytes(gzip.compress(FIXTURE.read_bytes())[:400])
    with pytest.raises(UcdpFormatError, match=r"broken.csv.gz:\d+:-: cannot read the file"):
        load_ucdp(path)


def test_estimate_order_can_be_kept_and_flagged(tmp_path):
    path = write_variant(tmp_path, set_cell(900022, "low", "11.0"))
    with pytest.raises(UcdpFormatError, match="estimate_order='flag'"):
        load_ucdp(path)
    df = load_ucdp(path, estimate_order="flag")
    assert len(df) == 26
    assert list(df.loc[~df["estimates_ordered"], "id"]) == [900022]
    assert df.attrs["ucdp_flagged"] == [f"{path}:{line_of(900022)}:low: estimates out of order: low=11, best=10, high=15 (must be low ≤ best ≤ high)"]


def test_other_problems_are_errors_even_when_flagging(tmp_path):
    path = write_variant(tmp_path, set_cell(900005, "latitude", "91"))
    with pytest.raises(UcdpFormatError, match=":latitude: 91 is outside"):
        load_ucdp(path, estimate_order="flag")


# --- areas ----------------------------------------------------------------------------------------

def test_area_membership_of_known_points():
    assert in_area("deir-ez-zor", pd.Series([DEZ[0], ARAK[0]]), pd.Series([DEZ[1], ARAK[1]])).all()
    assert in_area("at-tanf", [TANF[0]], [TANF[1]]).all()
    assert not in_area("at-tanf", [33.03196], [36.86016]).any()          # Bir Qassab, ~165 km west
    assert in_area("daraa", [DARAA[0]], [DARAA[1]]).all()
    assert not in_area("daraa", [DARAA[0] + 0.19], [DARAA[1]]).any()     # ~21 km north
    assert in_area("raqqa", [RAQQA[0], 35.96577], [RAQQA[1], 38.04165]).all()   # Raqqa, Maskanah
    assert in_area("iraq-border", [34.45226, 36.32090], [40.91854, 41.87656]).all()  # Albu Kamal, Sinjar
    assert not in_area("iraq-border", [33.34058, 37.05215], [44.40088, 41.23142]).any()  # Baghdad, Qamishli
    assert not in_area("raqqa", [DEZ[0]], [DEZ[1]]).any()
    series = in_area("raqqa", pd.Series([RAQQA[0]], index=[7]), pd.Series([RAQQA[1]], index=[7]))
    assert list(series.index) == [7] and series.dtype == bool
    with pytest.raises(KeyError):
        in_area("aleppo", [0.0], [0.0])


def test_every_front_has_a_described_area():
    assert set(AREAS) == {"deir-ez-zor", "raqqa", "daraa", "at-tanf", "iraq-border"}
    assert all(a.description.endswith(".") and len(a.description) < 260 for a in AREAS.values())


def test_border_line_lies_on_the_outline():
    polys = country_polygons(str(DATA / "outline.geojson"))
    for lat, lon in SYRIA_IRAQ_BORDER:
        assert km_to_boundary(lat, lon, polys["SY"]) < 1 and km_to_boundary(lat, lon, polys["IQ"]) < 1


def test_areas_cover_the_curated_events_but_the_documented_outliers():
    cov = coverage(load().events).set_index("front")
    allowed = {"IRQ-0011", "IRQ-0043", "TNF-0026", "DAR-0032", "DAR-0039", "DAR-0040", "DAR-0042",
               # statements in Amman; Deir ez-Zor province events placed at Albu Kamal (the border front's
               # area) and at al-Shaddadi (where the displaced were received); Ma'adan just east of the Raqqa
               # box; the Iraqi army's al-Sakkar and Rutba fighting in western Anbar
               "DAR-0057", "DAR-0067", "DAR-0068", "DEZ-0077", "DEZ-0079", "DEZ-0094", "RAQ-0075", "IRQ-0056", "IRQ-0057",
               # IS attacks on Iraqi border guards and the Rutba road (Trebil, western Anbar); a strike at
               # al-Sanamayn, north of the 20 km circle round Dar'a
               "IRQ-0077", "IRQ-0092", "IRQ-0093", "DAR-0096"}
    outside = {e for ids in cov["outside"] for e in ids.split(";") if e}
    assert outside <= allowed, outside - allowed
    assert (cov["share"] >= 0.9).all()


# --- counts and intensity --------------------------------------------------------------------------

def test_weekly_counts_spread_spans_over_days(ged):
    w = weekly(ged, "deir-ez-zor").set_index("week")
    assert len(w) == 53 and w.index[0] == pd.Timestamp("2016-12-26")
    # Week of Mon 29 May: 900023 (30 May-2 Jun, all 4 days) + 900022 (2 Jun) + 900003 (4 Jun).
    assert w.loc["2017-05-29"].to_dict() == {"events": 3.0, "low": 17.0, "best": 19.0, "high": 24.0}
    # Week of 5 Jun: 900001 (6th), 900002 (9th), 900004 (5th, district centroid).
    assert w.loc["2017-06-05", "events"] == 3.0 and w.loc["2017-06-05", "best"] == 10.0
    assert w.loc["2017-06-19", "events"] == 2.0    # Arak, 900005 and 900006
    assert w["events"].sum() == 12.0                 # 12 rows; not 900025 (2018) nor 900010 (Syria's centroid)
    assert weekly(ged, "deir-ez-zor", max_where_prec=2)["events"].sum() == 11.0   # not 900004 (district centroid)


def test_weekly_counts_split_a_week_coded_event(ged):
    w = weekly(ged, "raqqa").set_index("week")
    # 900012 runs Mon 7 - Sun 13 Aug: all of it in one week; 900017 (2016) is not counted.
    assert w.loc["2017-08-07", "events"] == 1.0 and w["events"].sum() == 6.0


def test_intensity_window_against_the_weeks_before(ged):
    enclave = Circle(*DEZ, 15.0, "Deir ez-Zor enclave")
    t = intensity(ged, enclave, "2017-06-01", "2017-06-07").set_index("period")
    assert list(t.index) == ["week -4", "week -3", "week -2", "week -1", "baseline", "window", "window ÷ baseline"]
    assert list(t.loc[["week -4", "week -3", "week -2", "week -1"], "best"]) == [2.0, 4.0, 6.0, 12.0]
    assert t.loc["week -1", "events"] == 1.5             # 900021, and half of 900023 (30-31 May)
    assert t.loc["baseline", "events"] == 1.12 and t.loc["baseline", "best"] == 6.0
    assert t.loc["window", "events"] == 2.5 and t.loc["window", "best"] == 19.0   # 900022, 900001, half of 900023
    assert t.loc["window ÷ baseline", "events_per_week"] == round(2.5 / 1.125, 2)
    assert t.loc["window ÷ baseline", "best_per_week"] == round(19 / 6, 2)
    ten = intensity(ged, enclave, "2017-06-01", "2017-06-10").set_index("period")
    assert ten.loc["window", "days"] == 10 and ten.loc["window", "best_per_week"] == round(21 * 7 / 10, 2)


# --- agreement ------------------------------------------------------------------------------------

CURATED = curated(
    {"event_id": "DEZ-9001", "front": "deir-ez-zor", "date_start": "2017-06-04", "date_end": "2017-06-05", "lat": DEZ[0], "lon": DEZ[1]},
    {"event_id": "DEZ-9002", "front": "deir-ez-zor", "date_start": "2017-06-11", "date_end": "2017-06-17", "lat": ARAK[0], "lon": ARAK[1]},
    {"event_id": "RAQ-9001", "front": "raqqa", "date_start": "2017-06-01", "lat": RAQQA[0], "lon": RAQQA[1], "geo_precision": "province"},
    {"event_id": "DAR-9001", "front": "daraa", "date_start": "2017-06-03", "lat": DARAA[0], "lon": DARAA[1]},
    {"event_id": "DAR-9002", "front": "daraa", "date_start": "2017-07-17", "lat": DARAA[0], "lon": DARAA[1],
     "event_type": "Explosions/Remote violence"},
    {"event_id": "DAR-9003", "front": "daraa", "date_start": "2017-07-07", "lat": 31.95522, "lon": 35.94503,
     "place_country": "JO", "event_type": "Strategic developments", "sub_event_type": "Agreement"},
    {"event_id": "TNF-9001", "front": "at-tanf", "date_start": "2017-06-08", "lat": 33.91818, "lon": 39.11588, "fatalities_high": 0},
    {"event_id": "TNF-9002", "front": "at-tanf", "date_start": "2017-06-09", "lat": TANF[0], "lon": TANF[1],
     "event_type": "Strategic developments", "sub_event_type": "Other"},
    {"event_id": "TNF-9003", "front": "at-tanf", "date_start": "2017-12-13", "lat": TANF[0], "lon": TANF[1], "fatalities_high": 21},
    {"event_id": "RAQ-9002", "front": "raqqa", "date_start": "2017-02-20", "lat": RAQQA[0], "lon": RAQQA[1],
     "sub_event_type": "Government regains territory"},
)


def test_matches_have_known_distances_and_gaps(ged):
    m = match_events(CURATED, ged).set_index("event_id")
    # DEZ-9001 (4-5 Jun): 900023 (1 km, 30 May-2 Jun: its span ends 2 days before) is the nearest of five
    # that qualify: 900022 (2 km, 2 Jun), 900001 (10 km, 6 Jun), 900003 (24 km, same day) and 900004
    # (40 km, but a district centroid: +25 km). 900002 (3 km) is 4 days after; 900010 is Syria's centroid.
    assert m.loc["DEZ-9001", ["ucdp_id", "distance_km", "day_gap", "candidates"]].tolist() == [900023, 1.0, 2, 5]
    # DEZ-9002, a week (11-17 Jun): 900005 on the 20th is 3 days after the span; 900006 on the 21st is 4.
    assert m.loc["DEZ-9002", ["ucdp_id", "distance_km", "day_gap", "candidates"]].tolist() == [900005, 5.0, 3, 1]
    # RAQ-9001, placed only to the province (+50 km): 900007 at 60 km.
    assert m.loc["RAQ-9001", ["ucdp_id", "distance_km", "day_gap"]].tolist() == [900007, 60.0, 1]
    # DAR-9001 (3 Jun) against UCDP's month span 1-31 May: 3 days.
    assert m.loc["DAR-9001", ["ucdp_id", "distance_km", "day_gap"]].tolist() == [900008, 5.0, 3]
    assert not m.loc[["DAR-9002", "DAR-9003", "TNF-9001", "TNF-9002", "TNF-9003", "RAQ-9002"], "matched"].any()
    assert m.loc["DAR-9002", ["miss_id", "miss_km", "miss_days"]].tolist() == [900009, 10.0, 5]


def test_tolerances_are_parameters(ged):
    m = match_events(CURATED, ged, days=1, km=5.0, curated_allowance_km={}, ucdp_allowance_km={}).set_index("event_id")
    assert m.loc["DEZ-9001", "ucdp_id"] is pd.NA or pd.isna(m.loc["DEZ-9001", "ucdp_id"])
    assert not m.loc["RAQ-9001", "matched"]
    wide = match_events(CURATED, ged, days=5, km=12.0).set_index("event_id")
    assert wide.loc["DAR-9002", ["ucdp_id", "day_gap"]].tolist() == [900009, 5]
    assert wide.loc["DEZ-9002", "ucdp_id"] == 900006   # 2 km, 4 days: now the nearest


def test_match_rates_and_reasons(ged):
    m = match_events(CURATED, ged)
    rates = match_rates(m).set_index("front")
    assert rates.loc["deir-ez-zor", ["events", "matched", "share"]].tolist() == [2, 2, 1.0]
    assert rates.loc["daraa", ["events", "matched", "violent_events", "violent_matched"]].tolist() == [3, 1, 2, 1]
    assert rates.loc["all", ["events", "matched", "share"]].tolist() == [10, 4, 0.4]
    why = unmatched(m, CURATED).set_index("event_id")["reason"]
    assert why["DAR-9003"] == "placed outside Syria (JO); UCDP's file covers Syria only"
    assert why["TNF-9002"].startswith("not a lethal event by type (strategic development: Other)")
    assert why["TNF-9001"].startswith("our sources report no deaths")
    assert why["DAR-9002"] == "closest UCDP event, 900009, is 10.0 km and 5 days away: outside the tolerance"
    assert why["RAQ-9002"].startswith("a change of control with no death toll")
    assert why["TNF-9003"] == "no UCDP event within the tolerance (25 km, 3 days)"


def test_next_to_curate_lists_the_deadliest_uncovered(ged):
    nxt = next_to_curate(ged, CURATED, "raqqa")
    # 900007 is matched by RAQ-9001; 900017 is 2016; 900026 (0 deaths) comes last.
    assert list(nxt["id"]) == [900014, 900015, 900016, 900012, 900026]
    assert list(nxt["best"]) == [50, 20, 5, 3, 0]
    dez = next_to_curate(ged, CURATED, "deir-ez-zor", n=3)
    # 900001/3/4/5/22/23 are covered by DEZ-9001/9002; 900006 (Arak, 4 days after DEZ-9002) is not.
    assert list(dez["id"]) == [900021, 900020, 900006] and list(dez["best"]) == [8, 6, 6]


# --- figures --------------------------------------------------------------------------------------

def test_weekly_chart_draws_band_line_and_bars(ged, inline_mode):
    frame = weekly_frame(ged, "deir-ez-zor")
    assert frame.loc[frame["week"] == "2017-05-29", ["events", "low", "best", "high"]].values.tolist() == [[3.0, 17.0, 19.0, 24.0]]
    spec = weekly_chart(ged, "deir-ez-zor").to_dict()
    deaths, events = spec["vconcat"]
    marks = [(layer["name"], layer["mark"]["type"]) for layer in deaths["layer"]]
    assert [(n.split("_")[2], m) for n, m in marks] == [("band", "area"), ("best", "line")]
    assert deaths["layer"][0]["encoding"]["y2"]["field"] == "high" and events["mark"]["type"] == "bar"
    out = weekly_chart_html(ged, "deir-ez-zor", inline_mode).markup
    assert "<svg" in out and "12 events and 59 deaths" in out


def test_attribution_credits_ucdp_and_the_licence():
    for text in (attribution("markdown"), attribution("html"), ATTRIBUTION):
        assert "CC BY 4.0" in text and "Sundberg" in text and "Högbladh" in text
    assert "https://ucdp.uu.se/downloads/" in attribution("html")
    with pytest.raises(ValueError):
        attribution("latex")


def test_map_layer_is_toggleable_clustered_and_escaped(ged, inline_mode):
    ged = ged.copy()
    ged.loc[ged["id"] == 900015, "source_headline"] = "Hostile <script>alert(1)</script> `x` ${y} {{ z }}"
    fmap = folium.Map(location=[35, 39], zoom_start=7, tiles=None, maxZoom=18)
    layer = add_ucdp_layer(fmap, ged, "raqqa")
    folium.LayerControl().add_to(fmap)
    assert layer.show is False and "UCDP GED events (7)" in layer.layer_name   # 900017 (2016) too: not filtered by year
    (cluster,) = layer._children.values()
    assert sorted(r[4] for r in cluster.data) == [900007, 900012, 900014, 900015, 900016, 900017, 900026]
    hostile = next(r for r in cluster.data if r[4] == 900015)[14]
    assert hostile == "Hostile &lt;script&gt;alert(1)&lt;/script&gt; &#96;x&#96; &#36;&#123;y&#125; &#123;&#123; z &#125;&#125;"
    out = map_html(fmap, "test", "ucdp-test", inline_mode).markup
    doc = srcdocs(out)[0]
    assert "markerClusterGroup" in doc and "fronts-ucdp-prec-" in doc
    assert "<script>alert(1)" not in doc and "{{ z }}" not in doc and "${y}" not in doc


# --- the fetch script (offline: its filter, on the fixture) ----------------------------------------

def fetch_module():
    spec = importlib.util.spec_from_file_location("fetch_ucdp", ROOT / "scripts" / "fetch_ucdp.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_fetch_filter_keeps_syria_in_the_window(tmp_path):
    fetch = fetch_module()

    def add_other_countries(rows):
        jordan = list(rows[1])
        jordan[0], jordan[HEADER.index("country_id")], jordan[HEADER.index("country")] = "800001.0", "663.0", "Jordan"
        old = list(rows[1])
        old[0], old[HEADER.index("date_start")], old[HEADER.index("date_end")] = "800002.0", "2015-12-31", "2015-12-31"
        rows.extend([jordan, old])
    src = write_variant(tmp_path, add_other_countries)
    out = io.StringIO()
    with src.open(encoding="utf-8", newline="") as fh:
        assert fetch.filter_syria(fh, out) == (28, 26)   # not Jordan, not 2015; 2016 and 2018 are in the window
    kept = list(csv.reader(io.StringIO(out.getvalue())))
    assert kept[0] == HEADER and [r[0] for r in kept[1:]] == [f"{i:.1f}" for i in range(900001, 900027)]


def test_fetch_writes_a_readable_gzip_from_a_zip(tmp_path):
    fetch = fetch_module()
    zpath = tmp_path / "ged191-csv.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        zf.write(FIXTURE, "ged191.csv")
    target = tmp_path / "ext" / "ucdp-ged-syria" / "ged_syria_2016_2019.csv.gz"
    assert fetch.write_syria(zpath, target) == (26, 26)
    first = target.read_bytes()
    assert load_ucdp(target).equals(load_ucdp(FIXTURE).assign(file_line=lambda d: d["file_line"]))
    fetch.write_syria(zpath, target)
    assert target.read_bytes() == first   # reproducible: no timestamp in the gzip header


# --- the real file, when it is present ------------------------------------------------------------

def test_real_file_when_present():
    st = status()
    if not st.available:
        pytest.skip(f"real UCDP file not present, so not checked: {st.message}")
    with pytest.raises(UcdpFormatError) as err:
        load_ucdp()
    assert len(err.value.issues) == 101 and all("estimates out of order" in i.message for i in err.value.issues)
    df = load_ucdp(estimate_order="flag")
    assert len(df) == 16566 and (~df["estimates_ordered"]).sum() == 101
    assert (df["year"] == 2017).sum() == 5587
    assert set(df["country"]) == {"Syria"} and df["date_start"].min() == pd.Timestamp("2016-01-01")
    assert df["date_start"].max() == pd.Timestamp("2019-11-30")
