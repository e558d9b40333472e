"""The chapters' UCDP map layer keeps its data in a file beside the page, fetched only when shown."""
from __future__ import annotations

import json
import re

import pytest

from fronts import FRONTS, load
from fronts.ucdp.figures import COMPACT_STRIDE, compact_rows, compact_ucdp_layer
from tests.conftest import DATA
from tests.site import COUNT_MAP_EVENTS, PageWatch, chromium, map_frame, require_site, serve
from tests.test_scale import synthetic

# Markers held by the UCDP cluster group (on screen or not): markercluster draws only what is in view.
COUNT_UCDP_MARKERS = """() => {
  let n = 0;
  for (const key of Object.keys(window)) {
    const v = window[key];
    if (v instanceof L.MarkerClusterGroup) {
      n += v.getLayers().filter(m => (m.options.className || '').includes('fronts-ucdp')).length;
    }
  }
  return n;
}"""


def test_layer_data_goes_to_its_file_and_the_page_holds_only_the_address(tmp_path):
    import folium

    from fronts.figures.export import write_files
    from fronts.figures.render import map_html
    from fronts.settings import Settings

    df = synthetic(300)
    target = tmp_path / "layers" / "ucdp-x.json"
    fmap = folium.Map(location=[35, 38], zoom_start=7, tiles=None)
    layer = compact_ucdp_layer(df, site_file="layers/ucdp-x.json", data_url="../layers/ucdp-x.json")
    layer.add_to(fmap)
    markup = map_html(fmap, "t", "lazy", Settings()).markup
    assert write_files(layer.site_files, tmp_path) == [target]  # what the build collects from the map's output
    tables, flat = compact_rows(df[df["where_prec"] <= 5])
    assert json.loads(target.read_text(encoding="utf-8")) == {"tables": tables, "rows": flat}
    assert "../layers/ucdp-x.json" in markup and str(flat[:COMPACT_STRIDE])[1:-1].replace(" ", "") not in markup
    embedded = folium.Map(location=[35, 38], zoom_start=7, tiles=None)
    compact_ucdp_layer(df).add_to(embedded)
    assert len(map_html(embedded, "t", "lazy", Settings()).markup) > len(markup) + 5000
    with pytest.raises(ValueError, match="both"):
        compact_ucdp_layer(df, site_file="layers/ucdp-x.json")


@pytest.mark.browser
@pytest.mark.parametrize("front", list(FRONTS))
def test_the_ucdp_layer_is_fetched_only_when_ticked_and_then_draws_every_event(front):
    from fronts.ucdp import ged as ucdp

    site = require_site()
    if not ucdp.status().available:
        pytest.skip("UCDP GED is absent: the chapters have no UCDP layer")
    page_text = (site / f"notebooks/{front}.html").read_text(encoding="utf-8")
    n_layer = int(re.search(r"UCDP GED events \((\d+)\)", page_text.replace("&quot;", '"')).group(1))
    data = json.loads((site / f"layers/ucdp-{front}.json").read_text(encoding="utf-8"))
    assert len(data["rows"]) == n_layer * COMPACT_STRIDE
    n_events = len(load(DATA).front(front).events)
    with serve(site) as base, chromium() as browser:
        context = browser.new_context()
        page = context.new_page()
        watch = PageWatch(context, page)
        fetched = []
        page.on("request", lambda r: fetched.append(r.url) if "/layers/" in r.url else None)
        page.goto(base + f"notebooks/{front}.html", wait_until="load")
        frame = map_frame(page)
        frame.wait_for_function("document.querySelectorAll('path.fronts-event, .marker-cluster').length > 0", timeout=20000)
        from tests.support.siteprobe import settled

        assert settled(frame, COUNT_MAP_EVENTS)["total"] == n_events
        assert fetched == [], "the layer's data was fetched before the reader asked for it"
        frame.locator(".leaflet-control-layers-overlays label", has_text="UCDP GED events").locator("input").check()
        frame.wait_for_function(f"({COUNT_UCDP_MARKERS})() > 0", timeout=20000)
        drawn = settled(frame, COUNT_UCDP_MARKERS, timeout_ms=30000)
        context.close()
    assert fetched == [base + f"layers/ucdp-{front}.json"]
    assert drawn == n_layer
    assert watch.page_errors == [] and watch.console_errors == [] and watch.http_errors == [] and watch.external() == []
