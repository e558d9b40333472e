"""Figures for a chapter's bottom line, computed from the data, and the chapter's figure outputs."""
from __future__ import annotations

import inspect
from collections.abc import Mapping

from fronts.analysis.tempo import VIOLENT_TYPES
from fronts.data.load import Dataset
from fronts.text import day


def bottom_line(ds: Dataset) -> dict[str, object]:
    """Counts and shares a chapter states in its first paragraph."""
    ev = ds.events
    n = len(ev)
    corroborated = int((ev["corroboration"] == "corroborated").sum())
    contested = int((ev["corroboration"] == "contested").sum())
    two_plus = int((ev["n_publishers"] >= 2).sum())
    verdicts = ds.claims["verdict"].value_counts()
    violent = int(ev["event_type"].isin(VIOLENT_TYPES).sum())
    return {
        "n_events": n,
        "n_violent": violent,
        "n_developments": n - violent,
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
        "n_with_deaths": int((ev["fatalities_low"].notna() | ev["fatalities_high"].notna()).sum()),
        "deaths_low": int(ev["fatalities_low"].sum(skipna=True)),
        "deaths_high": int(ev["fatalities_high"].sum(skipna=True)),
    }


def prose(template: str, values: Mapping[str, object]):
    """A paragraph of the chapter whose figures come from the data, as Markdown output.

    ``template`` names each figure in braces (``{n_events}``, or ``{ri[n]}`` for a figure inside a
    mapping); Jupyter shows the paragraph as rendered Markdown and the book renders it as MyST, so
    the numbers are the same in both. A name the values do not hold is an error, not a blank.
    """
    from IPython.display import Markdown

    return Markdown(prose_text(template, values))


def prose_text(template: str, values: Mapping[str, object]) -> str:
    """``template`` (dedented) with its figures filled in; see :func:`prose`."""
    try:
        return inspect.cleandoc(template).format_map(values)
    except KeyError as err:
        raise KeyError(f"the paragraph names {err}, which is not among the figures: {', '.join(sorted(values))}") from None


def figure(name: str, fig):
    """A map or chart as the output of a figure cell (its caption and label are the cell's metadata).

    On the site a chart gets SVG and PNG downloads, a map a static print rendering (SVG and PNG),
    written by :mod:`fronts.figures.export` and linked under the figure. A notebook run in Jupyter shows the
    figure alone: the downloads exist only on the built site.
    """
    add = getattr(fig, "with_downloads", None)  # fronts.figures.render.Html
    return add(name) if add else fig
