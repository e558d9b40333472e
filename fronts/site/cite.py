"""Ready-made citations (APA and BibTeX) for the book, a chapter, a figure and a single event.

Title, authors, version and release date come from ``CITATION.cff``; the site's address comes from
``Settings.site_url`` (``$FRONTS_SITE_URL`` at an edge). The book has no public address yet,
so by default citations carry no URL and name the page and anchor instead: no address is invented.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from fronts.figures.bibliography import tex
from fronts.paths import REPO as ROOT


@dataclass(frozen=True)
class BookMeta:
    title: str
    authors: str
    version: str
    released: str
    base_url: str

    @property
    def year(self) -> str:
        return self.released[:4]


@cache
def _cff(path: str) -> dict:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def book_meta(cff_path: Path | None = None, base_url: str = "") -> BookMeta:
    """The book's title, authors, version and date from CITATION.cff, and its address (``Settings.site_url``)."""
    data = _cff(str(cff_path or ROOT / "CITATION.cff"))
    authors = "; ".join(a.get("name") or f"{a.get('family-names', '')}, {a.get('given-names', '')}".strip(", ")
                        for a in data["authors"])
    return BookMeta(data["title"], authors, str(data["version"]), str(data["date-released"]), base_url.rstrip("/"))


def _where(meta: BookMeta, page: str, anchor: str = "") -> str:
    """The page's address if the site has one, else its path in the book."""
    suffix = f"#{anchor}" if anchor else ""
    return f"{meta.base_url}/{page}{suffix}" if meta.base_url else f"{page}{suffix} in the book"


@dataclass(frozen=True)
class Citation:
    apa: str
    bibtex: str


def _bib(kind: str, key: str, fields: list[tuple[str, str]]) -> str:
    # The corporate author sits in an extra pair of braces, so BibTeX prints it as one name.
    body = ",\n".join(f"  {k} = {{{{{tex(v)}}}}}" if k == "author" else f"  {k} = {{{tex(v)}}}" for k, v in fields if v)
    return f"@{kind}{{{key},\n{body}\n}}"


def _common(meta: BookMeta) -> list[tuple[str, str]]:
    return [("author", meta.authors), ("year", meta.year), ("version", meta.version),
            ("date", meta.released)]


def book(meta: BookMeta) -> Citation:
    where = meta.base_url or ""
    apa = f"{meta.authors}. ({meta.year}). {meta.title} (Version {meta.version}) [Data set and book]." + (f" {where}" if where else "")
    bib = _bib("online", f"syriafronts2017-v{meta.version}", [("title", meta.title), *_common(meta), ("url", where)])
    return Citation(apa, bib)


def chapter(meta: BookMeta, chapter_title: str, page: str) -> Citation:
    apa = f"{meta.authors}. ({meta.year}). {chapter_title}. In {meta.title} (Version {meta.version}). {_where(meta, page)}."
    key = f"syriafronts2017-v{meta.version}-{Path(page).stem}"
    bib = _bib("incollection", key, [("title", chapter_title), ("booktitle", meta.title), *_common(meta),
                                     ("url", _where(meta, page) if meta.base_url else ""),
                                     ("note", "" if meta.base_url else _where(meta, page))])
    return Citation(apa, bib)


def figure(meta: BookMeta, label: str, caption: str, chapter_title: str, page: str) -> Citation:
    apa = (f"{meta.authors}. ({meta.year}). {caption} [Figure {label}]. In {chapter_title}, {meta.title} "
           f"(Version {meta.version}). {_where(meta, page, label)}.")
    bib = _bib("misc", f"syriafronts2017-v{meta.version}-{label}",
               [("title", caption), ("howpublished", f"Figure {label} in {chapter_title}, {meta.title}"), *_common(meta),
                ("url", _where(meta, page, label) if meta.base_url else ""),
                ("note", "" if meta.base_url else _where(meta, page, label))])
    return Citation(apa, bib)


def event(meta: BookMeta, event_id: str, chapter_title: str, page: str) -> Citation:
    apa = (f"{meta.authors}. ({meta.year}). Event {event_id}. In {chapter_title}, {meta.title} "
           f"(Version {meta.version}) [Data set]. {_where(meta, page, event_id)}.")
    bib = _bib("misc", f"syriafronts2017-v{meta.version}-{event_id}",
               [("title", f"Event {event_id}"), ("howpublished", f"{chapter_title}, {meta.title}"), *_common(meta),
                ("url", _where(meta, page, event_id) if meta.base_url else ""),
                ("note", "" if meta.base_url else _where(meta, page, event_id))])
    return Citation(apa, bib)

