"""Test-side helpers for the built site; serving and counting live in tests.support.siteprobe."""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.support import siteprobe
from tests.support.siteprobe import COUNT_CHART_MARKS, COUNT_MAP_EVENTS, PageWatch, map_frame, serve  # noqa: F401

SITE = ROOT / "_build" / "html"


def _missing(message: str) -> None:
    if os.environ.get("FRONTS_REQUIRE_SITE") == "1":
        pytest.fail(message)
    pytest.skip(message)


def require_site() -> Path:
    """The built site; missing is a failure under `make test`, a skip for a bare `pytest`.

    `make test-fast` never reads a site: one left from an earlier build may not match the code."""
    if os.environ.get("FRONTS_FAST") == "1":
        pytest.skip("make test-fast does not read the built site (make test builds it and reads it)")
    if not (SITE / "index.html").exists():
        _missing("no built site in _build/html: run `make book` (make test builds it first)")
    return SITE


REDIRECT = 'http-equiv="Refresh"'  # fronts.site.page_fixes.redirect_page writes index.html with it


def is_redirect(text: str) -> bool:
    """Whether a built page is the index's meta-refresh redirect rather than a page of the book."""
    return REDIRECT in text


def require_axe() -> str:
    """axe.min.js: $FRONTS_AXE (set by `make test`), else the newest copy `make axe` unpacked."""
    given = os.environ.get("FRONTS_AXE")
    found = [Path(given)] if given else sorted((ROOT / ".cache").glob("axe-core-*/axe.min.js"))
    if not found or not found[-1].is_file():
        _missing("axe-core is missing: run `make axe` (needs npm; `make test` runs it)")
    return found[-1].read_text(encoding="utf-8")


@contextmanager
def chromium():
    if not Path(siteprobe.CHROMIUM).exists():
        _missing(f"{siteprobe.CHROMIUM} is missing: `make test` installs Debian's chromium (apt-get install chromium)")
    with siteprobe.chromium() as browser:
        yield browser
