"""Offline assets: every script and stylesheet comes from pinned packages, never from a CDN.

Two modes, ``Settings.assets`` (``$FRONTS_ASSETS`` at an edge, see :mod:`fronts.settings`):

- ``site``: figures reference copies under ``vendor/`` on the built site, by a path relative to the
  page (``Settings.asset_base``, default ``../vendor/`` because chapters live in ``notebooks/``).
  Only the book build uses this mode.
- ``inline`` (the default): figures carry their scripts and styles inline, so a notebook rerun in
  Jupyter shows the same map and chart offline with no site around it.
"""
from __future__ import annotations

import base64
import importlib
import re
from functools import cache
from pathlib import Path

from fronts.paths import STATIC
from fronts.settings import VEGA_VERSION, Settings

# Vega, the chart runtime: the npm package's own UMD build (512 kB), fetched and checked against its
# registry sha512 by `make vega` (scripts/npm_fetch.py) into .cache/. Charts are compiled from
# Vega-Lite to Vega when the notebook runs, so the browser needs neither Vega-Lite nor vega-embed
# (the vl-convert bundle of all three was 898 kB). The Makefile pins the same version (a test
# checks), and `make book`, `make notebooks` and `make test` fetch it first. The version lives in fronts.settings.

# vendor path -> (python module whose BASE_DIR holds the file, file name); None = generated.
VENDOR_FILES: dict[str, tuple[str, str] | None] = {
    "leaflet/leaflet.js": ("xstatic.pkg.leaflet", "leaflet.js"),
    "leaflet/leaflet.css": ("xstatic.pkg.leaflet", "leaflet.css"),
    "leaflet/images/layers.png": ("xstatic.pkg.leaflet", "images/layers.png"),
    "leaflet/images/layers-2x.png": ("xstatic.pkg.leaflet", "images/layers-2x.png"),
    "leaflet/images/marker-icon.png": ("xstatic.pkg.leaflet", "images/marker-icon.png"),
    "leaflet/images/marker-icon-2x.png": ("xstatic.pkg.leaflet", "images/marker-icon-2x.png"),
    "leaflet/images/marker-shadow.png": ("xstatic.pkg.leaflet", "images/marker-shadow.png"),
    "markercluster/leaflet.markercluster.js": ("xstatic.pkg.leaflet_markercluster", "leaflet.markercluster.js"),
    "markercluster/MarkerCluster.css": ("xstatic.pkg.leaflet_markercluster", "MarkerCluster.css"),
    "markercluster/MarkerCluster.Default.css": ("xstatic.pkg.leaflet_markercluster", "MarkerCluster.Default.css"),
    "vega/vega.min.js": None,
    "vega/LICENSE": None,
    "fronts/fronts.js": None,
    "fronts/fronts.css": None,
    "fronts/html-element.js": None,
}

# folium's resource names -> vendor path. Names in DROPPED are not needed by our maps (we draw
# circle markers and our own legend, so no Bootstrap, glyphicons, Font Awesome or awesome-markers).
FOLIUM_LOCAL = {
    "leaflet": "leaflet/leaflet.js",
    "leaflet_css": "leaflet/leaflet.css",
    # folium's popups use jQuery only as $(`<markup>`)[0]; a few lines do that (static/html-element.js).
    "jquery": "fronts/html-element.js",
    "markerclusterjs": "markercluster/leaflet.markercluster.js",
    "markerclustercss": "markercluster/MarkerCluster.css",
    "markerclusterdefaultcss": "markercluster/MarkerCluster.Default.css",
}
FOLIUM_DROPPED = {"bootstrap", "bootstrap_css", "glyphicons_css", "awesome_markers", "awesome_markers_css",
                  "awesome_markers_font_css", "awesome_rotate_css"}
INLINE_SCHEME = "fronts-inline:"
EXTERNAL_ASSET = re.compile(r"""<(?:script[^>]*\ssrc|link[^>]*\shref)\s*=\s*["']?((?:https?:)?//[^"'\s>]+)""", re.I)


class AssetError(RuntimeError):
    """A figure asked for a script or stylesheet that has no local copy."""


def asset_url(vendor_path: str, settings: Settings) -> str:
    """Where a page finds ``vendor_path``: relative on the site, a placeholder when inlined."""
    if vendor_path not in VENDOR_FILES:
        raise AssetError(f"{vendor_path!r} is not a vendored asset")
    if settings.site:
        return settings.asset_base + vendor_path
    return INLINE_SCHEME + vendor_path


