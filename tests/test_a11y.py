"""Accessibility of the built site, in headless Debian Chromium with the site on 127.0.0.1.

- axe-core (pinned in the Makefile, installed by `make axe`) on every page, map frames included:
  no violation of impact serious or critical; and on the same visit, every image, chart and map
  figure has an accessible name, every figure a caption, and every icon is drawn by the trimmed
  icon script.
- The map's controls (zoom, layers, and the overview's filters) are reached with Tab, and the
  layer check boxes and the week slider work from the keyboard.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from fronts import load
from fronts.figures.style import BLOC_COLORS, BLOC_LABELS
from tests.conftest import DATA, ROOT
from tests.site import COUNT_MAP_EVENTS, PageWatch, chromium, is_redirect, map_frame, require_axe, require_site, serve
from tests.support.siteprobe import settled

pytestmark = pytest.mark.browser
FAILING_IMPACTS = ("serious", "critical")
# (rule id, substring of the node's target) -> why it is not a defect of this book. Keep it empty
# unless a rule misfires on third-party markup the book cannot change; say why, and keep it narrow.
EXCLUDED: dict[tuple[str, str], str] = {}
CHAPTERS = sorted(f"notebooks/{p.stem}.html" for p in (ROOT / "notebooks").glob("*.ipynb"))
PROSE = sorted(f"book/{p.stem}.html" for p in (ROOT / "book").glob("*.md"))

# Run in the page once axe is in every frame: a compact result, every node's target kept. A target
# with two selectors is a node inside an iframe (the iframe, then the node in its document).
RUN_AXE = """async () => {
  const r = await axe.run(document, {iframes: true});
  const nodes = list => list.map(rule => ({id: rule.id, impact: rule.impact, help: rule.help,
      nodes: rule.nodes.map(n => ({target: n.target, impact: n.impact, summary: n.failureSummary || ''}))}));
  const framed = r.passes.concat(r.violations, r.incomplete).reduce((k, rule) => k + rule.nodes.filter(n => n.target.length > 1).length, 0);
  return {version: axe.version, violations: nodes(r.violations), framed};
}"""


ICONS = """() => ({
    svg: document.querySelectorAll('svg.svg-inline--fa').length,
    blank: [...document.querySelectorAll('svg.svg-inline--fa')].filter(s => !s.querySelector('path')).length,
    left: [...document.querySelectorAll('i[class*="fa-"]')].map(e => e.className)})"""


def site_pages(site: Path) -> list[str]:
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    missing = [p for p in ["index.html", *PROSE, *CHAPTERS] if p not in pages]
    assert not missing, f"pages missing from the built site: {missing}"
    return pages


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def _open(browser, base: str, path: str, site: Path):
    """A page with its charts upgraded and its maps drawn. A meta-refresh page (index.html) is held
    in place, so axe sees the redirect page itself rather than where it leads."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    text = (site / path).read_text(encoding="utf-8")
    if is_redirect(text):
        held = re.sub(r'content="0;', 'content="3600;', text)
        context.route(base + path, lambda route: route.fulfill(body=held, content_type="text/html; charset=utf-8"))
    page = context.new_page()
    watch = PageWatch(context, page)
    page.goto(base + path, wait_until="load")
    page.evaluate("window.frontsUpgradeCharts && window.frontsUpgradeCharts()")  # as a reader reaching a chart does
    page.wait_for_function("[...document.querySelectorAll('.fronts-chart')].every(b => b.getAttribute('data-upgraded') === 'yes')",
                           timeout=20000)
    for frame in page.frames[1:]:
        frame.wait_for_load_state("load")
        if frame.query_selector(".leaflet-container"):
            frame.wait_for_function("document.querySelectorAll('path.fronts-event, .marker-cluster').length > 0", timeout=20000)
            settled(frame, COUNT_MAP_EVENTS)
    return context, page, watch


