"""A chapter's UCDP GED context section: the full record beside the curated one.

:func:`front_context` loads UCDP GED (if present) and gives the chapter everything it shows: a
summary paragraph, the weekly chart, the map layer, the agreement tables and the figures its prose states. When the
file is absent, every piece says so plainly and how to get the file; nothing is faked, and the book
still builds.

UCDP's published Syria file has rows whose estimates break ``low ≤ best ≤ high``; they are kept,
flagged (``load_ucdp(estimate_order="flag")``), and counted in the summary.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from fronts.data.load import FRONTS, Dataset
from fronts.figures import export
from fronts.figures.html import Markup, render
from fronts.figures.render import Html, stylesheet
from fronts.settings import Settings
from fronts.text import day, esc
from fronts.ucdp import agreement
from fronts.ucdp import figures as ucdp_figures
from fronts.ucdp import ged as ucdp
from fronts.ucdp.areas import AREAS

YEAR = 2017
DAYS, KM = 3, 25.0
NEXT_N = 10


@cache
def load_file(path: str) -> pd.DataFrame:
    return ucdp.load_ucdp(path, estimate_order="flag")


def load_year(settings: Settings, year: int = YEAR) -> tuple[pd.DataFrame | None, ucdp.UcdpStatus]:
    """UCDP events of ``year`` (or None) and the file's status."""
    st = ucdp.status(settings.ucdp_path)
    if not st.available:
        return None, st
    df = load_file(str(st.path))
    out = df[df["year"] == year].reset_index(drop=True)
    out.attrs.update(df.attrs)
    return out, st


def absent_note(st: ucdp.UcdpStatus) -> Html:
    return Html(render("ucdp-absent.html.jinja", message=st.message))


def _table(df: pd.DataFrame, caption: str, cls: str, settings: Settings) -> Html:
    """``df``'s cells are markup the section built (escaped text, links)."""
    rows = [[Markup(v) for v in row] for row in df.itertuples(index=False)]
    return Html(render("tables/markup-table.html.jinja", rows=rows, head=list(df.columns), caption=caption, cls=Markup(cls),
                       stylesheet=Markup(stylesheet(settings)), after=Markup("")))


