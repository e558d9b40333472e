"""The offline basemap (fronts/figures/basemap.py): Natural Earth rivers, lakes and towns under the events of
the web maps and on the print map, town and place labels thinned by zoom."""
from __future__ import annotations

import html
import io
import json
import math
import re
import shutil
import tokenize
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from fronts import FRONTS, load
from fronts.figures import basemap
from fronts.figures.basemap import BasemapError, Label, clip_line, label_box, labels, load_basemap, thin
from fronts.figures.maps import build_map
from fronts.figures.print_map import render_svg
from tests.conftest import DATA, ROOT
from tests.support.siteprobe import srcdocs

BASEMAP = DATA / "basemap"
VIEWS = [*FRONTS, None]  # each front's chapter map, and the overview's map of every event


@pytest.fixture(scope="module")
def ds():
    return load(DATA)


@pytest.fixture(scope="module")
def bm():
    return load_basemap(BASEMAP)


def _raw(key: str) -> dict:
    return json.loads((BASEMAP / basemap.FILES[key][0]).read_text(encoding="utf-8"))


def _mercator(lat: float, lon: float, zoom: int) -> tuple[float, float]:
    """Web Mercator pixels (EPSG:3857 on 256-pixel tiles), written out here apart from the module's."""
    scale = 256 * 2 ** zoom
    return (lon + 180) / 360 * scale, (1 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2 * scale


def _boxes_overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


# --- loading ---------------------------------------------------------------------------------------

def test_loads_every_feature_with_its_name_and_rank(bm):
    assert sorted(n for n, _, _ in bm.rivers) == sorted(f["properties"]["name"] for f in _raw("rivers")["features"])
    assert sorted(n for n, _ in bm.lakes) == sorted(f["properties"]["name"] for f in _raw("lakes")["features"])
    towns = {f["properties"]["name"]: f for f in _raw("towns")["features"]}
    assert len(bm.towns) == len(towns) == 85
    for t in bm.towns:
        lon, lat = towns[t.name]["geometry"]["coordinates"]
        assert (t.lat, t.lon, t.rank) == (lat, lon, towns[t.name]["properties"]["scalerank"])


def _distance_to_polyline(p, line) -> float:
    best = math.inf
    for (ax, ay), (bx, by) in zip(line, line[1:], strict=False):
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / ((dx * dx + dy * dy) or 1)))
        best = min(best, math.hypot(p[0] - ax - t * dx, p[1] - ay - t * dy))
    return best


def test_simplified_lines_keep_their_ends_and_stay_within_the_tolerance(bm):
    raw = [f for f in _raw("rivers")["features"]]
    total_in = total_out = 0
    for (name, _, lines), feature in zip(bm.rivers, raw, strict=True):
        geom = feature["geometry"]
        parts = [geom["coordinates"]] if geom["type"] == "LineString" else geom["coordinates"]
        assert len(parts) == len(lines), name
        for part, line in zip(parts, lines, strict=True):
            original = [tuple(p) for p in part]
            assert line[0] == original[0] and line[-1] == original[-1]
            assert set(line) <= set(original)  # vertices of the original, none made up
            assert max(_distance_to_polyline(p, line) for p in original) <= basemap.SIMPLIFY_DEG + 1e-9, name
            total_in, total_out = total_in + len(original), total_out + len(line)
    assert total_out < 0.8 * total_in  # it does simplify
    for _, rings in bm.lakes:
        assert all(len(r) >= 4 and r[0] == r[-1] for r in rings)  # closed rings stay closed and keep an area


