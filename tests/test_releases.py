"""Release snapshots and the changelog: added, changed and retracted events; ids never reused."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from fronts import load
from fronts.data import releases
from fronts.site.downloads import front_csv, geojson, write_all


def _edit_events(package: Path, event_id: str, **values: str) -> None:
    path = package / "events.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    for r in rows:
        if r["event_id"] == event_id:
            r.update(values)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def test_history_reports_added_changed_and_retracted(package):
    releases.write_snapshot(package, "1.0.0")
    assert [c.version for c in releases.history(package)] == ["1.0.0"]
    first = releases.history(package)[0]
    assert sorted(first.added) == ["DAR-0001", "TNF-0001", "TNF-0002"] and first.total == 3
    _edit_events(package, "TNF-0001", summary="A corrected summary.")
    _edit_events(package, "TNF-0002", status="retracted", notes="Withdrawn: duplicate of TNF-0001.")
    pending = releases.history(package)[0]
    assert (pending.version, pending.changed, pending.retracted, pending.added) == ("unreleased", ["TNF-0001"], ["TNF-0002"], [])
    assert pending.total == 2
    releases.write_snapshot(package, "1.1.0")
    versions = [c.version for c in releases.history(package)]
    assert versions == ["1.1.0", "1.0.0"]


def test_a_released_id_may_not_disappear_or_move(package):
    releases.write_snapshot(package, "1.0.0")
    path = package / "events.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("TNF-0002")), encoding="utf-8")
    problems = releases.check_history(package)
    assert any("TNF-0002 was released but is gone" in p for p in problems)


def test_retracted_events_leave_the_book_but_keep_their_id(package):
    _edit_events(package, "TNF-0002", status="retracted", notes="Withdrawn: duplicate.")
    ds = load(package)
    assert "TNF-0002" not in set(ds.events["event_id"])
    assert list(ds.retracted["event_id"]) == ["TNF-0002"]
    assert "TNF-0002" not in set(ds.citations["event_id"])
    assert "TNF-0002" not in front_csv(ds, "at-tanf") and "TNF-0002" not in geojson(ds)
    assert list(ds.front("at-tanf").retracted["event_id"]) == ["TNF-0002"]


def test_downloads_round_trip_on_the_fixture(package, tmp_path):
    (package / "external").mkdir()
    (package / "external" / "third-party.csv").write_text("not ours\n", encoding="utf-8")
    ds = load(package)
    written = write_all(ds, tmp_path / "dl")
    again = write_all(ds, tmp_path / "dl2")
    for key in written:
        assert written[key].read_bytes() == again[key].read_bytes(), f"{key} is not reproducible"
    import zipfile

    with zipfile.ZipFile(written["zip"]) as zf:
        assert not any("external" in n for n in zf.namelist())
        assert any(n.endswith("/events.csv") for n in zf.namelist())
    rows = list(csv.DictReader(io.StringIO(written["csv:at-tanf"].read_text(encoding="utf-8"))))
    assert [r["event_id"] for r in rows] == ["TNF-0001", "TNF-0002"]
    assert rows[0]["source_urls"].startswith("https://example.org/")


def test_real_data_history_is_clean():
    from tests.conftest import DATA

    assert releases.check_history(DATA) == []
