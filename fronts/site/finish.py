"""At the end of a build (``build-finished``): the vendored scripts and stylesheets, the files the
figures' outputs carry, their PNG renderings, and the trimmed icon script."""
from __future__ import annotations

import time
from pathlib import Path

from fronts.figures.assets import copy_vendor
from fronts.site.timings import STAMPS, timed


def collect_site_files(app) -> list[Path]:
    """Write the files the figures' outputs carry (``fronts.figures.export.FILES_KEY`` in their metadata: chart and
    print-map SVGs, chart specs, map-layer data) from the notebooks this build rendered into the site, and
    remove any other file of those folders: a rebuild keeps no figure an earlier build wrote."""
    from fronts.figures.export import FILES_KEY, write_files
    from fronts.site.execute import executed_notebooks

    files: dict[str, str] = {}
    for notebook in executed_notebooks(app).values():
        for cell in notebook["cells"]:
            for output in cell.get("outputs", []):
                files.update(output.get("metadata", {}).get(FILES_KEY, {}))
    written = write_files(files, Path(app.outdir))
    keep = set(written) | {p.with_suffix(".png") for p in written if p.suffix == ".svg"}
    for folder in {p.parent for p in written}:
        for old in folder.iterdir():
            if old.is_file() and old not in keep:
                old.unlink()
    return written


def finish(app, exception) -> None:
    if exception is None and app.builder.format == "html":
        from fronts.figures.export import render_pngs
        from fronts.site.icons import subset_fontawesome, subset_fonts, trim_stylesheet, used_names

        STAMPS.setdefault("build-finished", time.perf_counter())
        timed("copy_vendor", copy_vendor, Path(app.outdir), app.fronts_settings)
        timed("collect_site_files", collect_site_files, app)
        timed("render_pngs", render_pngs, Path(app.outdir) / "figures")
        names = used_names(Path(app.outdir))  # every Font Awesome icon the built pages and scripts name
        timed("subset_fontawesome", subset_fontawesome, Path(app.outdir), names)
        timed("trim_stylesheet", trim_stylesheet, Path(app.outdir), names)
        timed("subset_fonts", subset_fonts, Path(app.outdir), names)
