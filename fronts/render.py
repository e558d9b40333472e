"""Turn figures into page HTML: a folium map in an iframe, an altair chart as SVG that upgrades."""
from __future__ import annotations

import hashlib
import html
import itertools

from . import assets
from .text import script_json


class Html:
    """Raw HTML for a notebook output (``text/html`` only, so stored outputs stay small)."""

    def __init__(self, markup: str, *, spec: dict | None = None, svg: str | None = None, print_svg: str | None = None):
        self.markup = markup
        self.spec = spec  # a chart's Vega-Lite spec and static SVG, for its downloads
        self.svg = svg
        self.print_svg = print_svg  # a map's static rendering for print

    def _repr_html_(self) -> str:
        return self.markup

    def __repr__(self) -> str:
        return f"<{len(self.markup)} characters of HTML>"


def renumber_ids(root, seed: str) -> None:
    """Give every folium/branca element an id derived from ``seed`` and its place in the tree.

    Ids are random by default, which would change the page on every build; renumbering just
    before rendering also covers elements created outside the map builder (extra layers).
    """
    prefix = hashlib.sha1(seed.encode("utf-8")).hexdigest()[:16]
    counter = itertools.count()

    from branca.element import Element

    seen: set[int] = set()

    def walk(element) -> None:
        if id(element) in seen:
            return
        seen.add(id(element))
        element._id = f"{prefix}{next(counter):016x}"
        # Children, plus elements held as attributes (a Figure's header/html/script, a Popup's html).
        held = [v for k, v in sorted(vars(element).items()) if k != "_parent" and isinstance(v, Element)]
        for child in list(element._children.values()) + held:
            walk(child)
        # Templates use the keys of _children as JavaScript names, so rebuild them too.
        element._children = type(element._children)((c.get_name(), c) for c in element._children.values())

    walk(root)


def map_html(fmap, title: str, seed: str, height: int = 520) -> Html:
    """Render a folium map with local assets into a sandbox-free ``srcdoc`` iframe."""
    renumber_ids(fmap.get_root(), seed)
    assets.localize_folium(fmap.get_root())
    doc = assets.finish_html(fmap.get_root().render())
    return Html(
        f'<div class="fronts-map"><iframe class="fronts-map-frame" title="{html.escape(title)}" '
        f'aria-label="{html.escape(title)}" style="width:100%;height:{height}px;border:1px solid #ccc" '
        f'srcdoc="{html.escape(doc, quote=True)}"></iframe></div>'
    )


def chart_html(chart, alt_text: str, name: str = "chart") -> Html:
    """Static SVG (from vl-convert) that the site's scripts upgrade to an interactive chart.

    The upgrade runs the chart's Vega spec, compiled from its Vega-Lite spec by vl-convert here.

    The id is derived from the spec, so the output is the same on every run; with scripts off the
    SVG remains.
    """
    import vl_convert

    spec = chart.to_dict()
    # The page carries the Vega spec compiled here, so the browser needs Vega but not Vega-Lite.
    spec_json = script_json(vl_convert.vegalite_to_vega(spec))
    chart_id = "chart-" + hashlib.sha1(spec_json.encode("utf-8")).hexdigest()[:12]
    svg = vl_convert.vegalite_to_svg(spec)
    label = html.escape(alt_text, quote=True)
    head = _script("vega/vega.min.js", "fronts-vega") + _script("fronts/fronts.js", "fronts-js")
    return Html(
        f'<div class="fronts-chart" id="{chart_id}" data-chart="{html.escape(name)}" role="img" aria-label="{label}">'
        f'<div class="fronts-chart-static">{svg}</div>'
        f'<script type="application/json" class="fronts-chart-spec">{spec_json}</script>'
        f"</div>{head}",
        spec=spec, svg=svg,
    )


def stylesheet() -> str:
    """The book's table and legend styles, linked (site) or inlined."""
    return assets.finish_html(f'<link rel="stylesheet" href="{assets.asset_url("fronts/fronts.css")}"/>')


def scripts() -> str:
    """The book's own small script (table sorting, chart upgrade)."""
    return _script("fronts/fronts.js", "fronts-js")


def _script(vendor_path: str, marker: str) -> str:
    return assets.finish_html(f'<script class="{marker}" src="{assets.asset_url(vendor_path)}"></script>')
