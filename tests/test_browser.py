"""What a reader sees, in headless Debian Chromium, with the site served on 127.0.0.1."""
from __future__ import annotations

import pytest

from fronts import FRONTS, load
from fronts.figures import assets
from fronts.figures.export import write_files
from fronts.figures.maps import build_map
from fronts.figures.tables import event_table
from fronts.figures.timelines import build_timeline
from fronts.settings import Settings
from tests.conftest import DATA, ROOT
from tests.site import COUNT_CHART_MARKS, COUNT_MAP_EVENTS, PageWatch, chromium, map_frame, require_site, serve
from tests.support.siteprobe import settled

pytestmark = pytest.mark.browser
CHAPTERS = {f: f"notebooks/{f}.html" for f in FRONTS if (ROOT / "notebooks" / f"{f}.ipynb").exists()}
if (ROOT / "notebooks" / "overview.ipynb").exists():
    CHAPTERS["all"] = "notebooks/overview.html"  # the overview shows every event of every front


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.mark.parametrize("front,page_path", CHAPTERS.items())
def test_chapter_counts_and_offline(browser, front, page_path):
    site = require_site()
    ds = load(DATA)
    expected = len(ds.events if front == "all" else ds.front(front).events)
    with serve(site) as base:
        context = browser.new_context()
        page = context.new_page()
        watch = PageWatch(context, page)
        page.goto(base + page_path, wait_until="load")
        page.evaluate("window.frontsUpgradeCharts()")  # a reader reaching a chart loads Vega
        page.wait_for_function("document.querySelectorAll('.fronts-chart[data-upgraded=\"yes\"]').length >= 1", timeout=20000)
        frame = map_frame(page)
        frame.wait_for_function("document.querySelectorAll('path.fronts-event, .marker-cluster').length > 0", timeout=20000)
        on_map = settled(frame, COUNT_MAP_EVENTS)
        chart = page.evaluate(COUNT_CHART_MARKS, "timeline")
        rows = page.locator("table.fronts-events tbody tr").count() if front != "all" else expected
        context.close()
    assert on_map["total"] == expected, on_map
    assert chart["upgraded"] == "yes" and chart["marks"] == expected, chart
    assert rows == expected
    assert watch.console_errors == [] and watch.page_errors == [], (watch.console_errors, watch.page_errors, watch.http_errors)
    assert watch.http_errors == []
    assert watch.external() == [], watch.external()
    assert watch.dialogs == []


def test_hostile_text_shows_as_text(browser, package, tmp_path, monkeypatch):
    """A summary holding <script>, backticks and ${} renders as text in popup, tooltip and table."""
    monkeypatch.setenv("FRONTS_ASSETS", "site")
    monkeypatch.setenv("FRONTS_ASSET_BASE", "../vendor/")
    ds = load(package).front("daraa")
    timeline = build_timeline(ds, title="t", alt_text="t")
    body = (build_map(ds, seed="x", title="map").markup + timeline.markup
            + event_table(ds, "events").markup)
    (tmp_path / "site/notebooks").mkdir(parents=True)
    (tmp_path / "site/notebooks/x.html").write_text(f'<!DOCTYPE html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body>{body}</body></html>', encoding="utf-8")
    assets.copy_vendor(tmp_path / "site", Settings(assets="site"))
    write_files(timeline.files, tmp_path / "site")  # the chart's Vega spec, fetched with Vega
    hostile = "Fixture event three <script>alert(1)</script> with `backticks` and ${x}."
    with serve(tmp_path / "site") as base:
        context = browser.new_context()
        page = context.new_page()
        watch = PageWatch(context, page)
        page.goto(base + "notebooks/x.html", wait_until="load")
        page.evaluate("window.frontsUpgradeCharts()")  # a reader reaching a chart loads Vega
        page.wait_for_function("document.querySelector('.fronts-chart[data-upgraded=\"yes\"]')", timeout=20000)
        assert hostile in page.locator("tr#DAR-0001").inner_text()
        frame = map_frame(page)
        frame.locator("path.fronts-event").first.click(force=True)
        frame.wait_for_selector(".leaflet-popup-content", timeout=5000)
        assert hostile in frame.locator(".leaflet-popup-content").inner_text()
        page.locator(".fronts-chart-live g.events_ranges_marks > path").first.hover(force=True)
        page.wait_for_selector("#vg-tooltip-element.visible", timeout=5000)
        assert hostile in page.locator("#vg-tooltip-element").inner_text()
        context.close()
    assert watch.dialogs == [] and watch.page_errors == [] and watch.console_errors == [], watch.http_errors
    assert watch.external() == [] and watch.http_errors == []


def test_overview_week_slider_and_front_boxes(browser):
    """Moving the week slider and unticking a front change what the reader sees, by the data."""
    site = require_site()
    if "all" not in CHAPTERS:
        pytest.skip("no overview chapter")
    ev = load(DATA).events
    day = ev["date_start"].dt.day_of_year - 1
    week = 26
    upto = ev[day <= week * 7 + 6]
    with serve(site) as base:
        context = browser.new_context()
        page = context.new_page()
        watch = PageWatch(context, page)
        page.goto(base + CHAPTERS["all"], wait_until="load")
        frame = map_frame(page)
        frame.wait_for_selector("input.fronts-week", timeout=20000)
        assert settled(frame, COUNT_MAP_EVENTS)["total"] == len(ev)
        frame.evaluate(f"() => {{ const s = document.querySelector('input.fronts-week'); s.value = {week}; s.dispatchEvent(new Event('input')); }}")
        assert settled(frame, COUNT_MAP_EVENTS)["total"] == len(upto)
        frame.locator("input.fronts-front-box[value=raqqa]").uncheck()
        assert settled(frame, COUNT_MAP_EVENTS)["total"] == len(upto[upto["front"] != "raqqa"])
        context.close()
    assert watch.console_errors == [] and watch.page_errors == [] and watch.external() == []


def test_claims_ledger_page(browser):
    """The ledger renders its chart and every claim row, offline and without errors."""
    site = require_site()
    if not (ROOT / "notebooks" / "claims-ledger.ipynb").exists():
        pytest.skip("no claims ledger chapter")
    expected = len(load(DATA).claims)
    with serve(site) as base:
        context = browser.new_context()
        page = context.new_page()
        watch = PageWatch(context, page)
        page.goto(base + "notebooks/claims-ledger.html", wait_until="load")
        page.evaluate("window.frontsUpgradeCharts()")  # a reader reaching a chart loads Vega
        page.wait_for_function("document.querySelector('.fronts-chart[data-chart=\"verdicts\"][data-upgraded=\"yes\"]')", timeout=20000)
        rows = page.locator("table.fronts-claims tbody tr").count()
        context.close()
    assert rows == expected
    assert watch.console_errors == [] and watch.page_errors == [] and watch.http_errors == []
    assert watch.external() == []
