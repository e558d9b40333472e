"""The built site as a reference: event anchors, downloads that lose nothing, figure files, versions."""
from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from fronts import FRONTS, __version__, load
from fronts.site.downloads import names
from tests.conftest import DATA, ROOT
from tests.site import require_site


def _csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def _data_ids() -> tuple[list[str], list[str]]:
    rows = _csv_rows((DATA / "events.csv").read_text(encoding="utf-8-sig"))
    return [r["event_id"] for r in rows], [r["event_id"] for r in rows if r["status"] == "published"]


def test_every_event_id_resolves_to_an_anchor_on_the_site():
    site = require_site()
    every, published = _data_ids()
    index = (site / "book/events.html").read_text(encoding="utf-8")
    index_ids = re.findall(r'<tr id="([A-Z]{3}-\d{4})" class="fronts-index-row"', index)
    assert sorted(index_ids) == sorted(every)
    ds = load(DATA)
    missing = []
    for eid in published:
        chapter = (site / f"notebooks/{ds.front_of(eid)}.html").read_text(encoding="utf-8")
        if f'<tr id="{eid}" class="fronts-event-row"' not in chapter:
            missing.append(f"{eid}: no row in its chapter")
        if f'href="../book/events.html#{eid}"' not in chapter:
            missing.append(f"{eid}: chapter row does not link back to the index")
        if f'href="../notebooks/{ds.front_of(eid)}.html#{eid}"' not in index:
            missing.append(f"{eid}: index does not link to its chapter row")
    assert missing == []


def test_every_event_in_the_index_has_a_citation_naming_its_id_and_the_version():
    site = require_site()
    index = (site / "book/events.html").read_text(encoding="utf-8")
    every, _ = _data_ids()
    for eid in every:
        row = re.search(rf'<tr id="{eid}".*?</tr>', index, re.S).group(0)
        assert f"Event {eid}" in row and f"Version {__version__}" in row and f"syriafronts2017-v{__version__}-{eid}" in row


def _download(site: Path, key: str) -> bytes:
    path = site / "downloads" / names()[key]
    assert path.is_file(), f"missing download {path}"
    return path.read_bytes()


def test_downloads_lose_nothing():
    site = require_site()
    every, published = _data_ids()
    # The zip holds the data package as it is in data/.
    with zipfile.ZipFile(io.BytesIO(_download(site, "zip"))) as zf:
        members = {Path(n).relative_to(Path(n).parts[0]).as_posix(): n for n in zf.namelist()}
        for name in ("events.csv", "places.csv", "actors.csv", "sources.csv", "citations.csv", "claims.csv", "datapackage.json"):
            assert zf.read(members[name]) == (DATA / name).read_bytes(), name
        assert f"releases/{__version__}.csv" in members and "LICENSE-CONTENT.md" in members
        assert not any("external" in m for m in members)
    # GeoJSON: one point per published event, with its sources' addresses.
    gj = json.loads(_download(site, "geojson"))
    assert sorted(f["id"] for f in gj["features"]) == sorted(published)
    cites = _csv_rows((DATA / "citations.csv").read_text(encoding="utf-8-sig"))
    urls = {r["source_id"]: r["url"] for r in _csv_rows((DATA / "sources.csv").read_text(encoding="utf-8-sig"))}
    for f in gj["features"]:
        want = sorted(urls[c["source_id"]] for c in cites if c["event_id"] == f["id"])
        assert sorted(s["url"] for s in f["properties"]["sources"]) == want
        assert f["geometry"]["type"] == "Point" and len(f["geometry"]["coordinates"]) == 2
    # Figures stay numbers, and a blank figure or end date is JSON's null (not "" or 36.0).
    data_rows = {r["event_id"]: r for r in _csv_rows((DATA / "events.csv").read_text(encoding="utf-8-sig"))}
    for f in gj["features"]:
        for col in ("fatalities_low", "fatalities_high", "date_end"):
            given, written = data_rows[f["id"]][col], f["properties"][col]
            if given == "":
                assert written is None, (f["id"], col, written)
            elif col == "date_end":
                assert written == given, (f["id"], col, written)
            else:
                assert type(written) is int and written == int(given), (f["id"], col, written)
    # One CSV per front: its published events, every data column kept.
    header = next(csv.reader(io.StringIO((DATA / "events.csv").read_text(encoding="utf-8-sig"))))
    total = 0
    for front in FRONTS:
        rows = _csv_rows(_download(site, f"csv:{front}").decode("utf-8"))
        ids = [r["event_id"] for r in rows]
        assert sorted(ids) == sorted(e for e in published if data_rows[e]["front"] == front)
        for r in rows:
            assert r["summary"] == data_rows[r["event_id"]]["summary"]
            assert float(r["lat"]) == float(data_rows[r["event_id"]]["lat"])
        assert list(rows[0])[: len(header)] == header
        total += len(rows)
    assert total == len(published)
    # BibTeX: one entry per source.
    bib = _download(site, "bib").decode("utf-8")
    assert len(re.findall(r"^@online\{", bib, re.M)) == len(urls)


