"""Bad input fails with a clear ``file:row:column: message``; good input passes untouched."""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from fronts import DataError, load, validate


def edit(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell; ``row`` is the file's line number (2 = first data row)."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    rows[row - 1][rows[0].index(column)] = value
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def messages(package: Path) -> list[str]:
    return [str(i) for i in validate(package).issues]


def assert_one(package: Path, file: str, row: int, column: str, pattern: str) -> None:
    found = messages(package)
    prefix = f"{package / file}:{row}:{column}: "
    hits = [m for m in found if m.startswith(prefix) and re.search(pattern, m[len(prefix):])]
    assert hits, f"expected {prefix}~/{pattern}/ in {found}"


def test_fixture_is_valid(package):
    report = validate(package)
    assert report.issues == []
    assert len(report.tables["events"].rows) == 3


CELL_CASES = [
    ("malformed date", "events.csv", 2, "date_start", "2017-13-40", "date_start", r"not a valid ISO date"),
    ("slash date", "events.csv", 2, "date_start", "18/05/2017", "date_start", r"not a valid ISO date"),
    ("end before start", "events.csv", 3, "date_end", "2017-05-30", "date_end", r"before date_start"),
    ("span too long", "events.csv", 3, "date_end", "2017-06-20", "date_precision", r"too long for precision 'week'"),
    ("days without span", "events.csv", 4, "date_end", "", "date_end", r"needs a date_end"),
    ("out of year", "events.csv", 2, "date_start", "2016-12-31", "date_start", r"below the minimum 2017-01-01"),
    ("lat out of range", "events.csv", 2, "lat", "93.1", "lat", r"above the maximum 90"),
    ("lon not a number", "events.csv", 2, "lon", "38,7", "lon", r"not a number"),
    ("outside country", "places.csv", 2, "lat", "31.95", "lat", r"outside SY; it falls in JO"),
    ("swapped lat lon", "events.csv", 2, "lat", "38.70342", "lat", r"outside SY"),
    ("far from place", "events.csv", 2, "lon", "37.5", "lat", r"km from its place rukban"),
    ("far from geonames", "places.csv", 3, "lon", "36.2", "lat", r"km from GeoNames 170905"),
    ("unknown place", "events.csv", 2, "place_id", "nowhere", "place_id", r"unknown place_id 'nowhere'"),
    ("unknown actor", "events.csv", 2, "actor1", "martians", "actor1", r"unknown actor_id 'martians'"),
    ("unknown actor2", "events.csv", 2, "actor2", "martians", "actor2", r"unknown actor_id 'martians'"),
    ("unknown source", "citations.csv", 2, "source_id", "fixture-z", "source_id", r"unknown source_id 'fixture-z'"),
    ("unknown event in citation", "citations.csv", 2, "event_id", "TNF-0999", "event_id", r"unknown event_id 'TNF-0999'"),
    ("unknown evidence", "claims.csv", 2, "evidence", "TNF-0001;TNF-0998", "evidence", r"unknown event_id 'TNF-0998'"),
    ("unknown claim source", "claims.csv", 2, "source_id", "nobody", "source_id", r"unknown source_id 'nobody'"),
    ("duplicate event id", "events.csv", 3, "event_id", "TNF-0001", "event_id", r"duplicate id TNF-0001 \(first on line 2\)"),
    ("duplicate source id", "sources.csv", 3, "source_id", "fixture-a", "source_id", r"duplicate id fixture-a"),
    ("javascript url", "sources.csv", 2, "url", "javascript:alert(1)", "url", r"does not match the pattern"),
    ("ftp url", "sources.csv", 2, "url", "ftp://example.org/a", "url", r"does not match the pattern"),
    ("unknown front", "events.csv", 2, "front", "mars", "front", r"'mars' is not one of"),
    ("unknown precision", "events.csv", 2, "date_precision", "year", "date_precision", r"'year' is not one of"),
    ("unknown geo precision", "events.csv", 2, "geo_precision", "approximate", "geo_precision", r"not one of"),
    ("unknown bloc", "actors.csv", 2, "bloc", "neutral", "bloc", r"'neutral' is not one of"),
    ("unknown role", "citations.csv", 2, "role", "likes", "role", r"'likes' is not one of"),
    ("unknown verdict", "claims.csv", 2, "verdict", "true", "verdict", r"'true' is not one of"),
    ("reliability grade", "sources.csv", 2, "reliability", "G", "reliability", r"'G' is not one of"),
    ("credibility range", "claims.csv", 2, "credibility", "7", "credibility", r"above the maximum 6"),
    ("subtype of wrong type", "events.csv", 2, "sub_event_type", "Armed clash", "sub_event_type", r"not an ACLED sub-type"),
    ("prefix mismatch", "events.csv", 2, "front", "raqqa", "event_id", r"does not carry the prefix RAQ"),
    ("fatalities order", "events.csv", 4, "fatalities_high", "1", "fatalities_high", r"below fatalities_low 3"),
    ("fatalities negative", "events.csv", 4, "fatalities_high", "-2", "fatalities_high", r"below the minimum 0"),
    ("fatalities not integer", "events.csv", 4, "fatalities_low", "about 3", "fatalities_low", r"not a whole number"),
    ("required blank", "events.csv", 2, "summary", "", "summary", r"is required but blank"),
    ("leading space", "events.csv", 2, "actor1", " coalition", "actor1", r"leading or trailing spaces"),
    ("same actor twice", "events.csv", 2, "actor2", "coalition", "actor2", r"repeats actor1"),
    ("evidence needed", "claims.csv", 2, "evidence", "", "evidence", r"needs at least one evidence event"),
    ("gazetteer without id", "places.csv", 2, "geonames_id", "", "geonames_id", r"needs the GeoNames id"),
    ("geonames id unknown", "places.csv", 2, "geonames_id", "99999999", "geonames_id", r"not in the shipped gazetteer"),
    ("source coords need note", "places.csv", 2, "coord_method", "source", "notes", r"say which source"),
    ("summary too long", "events.csv", 2, "summary", "x" * 3000, "summary", r"at most 600 allowed"),
    ("unknown status", "events.csv", 2, "status", "deleted", "status", r"'deleted' is not one of"),
    ("retracted without reason", "events.csv", 2, "status", "retracted", "notes", r"say in notes why it was retracted"),
]


def test_retracted_event_cannot_be_evidence(package):
    edit(package / "events.csv", 2, "status", "retracted")
    edit(package / "events.csv", 2, "notes", "Withdrawn: a duplicate.")
    assert_one(package, "claims.csv", 2, "evidence", r"event TNF-0001 is retracted; it cannot be evidence")


@pytest.mark.parametrize("case,file,row,column,value,err_column,pattern", CELL_CASES, ids=[c[0] for c in CELL_CASES])
def test_bad_cell(package, case, file, row, column, value, err_column, pattern):
    edit(package / file, row, column, value)
    assert_one(package, file, row, err_column, pattern)
    with pytest.raises(DataError) as err:
        load(package)
    assert f"{package / file}:{row}:{err_column}:" in str(err.value)


@pytest.mark.parametrize("column", ["fatalities_low", "fatalities_high"])
def test_one_fatality_bound_alone_is_a_figure(package, column):
    """"Up to 11" is a highest figure with no lowest; "more than 100" a lowest with no highest."""
    edit(package / "events.csv", 4, column, "")
    assert messages(package) == []


def test_deaths_are_shown_as_the_sources_give_them():
    from fronts.text import deaths

    nan = float("nan")
    assert [deaths(3, 3), deaths(3, 12), deaths(100, None), deaths(nan, 11), deaths(None, nan)] == \
        ["3", "3–12", "at least 100", "up to 11", ""]


def test_event_without_citation(package):
    path = package / "citations.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(line for line in lines if not line.startswith("DAR-0001")) + "\n", encoding="utf-8")
    assert_one(package, "events.csv", 4, "event_id", r"DAR-0001 has no citation")


def test_disputing_citation_alone_is_not_a_citation(package):
    path = package / "citations.csv"
    text = path.read_text(encoding="utf-8").replace("TNF-0002,fixture-a,reports", "TNF-0002,fixture-a,disputes")
    path.write_text(text, encoding="utf-8")
    assert_one(package, "events.csv", 3, "event_id", r"TNF-0002 has no citation that reports or confirms it")


def test_unused_place_and_source(package):
    with (package / "places.csv").open("a", encoding="utf-8") as fh:
        fh.write("tadmur,Tadmur,Palmyra,34.5624,38.28402,SY,Homs,163808,gazetteer,\n")
    with (package / "sources.csv").open("a", encoding="utf-8") as fh:
        fh.write("fixture-d,https://example.org/d,Publisher D,,Unused,2017-01-01,en,blog,none,E,\n")
    assert_one(package, "places.csv", 4, "place_id", r"not used by any event")
    assert_one(package, "sources.csv", 6, "source_id", r"not cited by any event or claim")


def test_bom_and_crlf_are_accepted(package):
    for name in ("events.csv", "sources.csv"):
        path = package / name
        text = path.read_text(encoding="utf-8").replace("\n", "\r\n")
        path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert validate(package).issues == []
    assert len(load(package).events) == 3


def test_wrong_encoding(package):
    path = package / "events.csv"
    path.write_bytes(path.read_text(encoding="utf-8").replace("Fixture event two", "Fixture évent two").encode("latin-1"))
    assert_one(package, "events.csv", 3, "-", r"not valid UTF-8")


def test_empty_file(package):
    (package / "claims.csv").write_text("", encoding="utf-8")
    assert_one(package, "claims.csv", 1, "-", r"file is empty")


def test_missing_file(package):
    (package / "places.csv").unlink()
    assert_one(package, "places.csv", 0, "-", r"file is missing")


def test_missing_and_extra_columns(package):
    path = package / "sources.csv"
    text = path.read_text(encoding="utf-8").replace(",notes\n", ",remarks\n", 1)
    path.write_text(text, encoding="utf-8")
    assert_one(package, "sources.csv", 1, "notes", r"column is missing")
    assert_one(package, "sources.csv", 1, "remarks", r"unexpected column")


def test_columns_out_of_order(package):
    path = package / "claims.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0].replace("claim_id,source_id", "source_id,claim_id")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert_one(package, "claims.csv", 1, "-", r"out of order")


def test_ragged_row(package):
    with (package / "citations.csv").open("a", encoding="utf-8") as fh:
        fh.write("DAR-0001,fixture-a,reports\n")
    assert_one(package, "citations.csv", 7, "-", r"row has 3 fields but the header has 4")


def test_blank_line_is_reported_not_dropped(package):
    path = package / "events.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(2, "")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert_one(package, "events.csv", 3, "-", r"blank line")


def test_duplicate_citation(package):
    with (package / "citations.csv").open("a", encoding="utf-8") as fh:
        fh.write("TNF-0001,fixture-a,confirms,Again.\n")
    assert_one(package, "citations.csv", 7, "source_id", r"duplicate id TNF-0001/fixture-a")


def test_multiline_field_keeps_line_numbers(package):
    edit(package / "events.csv", 2, "notes", "first line\nsecond line")
    edit(package / "events.csv", 4, "lat", "abc")
    assert_one(package, "events.csv", 5, "lat", r"not a number")


def test_every_issue_is_reported_at_once(package):
    edit(package / "events.csv", 2, "lat", "abc")
    edit(package / "sources.csv", 3, "url", "javascript:x")
    assert_one(package, "events.csv", 2, "lat", r"not a number")
    assert_one(package, "sources.csv", 3, "url", r"does not match the pattern")


def test_same_address_under_two_ids(package):
    with (package / "sources.csv").open("a", encoding="utf-8") as fh:
        fh.write("fixture-a2,https://example.org/a,Publisher A,,Same page again,2017-05-18,en,news-agency,independent,B,\n")
    with (package / "citations.csv").open("a", encoding="utf-8") as fh:
        fh.write("TNF-0002,fixture-a2,confirms,Same page again.\n")
    assert_one(package, "sources.csv", 6, "url", r"already source 'fixture-a'")


def test_same_event_on_two_fronts(package):
    with (package / "events.csv").open("a", encoding="utf-8") as fh:
        fh.write("DAR-0002,daraa,2017-05-18,,day,rukban,33.31405,38.70342,locality,Explosions/Remote violence,Air/drone strike,"
                 "coalition,pro-gov-militia,Fixture event one again on another front.,,,,,published\n")
    with (package / "citations.csv").open("a", encoding="utf-8") as fh:
        fh.write("DAR-0002,fixture-a,reports,Again.\n")
    assert_one(package, "events.csv", 5, "event_id", r"DAR-0002 looks like TNF-0001 on another front")


def test_wrong_header_a_data_row_first(package):
    """A file whose first line is a data row, not the header: every column is reported missing."""
    path = package / "citations.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines[1:]) + "\n", encoding="utf-8")
    for column in ("event_id", "source_id", "role", "detail"):
        assert_one(package, "citations.csv", 1, column, r"column is missing from the header")
    assert_one(package, "citations.csv", 1, "TNF-0001", r"unexpected column")


def test_missing_column(package):
    """A column dropped from the header and from every row."""
    path = package / "events.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    at = rows[0].index("milestone")
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([r[:at] + r[at + 1:] for r in rows])
    path.write_text(buf.getvalue(), encoding="utf-8")
    assert_one(package, "events.csv", 1, "milestone", r"column is missing from the header")
    with pytest.raises(DataError) as err:
        load(package)
    assert f"{package / 'events.csv'}:1:milestone:" in str(err.value)


def test_extra_column(package):
    """A column added to the header and to every row."""
    path = package / "claims.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0] + ",reviewer"] + [line + ",someone" for line in lines[1:]]) + "\n", encoding="utf-8")
    assert_one(package, "claims.csv", 1, "reviewer", r"unexpected column; the columns are claim_id,")


def test_lat_lon_swapped(package):
    """Both coordinates of an event swapped (lat 38.7, lon 33.3 lands in Turkey, far from Rukban)."""
    edit(package / "events.csv", 2, "lat", "38.70342")
    edit(package / "events.csv", 2, "lon", "33.31405")
    assert_one(package, "events.csv", 2, "lat", r"outside SY")
    assert_one(package, "events.csv", 2, "lat", r"km from its place rukban; check lat/lon or place_id")
