"""HTML tables: events (sortable, one permalink anchor per event), claims, and sources."""
from __future__ import annotations

import pandas as pd

from fronts.data.load import FRONTS, Dataset
from fronts.figures.bibliography import apa_html
from fronts.figures.html import Markup, render
from fronts.figures.render import Html, scripts, stylesheet
from fronts.figures.style import BLOC_LABELS, GEO_LABELS
from fronts.settings import Settings
from fronts.text import actors, date_span, deaths, esc

VERDICT_ORDER = ("corroborated", "partly", "contradicted", "unverifiable")
INDEX_HREF = "../book/events.html"  # the event index, from a chapter page


def event_href(ds: Dataset, event_id: str, page_front: str) -> str:
    """Link to an event's row: on this page, or on its own chapter's page (chapters sit side by side)."""
    front = ds.front_of(event_id)
    return f"#{esc(event_id)}" if front in (None, page_front) else f"{esc(front)}.html#{esc(event_id)}"


def badge(kind: str) -> Markup:
    return render("tables/badge.html.jinja", kind=kind)


def _source_items(cites: pd.DataFrame) -> Markup:
    """In-line citations: each links to its entry in the chapter's reference list, and to the source itself."""
    items = [{"id": s.source_id, "publisher": s.publisher, "url": s.url,
              "date": f" ({s.published:%Y-%m-%d})" if pd.notna(s.published) else " (n.d.)",
              "disputes": badge("disputes") if s.role == "disputes" else None}
             for s in cites.itertuples()]
    return render("tables/sources.html.jinja", items=items)


def blocs_of(row) -> str:
    """The sides of an event's actors, as the filter matches them (``data-bloc``): either actor counts."""
    return " ".join(dict.fromkeys(b for b in (row["actor1_bloc"], row["actor2_bloc"]) if b))


def filter_options(events: pd.DataFrame) -> dict[str, object]:
    """What the filter above an event table offers: the sides and kinds of event present, the dates' span."""
    present = set(events["actor1_bloc"]) | set(events["actor2_bloc"])
    return {"blocs": [(b, BLOC_LABELS[b]) for b in BLOC_LABELS if b in present],
            "types": sorted(set(events["event_type"])), "total": len(events),
            "first": f'{events["date_start"].min():%Y-%m-%d}', "last": f'{events["date_end_or_start"].max():%Y-%m-%d}'}


def event_table(ds: Dataset, caption: str) -> Html:
    """One row per event; each row is the target of the permalink ``#EVENT-ID``."""
    cites = ds.citations.merge(ds.sources, on="source_id", how="left").sort_values(["event_id", "published", "source_id"])
    by_event = {k: v for k, v in cites.groupby("event_id")}
    head = [(h, "number" if h == "Deaths" else "text")
            for h in ["Event", "Date", "Place", "Type", "Actors", "Summary", "Deaths", "Corroboration", "Sources"]]
    rows = []
    for _, r in ds.events.iterrows():
        # Sorted by the lowest figure given, else the highest ("up to 11" sorts as 11).
        key = r["fatalities_low"] if pd.notna(r["fatalities_low"]) else r["fatalities_high"]
        rows.append({
            "id": r["event_id"], "date_key": f'{r["date_start"]:%Y-%m-%d}', "end_key": f'{r["date_end_or_start"]:%Y-%m-%d}',
            "blocs": blocs_of(r), "event_type": r["event_type"],
            "date": date_span(r["date_start"], r["date_end"], r["date_precision"]),
            "place": r["place_name"], "geo": GEO_LABELS[r["geo_precision"]], "type": r["sub_event_type"],
            "actors": actors(r), "summary": r["summary"], "notes": r["notes"],
            "deaths_key": str(int(key)) if pd.notna(key) else "",
            "deaths": Markup(deaths(r["fatalities_low"], r["fatalities_high"])), "badge": badge(r["corroboration"]),
            "sources": _source_items(by_event.get(r["event_id"], cites.iloc[0:0])),
        })
    return Html(render("tables/event-table.html.jinja", rows=rows, head=head, caption=caption, index_href=INDEX_HREF,
                       **filter_options(ds.events),
                       stylesheet=Markup(stylesheet(ds.settings)), scripts=Markup(scripts(ds.settings))))