# The accessible name of an element, as axe computes it (the accessible-name algorithm), and the
# figures of a page: every image, every chart (the picture in .fronts-chart, static or live),
# every map frame and every <figure> with its caption.
FIGURE_NAMES = """() => {
  axe.setup(document);
  const name = e => axe.commons.text.accessibleTextVirtual(axe.utils.getNodeFromTree(e)).trim();
  const out = [];
  document.querySelectorAll('img').forEach(e => out.push({kind: 'img', what: e.getAttribute('src'),
      name: e.getAttribute('role') === 'presentation' || e.getAttribute('aria-hidden') === 'true' ? '(decorative)' : name(e)}));
  document.querySelectorAll('.fronts-chart').forEach(box => {
    const pic = box.getAttribute('role') === 'img' ? box : box.querySelector('.fronts-chart-live svg[role="img"]');
    out.push({kind: 'chart', what: box.getAttribute('data-chart'), name: pic ? name(pic) : ''});
  });
  document.querySelectorAll('iframe').forEach(e => out.push({kind: 'map', what: e.className, name: name(e)}));
  document.querySelectorAll('figure').forEach(f => {
    const cap = f.querySelector(':scope > figcaption');
    out.push({kind: 'figure', what: f.id, name: cap ? cap.textContent.replace(/\\s+/g, ' ').trim() : '', role: axe.commons.aria.getRole(f),
              figname: name(f).replace(/\\s+/g, ' '), holds: !!f.querySelector('.fronts-chart, iframe, img, svg')});
  });
  axe.teardown();
  return out;
}"""


# Every page of the site, each audited on its own (so the test runner can spread them over its workers).
PAGES = sorted(["index.html", "genindex.html", "search.html", *PROSE, *CHAPTERS])
NO_MAP = {"notebooks/claims-ledger.html"}  # the ledger's figure is a chart; every other chapter has a map


def test_the_audited_pages_are_every_page_of_the_site():
    assert site_pages(require_site()) == PAGES


def _audit(browser, path):
    """axe-core on the page, its map frame included (no violation of impact serious or critical), and
    the accessible name of every image, chart, map and figure (a figure named by its caption)."""
    site = require_site()
    script = require_axe()
    with serve(site) as base:
        context, page, watch = _open(browser, base, path, site)
        frames = page.frames
        for frame in frames:
            frame.evaluate(script)
        result = page.evaluate(RUN_AXE)
        figures = page.evaluate(FIGURE_NAMES)
        icons = page.evaluate(ICONS)
        has_map = any(f.query_selector(".leaflet-container") for f in frames[1:])
        context.close()
        assert page.url == base + path, f"{path} navigated away to {page.url}"
    assert watch.page_errors == [] and watch.console_errors == [], (path, watch.page_errors, watch.console_errors)
    # Every icon drawn by the trimmed Font Awesome script (fronts.site.icons), none left unconverted;
    # the index page is an icon-free redirect.
    redirect = is_redirect((site / path).read_text(encoding="utf-8"))
    assert icons["blank"] == 0 and icons["left"] == [] and (redirect or icons["svg"] > 0), (path, icons)
    failures, minor = [], []
    if has_map:
        assert result["framed"] > 0, f"{path}: axe checked nothing inside the map frame"
    for rule in result["violations"]:
        for node in rule["nodes"]:
            target = " >> ".join(node["target"])
            line = f"{rule['id']} ({node['impact'] or rule['impact']}) {target}: {rule['help']}"
            if any(rule["id"] == rid and part in target for rid, part in EXCLUDED):
                continue
            (failures if (node["impact"] or rule["impact"]) in FAILING_IMPACTS else minor).append(line)
    print(f"axe-core {result['version']} on {path}; not failing (minor or moderate):\n" + "\n".join(minor))
    assert failures == [], f"{len(failures)} serious or critical axe violation(s) on {path}:\n" + "\n".join(failures)

    unnamed, seen = [], {"img": 0, "chart": 0, "map": 0, "figure": 0}
    for f in figures:
        seen[f["kind"]] += 1
        if len(f["name"]) < 10:
            unnamed.append(f"{f['kind']} {f['what']!r} has no accessible name ({f['name']!r})")
        # A figure is named by its caption (less the heading-link "#", hidden until hover).
        if f["kind"] == "figure" and f["holds"] and not (f["role"] == "figure" and len(f["figname"]) >= 10
                                                         and f["figname"].strip() in f["name"]):
            unnamed.append(f"figure {f['what']!r} is not named by its caption ({f['figname']!r})")
    print(f"figures checked on {path}: {seen}")
    assert unnamed == [], (path, unnamed)
    if path in CHAPTERS:
        assert seen["chart"] >= 1 and seen["figure"] >= seen["map"] >= (0 if path in NO_MAP else 1), (path, seen)
        assert has_map == (path not in NO_MAP), path


# One class per group of pages: the test runner keeps a class on one worker and spreads the classes.
class TestFrontChapters:
    @pytest.mark.parametrize("path", [p for p in CHAPTERS if p not in ("notebooks/overview.html", "notebooks/claims-ledger.html")])
    def test_page_has_no_serious_axe_violation_and_every_figure_is_named(self, browser, path):
        _audit(browser, path)