@dataclass
class FrontContext:
    front: str
    status: ucdp.UcdpStatus
    settings: Settings
    ucdp: pd.DataFrame | None = None        # UCDP events of the year in the front's area
    matches: pd.DataFrame | None = None     # one row per curated event of the front
    curated: pd.DataFrame | None = None
    all_curated: pd.DataFrame | None = None  # every front's events: any of them may cover a UCDP event
    all_fronts: dict[str, str] | None = None  # every event id -> its front, for links to other chapters

    @property
    def available(self) -> bool:
        return self.ucdp is not None

    def numbers(self) -> dict[str, str]:
        """Figures for the chapter's text (its prose fills them in), or 'n/a' when the data is absent."""
        rule = {"ucdp_days": str(DAYS), "ucdp_km": f"{KM:g}"}
        if not self.available:
            return rule | {k: "n/a" for k in ("ucdp_events", "ucdp_best", "ucdp_low", "ucdp_high", "ucdp_matched", "ucdp_share",
                                              "ucdp_violent_share", "ucdp_flagged")}
        u, m = self.ucdp, self.matches
        violent = m[m["event_type"].isin(agreement.VIOLENT_TYPES)]
        return rule | {
            "ucdp_events": f"{len(u):,}", "ucdp_best": f"{int(u['best'].sum()):,}",
            "ucdp_low": f"{int(u['low'].sum()):,}", "ucdp_high": f"{int(u['high'].sum()):,}",
            "ucdp_matched": f"{int(m['matched'].sum())} of {len(m)}",
            "ucdp_share": f"{m['matched'].mean():.0%}",
            "ucdp_violent_share": f"{violent['matched'].mean():.0%}" if len(violent) else "n/a",
            "ucdp_flagged": f"{int((~u['estimates_ordered']).sum())}",
        }

    def summary(self) -> Html:
        if not self.available:
            return absent_note(self.status)
        n = self.numbers()
        area = AREAS[self.front]
        return Html(
            f'<div class="fronts-ucdp-summary"><p><b>Area.</b> {esc(area.description)}</p>'
            f"<p>UCDP GED records <b>{n['ucdp_events']}</b> events in this area in {YEAR}, with "
            f"<b>{n['ucdp_best']}</b> deaths by its best estimate (low {n['ucdp_low']}, high {n['ucdp_high']}); "
            f"{n['ucdp_flagged']} of these events carry estimates out of order in UCDP's file and are kept as published. "
            f"Of our {len(self.matches)} curated events, <b>{n['ucdp_matched']}</b> ({n['ucdp_share']}) have a UCDP "
            f"counterpart within {DAYS} days and {KM:g} km (violent events only: {n['ucdp_violent_share']}).</p>"
            f"{ucdp_figures.attribution('html')}</div>"
        )

    def introduction(self):
        """The section's opening paragraph: what UCDP GED is beside our record, and the matching rule."""
        from fronts.analysis.summary import prose

        return prose(INTRODUCTION, self.numbers())

    def review_table(self, review: pd.DataFrame | None) -> Html:
        """Every UCDP event of the year in the area with a best estimate of at least
        :data:`REVIEW_MIN_DEATHS` deaths, with what the record does with it (``data/ucdp_review.csv``):
        its curated counterpart, or why there is none. One the review does not cover says so."""
        if not self.available:
            return absent_note(self.status)
        big = self.ucdp[self.ucdp["best"] >= REVIEW_MIN_DEATHS].sort_values(["date_start", "id"]).reset_index(drop=True)
        mine = review[review["front"] == self.front] if review is not None else review
        decided = {} if mine is None else {int(r.ucdp_id): r for r in mine.itertuples()}
        dist, _, ok, _ = agreement.pairs(self.all_curated, big, DAYS, KM)
        decision, counterpart, reason = [], [], []
        for j, uid in enumerate(big["id"]):
            r = decided.get(int(uid))
            if r is not None:
                decision.append(esc(DECISIONS[r.decision]))
                counterpart.append(self._link(r.event_id) if r.event_id else "")
                reason.append(esc(r.reason))
            elif ok[:, j].any():
                nearest = np.argsort(np.where(ok[:, j], dist[:, j], np.inf))[: min(3, int(ok[:, j].sum()))]  # closest first
                decision.append("matched")
                counterpart.append(", ".join(self._link(self.all_curated["event_id"].iloc[i]) for i in nearest))
                reason.append(esc(f"a curated event within {DAYS} days and {KM:g} km (the matching rule)"))
            else:
                decision.append("<b>not yet reviewed</b>")
                counterpart.append("")
                reason.append("")
        rows = pd.DataFrame({
            "UCDP id": [f"{int(i)}" for i in big["id"]],
            "Dates": [esc(day(a) if a == b else f"{day(a)} – {day(b)}") for a, b in zip(big["date_start"], big["date_end"], strict=True)],
            "Place (UCDP)": [esc(p) for p in big["where_coordinates"]],
            "Deaths best (low–high)": [f"{int(b)} ({int(lo)}–{int(hi)})" for b, lo, hi in zip(big["best"], big["low"], big["high"], strict=True)],
            "Our record": decision, "Event": counterpart, "Why": reason,
        })
        return _table(rows, f"UCDP GED events of {YEAR} in the {FRONTS[self.front]} area with {REVIEW_MIN_DEATHS} or more deaths "
                            f"(best estimate), and what our record does with each ({len(rows)})", "fronts-ucdp-review", self.settings)

    def _link(self, event_id: str) -> str:
        """A link to an event's row: on this page, or in its own chapter."""
        front = self.all_fronts.get(event_id, self.front) if self.all_fronts else self.front
        href = f"#{esc(event_id)}" if front == self.front else f"{esc(front)}.html#{esc(event_id)}"
        return f'<a href="{href}">{esc(event_id)}</a>'

    def weekly_figure(self) -> Html:
        """The weekly chart; its caption, with UCDP's attribution, is :func:`weekly_caption`."""
        if not self.available:
            return absent_note(self.status)
        return ucdp_figures.weekly_chart_html(self.ucdp, self.front, self.settings, YEAR)

    def map_layers(self) -> list:
        if not self.available:
            return []
        target = export.layer_file(f"ucdp-{self.front}", self.settings)
        site_file, data_url = target if target else (None, None)
        return [ucdp_figures.compact_ucdp_layer(self.ucdp, site_file=site_file, data_url=data_url)]

    def legend(self) -> list[tuple[str, str]]:
        return [ucdp_figures.LEGEND_ENTRY] if self.available else []

    def unmatched_table(self) -> Html:
        if not self.available:
            return absent_note(self.status)
        un = agreement.unmatched(self.matches, self.curated, DAYS, KM)
        rows = pd.DataFrame({
            "Event": [f'<a href="#{esc(e)}">{esc(e)}</a>' for e in un["event_id"]],
            "Date": [esc(day(d)) for d in un["date_start"]],
            "Place": [esc(p) for p in un["place_name"]],
            "Type": [esc(t) for t in un["sub_event_type"]],
            "Why no UCDP counterpart": [esc(r) for r in un["reason"]],
        })
        return _table(rows, f"Curated {FRONTS[self.front]} events with no UCDP counterpart ({len(rows)})", "fronts-ucdp-unmatched", self.settings)

    def next_table(self) -> Html:
        if not self.available:
            return absent_note(self.status)
        nxt = agreement.next_to_curate(self.ucdp, self.all_curated, self.front, n=NEXT_N, year=YEAR, days=DAYS, km=KM)
        rows = pd.DataFrame({
            "UCDP id": [f"{int(i)}" for i in nxt["id"]],
            "Dates": [esc(day(a) if a == b else f"{day(a)} – {day(b)}") for a, b in zip(nxt["date_start"], nxt["date_end"], strict=True)],
            "Place (UCDP)": [f"{esc(p)}<br><small>{esc(w)}</small>" for p, w in zip(nxt["where_coordinates"], nxt["where_prec_label"], strict=True)],
            "Sides": [esc(d) for d in nxt["dyad_name"]],
            "Deaths best (low–high)": [f"{int(b)} ({int(lo)}–{int(hi)})" for b, lo, hi in zip(nxt["best"], nxt["low"], nxt["high"], strict=True)],
            "UCDP's source headline": [esc(h) for h in nxt["source_headline"]],
        })
        return _table(rows, f"The deadliest {YEAR} UCDP events in the {FRONTS[self.front]} area that no curated event matches",
                      "fronts-ucdp-next", self.settings)


