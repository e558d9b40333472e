"""The book's generated reference pages: event index, bibliography, downloads, changelog, citations.

:func:`write_fragments` writes MyST fragments into ``book/_generated/`` (git-ignored) when the
book build starts; the committed pages under ``book/`` include them. Every line comes from the
data, ``CITATION.cff`` and the release snapshots; nothing is typed by hand.
"""
from __future__ import annotations

import re
import string
from pathlib import Path

import pandas as pd

from fronts.analysis.summary import bottom_line, prose_text
from fronts.data import releases
from fronts.data.load import FRONTS, Dataset
from fronts.figures.bibliography import apa_html
from fronts.figures.html import render
from fronts.figures.render import scripts, stylesheet
from fronts.figures.tables import badge, blocs_of, filter_options
from fronts.paths import REPO as ROOT
from fronts.paths import notebook_title
from fronts.site import cite
from fronts.text import date_span, esc

# The introduction's bottom line (book/intro.md includes it), from the same figures as the overview's.
BOOK_BOTTOM_LINE = """
    The book's data hold {n_events} events on the five fronts ({n_violent} of fighting and other
    violence, {n_developments} strategic developments such as statements, agreements and
    deployments), cited to {n_sources} sources;
    {pct_two_publishers}% of the events are reported by two or more distinct publishers, and
    {n_contested} are contested by a source that disputes them. Of the two June 2017 articles'
    {n_claims} claims about these fronts, {n_claims_corroborated} are corroborated,
    {n_claims_partly} partly right, {n_claims_contradicted} contradicted and
    {n_claims_unverifiable} cannot be checked. These figures are computed from the data each time
    the book is built.
    """

INDEX_PAGE = "book/events.html"
SAMPLE_EVENT = "RAQ-0036"
SAMPLE_FIGURE = ("raqqa", "fig-raq-map")
_BLANK_LINE_START = re.compile(r"\n(?=[ \t]*(?:\n|$))")


def _html_block(markup: str) -> str:
    """Markup to include in a Markdown (MyST) page as one raw-HTML block, its text unchanged.

    Such a block ends at the first blank line (empty, or only spaces and tabs). A data field of two
    paragraphs would end it there, and the rest of the text, escaped for HTML but not for Markdown,
    would be read as Markdown (emphasis, links, addresses turned into links), breaking the table
    around it. So a line break that would start a blank line, and every carriage return (a line
    ending too in Markdown), is written as a character reference, which HTML reads as the same
    character. The templates here put no line break inside a tag; they put each row on a line of
    its own, so that no line is longer than the parser accepts (docutils stops at 10,000 characters).
    """
    return _BLANK_LINE_START.sub("&#10;", markup.replace("\r", "&#13;"))


def _markdown_text(value: object) -> str:
    """Data text for a line of Markdown (MyST): every ASCII punctuation character and line break
    as a numeric character reference, so none of it is read as HTML, Markdown, a MyST role or a
    ``{{ substitution }}``; the page shows the text unchanged."""
    return "".join(f"&#{ord(ch)};" if ch in string.punctuation or ch in "\r\n" else ch for ch in str(value))


def chapter_titles(root: Path = ROOT) -> dict[str, str]:
    """front -> the chapter's title (its notebook's first heading)."""
    return {front: notebook_title(root / "notebooks" / f"{front}.ipynb") for front in FRONTS}


def _chapter_page(front: str) -> str:
    return f"notebooks/{front}.html"


def _cite_block(c: cite.Citation) -> str:
    return (f'<details class="fronts-cite"><summary>Cite</summary><p class="fronts-apa">{esc(c.apa)}</p>'
            f'<pre class="fronts-bibtex">{esc(c.bibtex)}</pre></details>')


def event_index(ds: Dataset, meta: cite.BookMeta, titles: dict[str, str]) -> str:
    """Every event (published and retracted) with its permanent anchor, chapter link and citation."""
    rows = []
    gone = ds.retracted if ds.retracted is not None else ds.events.iloc[0:0]
    every = pd.concat([ds.events, gone], ignore_index=True).sort_values("event_id")
    for _, r in every.iterrows():
        eid = esc(r["event_id"])
        page = _chapter_page(r["front"])
        c = cite.event(meta, r["event_id"], titles[r["front"]], page)
        if r["status"] == "retracted":
            where = f'<small>retracted: {esc(r["notes"])}</small>'
            corr = badge("retracted")
        else:
            where = f'<a class="fronts-chapter-link" href="../{page}#{eid}">in {esc(FRONTS[r["front"]])}</a>'
            corr = badge(r["corroboration"])
        rows.append(
            f'<tr id="{eid}" class="fronts-index-row" data-bloc="{esc(blocs_of(r))}" data-type="{esc(r["event_type"])}" '
            f'data-start="{r["date_start"]:%Y-%m-%d}" data-end="{r["date_end_or_start"]:%Y-%m-%d}"><td><a class="fronts-permalink" href="#{eid}">{eid}</a><br>{where}</td>'
            f'<td data-sort="{r["date_start"]:%Y-%m-%d}">{esc(date_span(r["date_start"], r["date_end"], r["date_precision"]))}</td>'
            f'<td>{esc(FRONTS[r["front"]])}</td><td>{esc(r["place_name"])}</td><td>{esc(r["summary"])}</td>'
            f'<td>{corr}</td><td>{_cite_block(c)}</td></tr>'
        )
    head = "".join(f'<th scope="col">{h}</th>' for h in ["Event", "Date", "Front", "Place", "Summary", "Corroboration", "Citation"])
    caption = f"All {len(every)} events, by id"
    controls = render("tables/filter.html.jinja", caption=caption, **filter_options(every))
    return _html_block(f'{stylesheet(ds.settings)}{controls}'
                       f'<div class="fronts-table-wrap"><table class="fronts-table fronts-sortable fronts-index" data-count="{len(every)}">'
                       f'<caption>{caption}</caption><thead><tr>{head}</tr></thead><tbody>\n'
                       + "\n".join(rows) + f"\n</tbody></table></div>{scripts(ds.settings)}")


