"""HTML tables: events (sortable, one permalink anchor per event), claims, and sources."""
from __future__ import annotations

import pandas as pd

from fronts.data.load import FRONTS, Dataset
from fronts.figures.bibliography import apa_html
from fronts.figures.render import Html, scripts, stylesheet
from fronts.figures.style import GEO_LABELS
from fronts.settings import Settings
from fronts.text import actors, date_span, deaths, esc

VERDICT_ORDER = ("corroborated", "partly", "contradicted", "unverifiable")
INDEX_HREF = "../book/events.html"  # the event index, from a chapter page


def event_href(ds: Dataset, event_id: str, page_front: str) -> str:
    """Link to an event's row: on this page, or on its own chapter's page (chapters sit side by side)."""
    front = ds.front_of(event_id)
    return f"#{esc(event_id)}" if front in (None, page_front) else f"{esc(front)}.html#{esc(event_id)}"


def badge(kind: str) -> str:
    return f'<span class="fronts-badge fronts-badge-{esc(kind)}">{esc(kind)}</span>'


def _source_items(cites: pd.DataFrame) -> str:
    """In-line citations: each links to its entry in the chapter's reference list, and to the source itself."""
    items = []
    for s in cites.itertuples():
        date = f" ({s.published:%Y-%m-%d})" if pd.notna(s.published) else " (n.d.)"
        role = f" {badge('disputes')}" if s.role == "disputes" else ""
        items.append(f'<li><a class="fronts-cite-ref" href="#src-{esc(s.source_id)}">{esc(s.publisher)}{esc(date)}</a>{role} '
                     f'<a class="fronts-source-link" href="{esc(s.url)}" rel="noopener noreferrer" '
                     f'title="Open the source">source</a></li>')
    return f'<ul class="fronts-sources">{"".join(items)}</ul>'


def event_table(ds: Dataset, caption: str) -> Html:
    """One row per event; each row is the target of the permalink ``#EVENT-ID``."""
    cites = ds.citations.merge(ds.sources, on="source_id", how="left").sort_values(["event_id", "published", "source_id"])
    by_event = {k: v for k, v in cites.groupby("event_id")}
    head = ["Event", "Date", "Place", "Type", "Actors", "Summary", "Deaths", "Corroboration", "Sources"]
    types = {"Deaths": "number"}
    rows = []
    for _, r in ds.events.iterrows():
        eid = esc(r["event_id"])
        toll = deaths(r["fatalities_low"], r["fatalities_high"])
        # Sorted by the lowest figure given, else the highest ("up to 11" sorts as 11).
        key = r["fatalities_low"] if pd.notna(r["fatalities_low"]) else r["fatalities_high"]
        deaths_key = str(int(key)) if pd.notna(key) else ""
        notes = f'<details class="fronts-notes"><summary>Notes</summary><small>{esc(r["notes"])}</small></details>' if r["notes"] else ""
        rows.append(
            f'<tr id="{eid}" class="fronts-event-row">'
            f'<td><a class="fronts-permalink" href="#{eid}" title="Permalink to this event">{eid}</a><br>'
            f'<a class="fronts-index-link" href="{INDEX_HREF}#{eid}" title="This event in the event index">index</a></td>'
            f'<td data-sort="{r["date_start"]:%Y-%m-%d}">{esc(date_span(r["date_start"], r["date_end"], r["date_precision"]))}</td>'
            f'<td>{esc(r["place_name"])}<br><small>{esc(GEO_LABELS[r["geo_precision"]])}</small></td>'
            f'<td>{esc(r["sub_event_type"])}</td><td>{esc(actors(r))}</td>'
            f'<td>{esc(r["summary"])}{notes}</td>'
            f'<td data-sort="{deaths_key}">{toll}</td>'
            f'<td>{badge(r["corroboration"])}</td>'
            f'<td>{_source_items(by_event.get(r["event_id"], cites.iloc[0:0]))}</td></tr>'
        )
    header = "".join(f'<th scope="col" data-type="{types.get(h, "text")}">{h}</th>' for h in head)
    return Html(
        f'{stylesheet(ds.settings)}<div class="fronts-table-wrap"><table class="fronts-table fronts-sortable fronts-events" '
        f'data-count="{len(ds.events)}"><caption>{esc(caption)}</caption><thead><tr>{header}</tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table></div>{scripts(ds.settings)}'
    )


