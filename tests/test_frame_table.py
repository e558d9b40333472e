"""fronts.figures.tables.frame_table: a DataFrame shown whole, escaped, with no empty header; and the map's
outline tooltip escapes the country names it is given."""
from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from fronts.figures.tables import frame_table
from fronts.settings import Settings


def test_frame_table_shows_every_cell_whole_and_escaped():
    long = "A forecast " + "that runs on " * 20 + "<script>alert(1)</script> & more"
    df = pd.DataFrame({"prediction": [long, "short"], "n": [1, 2]}, index=pd.Index(["P-1", "<b>P-2</b>"], name="claim"))
    out = frame_table(Settings(), df, "Caption <i>x</i>").markup
    assert "<script>" not in out and "<b>P-2" not in out and "<i>x" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in out and "..." not in out
    assert re.findall(r"<th\b[^>]*>(.*?)</th>", out)[:3] == ["claim", "prediction", "n"]
    assert out.count('<th scope="row">') == 2 and 'data-count="2"' in out
    assert not re.search(r"<th\b[^>]*></th>", out)


def test_frame_table_needs_a_named_index():
    with pytest.raises(ValueError, match="name the index"):
        frame_table(Settings(), pd.DataFrame({"a": [1]}), "c")


def test_outline_tooltip_names_are_escaped(tmp_path):
    from fronts.figures.maps import outline_layer

    outline = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"iso_a2": "SY", "name": "Syria <img src=x onerror=alert(1)>"},
                                                          "geometry": {"type": "Polygon", "coordinates": [[[36, 33], [37, 33], [37, 34], [36, 33]]]}}]}
    path = tmp_path / "outline.geojson"
    path.write_text(json.dumps(outline), encoding="utf-8")
    layer = outline_layer(path)
    assert layer.data["features"][0]["properties"]["name"] == "Syria &lt;img src=x onerror=alert(1)&gt;"


def test_table_markup_is_plain_text_that_joins_other_markup_unescaped():
    """Tables come from templates as markupsafe.Markup; an Html output holds plain text, so a page
    made by adding outputs together keeps every tag (a Markup would escape the text added to it)."""
    out = frame_table(Settings(), pd.DataFrame({"a": [1]}, index=pd.Index(["x"], name="i")), "c").markup
    assert type(out) is str
    joined = '<div class="before"></div>' + out
    assert joined.startswith('<div class="before"></div>') and "&lt;" not in joined