def bibliography(ds: Dataset) -> str:
    """Every source, APA style, with an anchor per source and the events it is cited for."""
    used = ds.citations.groupby("source_id")["event_id"].apply(sorted)
    claims = ds.claims.groupby("source_id")["claim_id"].apply(sorted)
    items = []
    for s in ds.sources.sort_values(["publisher", "published", "source_id"], na_position="first").itertuples():
        evs = ", ".join(f'<a href="events.html#{esc(e)}">{esc(e)}</a>' for e in used.get(s.source_id, []))
        cl = ", ".join(esc(c) for c in claims.get(s.source_id, []))
        what = (f" Cited for {evs}." if evs else "") + (f" Source of claims {cl}." if cl else "")
        items.append(f'<li id="src-{esc(s.source_id)}">{apa_html(s)}<br><small>{esc(s.publisher_type)}; stance: {esc(s.stance)}; '
                     f'Admiralty reliability {esc(s.reliability)}.{what}</small></li>')
    return _html_block(f'<ol class="fronts-bibliography" data-count="{len(ds.sources)}">\n' + "\n".join(items) + "\n</ol>")


DESCRIPTIONS = {
    "zip": "The whole data package: every CSV table, datapackage.json, the codebook, the outline, the release snapshots and the licence.",
    "geojson": "Every published event as a GeoJSON point with all its columns (a blank figure or date is null) and the addresses of its sources.",
    "bib": "Every source as a BibTeX @online entry.",
}


def downloads_table(written: dict[str, Path]) -> str:
    rows = []
    for key, path in written.items():
        desc = DESCRIPTIONS.get(key) or f"The events of {FRONTS[key.split(':', 1)[1]]}, one row each, with place name, corroboration and source addresses."
        size = path.stat().st_size
        rows.append(f'<tr><td><a class="fronts-data-download" href="../downloads/{esc(path.name)}" download>{esc(path.name)}</a></td>'
                    f'<td data-sort="{size}">{size / 1024:,.0f} KB</td><td>{esc(desc)}</td></tr>')
    return _html_block('<div class="fronts-table-wrap"><table class="fronts-table fronts-downloads-table"><caption>Data downloads</caption>'
                       '<thead><tr><th scope="col">File</th><th scope="col">Size</th><th scope="col">What it holds</th></tr></thead><tbody>\n'
                       + "\n".join(rows) + "\n</tbody></table></div>")


def changelog(data_dir: Path) -> str:
    parts = []
    for ch in releases.history(data_dir):
        title = "Unreleased changes" if ch.version == "unreleased" else f"Version {ch.version}"
        parts.append(f"## {title}\n")
        parts.append(f"{ch.total} published events.\n")
        for label, ids in (("Added", ch.added), ("Changed", ch.changed), ("Retracted", ch.retracted), ("Restored", ch.restored)):
            if ids:
                links = ", ".join(f'<a href="events.html#{esc(i)}">{esc(i)}</a>' for i in ids)
                parts.append(f"- **{label}** ({len(ids)}): {links}\n")
            else:
                parts.append(f"- **{label}**: none\n")
        parts.append("")
    return "\n".join(parts)


def citation_examples(ds: Dataset, meta: cite.BookMeta, titles: dict[str, str]) -> str:
    front, label = SAMPLE_FIGURE
    ev = ds.events.set_index("event_id").loc[SAMPLE_EVENT]
    blocks = [("The book", cite.book(meta))]
    blocks += [(f"A chapter: {titles[f]}", cite.chapter(meta, titles[f], _chapter_page(f))) for f in FRONTS]
    blocks.append((f"A figure: the Raqqa map ({label})",
                   cite.figure(meta, label, "Map of the Raqqa events of 2017", titles[front], _chapter_page(front))))
    # The heading is Markdown: the place name (data) is written as character references.
    blocks.append((f"An event: {SAMPLE_EVENT} ({_markdown_text(ev['place_name'])}, {ev['date_start']:%d %B %Y})",
                   cite.event(meta, SAMPLE_EVENT, titles[ev["front"]], _chapter_page(ev["front"]))))
    out = []
    for title, c in blocks:
        out.append(f"## {title}\n\nAPA:\n\n```text\n{c.apa}\n```\n\nBibTeX:\n\n```bibtex\n{c.bibtex}\n```\n")
    return "\n".join(out)


def write_fragments(ds: Dataset, out: Path, downloads: dict[str, Path], root: Path = ROOT) -> list[Path]:
    """Write the generated fragments the book's pages include; returns the files written."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    meta = cite.book_meta(root / "CITATION.cff", base_url=ds.settings.site_url)
    titles = chapter_titles(root)
    content = {
        "event-index.md": event_index(ds, meta, titles) + "\n",
        "bibliography.md": bibliography(ds) + "\n",
        "downloads.md": downloads_table(downloads) + "\n",
        "changelog.md": changelog(ds.data_dir),
        "citations.md": citation_examples(ds, meta, titles),
        "bottom-line.md": prose_text(BOOK_BOTTOM_LINE, bottom_line(ds)) + "\n",
    }
    written = []
    for name, text in content.items():
        path = out / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


__all__ = ["INDEX_PAGE", "chapter_titles", "write_fragments"]