@pytest.mark.parametrize("key,damage,expected", [
    ("rivers", None, "missing"),
    ("lakes", "{not json", "not valid JSON|JSONDecodeError"),
    ("towns", '{"type": "Feature"}', "not a GeoJSON FeatureCollection"),
    ("lakes", '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "x", "scalerank": 1}, '
              '"geometry": {"type": "Point", "coordinates": [38, 35]}}]}', "feature 0: geometry 'Point'"),
    ("towns", '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "x", "scalerank": 1}, '
              '"geometry": {"type": "Point", "coordinates": ["38", 35]}}]}', "not a longitude and latitude"),
    ("rivers", '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"scalerank": 1}, '
               '"geometry": {"type": "LineString", "coordinates": [[38, 35], [39, 35]]}}]}', "KeyError: 'name'"),
])
def test_a_missing_or_malformed_file_is_named_in_the_error(tmp_path, key, damage, expected):
    folder = tmp_path / "basemap"
    shutil.copytree(BASEMAP, folder)
    target = folder / basemap.FILES[key][0]
    if damage is None:
        target.unlink()
    else:
        target.write_text(damage, encoding="utf-8")
    with pytest.raises(BasemapError) as err:
        load_basemap(folder)
    assert str(err.value).startswith(f"{target}: ")
    assert re.search(expected, str(err.value)), str(err.value)


def test_a_map_of_a_package_without_its_basemap_says_which_file(package):
    shutil.rmtree(package / "basemap")
    with pytest.raises(BasemapError, match=re.escape(str(package / "basemap" / basemap.FILES["rivers"][0]))):
        build_map(load(package), seed="x", title="t")


# --- labels ----------------------------------------------------------------------------------------

def test_two_labels_part_at_the_zoom_web_mercator_says(bm):
    a = Label("Aaaa", 35.0, 39.0, "town", 0)
    b = Label("Bbbb", 35.0, 39.1, "town", 0)  # 0.1 degree east of a
    first, second = thin([a, b])
    # a's box ends where b's box (its dot) begins, plus the gap, in pixels; the distance doubles per zoom.
    needed = label_box(a)[2] - label_box(b)[0] + basemap.GAP_PX
    apart = [_mercator(35.0, 39.1, z)[0] - _mercator(35.0, 39.0, z)[0] for z in range(19)]
    assert first.min_zoom == 0
    assert second.min_zoom == min(z for z in range(19) if apart[z] >= needed)
    assert apart[second.min_zoom - 1] < needed
    # A third label on top of the first never shows; one far away shows from the start.
    same = Label("Cccc", 35.0, 39.0, "town", 0)
    far = Label("Dddd", -35.0, -120.0, "town", 0)  # half a world away
    assert [x.name for x in thin([a, same, far])] == ["Aaaa", "Dddd"]
    assert thin([a, same, far])[1].min_zoom == 0


@pytest.mark.parametrize("front", VIEWS)
def test_no_two_labels_shown_at_the_same_zoom_overlap(ds, bm, front):
    view = ds.front(front) if front else ds
    shown = labels(bm, view.places, view.events)
    assert len({(x.name, x.lat, x.lon) for x in shown}) == len(shown) > 20
    for z in range(basemap.MAX_ZOOM + 1):
        boxes = []
        for x in shown:
            if x.min_zoom <= z:
                px, py = _mercator(x.lat, x.lon, z)
                left, top, right, bottom = label_box(x)
                boxes.append((x.name, (px + left, py + top, px + right, py + bottom)))
        for i, (name, box) in enumerate(boxes):
            for other, obox in boxes[:i]:
                assert not _boxes_overlap(box, obox), f"zoom {z}: {name!r} overlaps {other!r}"
    # More labels as the reader zooms in, the most important at every zoom, none before its rank allows.
    counts = [sum(x.min_zoom <= z for x in shown) for z in range(19)]
    assert counts == sorted(counts) and counts[0] >= 1 and counts[-1] == len(shown)
    from fronts.data.geo import haversine_km

    def earliest(rank: float) -> int:
        return 0 if rank <= basemap.RANK_ZOOM else int(rank)
    for x in shown:
        if x.kind == "town":
            assert x.min_zoom >= earliest(next(t.rank for t in bm.towns if t.name == x.name)), x
        elif x.min_zoom < basemap.PLACE_RANK:  # only a place that is a more important town shows earlier
            assert any(haversine_km(x.lat, x.lon, t.lat, t.lon) <= basemap.SAME_TOWN_KM and earliest(t.rank) <= x.min_zoom
                       for t in bm.towns), x


