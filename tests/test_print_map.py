"""The print map's outline clipping (fronts.figures.print_map.clip_ring) keeps what is drawn inside the panel."""
from __future__ import annotations

import re

from fronts.figures.print_map import clip_ring


def _area(pts):
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1], strict=True))) / 2


def test_a_ring_covering_the_panel_becomes_the_panel():
    ring = [(-5000, -5000), (5000, -5000), (5000, 5000), (-5000, 5000)]
    out = clip_ring(ring, 0, 0, 100, 50)
    assert sorted(out) == sorted([(0, 0), (100, 0), (100, 50), (0, 50)])


def test_a_ring_outside_the_panel_vanishes_and_one_inside_is_unchanged():
    assert clip_ring([(200, 200), (300, 200), (300, 300)], 0, 0, 100, 100) == []
    inside = [(10, 10), (90, 10), (50, 80)]
    assert clip_ring(inside, 0, 0, 100, 100) == inside


def test_a_concave_ring_keeps_its_visible_area():
    # A U shape (area 7) straddling the right edge x = 2: the visible part is x <= 2.
    u = [(0, 0), (3, 0), (3, 3), (2, 3), (2, 1), (1, 1), (1, 3), (0, 3)]
    out = clip_ring(u, -10, -10, 2, 10)
    assert all(x <= 2 for x, _ in out)
    assert _area(out) == 2 * 1 + 1 * 2 + 1 * 0  # bottom bar 2x1, left arm 1x2, right arm clipped to zero width


def test_print_map_paths_stay_near_the_panel(package):
    from pathlib import Path

    from fronts import load
    from fronts.figures import maps

    ds = load(package).front("daraa")
    svg = maps.build_map(ds, seed="x", title="t").print_svg
    panel_w, panel_h = map(float, re.search(r'<svg x="0" y="\d+" width="([\d.]+)" height="([\d.]+)"', svg).groups())
    coords = [float(v) for d in re.findall(r'<path d="([^"]+)"', svg) for v in re.findall(r"-?\d+\.?\d*", d)]
    assert coords, "the outline is drawn"
    xs, ys = coords[0::2], coords[1::2]
    assert min(xs) >= -20.05 and max(xs) <= panel_w + 20.05 and min(ys) >= -20.05 and max(ys) <= panel_h + 20.05
    assert Path(package / "outline.geojson").exists()
