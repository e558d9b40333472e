"""What a reader meets (issue 18), in headless Debian Chromium on the built site:

- the map starts within the first two screens of every chapter at 1280×900;
- every chapter's event table, and the event index, filter by text, side, type and date, from the
  keyboard too, with the count of rows shown, and the rows shown are exactly those that match;
- with the theme's own toggle in dark mode, axe's colour-contrast rule passes on a chapter and the
  overview;
- at 390 px wide no page scrolls sideways, and the maps and charts fit the width.
"""
from __future__ import annotations

import pandas as pd
import pytest

from fronts import FRONTS, load
from tests.conftest import DATA
from tests.site import chromium, require_axe, require_site, serve

pytestmark = pytest.mark.browser
CHAPTERS = [f"notebooks/{f}.html" for f in FRONTS]
SCREEN = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def site():
    return require_site()


def _page(browser, base, path, viewport=SCREEN, dark=False):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(base + path, wait_until="load")
    if dark:
        # The theme's own toggle: it cycles light → auto (the system's, light here) → dark.
        for _ in range(3):
            if page.evaluate("document.documentElement.dataset.theme") == "dark":
                break
            page.locator("button.theme-switch-button:visible").first.click()
            page.wait_for_timeout(100)
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"
        # The toggle's own hover tooltip (the theme's, shown only while the pointer rests on it) goes.
        page.mouse.move(640, 880)
        page.wait_for_function("!document.querySelector('.tooltip.show')")
    page.evaluate("window.frontsUpgradeCharts && window.frontsUpgradeCharts()")  # as a reader reaching a chart does
    page.wait_for_function("[...document.querySelectorAll('.fronts-chart')].every(b => b.getAttribute('data-upgraded') === 'yes')",
                           timeout=20000)
    return context, page


@pytest.mark.parametrize("path", CHAPTERS)
def test_the_map_starts_within_two_screens(browser, site, path):
    with serve(site) as base:
        context, page = _page(browser, base, path)
        top = page.evaluate("document.querySelector('iframe.fronts-map-frame').getBoundingClientRect().top + window.scrollY")
        context.close()
    assert 0 < top < 2 * SCREEN["height"], f"{path}: the map starts {top:.0f} px down"


def _expected(events: pd.DataFrame, bloc="", kind="", first="", last="") -> int:
    keep = pd.Series(True, index=events.index)
    if bloc:
        keep &= (events["actor1_bloc"] == bloc) | (events["actor2_bloc"] == bloc)
    if kind:
        keep &= events["event_type"] == kind
    if first:
        keep &= events["date_end_or_start"] >= pd.Timestamp(first)
    if last:
        keep &= events["date_start"] <= pd.Timestamp(last)
    return int(keep.sum())


SHOWN = """() => {
  const rows = [...document.querySelectorAll('form.fronts-filter + .fronts-table-wrap tbody tr')];
  return {shown: rows.filter(r => !r.hidden).map(r => r.id), hidden: rows.filter(r => r.hidden).map(r => r.id),
          count: document.querySelector('.fronts-filter-count').textContent};
}"""


def _check(page, events, **want):
    state = page.evaluate(SHOWN)
    n = _expected(events, **want)
    assert len(state["shown"]) == n, (want, len(state["shown"]), n)
    total = len(state["shown"]) + len(state["hidden"])
    assert state["count"] == (f"{total} events" if n == total else f"Showing {n} of {total} events"), state["count"]
    return state


@pytest.mark.parametrize("path", [*CHAPTERS, "book/events.html"])
def test_the_event_table_filters_by_side_type_date_and_text(browser, site, path):
    ds = load(DATA)
    if path.startswith("notebooks/"):
        events = ds.front(path.split("/")[1][:-5]).events
    else:
        events = pd.concat([ds.events, ds.retracted], ignore_index=True)
    bloc = events["actor1_bloc"].value_counts().index[0]
    kind = events["event_type"].value_counts().index[0]
    with serve(site) as base:
        context, page = _page(browser, base, path)
        form = page.locator("form.fronts-filter")
        assert form.count() == 1 and form.is_visible()
        _check(page, events)
        form.locator("select[name=bloc]").select_option(bloc)
        _check(page, events, bloc=bloc)
        form.locator("select[name=type]").select_option(kind)
        _check(page, events, bloc=bloc, kind=kind)
        form.locator("input[name=from]").fill("2017-06-01")
        form.locator("input[name=to]").fill("2017-08-31")
        _check(page, events, bloc=bloc, kind=kind, first="2017-06-01", last="2017-08-31")
        form.locator("button[type=reset]").click()
        page.wait_for_timeout(50)
        _check(page, events)
        # Text: from the keyboard, and every row shown holds the words, every row hidden does not.
        word = events["place_name"].value_counts().index[0].split(" (")[0]
        form.locator("input[name=q]").focus()
        page.keyboard.type(word)
        rows = page.evaluate("""w => [...document.querySelectorAll('form.fronts-filter + .fronts-table-wrap tbody tr')]
            .map(r => ({hidden: r.hidden, has: r.textContent.toLowerCase().includes(w.toLowerCase())}))""", word)
        assert rows and all(r["has"] != r["hidden"] for r in rows), word
        shown = sum(not r["hidden"] for r in rows)
        assert shown >= (events["place_name"].str.split(" \\(").str[0] == word).sum()
        page.keyboard.press("Tab")  # to the side list, then a key picks the first side
        assert page.evaluate("document.activeElement.name") == "bloc"
        page.keyboard.press("ArrowDown")
        assert page.evaluate("document.activeElement.value") != ""
        context.close()