@pytest.mark.parametrize("front", list(FRONTS))
def test_place_labels_use_places_csv_and_name_the_events_places(ds, bm, front):
    view = ds.front(front)
    shown = labels(bm, view.places, view.events)
    places = view.places.set_index("place_id")
    used = places.loc[sorted(set(view.events["place_id"]))]
    for x in (x for x in shown if x.kind == "place"):
        row = used[[basemap_name == x.name for basemap_name in used["name"].str.split(" (", regex=False).str[0]]]
        assert len(row) == 1, x.name
        assert (x.lat, x.lon) == (row["lat"].iloc[0], row["lon"].iloc[0])
    # Every place the events use has a label at some zoom, unless its name is long or another label
    # stands on the same spot (then no zoom separates them).
    from fronts.data.geo import haversine_km

    named = {x.name for x in shown}
    for p in used.itertuples():
        short = p.name.split(" (")[0].strip()
        if len(short) <= basemap.MAX_CHARS and short not in named:
            assert any(haversine_km(p.lat, p.lon, x.lat, x.lon) < 0.05 for x in shown), short
    assert any(x.kind == "place" for x in shown)
    # A Natural Earth town where a place is (within SAME_TOWN_KM) is not labelled twice.
    for town in (x for x in shown if x.kind == "town"):
        assert all(haversine_km(town.lat, town.lon, p.lat, p.lon) > basemap.SAME_TOWN_KM
                   for p in shown if p.kind == "place"), town.name


def test_no_coordinate_or_name_typed_into_the_module():
    """Places' coordinates come from places.csv and names from the files, never from code."""
    import csv

    rows = list(csv.DictReader((DATA / "places.csv").open(encoding="utf-8-sig")))
    coords = [float(r[c]) for r in rows for c in ("lat", "lon")]
    coords += [v for f in _raw("towns")["features"] for v in f["geometry"]["coordinates"]]
    names = {r["name"] for r in rows} | {r["name"].split(" (")[0] for r in rows}
    names |= {f["properties"]["name"] for k in basemap.FILES for f in _raw(k)["features"]}
    source = (ROOT / "fronts" / "figures" / "basemap.py").read_text(encoding="utf-8")
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.NUMBER and "." in tok.string:
            decimals = len(tok.string.split(".")[1])
            assert decimals < 2 or not any(round(c, decimals) == float(tok.string) for c in coords), tok
        if tok.type == tokenize.STRING:
            text = tok.string.strip("\"'rbf")
            assert text not in names, tok


# --- the web map -----------------------------------------------------------------------------------

def _doc(markup: str) -> str:
    return srcdocs(markup)[0]


def test_rivers_and_lakes_are_drawn_before_the_events_and_labels_above_their_circles(ds, site_mode):
    doc = _doc(build_map(ds.front("raqqa"), seed="t", title="T").markup)
    outline, water = doc.index("L.geoJson("), doc.index('className: "fronts-river"')
    events = [doc.index(s) for s in ("L.markerClusterGroup(", "L.circleMarker(")]
    assert outline < water < min(events)  # over the outline's fill, under every event
    script = doc[doc.index("function line(a)") - 400:doc.index("map.on(\"zoomend\", show)")]
    assert "interactive: false" in script and "addLayer" not in script  # never re-added above the events
    assert int(re.search(r"zIndex = (\d+)", script).group(1)) in range(401, 600)  # over circles, under clusters
    assert 'setAttribute("aria-hidden", "true")' in script and 'pointerEvents = "none"' in script
    # The data: delta-encoded integer lines, the labels with their zooms; no tiles, no address.
    data = json.loads(re.search(r"d = (\{.*?\});\n", doc).group(1))
    assert all(isinstance(v, int) for _, lines in data["rivers"] for line in lines for v in line)
    first_river = data["rivers"][0][1][0]
    assert 30 <= first_river[0] / basemap.STEP <= 40 and 30 <= first_river[1] / basemap.STEP <= 50
    assert {row[4] for row in data["labels"]} == {"town", "place"}
    assert "Made with Natural Earth" in data["credit"]
    assert "https://" not in doc[doc.index("function line(a)") - 400:doc.index("map.on(\"zoomend\", show)")]


