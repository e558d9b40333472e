"""Figure downloads: each chart as SVG and PNG, each map as a static SVG and PNG for print.

SVGs are written while the notebook runs into ``$FRONTS_FIGURE_DIR``; the book's Sphinx extension
points that at ``<site>/figures/`` and, when the build finishes, renders every SVG there to PNG
with vl-convert (:func:`render_pngs`: one process, no browser). In ``inline`` mode (a notebook
run in Jupyter) the PNG is written at once. Outside a build the default folder is
``_build/figures/`` in the repository. The links under a figure are relative
to the page: ``../figures/`` on the site, ``../_build/figures/`` from a notebook run in Jupyter.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from fronts.paths import REPO as REPO_ROOT
from fronts.site import assets

ROOT = REPO_ROOT
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
PNG_SCALE = 2


def figure_dir() -> Path:
    return Path(os.environ.get("FRONTS_FIGURE_DIR") or ROOT / "_build" / "figures")


def link_base() -> str:
    if "FRONTS_FIGURE_BASE" in os.environ:
        return os.environ["FRONTS_FIGURE_BASE"]
    return "../figures/" if assets.mode() == "site" else "../_build/figures/"


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)


def _check(name: str) -> None:
    if not NAME_RE.match(name):
        raise ValueError(f"figure name {name!r}: use lower-case letters, digits and hyphens")


def chart_files(name: str, spec: dict, svg: str | None = None) -> dict[str, Path]:
    """Write ``<name>.svg`` and ``<name>.png`` (twice the screen size) for a Vega-Lite spec."""
    import vl_convert

    _check(name)
    out = figure_dir()
    files = {"SVG": out / f"{name}.svg", "PNG": out / f"{name}.png"}
    _write(files["SVG"], (svg or vl_convert.vegalite_to_svg(spec)).encode("utf-8"))
    if assets.mode() == "inline":
        _write(files["PNG"], vl_convert.vegalite_to_png(spec, scale=PNG_SCALE))
    return files


def map_files(name: str, svg: str) -> dict[str, Path]:
    """Write the static print map as ``<name>-print.svg`` and ``<name>-print.png``."""
    _check(name)
    out = figure_dir()
    files = {"SVG": out / f"{name}-print.svg", "PNG": out / f"{name}-print.png"}
    _write(files["SVG"], svg.encode("utf-8"))
    if assets.mode() == "inline":
        render_pngs(out)
    return files


def render_pngs(folder: Path) -> list[Path]:
    """Render each ``*.svg`` in ``folder`` to a PNG beside it (skipping PNGs newer than their SVG)."""
    import vl_convert

    done = []
    for svg in sorted(Path(folder).glob("*.svg")):
        png = svg.with_suffix(".png")
        if png.exists() and png.stat().st_mtime >= svg.stat().st_mtime:
            continue
        _write(png, vl_convert.svg_to_png(svg.read_text(encoding="utf-8"), scale=PNG_SCALE))
        done.append(png)
    return done


def layer_file(name: str) -> tuple[Path, str] | None:
    """Where a map layer's data goes as a file of its own, and its address from a chapter page; None
    outside ``site`` mode, where the data stays in the page (a notebook in Jupyter has no site)."""
    _check(name)
    if assets.mode() != "site":
        return None
    return figure_dir().parent / "layers" / f"{name}.json", os.environ.get("FRONTS_LAYER_BASE", "../layers/") + f"{name}.json"


def links(files: dict[str, Path], what: str, label: str = "") -> str:
    """The line under a figure: its citable label, then its downloads."""
    base = link_base()
    items = " · ".join(
        f'<a class="fronts-download" href="{base}{p.name}" download="{p.name}" type="image/{"svg+xml" if k == "SVG" else "png"}">{k}</a>'
        for k, p in files.items()
    )
    cite_as = f'Figure label <code>{label}</code> · ' if label else ""
    return f'<p class="fronts-figure-downloads">{cite_as}{what}: {items}</p>'
