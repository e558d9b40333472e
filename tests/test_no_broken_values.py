"""No "NaN", "nan", "None" or "NaT" is ever shown to a reader (issue 18, item 4): not on any built
page (map popups in the frames included), and not in any stored notebook output. A blank stays blank.

A broken value shows as the whole text of a cell or element, or after a label's colon
("Reported deaths: nan"); prose may say "None of the…", which is not one.
"""
from __future__ import annotations

import html
import re

import nbformat
import pytest

from tests.conftest import ROOT
from tests.site import require_site

BROKEN = re.compile(r">\s*(NaN|nan|None|NaT)\s*<|:\s*(?:</b>\s*)?(NaN|nan|None|NaT)\b")


def _shown(markup: str) -> str:
    """The markup with scripts and styles removed and the map frames' documents unfolded."""
    text = html.unescape(markup)  # srcdoc documents become markup of their own
    return re.sub(r"<(script|style)\b.*?</\1>", "", text, flags=re.S | re.I)


def broken(markup: str) -> list[str]:
    shown = _shown(markup)
    return [shown[max(0, m.start() - 60):m.end() + 10] for m in BROKEN.finditer(shown)]


def test_the_pattern_finds_what_it_should():
    assert broken("<td>NaN</td><td> None </td><b>Reported deaths:</b> nan")
    assert broken('<iframe srcdoc="&lt;td&gt;NaT&lt;/td&gt;"></iframe>')
    assert not broken("<p>None of the sources</p><td></td><td>Nancy</td>")


def test_no_built_page_shows_a_broken_value():
    site = require_site()
    found = {str(p.relative_to(site)): broken(p.read_text(encoding="utf-8")) for p in sorted(site.rglob("*.html"))}
    assert {k: v[:3] for k, v in found.items() if v} == {}


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").glob("*.ipynb")), ids=lambda p: p.stem)
def test_no_notebook_output_shows_a_broken_value(path):
    bad = []
    for n, cell in enumerate(nbformat.read(path, as_version=4).cells):
        for out in cell.get("outputs", []):
            for mime in ("text/html", "text/markdown"):
                if mime in out.get("data", {}):
                    bad += [(n, b) for b in broken(f"<div>{out['data'][mime]}</div>")]
    assert bad == []