AXE_CONTRAST = """async () => {
  const r = await axe.run(document, {runOnly: {type: 'rule', values: ['color-contrast']}, iframes: true});
  return {violations: r.violations.flatMap(v => v.nodes.map(n => n.target.join(' >> ') + ': ' + n.failureSummary.split('\\n')[1])),
          passes: r.passes.reduce((k, v) => k + v.nodes.length, 0)};
}"""


@pytest.mark.parametrize("path", ["notebooks/raqqa.html", "notebooks/overview.html"])
def test_dark_mode_keeps_every_text_legible(browser, site, path):
    script = require_axe()
    with serve(site) as base:
        context, page = _page(browser, base, path, dark=True)
        for frame in page.frames:
            frame.evaluate(script)
        result = page.evaluate(AXE_CONTRAST)
        context.close()
    assert result["passes"] > 100, result["passes"]
    assert result["violations"] == [], "\n".join(result["violations"])


@pytest.mark.parametrize("path", [*CHAPTERS, "notebooks/overview.html", "notebooks/claims-ledger.html", "book/events.html"])
def test_a_phone_never_scrolls_sideways(browser, site, path):
    with serve(site) as base:
        context, page = _page(browser, base, path, viewport=PHONE)
        width = page.evaluate("document.documentElement.scrollWidth")
        wide = page.evaluate("""w => [...document.querySelectorAll('iframe.fronts-map-frame, .fronts-chart')]
            .map(e => e.getBoundingClientRect()).filter(r => r.left < 0 || r.right > w + 1).length""", PHONE["width"])
        context.close()
    assert width <= PHONE["width"], f"{path}: the page is {width} px wide on a {PHONE['width']} px screen"
    assert wide == 0, f"{path}: {wide} map(s) or chart(s) wider than the screen"


def test_a_first_visit_draws_static_charts_and_fetches_vega_only_when_a_reader_reaches_one(browser, site):
    with serve(site) as base:
        context = browser.new_context(viewport=SCREEN)
        page = context.new_page()
        asked: list[str] = []
        context.on("request", lambda r: asked.append(r.url))
        page.goto(base + "notebooks/raqqa.html", wait_until="load")
        page.wait_for_load_state("networkidle")
        charts = page.evaluate("""() => [...document.querySelectorAll('.fronts-chart')].map(b => ({
            static: !!b.querySelector('.fronts-chart-static svg'), upgraded: b.getAttribute('data-upgraded'),
            focusable: b.tabIndex === 0, name: b.getAttribute('aria-label')}))""")
        assert len(charts) >= 2 and all(c["static"] and c["upgraded"] is None and c["focusable"] and c["name"] for c in charts), charts
        assert not [u for u in asked if u.endswith("vega.min.js")], "Vega was fetched before any reader reached a chart"
        # The keyboard: focus on the first chart wakes every chart, and the focus stays on it.
        page.locator(".fronts-chart").first.focus()
        page.wait_for_function("[...document.querySelectorAll('.fronts-chart')].every(b => b.getAttribute('data-upgraded') === 'yes')",
                               timeout=20000)
        assert page.evaluate("document.activeElement.classList.contains('fronts-chart')")
        assert len([u for u in asked if u.endswith("vega.min.js")]) == 1
        after = page.evaluate("""() => [...document.querySelectorAll('.fronts-chart')].map(b => ({
            static: !!b.querySelector('.fronts-chart-static'), live: !!b.querySelector('.fronts-chart-live svg[role=img]')}))""")
        assert all(not a["static"] and a["live"] for a in after), after
        context.close()
        # A pointer does the same on a fresh visit.
        context = browser.new_context(viewport=SCREEN)
        page = context.new_page()
        page.goto(base + "notebooks/raqqa.html", wait_until="load")
        page.locator(".fronts-chart").first.scroll_into_view_if_needed()
        page.locator(".fronts-chart").first.hover()
        page.wait_for_function("document.querySelector('.fronts-chart').getAttribute('data-upgraded') === 'yes'", timeout=20000)
        context.close()
