"""CITATION.cff is valid and matches the package version; the ready-made citations are well formed."""
from __future__ import annotations

import json
import re

import yaml
from jsonschema import Draft7Validator

from fronts import RELEASED, __version__
from fronts.figures.bibliography import apa_text, bibtex, bibtex_key, tex, tex_url
from fronts.site import cite
from tests.conftest import ROOT

CFF = ROOT / "CITATION.cff"
SCHEMA = ROOT / "tests" / "schemas" / "cff-1.2.0.schema.json"


def test_citation_cff_is_valid_against_the_cff_schema():
    data = yaml.safe_load(CFF.read_text(encoding="utf-8"))
    errors = sorted(Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).iter_errors(data), key=str)
    assert [e.message for e in errors] == []
    assert data["type"] == "dataset" and data["cff-version"] == "1.2.0"


def test_citation_cff_version_and_date_match_the_package():
    data = yaml.safe_load(CFF.read_text(encoding="utf-8"))
    assert str(data["version"]) == __version__
    assert str(data["date-released"]) == RELEASED
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'version = { attr = "fronts.version.__version__" }' in pyproject


def _balanced(text: str) -> bool:
    depth = 0
    for i, ch in enumerate(text):
        if ch == "{" and (i == 0 or text[i - 1] != "\\"):
            depth += 1
        elif ch == "}" and (i == 0 or text[i - 1] != "\\"):
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def test_event_and_book_citations():
    meta = cite.book_meta(base_url="")
    c = cite.event(meta, "RAQ-0036", "Raqqa: the ring around the city", "notebooks/raqqa.html")
    assert c.apa.startswith("Syria Fronts 2017 Contributors. (2026). Event RAQ-0036. In Raqqa")
    assert f"(Version {__version__})" in c.apa and "notebooks/raqqa.html#RAQ-0036 in the book" in c.apa
    assert c.bibtex.startswith(f"@misc{{syriafronts2017-v{__version__}-RAQ-0036,") and _balanced(c.bibtex)
    assert "author = {{Syria Fronts 2017 Contributors}}" in c.bibtex
    online = cite.book_meta(base_url="https://example.org/fronts/")
    c2 = cite.event(online, "RAQ-0036", "Raqqa", "notebooks/raqqa.html")
    assert "https://example.org/fronts/notebooks/raqqa.html#RAQ-0036." in c2.apa
    assert "url = {https://example.org/fronts/notebooks/raqqa.html\\#RAQ-0036}" in c2.bibtex
    for c3 in (cite.book(meta), cite.chapter(meta, "Raqqa", "notebooks/raqqa.html"),
               cite.figure(meta, "fig-raq-map", "Map of the Raqqa events", "Raqqa", "notebooks/raqqa.html")):
        assert _balanced(c3.bibtex) and __version__ in c3.apa


def test_bibtex_escapes_hostile_text(package):
    from fronts import load

    ds = load(package)
    s = ds.sources.iloc[0].copy()
    s["title"] = "Evil } title {with} %comment & $math$ \\command #1 _x ~y ^z"
    s["url"] = "https://example.org/a/{{"
    s["source_id"] = "bad id/with spaces"
    import pandas as pd

    entry = bibtex(pd.DataFrame([s]))
    assert _balanced(entry)
    assert "url = {https://example.org/a/%7B%7B}" in entry
    assert entry.startswith("@online{bad-id-with-spaces,")
    assert tex("50% & co") == r"50\% \& co" and tex_url("https://x.org/%E2%80%99") == "https://x.org/%E2%80%99"
    assert bibtex_key("a:b_c") == "a:b-c"


def test_apa_reference_from_a_source_row(package):
    from fronts import load

    s = next(load(package).sources.itertuples())
    assert apa_text(s) == "Publisher A. (2017, May 18). Fixture article A. https://example.org/a"
    undated = s._replace(published=None)
    assert re.search(r"\(n\.d\.\)", apa_text(undated))