def test_the_map_carries_a_hidden_text_of_its_rivers_and_towns(ds, site_mode):
    view = ds.front("deir-ez-zor")
    doc = _doc(build_map(view, seed="t", title="T").markup)
    text = html.unescape(re.search(r'<p class="fronts-sr-only">([^<]*)</p>', doc).group(1))
    for f in _raw("rivers")["features"]:
        assert f["properties"]["name"] in text
    shown = labels(load_basemap(BASEMAP), view.places, view.events)
    near = [x.name for x in shown if x.kind == "place"]
    assert near and all(n in text for n in near)
    assert "Made with Natural Earth" in text
    assert ".fronts-sr-only{position:absolute;width:1px;height:1px" in doc


def test_label_text_is_escaped(package, site_mode):
    places = package / "places.csv"
    places.write_text(places.read_text(encoding="utf-8").replace("Dar'a,", 'Dar<b>a</b> `x` ${y} {{ z }},', 1), encoding="utf-8")
    doc = _doc(build_map(load(package), seed="t", title="T").markup)
    assert "Dar<b>" not in doc and "`x`" not in doc and "${y}" not in doc and "{{ z }}" not in doc
    assert basemap.esc("Dar<b>a</b> `x` ${y} {{ z }}").replace("&", "\\u0026") in doc


# --- the print map ---------------------------------------------------------------------------------

@pytest.mark.parametrize("front", ["raqqa", "deir-ez-zor"])
def test_the_print_map_draws_the_rivers_lakes_and_towns_inside_its_panel(ds, bm, front):
    view = ds.front(front)
    svg = render_svg(view.events, DATA / "outline.geojson", "T", basemap=bm)
    plain = render_svg(view.events, DATA / "outline.geojson", "T")
    root = ET.fromstring(svg)
    panel = next(e for e in root.iter("{http://www.w3.org/2000/svg}svg") if e.get("overflow") == "hidden")
    width, height = float(panel.get("width")), float(panel.get("height"))
    rivers = [e for e in panel.iter() if e.get("class") == "print-river"]
    assert rivers and "print-river" not in plain
    for e in rivers + [e for e in panel.iter() if e.get("class") == "print-lake"]:
        nums = [float(v) for v in re.findall(r"-?\d+\.?\d*", e.get("d"))]
        assert min(nums[0::2]) >= -20.05 and max(nums[0::2]) <= width + 20.05
        assert min(nums[1::2]) >= -20.05 and max(nums[1::2]) <= height + 20.05
    first_event = next(i for i, e in enumerate(panel) if e.get("class") == "print-event")
    assert all(i < first_event for i, e in enumerate(panel) if e.get("class") in ("print-river", "print-lake"))
    towns = [e for e in panel if e.get("class") == "print-town"]
    assert 1 <= len(towns) <= basemap.PRINT_LABELS
    boxes = [(float(e.get("x")), float(e.get("y")) - 10, float(e.get("x")) + basemap.text_width(e.text, 10), float(e.get("y")) + 2)
             for e in towns]
    assert all(not _boxes_overlap(a, b) for i, a in enumerate(boxes) for b in boxes[:i])
    assert all(0 <= b[0] and b[2] <= width and 0 <= b[1] and b[3] <= height for b in boxes)
    assert any("Made with Natural Earth" in (e.text or "") for e in panel)


