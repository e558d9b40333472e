"""Figures for a chapter's bottom line, computed from the data and glued into the prose."""
from __future__ import annotations

from .load import Dataset
from .text import day


def bottom_line(ds: Dataset) -> dict[str, object]:
    """Counts and shares a chapter states in its first paragraph."""
    ev = ds.events
    n = len(ev)
    corroborated = int((ev["corroboration"] == "corroborated").sum())
    contested = int((ev["corroboration"] == "contested").sum())
    two_plus = int((ev["n_publishers"] >= 2).sum())
    verdicts = ds.claims["verdict"].value_counts()
    return {
        "n_events": n,
        "first_date": day(ev["date_start"].min()) if n else "",
        "last_date": day(ev["date_end_or_start"].max()) if n else "",
        "n_corroborated": corroborated,
        "n_contested": contested,
        "n_single": n - corroborated - contested,
        "n_two_publishers": two_plus,
        "share_two_publishers": f"{two_plus / n:.0%}" if n else "n/a",
        "pct_two_publishers": round(100 * two_plus / n) if n else 0,
        "n_sources": len(ds.sources),
        "n_publishers": int(ds.sources["publisher"].nunique()),
        "n_claims": len(ds.claims),
        "n_claims_corroborated": int(verdicts.get("corroborated", 0)),
        "n_claims_partly": int(verdicts.get("partly", 0)),
        "n_claims_contradicted": int(verdicts.get("contradicted", 0)),
        "n_claims_unverifiable": int(verdicts.get("unverifiable", 0)),
        "n_with_deaths": int(ev["fatalities_low"].notna().sum()),
        "deaths_low": int(ev["fatalities_low"].sum(skipna=True)),
        "deaths_high": int(ev["fatalities_high"].sum(skipna=True)),
    }


def glue_all(prefix: str, figures: dict[str, object]) -> None:
    """Glue every figure as ``{prefix}_{name}`` for ``{glue:text}`` roles in the notebook prose."""
    from myst_nb import glue

    for name, value in figures.items():
        glue(f"{prefix}_{name}", value, display=False)


def glue_figure(name: str, figure) -> None:
    """Glue a map or chart so a ``{glue:figure}`` directive can number and caption it.

    A chart gets SVG and PNG downloads, a map a static print rendering (SVG and PNG), written by
    :mod:`fronts.export` and linked under the figure.
    """
    from myst_nb import glue

    from . import export
    from .render import Html

    if getattr(figure, "spec", None) is not None:
        files = export.chart_files(name, figure.spec, figure.svg)
        figure = Html(figure.markup + export.links(files, "Download this chart", label=f"fig-{name}"), spec=figure.spec, svg=figure.svg)
    elif getattr(figure, "print_svg", None):
        files = export.map_files(name, figure.print_svg)
        figure = Html(figure.markup + export.links(files, "Static map for print", label=f"fig-{name}"), print_svg=figure.print_svg)
    glue(name, figure, display=False)
