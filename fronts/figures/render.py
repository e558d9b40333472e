"""Turn figures into page HTML: a folium map in an iframe, an altair chart as SVG that upgrades."""
from __future__ import annotations

import hashlib
import html
import itertools

from fronts.figures import assets
from fronts.figures.export import FILES_KEY
from fronts.settings import Settings
from fronts.text import script_json

# JupyterLab (4.x) and VS Code render Vega 5 specs with their own bundled Vega, offline; the
# chart's compiled Vega spec runs there unchanged.
VEGA_MIME = "application/vnd.vega.v5+json"


class Html:
    """A notebook output: raw HTML, or for a chart a bundle every notebook viewer can draw.

    In ``site`` mode (the book build) every output is ``text/html`` that uses the site's own
    scripts. In ``inline`` mode (a notebook opened or run anywhere else) a chart is its Vega spec,
    drawn interactively by JupyterLab and VS Code, plus its static SVG, which nbconvert and viewers
    such as nbviewer show; maps and tables are HTML that carries its own scripts and styles.
    """

    def __init__(self, markup: str, *, spec: dict | None = None, svg: str | None = None, print_svg: str | None = None,
                 vega: dict | None = None, alt_text: str = "", settings: Settings | None = None, files: dict[str, str] | None = None):
        self.markup = str(markup)  # plain text: a markupsafe.Markup here would escape whatever is added to it
        self.spec = spec  # a chart's Vega-Lite spec and static SVG, for its downloads
        self.svg = svg
        self.print_svg = print_svg  # a map's static rendering for print
        self.vega = vega  # a chart's compiled Vega spec
        self.alt_text = alt_text
        self.settings = settings  # what a chart or map was made with (None: plain HTML, the same everywhere)
        self.files = files or {}  # site files the build collects from this output (fronts.figures.export)

    @property
    def inline(self) -> bool:
        """Made for a notebook viewer (self-contained), not for the site."""
        return self.settings is None or not self.settings.site

    def _repr_mimebundle_(self, include=None, exclude=None):
        if self.vega is not None and self.inline:
            vega = {**self.vega, "$schema": "https://vega.github.io/schema/vega/v5.json"}
            return ({VEGA_MIME: vega, "image/svg+xml": self.svg, "text/plain": self.alt_text or repr(self)},
                    {VEGA_MIME: {"embed_options": {"renderer": "svg", "actions": False}}})
        bundle = {"text/html": self.markup, "text/plain": repr(self)}
        # The site files ride in the output's metadata, which every viewer ignores and the build reads.
        return (bundle, {FILES_KEY: self.files}) if self.files else bundle

    def with_markup(self, markup: str, files: dict[str, str] | None = None) -> Html:
        """The same figure with other page HTML (its chart spec, SVG and print map kept) and more site files."""
        return Html(markup, spec=self.spec, svg=self.svg, print_svg=self.print_svg, vega=self.vega, alt_text=self.alt_text,
                    settings=self.settings, files={**self.files, **(files or {})})

    def with_downloads(self, name: str) -> Html:
        """On the site, the figure with its downloads under it (a chart's SVG and PNG, a map's print
        rendering), carried as site files; elsewhere the figure alone."""
        from fronts.figures import export

        if self.inline:
            return self
        if self.spec is not None:
            files = export.chart_files(name, self.spec, self.svg)
            return self.with_markup(self.markup + export.links(files, "Download this chart", self.settings, label=f"fig-{name}"), files)
        if self.print_svg:
            files = export.map_files(name, self.print_svg)
            return self.with_markup(self.markup + export.links(files, "Static map for print", self.settings, label=f"fig-{name}"), files)
        return self

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


UNTRUSTED_NOTE = ('<p class="fronts-map-untrusted" style="position:absolute;top:1em;left:1em;margin:0">'
                  "The map is not shown because this notebook is not trusted: run the notebook, or use "
                  "File &#8594; Trust Notebook.</p>")
FRAME_ABOVE_NOTE = ";position:relative;z-index:1;background:#fff"


def compact_doc(doc: str) -> str:
    """folium's document without its indentation and blank lines (a tenth of a map's bytes). No line of
    it depends on its leading blanks: the script's statements do not; a string literal of the script
    cannot span lines; and in the HTML of its popups and tooltips (template literals, which can) a run
    of blanks and line ends shows as one space, as before."""
    # Only "\n" ends a line here, and only spaces and tabs are blanks: a data text's other line or
    # space characters (U+2028, NBSP) stay as they are.
    return "\n".join(line.lstrip(" \t") for line in doc.split("\n") if line.strip(" \t\r"))


