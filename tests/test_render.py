"""Figures: escaping, deterministic output, and both asset modes (site and inline)."""
from __future__ import annotations

import html
import json
import re

import folium
import pytest

from fronts import load
from fronts.figures import assets
from fronts.figures.export import FILES_KEY
from fronts.figures.maps import build_map, popup_html, tooltip_text
from fronts.figures.render import map_html, renumber_ids
from fronts.figures.tables import claims_table, event_table, sources_list
from fronts.figures.timelines import build_timeline, timeline_frame
from fronts.paths import REPO
from fronts.settings import Settings
from fronts.text import esc
from tests.support.colourvision import contrast_ratio
from tests.support.siteprobe import srcdocs

HOSTILE = "Fixture event three <script>alert(1)</script> with `backticks` and ${x}."


def test_esc_neutralises_html_and_template_literals():
    out = esc("<script>alert('x')</script> `a` ${b} \\n")
    assert "<" not in out and ">" not in out and "`" not in out and "$" not in out and "\\" not in out
    assert "&lt;script&gt;" in out


def test_popup_and_tooltip_escape_summary(package):
    ds = load(package)
    row = ds.events.set_index("event_id").loc["DAR-0001"].copy()
    row["event_id"] = "DAR-0001"
    srcs = ds.citations.merge(ds.sources, on="source_id")
    html = popup_html(row, srcs[srcs["event_id"] == "DAR-0001"])
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "`" not in html and "${" not in html
    assert "<" not in tooltip_text(row).replace("", "")


def test_map_site_mode(package, site_mode):
    ds = load(package)
    out = build_map(ds, seed="t", title="Test map").markup
    doc = srcdocs(out)[0]
    assert "../vendor/leaflet/leaflet.js" in doc
    assert "../vendor/markercluster/leaflet.markercluster.js" in doc
    assert not assets.EXTERNAL_ASSET.findall(doc)
    assert doc.count("fronts-event fronts-geo") == len(ds.events)
    assert "&lt;script&gt;alert(1)" in doc and "<script>alert(1)" not in doc
    assert "maxZoom" in doc and "tile.openstreetmap" in doc  # tiles exist as an optional layer


def test_map_is_deterministic(package, site_mode):
    ds = load(package)
    assert build_map(ds, seed="t", title="T").markup == build_map(ds, seed="t", title="T").markup
    assert build_map(ds, seed="t", title="T").markup != build_map(ds, seed="u", title="T").markup


def test_map_inline_mode_is_self_contained(package, inline_mode):
    out = html.unescape(build_map(load(package), seed="t", title="Test map").markup)
    assert "fronts-inline:" not in out and "../vendor/" not in out
    assert "L.markerClusterGroup" in out and "<style>" in out  # scripts and styles inlined
    assert "data:image/png;base64," in out  # leaflet.css images inlined too
    assert not assets.EXTERNAL_ASSET.findall(out)


def test_unknown_cdn_asset_fails_loudly(site_mode):
    fmap = folium.Map(tiles=None)
    fmap.default_js = fmap.default_js + [("mystery", "https://cdn.example.org/mystery.js")]
    with pytest.raises(assets.AssetError, match="mystery"):
        map_html(fmap, "t", "t", site_mode)


def test_external_script_in_html_fails_loudly(site_mode):
    with pytest.raises(assets.AssetError, match="cdn.example.org"):
        assets.finish_html('<script src="https://cdn.example.org/x.js"></script>')


def test_renumber_ids_covers_layers_made_outside_the_builder(package, site_mode):
    from fronts.figures.charts import zone_layer

    ds = load(package)
    one = build_map(ds, seed="t", title="T", extra_layers=[zone_layer(ds, "rukban", 55, "zone")]).markup
    two = build_map(ds, seed="t", title="T", extra_layers=[zone_layer(ds, "rukban", 55, "zone")]).markup
    assert one == two and "fronts-zone" in one


def test_renumber_ids_is_a_function_of_seed_and_position():
    from branca.element import Element

    root, child = Element(), Element()
    root.add_child(child)
    renumber_ids(root, "a")
    prefix = __import__("hashlib").sha1(b"a").hexdigest()[:16]
    assert root._id == prefix + "0" * 16 and child._id == prefix + "0" * 15 + "1"


def test_copy_vendor(tmp_path):
    written = assets.copy_vendor(tmp_path, Settings())
    names = {p.relative_to(tmp_path / "vendor").as_posix() for p in written}
    assert names == set(assets.VENDOR_FILES)
    bundle = (tmp_path / "vendor/vega/vega.min.js").read_text(encoding="utf-8")
    assert ".vega={}" in bundle[:500] and "vegaEmbed" not in bundle  # Vega's UMD build alone
    assert len(bundle) < 600_000 and "Redistribution and use" in (tmp_path / "vendor/vega/LICENSE").read_text(encoding="utf-8")
    assert (tmp_path / "vendor/leaflet/leaflet.js").stat().st_size > 100_000


