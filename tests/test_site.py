"""The built site (static checks): counts agree, anchors resolve, nothing loads from outside."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from fronts import FRONTS, load
from fronts.figures.assets import EXTERNAL_ASSET, VENDOR_FILES
from tests.conftest import DATA, ROOT
from tests.site import require_site
from tests.support.siteprobe import srcdocs

CHAPTERS = {f: f"notebooks/{f}.html" for f in FRONTS if (ROOT / "notebooks" / f"{f}.ipynb").exists()}


def _srcdocs(page: str) -> list[str]:
    return srcdocs(page)


@pytest.mark.parametrize("front", CHAPTERS)
def test_counts_agree_across_csv_table_map_timeline(front):
    site = require_site()
    page = (site / CHAPTERS[front]).read_text(encoding="utf-8")
    expected = len(load(DATA).front(front).events)
    rows = page.count('class="fronts-event-row"')
    maps = _srcdocs(page)
    markers = sum(doc.count('"className": "fronts-event fronts-geo') for doc in maps)
    timeline = re.search(r'data-chart="timeline".*?</svg>', page, re.S).group(0)
    marks = sum(
        len(re.findall(r"<path", m.group(1)))
        for m in re.finditer(r'<g class="mark-[a-z]+ role-mark events_(?:ranges|points)_marks"[^>]*>(.*?)</g>', timeline, re.S)
    )
    assert (rows, markers, marks) == (expected, expected, expected)


@pytest.mark.parametrize("front", CHAPTERS)
def test_every_event_has_a_permalink(front):
    site = require_site()
    page = (site / CHAPTERS[front]).read_text(encoding="utf-8")
    for eid in load(DATA).front(front).events["event_id"]:
        assert f'<tr id="{eid}"' in page and f'href="#{eid}"' in page


def test_no_page_loads_anything_from_outside():
    site = require_site()
    offenders = {}
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8", errors="replace")
        found = EXTERNAL_ASSET.findall(text) + [u for doc in _srcdocs(text) for u in EXTERNAL_ASSET.findall(doc)]
        if found:
            offenders[str(path.relative_to(site))] = sorted(set(found))
    assert offenders == {}


def test_vendor_assets_served_from_site_not_static():
    site = require_site()
    for vendor_path in VENDOR_FILES:
        assert (site / "vendor" / vendor_path).is_file(), vendor_path
    assert not any(Path(site / "_static").rglob("vega.min.js"))


def test_scripts_not_duplicated_and_no_thebe():
    site = require_site()
    page = (site / "book/intro.html").read_text(encoding="utf-8")
    scripts = re.findall(r"<script[^>]*>.*?</script>", page, re.S)
    assert len(scripts) == len(set(scripts))
    assert "THEBE_JS_URL" not in page and "sphinx-thebe.js" not in page


def test_figures_are_numbered_and_captioned():
    site = require_site()
    for page_path in CHAPTERS.values():
        page = (site / page_path).read_text(encoding="utf-8")
        captions = re.findall(r'<span class="caption-number">Fig\. (\d+) </span>', page)
        assert len(captions) >= 2
        assert 'class="fronts-chart"' in page and 'role="img" aria-label="' in page
        assert re.search(r'<iframe class="fronts-map-frame" title="[^"]+"', page)


def test_event_links_resolve_across_chapters():
    site = require_site()
    ids = {}
    for page_path in CHAPTERS.values():
        ids[page_path] = set(re.findall(r'<tr id="([A-Z]{3}-\d{4})"', (site / page_path).read_text(encoding="utf-8")))
    broken = []
    for page_path in CHAPTERS.values():
        text = (site / page_path).read_text(encoding="utf-8")
        for target, anchor in re.findall(r'href="([a-z-]*\.html)?#([A-Z]{3}-\d{4})"', text):
            where = f"notebooks/{target}" if target else page_path
            if anchor not in ids.get(where, set()):
                broken.append(f"{page_path} -> {target}#{anchor}")
    assert broken == []