INTRODUCTION = """
    Our events are a curated sample: each one sourced, graded and placed by hand. The Uppsala Conflict
    Data Program's Georeferenced Event Dataset (UCDP GED) aims at the opposite: every reported event
    with at least one death. Setting the two side by side shows the intensity our events sit in, what
    UCDP does not hold (events without deaths, such as deployments, statements and agreements, and
    anything outside Syria), and what our curation has missed. The front's area, the matching rule
    and their reasons are set out in [the methods](../book/methods.md). In short, a curated event has a
    UCDP counterpart when the two are within {ucdp_days} days and {ucdp_km} km of each other
    (more for events placed only to a district or province). This front's UCDP events are also a layer
    of the map above, off by default.
    """


def weekly_caption(front: str) -> str:
    """The caption of a front's weekly UCDP chart, ending with UCDP's attribution."""
    return (f"UCDP GED events and deaths per week in the {FRONTS[front]} area, {YEAR}: deaths as a band from UCDP's "
            "low to high estimate, with the best estimate as a line; events per week below (an event dated to a "
            f"span is spread over its days). {ucdp_figures.attribution('markdown')}")


REVIEW_MIN_DEATHS = 25
DECISIONS = {"curated": "curated", "duplicate": "covered by another event", "outside-story": "outside this front's story",
             "no-source": "no retrievable source"}


def front_context(ds: Dataset, front: str) -> FrontContext:
    """The UCDP context of ``front``: ``ds`` may be the whole dataset or the front's view."""
    year_df, st = load_year(ds.settings)
    if year_df is None:
        return FrontContext(front, st, ds.settings)
    everything = ds.all_events if ds.all_events is not None else ds.events
    area = year_df[AREAS[front].contains(year_df["latitude"].to_numpy(), year_df["longitude"].to_numpy())
                   & (year_df["where_prec"] <= 5)].reset_index(drop=True)
    curated = ds.events[ds.events["front"] == front].reset_index(drop=True)
    matches = agreement.match_events(curated, year_df, DAYS, KM)
    return FrontContext(front, st, ds.settings, area, matches, curated, everything, ds.event_fronts)