def srcdoc_value(doc: str) -> str:
    """``doc`` escaped for a ``srcdoc`` attribute in single quotes: inside such a value only ``&`` and
    ``'`` must be escaped, so the document's many double quotes and angle brackets stay one byte each
    (escaping them all added about a fifth to each map)."""
    return doc.replace("&", "&amp;").replace("'", "&#x27;")


def map_html(fmap, title: str, seed: str, settings: Settings, height: int = 520) -> Html:
    """Render a folium map with local assets into a sandbox-free ``srcdoc`` iframe."""
    renumber_ids(fmap.get_root(), seed)
    assets.localize_folium(fmap.get_root(), settings)
    doc = compact_doc(assets.finish_html(fmap.get_root().render()))
    frame = (f'<iframe class="fronts-map-frame" title="{html.escape(title)}" aria-label="{html.escape(title)}" '
             f'style="width:100%;height:{height}px;border:1px solid #ccc{"" if settings.site else FRAME_ABOVE_NOTE}" '
             f"srcdoc='{srcdoc_value(doc)}'></iframe>")
    if not settings.site:
        # JupyterLab removes iframes from the outputs of a notebook it does not trust (one just opened
        # from elsewhere); the frame covers this note, which shows only when the frame is gone.
        return Html(f'<div class="fronts-map" style="position:relative">{UNTRUSTED_NOTE}{frame}</div>', settings=settings)
    return Html(f'<div class="fronts-map">{frame}</div>', settings=settings)


def chart_html(chart, alt_text: str, settings: Settings, name: str = "chart") -> Html:
    """Static SVG (from vl-convert) that the site's scripts upgrade to an interactive chart.

    The upgrade runs the chart's Vega spec, compiled from its Vega-Lite spec by vl-convert here.

    The id is derived from the spec, so the output is the same on every run; with scripts off the
    SVG remains.
    """
    import vl_convert

    spec = chart.to_dict()
    # The page carries the Vega spec compiled here, so the browser needs Vega but not Vega-Lite.
    vega = vl_convert.vegalite_to_vega(spec)
    spec_json = script_json(vega)
    chart_id = "chart-" + hashlib.sha1(spec_json.encode("utf-8")).hexdigest()[:12]
    svg = vl_convert.vegalite_to_svg(spec)
    label = html.escape(alt_text, quote=True)
    # Only the site upgrades the SVG with its own Vega; a notebook viewer draws the bundle instead
    # (Html._repr_mimebundle_), so in inline mode the markup needs no script and no npm package.
    # On the site the static SVG is what a first visit draws: fronts.js fetches Vega (512 kB) and the
    # chart's spec (the site file figures/<id>-vega.json) only when a reader reaches a chart (pointer,
    # touch or keyboard focus), from the addresses the box names.
    attrs, head, files = "", "", {}
    if settings.site:
        spec_file = f"{chart_id}-vega.json"
        files = {f"figures/{spec_file}": spec_json}
        attrs = (f' data-vega-src="{html.escape(assets.asset_url("vega/vega.min.js", settings))}"'
                 f' data-spec-src="{html.escape(settings.figure_base + spec_file)}"')
        head = _script("fronts/fronts.js", "fronts-js", settings)
    return Html(
        f'<div class="fronts-chart" id="{chart_id}" data-chart="{html.escape(name)}" role="img" aria-label="{label}"{attrs}>'
        f'<div class="fronts-chart-static">{svg}</div>'
        f"</div>{head}",
        spec=spec, svg=svg, vega=vega, alt_text=alt_text, settings=settings, files=files,
    )


def stylesheet(settings: Settings) -> str:
    """The book's table and legend styles, linked (site) or inlined."""
    return assets.finish_html(f'<link rel="stylesheet" href="{assets.asset_url("fronts/fronts.css", settings)}"/>')


def scripts(settings: Settings) -> str:
    """The book's own small script (table sorting, chart upgrade)."""
    return _script("fronts/fronts.js", "fronts-js", settings)


def _script(vendor_path: str, marker: str, settings: Settings) -> str:
    return assets.finish_html(f'<script class="{marker}" src="{assets.asset_url(vendor_path, settings)}"></script>')