def test_downloads_page_links_every_download():
    site = require_site()
    page = (site / "book/downloads.html").read_text(encoding="utf-8")
    for name in names().values():
        assert f'href="../downloads/{name}"' in page


def _figure_names() -> list[str]:
    """Every figure a chapter shows: the name given to ``summary.figure`` in a figure cell."""
    out = []
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        out += re.findall(r'summary\.figure\(\\"([a-z0-9-]+)\\"', nb.read_text(encoding="utf-8"))
    return out


def test_every_figure_has_downloads_that_exist():
    from fronts.ucdp import ged as ucdp

    site = require_site()
    figures = _figure_names()
    assert len(figures) >= 20
    if not ucdp.status().available:  # UCDP figures then say the data is absent; they have nothing to download
        figures = [f for f in figures if not f.endswith("-ucdp")]
    pages = "".join(p.read_text(encoding="utf-8") for p in (site / "notebooks").glob("*.html"))
    problems = []
    for name in figures:
        stem = f"{name}-print" if name.endswith("map") else name
        for ext, magic in ((".svg", b"<svg"), (".png", b"\x89PNG")):
            path = site / "figures" / f"{stem}{ext}"
            if not path.is_file() or not path.read_bytes().startswith(magic):
                problems.append(f"{path.name} missing or not {ext}")
            if f'href="../figures/{stem}{ext}"' not in pages:
                problems.append(f"no link to {stem}{ext}")
        if f"<code>fig-{name}</code>" not in pages or f'id="fig-{name}"' not in pages:
            problems.append(f"fig-{name}: label not shown or not an anchor")
    assert problems == []


def test_print_maps_draw_every_event_of_their_figure():
    site = require_site()
    ds = load(DATA)
    prefixes = {"dez": "deir-ez-zor", "raq": "raqqa", "dar": "daraa", "tnf": "at-tanf", "irq": "iraq-border"}
    for prefix, front in prefixes.items():
        svg = (site / "figures" / f"{prefix}-map-print.svg").read_text(encoding="utf-8")
        assert svg.count('class="print-event"') == len(ds.front(front).events)
    assert (site / "figures/all-map-print.svg").read_text(encoding="utf-8").count('class="print-event"') == len(ds.events)


@pytest.mark.parametrize("page", ["book/intro.html", "notebooks/raqqa.html", "book/events.html"])
def test_pages_show_the_version(page):
    site = require_site()
    assert f"Version {__version__}, released" in (site / page).read_text(encoding="utf-8")


def test_changelog_and_exec_stats_pages():
    site = require_site()
    log = (site / "book/changelog.html").read_text(encoding="utf-8")
    assert f"Version {__version__}" in log and "published events" in log
    stats = (site / "book/exec-stats.html").read_text(encoding="utf-8")
    for nb in ("overview", "raqqa", "claims-ledger"):
        assert f"notebooks/{nb}" in stats


@pytest.mark.parametrize("front", list(FRONTS))
def test_chapters_carry_the_ucdp_context_or_say_it_is_absent(front):
    from fronts.ucdp import ged as ucdp

    site = require_site()
    page = (site / f"notebooks/{front}.html").read_text(encoding="utf-8")
    prefix = {"deir-ez-zor": "dez", "raqqa": "raq", "daraa": "dar", "at-tanf": "tnf", "iraq-border": "irq"}[front]
    assert "The full record beside ours: UCDP GED" in page
    if not ucdp.status().available:
        assert page.count("UCDP data absent") >= 4 and "make ucdp" in page
        return
    assert 'class="fronts-ucdp-summary"' in page and f'id="fig-{prefix}-ucdp"' in page
    assert "Uppsala Conflict Data Program" in page and "Sundberg &amp; Melander (2013)" in page
    n_area = int(re.search(r"UCDP GED records <b>([\d,]+)</b> events", page).group(1).replace(",", ""))
    layer = re.search(r"UCDP GED events \((\d+)\)", page.replace("&quot;", '"'))
    assert layer and int(layer.group(1)) == n_area
    assert 'class="fronts-table fronts-ucdp-unmatched"' in page and 'class="fronts-table fronts-ucdp-next"' in page
