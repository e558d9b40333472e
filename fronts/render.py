"""Turn figures into page HTML: a folium map in an iframe, an altair chart as SVG that upgrades."""
from __future__ import annotations

import hashlib
import html
import itertools
from contextlib import contextmanager
from typing import Iterator

from . import assets
from .text import script_json


class Html:
    """Raw HTML for a notebook output (``text/html`` only, so stored outputs stay small)."""

    def __init__(self, markup: str):
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup

    def __repr__(self) -> str:
        return f"<{len(self.markup)} characters of HTML>"


@contextmanager
def deterministic_ids(seed: str) -> Iterator[None]:
    """Make folium/branca element ids a function of ``seed`` and creation order, not randomness."""
    from branca.element import Element

    counter = itertools.count()
    prefix = hashlib.sha1(seed.encode("utf-8")).hexdigest()[:16]
    original = Element.__dict__["_generate_id"]
    Element._generate_id = classmethod(lambda cls: f"{prefix}{next(counter):016x}")
    try:
        yield
    finally:
        Element._generate_id = original


def map_html(fmap, title: str, height: int = 520) -> Html:
    """Render a folium map with local assets into a sandbox-free ``srcdoc`` iframe."""
    assets.localize_folium(fmap.get_root())
    doc = assets.finish_html(fmap.get_root().render())
    return Html(
        f'<div class="fronts-map"><iframe class="fronts-map-frame" title="{html.escape(title)}" '
        f'aria-label="{html.escape(title)}" style="width:100%;height:{height}px;border:1px solid #ccc" '
        f'srcdoc="{html.escape(doc, quote=True)}"></iframe></div>'
    )


def chart_html(chart, alt_text: str, name: str = "chart") -> Html:
    """Static SVG (from vl-convert) that the site's scripts upgrade to an interactive chart.

    The id is derived from the spec, so the output is the same on every run; with scripts off the
    SVG remains.
    """
    import vl_convert

    spec = chart.to_dict()
    spec_json = script_json(spec)
    chart_id = "chart-" + hashlib.sha1(spec_json.encode("utf-8")).hexdigest()[:12]
    svg = vl_convert.vegalite_to_svg(spec)
    label = html.escape(alt_text, quote=True)
    head = _script("vega/vega-bundle.js", "fronts-vega") + _script("fronts/fronts.js", "fronts-js")
    return Html(
        f'<div class="fronts-chart" id="{chart_id}" data-chart="{html.escape(name)}" role="img" aria-label="{label}">'
        f'<div class="fronts-chart-static">{svg}</div>'
        f'<script type="application/json" class="fronts-chart-spec">{spec_json}</script>'
        f"</div>{head}"
    )


def stylesheet() -> str:
    """The book's table and legend styles, linked (site) or inlined."""
    return assets.finish_html(f'<link rel="stylesheet" href="{assets.asset_url("fronts/fronts.css")}"/>')


def scripts() -> str:
    """The book's own small script (table sorting, chart upgrade)."""
    return _script("fronts/fronts.js", "fronts-js")


def _script(vendor_path: str, marker: str) -> str:
    return assets.finish_html(f'<script class="{marker}" src="{assets.asset_url(vendor_path)}"></script>')