def claims_table(ds: Dataset, caption: str, page_front: str | None = None) -> Html:
    """The seed articles' claims with verdicts, credibility and links to the evidence events.

    Evidence links point at this page's rows for events of ``page_front`` (by default each claim's
    own front, as on a chapter page), and at the event's own chapter otherwise.
    """
    names = ds.sources.set_index("source_id")["publisher"]
    rows = []
    for _, c in ds.claims.iterrows():
        here = c["front"] if page_front is None else page_front
        rows.append({
            "id": c["claim_id"], "article": names.get(c["source_id"], c["source_id"]), "front": FRONTS.get(c["front"], c["front"]),
            "claim": c["claim"], "prediction": c["kind"] == "prediction", "verdict": c["verdict"],
            "credibility": int(c["credibility"]), "explanation": c["explanation"],
            "evidence": [{"id": e, "href": Markup(event_href(ds, e, here))} for e in c["evidence"].split(";") if e],
        })
    head = ["Claim", "Article", "What it says", "Verdict", "Credibility", "Evidence", "Why"]
    return Html(render("tables/claims-table.html.jinja", rows=rows, head=head, caption=caption,
                       stylesheet=Markup(stylesheet(ds.settings)), scripts=Markup(scripts(ds.settings))))


def sources_list(ds: Dataset) -> Html:
    """The chapter's reference list (APA style, from sources.csv), with publisher type, stance and
    Admiralty reliability; each entry is the target ``#src-<source_id>`` of the in-line citations."""
    used = ds.citations.groupby("source_id")["event_id"].apply(sorted)
    items = [{"id": s.source_id, "apa": Markup(apa_html(s)), "publisher_type": s.publisher_type, "stance": s.stance,
              "reliability": s.reliability, "events": used.get(s.source_id, [])}
             for s in ds.sources.sort_values(["publisher", "published", "source_id"]).itertuples()]
    return Html(render("tables/source-list.html.jinja", items=items, stylesheet=Markup(stylesheet(ds.settings))))


def event_list(settings: Settings, events: pd.DataFrame, caption: str) -> Html:
    """A compact list of some events, each linking to its row in the chapter's event table."""
    rows = [{"id": r.event_id, "date": date_span(r.date_start, r.date_end, r.date_precision), "place": r.place_name,
             "type": r.sub_event_type, "summary": r.summary, "badge": badge(r.corroboration)} for r in events.itertuples()]
    head = ["Event", "Date", "Place", "Type", "Summary", "Corroboration"]
    return Html(render("tables/event-list.html.jinja", rows=rows, head=head, caption=caption,
                       stylesheet=Markup(stylesheet(settings))))


def _cell(value) -> object:
    """A table cell's value: blank stays blank (never "NaN", "None" or "NaT")."""
    return None if pd.api.types.is_scalar(value) and pd.isna(value) else value


def frame_table(settings: Settings, df: pd.DataFrame, caption: str, cls: str = "fronts-frame") -> Html:
    """Any small DataFrame as a captioned table: every cell escaped and shown whole (pandas' own
    display cuts text at 50 characters), a missing value as a blank cell, the index as row headers,
    and no empty header cell (the corner carries the index's name)."""
    if not df.index.name:
        raise ValueError("name the index (df.index.name): it heads the first column")
    rows = [(i, [_cell(v) for v in row]) for i, row in zip(df.index, df.itertuples(index=False), strict=True)]
    return Html(render("tables/frame-table.html.jinja", rows=rows, columns=list(df.columns), corner=df.index.name,
                       caption=caption, cls=cls, stylesheet=Markup(stylesheet(settings))))
