"""At the end of a build (``build-finished``): the vendored scripts and stylesheets, the files the
figures' outputs carry, their PNG renderings, and the trimmed icon script."""
from __future__ import annotations

import time
from pathlib import Path

from fronts.figures.assets import copy_vendor
from fronts.site.timings import STAMPS, timed


def collect_site_files(app) -> list[Path]:
    """Write the files the figures' outputs carry (``fronts.figures.export.FILES_KEY`` in their metadata: chart and
    print-map SVGs, map-layer data) from the notebooks this build executed into the site."""
    from fronts.figures.export import FILES_KEY, write_files
    from fronts.site.execute import executed_notebooks

    files: dict[str, str] = {}
    for notebook in executed_notebooks(app).values():
        for cell in notebook["cells"]:
            for output in cell.get("outputs", []):
                files.update(output.get("metadata", {}).get(FILES_KEY, {}))
    return write_files(files, Path(app.outdir))


def finish(app, exception) -> None:
    if exception is None and app.builder.format == "html":
        from fronts.figures.export import render_pngs
        from fronts.site.icons import subset_fontawesome

        STAMPS.setdefault("build-finished", time.perf_counter())
        timed("copy_vendor", copy_vendor, Path(app.outdir), app.fronts_settings)
        timed("collect_site_files", collect_site_files, app)
        timed("render_pngs", render_pngs, Path(app.outdir) / "figures")
        timed("subset_fontawesome", subset_fontawesome, Path(app.outdir))
