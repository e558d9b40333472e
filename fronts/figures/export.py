"""Figure downloads: each chart as SVG and PNG, each map as a static SVG and PNG for print.

A figure made for the site carries its files in its own output's metadata, under :data:`FILES_KEY`
(site path → text): the chart's SVG, the print map's SVG, a map layer's data. The book's Sphinx extension
collects them from the executed notebooks into the site (``figures/``, ``layers/``) and renders
each SVG to a PNG with vl-convert (:func:`render_pngs`: one process, no browser). So nothing reaches
the site through a folder a kernel must know about. A notebook opened anywhere else shows the
figure alone: its downloads exist only on the built site.
"""
from __future__ import annotations

import re
from pathlib import Path

from fronts.settings import Settings

FILES_KEY = "fronts-site-files"
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
PNG_SCALE = 2


def check_name(name: str) -> None:
    if not NAME_RE.match(name):
        raise ValueError(f"figure name {name!r}: use lower-case letters, digits and hyphens")


def chart_files(name: str, spec: dict, svg: str | None = None) -> dict[str, str]:
    """The chart's SVG, as the site file ``figures/<name>.svg`` (its PNG is rendered by the build)."""
    import vl_convert

    check_name(name)
    return {f"figures/{name}.svg": svg or vl_convert.vegalite_to_svg(spec)}


def map_files(name: str, svg: str) -> dict[str, str]:
    """The static print map, as the site file ``figures/<name>-print.svg``."""
    check_name(name)
    return {f"figures/{name}-print.svg": svg}


def layer_file(name: str, settings: Settings) -> tuple[str, str] | None:
    """A map layer's data as a site file of its own: its site path and its address from a chapter page;
    None outside ``site`` mode, where the data stays in the page (a notebook in Jupyter has no site)."""
    check_name(name)
    if not settings.site:
        return None
    return f"layers/{name}.json", settings.layer_base + f"{name}.json"


def links(files: dict[str, str], what: str, settings: Settings, label: str = "") -> str:
    """The line under a figure: its citable label, then its SVG and the PNG the build renders from it."""
    items = []
    for site_path in files:
        svg = Path(site_path).name
        for kind, file in (("SVG", svg), ("PNG", svg[:-4] + ".png")):
            items.append(f'<a class="fronts-download" href="{settings.figure_base}{file}" download="{file}" '
                         f'type="image/{"svg+xml" if kind == "SVG" else "png"}">{kind}</a>')
    cite_as = f'Figure label <code>{label}</code> · ' if label else ""
    return f'<p class="fronts-figure-downloads">{cite_as}{what}: {" · ".join(items)}</p>'


def write_files(files: dict[str, str], out_dir: Path) -> list[Path]:
    """Write site files (site path → text) under ``out_dir``; a path may not leave it."""
    out_dir = Path(out_dir).resolve()
    written = []
    for site_path, text in sorted(files.items()):
        target = (out_dir / site_path).resolve()
        if out_dir not in target.parents or not NAME_RE.match(target.stem) or target.parent.name not in ("figures", "layers"):
            raise ValueError(f"a figure output names a site file outside figures/ or layers/: {site_path!r}")
        target.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        if not target.exists() or target.read_bytes() != data:
            target.write_bytes(data)
        written.append(target)
    return written


def render_pngs(folder: Path) -> list[Path]:
    """Render each ``*.svg`` in ``folder`` to a PNG beside it (skipping PNGs newer than their SVG)."""
    import vl_convert

    done = []
    for svg in sorted(Path(folder).glob("*.svg")):
        png = svg.with_suffix(".png")
        if png.exists() and png.stat().st_mtime >= svg.stat().st_mtime:
            continue
        data = vl_convert.svg_to_png(svg.read_text(encoding="utf-8"), scale=PNG_SCALE)
        if not png.exists() or png.read_bytes() != data:
            png.write_bytes(data)
        done.append(png)
    return done