DEFAULT_VEGA_DIR = Settings().vega_dir


@cache
def read_asset(vendor_path: str, vega_dir: Path = DEFAULT_VEGA_DIR) -> bytes:
    """The bytes of one vendored file, from its package or generated."""
    spec = VENDOR_FILES[vendor_path]
    if spec is None:
        if vendor_path == "vega/vega.min.js":
            # Vega's UMD wrapper registers with an AMD loader when the page has one (the classic
            # Jupyter notebook does) instead of setting window.vega; shadowing define, exports and
            # module makes it always take the global path.
            return b"(function (define, exports, module) {\n" + _vega_file(vega_dir, "vega.min.js") + b"\n})();\n"
        if vendor_path.startswith("vega/"):
            return _vega_file(vega_dir, Path(vendor_path).name)
        return (STATIC / Path(vendor_path).name).read_bytes()
    module, name = spec
    base = Path(importlib.import_module(module).BASE_DIR)
    return (base / name).read_bytes()


def _vega_file(vega_dir: Path, name: str) -> bytes:
    path = Path(vega_dir) / name
    if not path.exists():
        raise AssetError(f"{path} is missing: charts need Vega {VEGA_VERSION} from the npm registry. "
                         "Run 'make vega' (or any of make book, make notebooks, make test), "
                         "or set FRONTS_VEGA_DIR to a folder holding vega.min.js and its LICENSE.")
    return path.read_bytes()


def copy_vendor(out_dir: Path, settings: Settings) -> list[Path]:
    """Write every vendored file under ``out_dir/vendor``; used by the site build."""
    written = []
    for vendor_path in VENDOR_FILES:
        target = Path(out_dir) / "vendor" / vendor_path
        target.parent.mkdir(parents=True, exist_ok=True)
        data = read_asset(vendor_path, settings.vega_dir)
        if not target.exists() or target.read_bytes() != data:
            target.write_bytes(data)
        written.append(target)
    return written


def localize_folium(element, settings: Settings) -> None:
    """Point every folium/branca element's JS and CSS at local copies; fail on unknown ones."""
    for attr in ("default_js", "default_css"):
        resources = getattr(element, attr, None)
        if resources:
            local = []
            for name, url in resources:
                if name in FOLIUM_LOCAL:
                    local.append((name, asset_url(FOLIUM_LOCAL[name], settings)))
                elif name not in FOLIUM_DROPPED:
                    raise AssetError(f"{type(element).__name__} needs {name} from {url}, which has no local copy; add it to fronts.figures.assets.VENDOR_FILES")
            setattr(element, attr, local)
    for child in element._children.values():
        localize_folium(child, settings)


def finish_html(html: str) -> str:
    """Inline placeholders (inline mode) and refuse any script or stylesheet from outside."""
    found = EXTERNAL_ASSET.findall(html)
    if found:
        raise AssetError(f"external script or stylesheet with no local copy: {', '.join(sorted(set(found)))}")
    if INLINE_SCHEME not in html:
        return html
    html = re.sub(r'<script[^>]*src="' + INLINE_SCHEME + r'([^"]+)"[^>]*>\s*</script>',
                  lambda m: "<script>" + _script_text(m.group(1)) + "</script>", html)
    html = re.sub(r'<link[^>]*href="' + INLINE_SCHEME + r'([^"]+)"[^>]*/?>',
                  lambda m: "<style>" + _css_text(m.group(1)) + "</style>", html)
    if INLINE_SCHEME in html:
        raise AssetError("an inline asset placeholder was left in the page")
    return html


def _script_text(vendor_path: str) -> str:
    return read_asset(vendor_path).decode("utf-8").replace("</script", "<\\/script")


def _css_text(vendor_path: str) -> str:
    css = read_asset(vendor_path).decode("utf-8")
    folder = vendor_path.rsplit("/", 1)[0]

    def data_uri(m: re.Match) -> str:
        ref = m.group(1)
        path = f"{folder}/{ref}"
        if path not in VENDOR_FILES:
            return m.group(0)
        b64 = base64.b64encode(read_asset(path)).decode("ascii")
        return f"url(data:image/png;base64,{b64})"

    return re.sub(r"""url\(\s*['"]?([^'")]+\.png)['"]?\s*\)""", data_uri, css)