def claims_table(ds: Dataset, caption: str, page_front: str | None = None) -> Html:
    """The seed articles' claims with verdicts, credibility and links to the evidence events.

    Evidence links point at this page's rows for events of ``page_front`` (by default each claim's
    own front, as on a chapter page), and at the event's own chapter otherwise.
    """
    names = ds.sources.set_index("source_id")["publisher"]
    rows = []
    for _, c in ds.claims.iterrows():
        here = c["front"] if page_front is None else page_front
        evidence = ", ".join(f'<a href="{event_href(ds, e, here)}">{esc(e)}</a>' for e in c["evidence"].split(";") if e)
        rows.append(
            f'<tr id="{esc(c["claim_id"])}"><td>{esc(c["claim_id"])}</td><td>{esc(names.get(c["source_id"], c["source_id"]))}'
            f'<br><small>{esc(FRONTS.get(c["front"], c["front"]))}</small></td>'
            f'<td>{esc(c["claim"])}{" <small>(prediction)</small>" if c["kind"] == "prediction" else ""}</td>'
            f'<td>{esc(c["verdict"])}</td><td data-sort="{int(c["credibility"])}">{int(c["credibility"])}</td>'
            f'<td>{evidence}</td><td>{esc(c["explanation"])}</td></tr>'
        )
    head = "".join(f'<th scope="col"{" data-type=number" if h == "Credibility" else ""}>{h}</th>'
                   for h in ["Claim", "Article", "What it says", "Verdict", "Credibility", "Evidence", "Why"])
    return Html(
        f'{stylesheet(ds.settings)}<div class="fronts-table-wrap"><table class="fronts-table fronts-sortable fronts-claims" '
        f'data-count="{len(ds.claims)}"><caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table></div>{scripts(ds.settings)}'
    )


def sources_list(ds: Dataset) -> Html:
    """The chapter's reference list (APA style, from sources.csv), with publisher type, stance and
    Admiralty reliability; each entry is the target ``#src-<source_id>`` of the in-line citations."""
    used = ds.citations.groupby("source_id")["event_id"].apply(sorted)
    items = []
    for s in ds.sources.sort_values(["publisher", "published", "source_id"]).itertuples():
        events = ", ".join(f'<a href="#{esc(e)}">{esc(e)}</a>' for e in used.get(s.source_id, []))
        cited = f" Cited for {events}." if events else ""
        items.append(
            f'<li id="src-{esc(s.source_id)}">{apa_html(s)}<br>'
            f'<small>{esc(s.publisher_type)}; stance: {esc(s.stance)}; reliability {esc(s.reliability)}.{cited}</small></li>'
        )
    return Html(f'{stylesheet(ds.settings)}<ol class="fronts-source-list" data-count="{len(ds.sources)}">{"".join(items)}</ol>')


def event_list(settings: Settings, events: pd.DataFrame, caption: str) -> Html:
    """A compact list of some events, each linking to its row in the chapter's event table."""
    rows = "".join(
        f'<tr><td><a href="#{esc(r.event_id)}">{esc(r.event_id)}</a></td>'
        f'<td>{esc(date_span(r.date_start, r.date_end, r.date_precision))}</td><td>{esc(r.place_name)}</td>'
        f'<td>{esc(r.sub_event_type)}</td><td>{esc(r.summary)}</td><td>{badge(r.corroboration)}</td></tr>'
        for r in events.itertuples()
    )
    head = "".join(f'<th scope="col">{h}</th>' for h in ["Event", "Date", "Place", "Type", "Summary", "Corroboration"])
    return Html(
        f'{stylesheet(settings)}<div class="fronts-table-wrap"><table class="fronts-table fronts-event-list" data-count="{len(events)}">'
        f'<caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>'
    )


def _cell(value) -> str:
    """A table cell's text: blank stays blank (never "NaN", "None" or "NaT")."""
    return "" if pd.api.types.is_scalar(value) and pd.isna(value) else esc(value)


def frame_table(settings: Settings, df: pd.DataFrame, caption: str, cls: str = "fronts-frame") -> Html:
    """Any small DataFrame as a captioned table: every cell escaped and shown whole (pandas' own
    display cuts text at 50 characters), a missing value as a blank cell, the index as row headers,
    and no empty header cell (the corner carries the index's name)."""
    corner = esc(df.index.name or "")
    if not corner:
        raise ValueError("name the index (df.index.name): it heads the first column")
    head = f'<th scope="col">{corner}</th>' + "".join(f'<th scope="col">{esc(c)}</th>' for c in df.columns)
    body = "".join(f'<tr><th scope="row">{esc(i)}</th>' + "".join(f"<td>{_cell(v)}</td>" for v in row) + "</tr>"
                   for i, row in zip(df.index, df.itertuples(index=False), strict=True))
    return Html(f'{stylesheet(settings)}<div class="fronts-table-wrap"><table class="fronts-table {esc(cls)}" data-count="{len(df)}">'
                f"<caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")
