"""Where a build's time goes: a stamp at each phase, and each notebook's execution time as myst-nb
measured it, written beside the site (never in it: they differ on every build) for scripts/bench.py."""
from __future__ import annotations

import json
import time
from pathlib import Path

TIMINGS = "build-timings.json"
STAMPS: dict[str, float] = {}


def stamp(name: str):
    def handler(app, *args) -> None:
        STAMPS[name] = time.perf_counter()
    return handler


def timed(name: str, fn, *args):
    start = time.perf_counter()
    out = fn(*args)
    STAMPS[f"{name}_s"] = time.perf_counter() - start
    return out


def write_timings(app, exception) -> None:
    """Seconds per phase of this build, and each notebook's execution time as myst-nb measured it."""
    if exception is not None or app.builder.format != "html":
        return
    from myst_nb.sphinx_ import NbMetadataCollector

    s = STAMPS
    notebooks = {}
    for docname in sorted(app.env.found_docs):
        data = NbMetadataCollector.get_exec_data(app.env, docname)
        if data and data.get("runtime") is not None:
            notebooks[docname] = round(float(data["runtime"]), 3)
    out = {
        "generate_s": round(s.get("generate_s", 0.0), 3),
        "parallel_execution_s": round(s.get("parallel_execution_s", 0.0), 3),
        "read_s": round(s["env-updated"] - s["env-before-read-docs"], 3),
        "notebook_execution_s": notebooks,
        "write_s": round(s["build-finished"] - s["env-updated"], 3),
        "copy_vendor_s": round(s.get("copy_vendor_s", 0.0), 3),
        "collect_site_files_s": round(s.get("collect_site_files_s", 0.0), 3),
        "render_pngs_s": round(s.get("render_pngs_s", 0.0), 3),
        "subset_fontawesome_s": round(s.get("subset_fontawesome_s", 0.0), 3),
        "trim_stylesheet_s": round(s.get("trim_stylesheet_s", 0.0), 3),
        "subset_fonts_s": round(s.get("subset_fonts_s", 0.0), 3),
        "finish_s": round(time.perf_counter() - s["build-finished"], 3),
    }
    (Path(app.outdir).parent / TIMINGS).write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