def test_clip_line_keeps_what_is_inside():
    assert clip_line([(-10, 5), (20, 5)], 0, 0, 10, 10) == [[(0, 5), (10, 5)]]
    assert clip_line([(-10, -10), (-5, 20)], 0, 0, 10, 10) == []
    runs = clip_line([(2, 2), (2, 20), (8, 20), (8, 2)], 0, 0, 10, 10)  # out through the top and back in
    assert runs == [[(2, 2), (2, 10)], [(8, 10), (8, 2)]]
    inside = [(1, 1), (2, 3), (4, 4)]
    assert clip_line(inside, 0, 0, 10, 10) == [inside]


# --- in Chromium -----------------------------------------------------------------------------------

IN_FRAME = """() => {
  const map = window[Object.keys(window).find(k => /^map_[0-9a-f]+$/.test(k))];
  const view = map.getContainer().getBoundingClientRect();
  const labels = Array.from(document.querySelectorAll('.fronts-label')).map(e => {
    const r = e.getBoundingClientRect();
    return {name: e.textContent, box: [r.left, r.top, r.right, r.bottom]};
  }).filter(l => l.box[2] > view.left && l.box[0] < view.right && l.box[3] > view.top && l.box[1] < view.bottom);
  const svg = document.querySelector('.leaflet-overlay-pane svg');
  const order = Array.from(svg.querySelectorAll('path')).map(p => p.getAttribute('class') || '');
  return {zoom: map.getZoom(), labels, order, added: document.querySelectorAll('.fronts-label').length};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("front", ["raqqa", "deir-ez-zor"])
def test_in_chromium_labels_do_not_collide_and_the_water_stays_beneath(browser, ds, bm, front, site_mode, tmp_path):
    from fronts.figures import assets
    from tests.site import map_frame, serve

    site = tmp_path / "site"
    (site / "notebooks").mkdir(parents=True)
    markup = build_map(replace(ds, settings=site_mode).front(front), seed="x", title="map").markup
    (site / "notebooks/x.html").write_text('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>x</title>'
                                           f'</head><body style="width:800px">{markup}</body></html>', encoding="utf-8")
    assets.copy_vendor(site, site_mode)
    with serve(site) as base:
        page = browser.new_page(viewport={"width": 900, "height": 800})
        page.goto(base + "notebooks/x.html", wait_until="load")
        frame = map_frame(page)
        frame.wait_for_function("document.querySelectorAll('.fronts-label').length > 0 && document.querySelector('path.fronts-river')")
        frame.wait_for_timeout(1000)  # the first fitBounds may animate; the labels follow when it ends
        states = [frame.evaluate(IN_FRAME)]
        for step in ("zoomIn", "zoomIn", "zoomOut"):  # clusters split and merge: their markers are re-added
            frame.evaluate(f"() => window[Object.keys(window).find(k => /^map_[0-9a-f]+$/.test(k))].{step}(1, {{animate: false}})")
            frame.wait_for_timeout(300)
            states.append(frame.evaluate(IN_FRAME))
        page.close()
    first = states[0]
    assert first["labels"], "no label in view at the first zoom"
    for state in states:
        for i, a in enumerate(state["labels"]):
            for b in state["labels"][:i]:
                assert not _boxes_overlap(a["box"], b["box"]), (state["zoom"], a["name"], b["name"])
        order = state["order"]
        water = [i for i, c in enumerate(order) if "fronts-river" in c or "fronts-lake" in c]
        events = [i for i, c in enumerate(order) if "fronts-event" in c]
        assert water and (not events or max(water) < min(events)), state["zoom"]
    # The map shows each label from its zoom on, as thinned in Python.
    shown = labels(bm, ds.front(front).places, ds.front(front).events)
    assert [s["added"] for s in states] == [sum(x.min_zoom <= s["zoom"] for x in shown) for s in states]
    assert states[1]["zoom"] == first["zoom"] + 1 and states[1]["added"] > first["added"]