class TestOverviewAndLedger:
    @pytest.mark.parametrize("path", ["notebooks/overview.html", "notebooks/claims-ledger.html"])
    def test_page_has_no_serious_axe_violation_and_every_figure_is_named(self, browser, path):
        _audit(browser, path)


class TestOtherPages:
    @pytest.mark.parametrize("path", [p for p in PAGES if p not in CHAPTERS])
    def test_page_has_no_serious_axe_violation_and_every_figure_is_named(self, browser, path):
        _audit(browser, path)


def _tab_until(page, frame, want: list[str], limit: int = 400) -> dict[str, int]:
    """Press Tab from the top of the page; the first Tab-press count at which each wanted control
    (a CSS selector in the map frame) holds the focus."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    page.locator("body").focus()
    reached: dict[str, int] = {}
    for n in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement && document.activeElement.tagName") != "IFRAME":
            continue
        # One round trip per press: which of the wanted selectors the frame's focused element matches.
        matched = frame.evaluate("sels => { const e = document.activeElement; return e ? sels.filter(s => e.matches(s)) : []; }",
                                 [sel for sel in want if sel not in reached])
        for sel in matched:
            reached[sel] = n
        if len(reached) == len(want):
            break
    return reached


def _focus_by_tab(page, frame, selector: str, limit: int = 400) -> None:
    """Move the focus with Tab (never .focus()) until ``selector`` in the map frame holds it."""
    reached = _tab_until(page, frame, [selector], limit)
    assert selector in reached, f"Tab never reached {selector}"


@pytest.mark.parametrize("path", ["notebooks/raqqa.html", "notebooks/overview.html"])
def test_map_controls_reachable_and_usable_by_keyboard(browser, path):
    site = require_site()
    ev = load(DATA).events
    if path != "notebooks/overview.html":
        ev = ev[ev["front"] == "raqqa"]
    blocs = [b for b in BLOC_COLORS if b in set(ev["actor1_bloc"])]
    with serve(site) as base:
        context, page, watch = _open(browser, base, path, site)
        frame = map_frame(page)
        boxes = frame.evaluate("""() => [...document.querySelectorAll('.leaflet-control-layers-overlays input.leaflet-control-layers-selector')]
            .map((b, i) => { b.setAttribute('data-probe', 'layer-' + i); return b.parentElement.textContent.trim(); })""")
        filters = frame.evaluate("""() => [...document.querySelectorAll('.fronts-filter input')]
            .map((b, i) => { b.setAttribute('data-probe', 'filter-' + i); return b.type + ':' + (b.value || ''); })""")
        want = [".leaflet-control-zoom-in", ".leaflet-control-zoom-out"] + [f"[data-probe=layer-{i}]" for i in range(len(boxes))] \
            + [f"[data-probe=filter-{i}]" for i in range(len(filters))]
        reached = _tab_until(page, frame, want)
        missing = [w for w in want if w not in reached]

        # Space on a focused bloc check box hides that bloc's events, and shows them again.
        bloc_boxes = {b: i for i, text in enumerate(boxes) for b in blocs if text.startswith(f"● {BLOC_LABELS[b]} (")}
        bloc, index = next(iter(bloc_boxes.items()))
        before = settled(frame, COUNT_MAP_EVENTS)["total"]
        _focus_by_tab(page, frame, f"[data-probe=layer-{index}]")
        page.keyboard.press("Space")
        unticked = frame.evaluate(f"() => document.querySelector('[data-probe=layer-{index}]').checked")
        hidden = settled(frame, COUNT_MAP_EVENTS)["total"]
        page.keyboard.press("Space")
        shown = settled(frame, COUNT_MAP_EVENTS)["total"]
        slider = None
        if filters:
            _focus_by_tab(page, frame, "input.fronts-week")
            for _ in range(26):
                page.keyboard.press("ArrowLeft")
            slider = (frame.evaluate("() => document.querySelector('input.fronts-week').value"), settled(frame, COUNT_MAP_EVENTS)["total"])
        context.close()
    print(f"{path}: Tab presses to reach each control: {reached}")
    assert missing == [], f"not reached with Tab on {path}: {missing} (reached: {reached}; layers {boxes}; filters {filters})"
    assert sorted(bloc_boxes) == sorted(blocs) and len(filters) == (0 if path != "notebooks/overview.html" else 1 + ev["front"].nunique())
    assert before == len(ev) and unticked is False
    assert hidden == len(ev) - (ev["actor1_bloc"] == bloc).sum() and shown == len(ev)
    if filters:
        day = ev["date_start"].dt.day_of_year - 1
        assert slider == ("26", int((day <= 26 * 7 + 6).sum())), slider
    assert watch.page_errors == [] and watch.console_errors == []
