"""The sources as a bibliography: APA-style references and a BibTeX file, all from ``sources.csv``.

Nothing here is typed by hand: every reference is built from a row of ``sources.csv``. A source
with no stated publication date is cited "n.d." (no date), as APA does; no date is guessed.
"""
from __future__ import annotations

import re

import pandas as pd

from fronts.text import esc

# Characters with a meaning in BibTeX/LaTeX, and what stands for them inside a braced field.
TEX_ESCAPES = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#",
        "_": r"\_", "$": r"\$", "^": r"\^{}", "~": r"\~{}"}
_TEX_RE = re.compile("|".join(re.escape(k) for k in TEX_ESCAPES))
_LINE_BREAK = re.compile(r"[ \t]*[\r\n][\s]*")


def tex(text: str) -> str:
    """Text safe inside a braced BibTeX field (no unbalanced braces, no stray commands).

    Line breaks become one space, as TeX reads a single one; a blank line (two paragraphs in a
    title or note) would otherwise be a paragraph break inside the field, which stops LaTeX
    ("Paragraph ended before ... was complete") wherever a style passes the field to a macro.
    """
    return _TEX_RE.sub(lambda m: TEX_ESCAPES[m.group(0)], _LINE_BREAK.sub(" ", str(text)))


def tex_url(url: str) -> str:
    """A URL for BibTeX's verbatim url field: braces, backslashes and spaces percent-encoded (other characters, including existing %-escapes, as retrieved)."""
    return str(url).replace("{", "%7B").replace("}", "%7D").replace("\\", "%5C").replace(" ", "%20")


def bibtex_key(source_id: str) -> str:
    """The BibTeX key of a source: its id, with anything but letters, digits, - and : replaced."""
    return re.sub(r"[^A-Za-z0-9:-]", "-", source_id)


def apa_date(published) -> str:
    if published is None or pd.isna(published):
        return "n.d."
    return f"{published:%Y, %B} {published.day}"


def apa_text(s) -> str:
    """One source as an APA-style reference in plain text."""
    title = s.title or "(untitled)"
    return f"{s.publisher}. ({apa_date(s.published)}). {title}. {s.url}"


def apa_html(s) -> str:
    """One source as an APA-style reference in HTML, every field escaped."""
    title = esc(s.title or "(untitled)")
    return (f"{esc(s.publisher)}. ({esc(apa_date(s.published))}). <cite>{title}</cite>. "
            f'<a href="{esc(s.url)}" rel="noopener noreferrer">{esc(s.url)}</a>')


def bibtex_entry(s) -> str:
    fields = [("title", s.title or "(untitled)"), ("organization", s.publisher)]
    if s.published is not None and pd.notna(s.published):
        fields.append(("date", f"{s.published:%Y-%m-%d}"))
    fields.append(("langid", s.language))
    fields.append(("note", f"Publisher type: {s.publisher_type}; stance: {s.stance}; Admiralty reliability {s.reliability}"))
    body = ",\n".join([f"  {k} = {{{tex(v)}}}" for k, v in fields if v] + [f"  url = {{{tex_url(s.url)}}}"])
    return f"@online{{{bibtex_key(s.source_id)},\n{body}\n}}\n"


def bibtex(sources: pd.DataFrame) -> str:
    """Every source as a BibTeX ``@online`` entry, sorted by id."""
    return "\n".join(bibtex_entry(s) for s in sources.sort_values("source_id").itertuples())