def test_vega_version_is_pinned_once_for_make_and_python():
    make = (REPO / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^VEGA_VERSION := (\S+)$", make, re.M).group(1) == assets.VEGA_VERSION


def test_vega_sets_a_global_even_beside_an_amd_loader(tmp_path):
    """The classic notebook has RequireJS; Vega must still become window.vega there."""
    import shutil
    import subprocess
    if not shutil.which("node"):
        pytest.skip("node is not installed")
    script = tmp_path / "t.js"
    script.write_text("globalThis.define = function () { throw new Error('AMD used'); }; globalThis.define.amd = true;\n"
                      + assets.read_asset("vega/vega.min.js").decode("utf-8")
                      + "\nif (typeof globalThis.vega.View !== 'function') { throw new Error('no vega'); }\n"
                      + "console.log(globalThis.vega.version);\n", encoding="utf-8")
    out = subprocess.run(["node", str(script)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == assets.VEGA_VERSION


def _marks(spec: dict) -> list[dict]:
    out = []
    for m in spec.get("marks", []):
        out.append(m)
        out += _marks(m)
    return out


def _timeline_mark_count(markup: str) -> int:
    total = 0
    for name in ("events_ranges_marks", "events_points_marks"):
        group = re.search(rf'<g class="mark-[a-z]+ role-mark {name}"[^>]*>(.*?)</g>', markup, re.S)
        total += group.group(1).count("<path") if group else 0
    return total


def test_timeline_one_mark_per_event(package, site_mode):
    ds = load(package)
    chart = build_timeline(ds, title="T", alt_text="Timeline of test events")
    out = chart.markup
    assert _timeline_mark_count(out) == len(ds.events)
    assert 'aria-label="Timeline of test events"' in out
    assert "../vendor/vega/vega.min.js" in out
    # The site page carries no spec: fronts.js fetches it with Vega from the site file the box names.
    assert "fronts-chart-spec" not in out
    src = re.search(r'data-spec-src="\.\./(figures/chart-[0-9a-f]{12}-vega\.json)"', out).group(1)
    assert list(chart.files) == [src]
    spec = chart.files[src]
    assert "<script>" not in spec and "\\u003cscript\\u003e" in spec
    vega_spec = json.loads(spec)
    assert vega_spec["$schema"].endswith("/vega/v6.json") or "/schema/vega/" in vega_spec["$schema"], vega_spec["$schema"]
    assert any(m.get("name") == "events_ranges_marks" for m in _marks(vega_spec))
    assert out == build_timeline(ds, title="T", alt_text="Timeline of test events").markup


def test_timeline_draws_ranges_as_ranges(package):
    frame = timeline_frame(load(package).events).set_index("event_id")
    assert frame.loc["TNF-0001", "span_days"] == 0 and frame.loc["TNF-0001", "end_excl"] == "2017-05-19"
    assert frame.loc["TNF-0002", "span_days"] == 6 and frame.loc["TNF-0002", "end_excl"] == "2017-06-08"
    assert "within a week" in frame.loc["TNF-0002", "when"]


def test_timeline_inline_mode(package, inline_mode):
    """Outside the site a chart needs no script of ours: notebook viewers draw its Vega spec (JupyterLab,
    VS Code) or its static SVG (nbconvert, nbviewer), and no npm package has to be present."""
    from fronts.figures.render import VEGA_MIME

    chart = build_timeline(load(package), title="T", alt_text="a")
    assert "fronts-inline:" not in chart.markup and "<script src" not in chart.markup and "vega.min" not in chart.markup
    data, metadata = chart._repr_mimebundle_()
    assert set(data) == {VEGA_MIME, "image/svg+xml", "text/plain"}
    assert data[VEGA_MIME]["$schema"].endswith("/vega/v5.json") and data[VEGA_MIME]["marks"]
    assert data["image/svg+xml"].startswith("<svg") and "events_ranges_marks" in data["image/svg+xml"]
    assert metadata[VEGA_MIME]["embed_options"]["renderer"] == "svg"
    assert data["text/plain"] == "a"


def test_timeline_site_mode_bundle_is_page_html(package, site_mode):
    chart = build_timeline(load(package), title="T", alt_text="a")
    data, metadata = chart._repr_mimebundle_()
    # Vega and the spec are named, not loaded: fronts.js fetches them when a reader reaches the chart.
    assert set(data) == {"text/html", "text/plain"} and 'data-vega-src="../vendor/vega/vega.min.js"' in data["text/html"]
    assert list(metadata[FILES_KEY]) == list(chart.files) and 'data-spec-src="../figures/chart-' in data["text/html"]
    assert '<script class="fronts-vega"' not in data["text/html"] and '<script class="fronts-js"' in data["text/html"]


def test_event_table_anchors_and_escaping(package, site_mode):
    ds = load(package)
    out = event_table(ds, "Events").markup
    assert out.count('class="fronts-event-row"') == len(ds.events)
    for eid in ds.events["event_id"]:
        assert f'<tr id="{eid}"' in out and f'href="#{eid}"' in out
    assert "<script>alert" not in out and "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "https://example.org/a" in out and "(n.d.)" in out
    assert 'data-count="3"' in out
    # In-line citations point at the chapter's reference list; each row links back to the event index.
    for sid in ds.citations["source_id"]:
        assert f'href="#src-{sid}"' in out
    for eid in ds.events["event_id"]:
        assert f'href="../book/events.html#{eid}"' in out


def test_claims_and_sources(package, site_mode):
    ds = load(package)
    claims = claims_table(ds, "Claims").markup
    assert 'href="#TNF-0001"' in claims and "(prediction)" in claims
    src = sources_list(ds).markup
    assert src.count("<li id=") == len(ds.sources) and "reliability B" in src


def test_jinja_braces_in_data_are_not_a_template(package, site_mode):
    """folium compiles popup HTML with Jinja: '{{' or '{%' in data must stay text."""
    import csv

    path = package / "sources.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[0]["url"] = "https://example.org/node/1/{{"
    rows[0]["publisher"] = "Publisher {% raw %} A"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    out = html.unescape(build_map(load(package), seed="t", title="T").markup)
    assert "https://example.org/node/1/&#123;&#123;" in out and "Publisher &#123;% raw %&#125; A" in out


def test_claim_evidence_links_to_the_events_own_chapter(package, site_mode):
    import csv

    path = package / "claims.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[0]["evidence"] = "TNF-0001;DAR-0001"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    out = claims_table(load(package).front("at-tanf"), "Claims").markup
    assert 'href="#TNF-0001"' in out and 'href="daraa.html#DAR-0001"' in out


def test_print_map_draws_every_event_with_a_legend_and_escapes_text(package):
    from fronts.figures.print_map import render_svg

    ds = load(package)
    events = ds.events.copy()
    events.loc[0, "place_name"] = "<script>alert(1)</script>"
    svg = render_svg(events, package / "outline.geojson", 'Title with "quotes" & <b>tags</b>')
    assert svg.count('class="print-event"') == len(events)
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "&lt;b&gt;tags" in svg
    assert "Side of the first actor" in svg and "Ring: how well placed" in svg
    import xml.dom.minidom

    xml.dom.minidom.parseString(svg)  # well-formed


def test_figure_downloads_are_written(tmp_path, site_mode):
    import altair as alt
    import pandas as pd

    from fronts.figures import export

    chart = alt.Chart(pd.DataFrame({"x": [1, 2], "y": [3, 4]})).mark_point().encode(x="x", y="y")
    files = export.chart_files("test-chart", chart.to_dict())
    assert export.write_files(files, tmp_path) == [tmp_path / "figures/test-chart.svg"]
    assert export.render_pngs(tmp_path / "figures") == [tmp_path / "figures/test-chart.png"]
    assert (tmp_path / "figures/test-chart.svg").read_text(encoding="utf-8").startswith("<svg")
    assert (tmp_path / "figures/test-chart.png").read_bytes().startswith(b"\x89PNG")
    line = export.links(files, "Download this chart", site_mode, label="fig-test-chart")
    assert 'href="../figures/test-chart.svg"' in line and 'href="../figures/test-chart.png"' in line
    assert "<code>fig-test-chart</code>" in line
    with __import__("pytest").raises(ValueError, match="outside"):
        export.write_files({"../escape.svg": "<svg/>"}, tmp_path)
    import pytest

    with pytest.raises(ValueError, match="lower-case"):
        export.chart_files("Bad Name", chart.to_dict())


def test_popup_links_to_the_events_row_here_or_in_its_chapter(package, site_mode):
    """A one-front map sits in that chapter; on a map of several fronts the link goes to the chapter."""
    ds = load(package)
    one = html.unescape(build_map(ds.front("daraa"), seed="t", title="T").markup)
    both = html.unescape(build_map(ds, seed="t", title="T").markup)
    assert 'href="#DAR-0001" target="_parent"' in one
    assert 'href="daraa.html#DAR-0001" target="_parent"' in both and 'href="at-tanf.html#TNF-0001" target="_parent"' in both


def test_cluster_count_colour_contrasts_with_its_bloc(package, site_mode):
    doc = html.unescape(build_map(load(package), seed="t", title="T").markup)
    pairs = set(re.findall(r"background:(#[0-9A-Fa-f]{6});color:(#[0-9A-Fa-f]{6})", doc))
    assert pairs and all(contrast_ratio(fg, bg) >= 4.5 for bg, fg in pairs), pairs
