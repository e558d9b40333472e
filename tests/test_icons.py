"""The theme's Font Awesome script, trimmed to the icons the site uses (fronts.site.icons)."""
from __future__ import annotations

import pytest

from fronts.site import icons
from tests.site import PageWatch, chromium, is_redirect, require_site, serve
from tests.test_a11y import site_pages

PACK = ('var p={bars:[448,512,["navicon"],"f0c9","M0 96z"],sun:[512,512,[9728],"f185","M1 1z"],'
        '0:[320,512,[],"30","M0 1z"],"circle-half-stroke":[512,512,[9680,"adjust"],"f042","M2 2z"]};')


def test_subset_keeps_named_and_aliased_icons_and_drops_the_rest():
    out, kept, dropped = icons.subset("x();" + PACK + "y();", {"bars", "adjust"}, minimum=1)
    assert (kept, dropped) == (2, 2)
    assert out.startswith("x();") and out.endswith("y();")
    assert 'bars:[448,512,["navicon"],"f0c9","M0 96z"]' in out
    assert '"circle-half-stroke":[512' in out and "sun:" not in out and "0:[320" not in out
    assert icons.subset(PACK, {"navicon"}, minimum=1)[1] == 1  # an alias keeps its icon


def test_subset_refuses_a_script_it_does_not_understand():
    with pytest.raises(ValueError, match="changed form"):
        icons.subset("var p={};", {"bars"})


def test_used_names_reads_pages_and_scripts_but_not_font_awesome_itself(tmp_path):
    (tmp_path / "_static/scripts").mkdir(parents=True)
    (tmp_path / "a.html").write_text('<i class="fa-solid fa-bars"></i>', encoding="utf-8")
    (tmp_path / "_static/scripts/theme.js").write_text('e.className="fa-solid fa-moon"', encoding="utf-8")
    (tmp_path / "_static/scripts/fontawesome.js").write_text('"fa-sun"', encoding="utf-8")
    assert icons.used_names(tmp_path) == {"solid", "bars", "moon"}


@pytest.mark.browser
def test_every_page_draws_its_icons_with_the_trimmed_script():
    site = require_site()
    script = site / icons.SCRIPT
    assert script.stat().st_size < 150_000, f"{script} is {script.stat().st_size:,} bytes: not trimmed"
    drawn = 0
    with serve(site) as base, chromium() as browser:
        for path in site_pages(site):
            if is_redirect((site / path).read_text(encoding="utf-8")):
                continue  # the index page: an icon-free redirect (a race to test it here; see test_links)
            context = browser.new_context()
            page = context.new_page()
            watch = PageWatch(context, page)
            page.goto(base + path, wait_until="load")
            assert page.url == base + path, (path, page.url)
            page.wait_for_function("document.querySelectorAll('svg.svg-inline--fa').length > 0", timeout=10000)
            found = page.evaluate("""() => ({
                svg: document.querySelectorAll('svg.svg-inline--fa').length,
                blank: [...document.querySelectorAll('svg.svg-inline--fa')].filter(s => !s.querySelector('path')).length,
                left: [...document.querySelectorAll('i[class*="fa-"]')].map(e => e.className)})""")
            context.close()
            assert found["blank"] == 0 and found["left"] == [], (path, found)
            assert watch.page_errors == [] and watch.console_errors == [], (path, watch.page_errors, watch.console_errors)
            drawn += found["svg"]
    assert drawn > 0
