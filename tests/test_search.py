"""Search: the index loads only on the search page (fronts/templates/layout.html), and search works."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from fronts.site.theme import SEARCH_PAGE_ONLY
from tests.site import PageWatch, require_site, serve
from tests.test_a11y import site_pages

SEARCH_SCRIPTS = re.compile(r'<script src="[^"]*(' + "|".join(re.escape(Path(f).name) for f in SEARCH_PAGE_ONLY) + ')"')


def test_only_the_search_page_loads_the_search_index():
    site = require_site()
    pages = site_pages(site)
    loading = [p for p in pages if SEARCH_SCRIPTS.search((site / p).read_text(encoding="utf-8"))]
    assert loading == ["search.html"], loading
    chapter = (site / "notebooks/raqqa.html").read_text(encoding="utf-8")
    # The rest of the theme's <head> block is still there.
    assert '<meta name="viewport"' in chapter and '<meta name="docsearch:language"' in chapter


@pytest.mark.browser
def test_the_search_dialog_on_a_chapter_finds_pages(browser):
    site = require_site()
    with serve(site) as base:
        context = browser.new_context()
        page = context.new_page()
        watch = PageWatch(context, page)
        page.goto(base + "notebooks/deir-ez-zor.html", wait_until="load")
        page.keyboard.press("Control+k")
        field = page.locator("#pst-search-dialog input[name='q']")
        field.wait_for(state="visible", timeout=5000)
        field.fill("Raqqa")
        field.press("Enter")
        page.wait_for_url("**/search.html?q=Raqqa*", timeout=10000)
        page.wait_for_function("document.querySelectorAll('#search-results li').length > 0", timeout=15000)
        found = page.evaluate("[...document.querySelectorAll('#search-results li a')].map(a => a.getAttribute('href'))")
        context.close()
    assert any(h.startswith("notebooks/raqqa.html") for h in found), found
    assert watch.page_errors == [] and watch.console_errors == [], (watch.page_errors, watch.console_errors)
