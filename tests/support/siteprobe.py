"""Serving a built site on 127.0.0.1 and reading what a reader sees in Debian's Chromium.

Used by the browser tests and by the benchmark, so both count markers and marks the same way.
"""
from __future__ import annotations

import functools
import http.server
import os
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on a free port of 127.0.0.1; yields the base URL."""
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def chromium_version() -> str:
    """What ``chromium --version`` says, for the benchmark's record ("unknown" if it cannot run)."""
    try:
        out = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30).stdout
        return out.strip().splitlines()[0] if out.strip() else "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


@contextmanager
def chromium():
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


# JavaScript run in the map's frame: what a reader sees as events, counting each cluster's number.
COUNT_MAP_EVENTS = """() => {
  const loose = document.querySelectorAll('path.fronts-event').length;
  let clustered = 0;
  document.querySelectorAll('.marker-cluster span').forEach(s => { clustered += parseInt(s.textContent, 10) || 0; });
  return {loose, clustered, total: loose + clustered};
}"""

COUNT_CHART_MARKS = """(name) => {
  const box = document.querySelector('.fronts-chart[data-chart="' + name + '"]');
  if (!box) return null;
  const live = box.querySelector('.fronts-chart-live svg');
  const count = sel => (live ? live.querySelectorAll(sel).length : -1);
  return {upgraded: box.getAttribute('data-upgraded'),
          marks: count('g.events_ranges_marks > path') + count('g.events_points_marks > path'),
          approach: count('g.approach_points_marks > path')};
}"""


class PageWatch:
    """Console errors, uncaught errors, dialogs and every request a page makes, frames included."""

    def __init__(self, context, page):
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.http_errors: list[str] = []
        page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        context.on("request", lambda r: self.requests.append(r.url))
        context.on("response", lambda r: self.http_errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)

    def external(self) -> list[str]:
        return [u for u in self.requests if not (u.startswith("http://127.0.0.1:") or u.startswith(("data:", "blob:", "about:")))]


def map_frame(page):
    for frame in page.frames:
        if frame != page.main_frame and frame.query_selector(".leaflet-container"):
            return frame
    raise AssertionError("no map frame with a .leaflet-container on the page")


def settled(frame, script: str, *args, samples: int = 3, interval_ms: int = 300, timeout_ms: int = 15000):
    """Evaluate ``script`` until it returns the same value ``samples`` times in a row.

    Leaflet and MarkerCluster animate zooms and cluster changes; during an animation old and new
    cluster icons are both in the page, so a single reading can count some events twice.
    """
    readings: list = []
    waited = 0
    while waited <= timeout_ms:
        readings.append(frame.evaluate(script, *args))
        if len(readings) >= samples and all(r == readings[-1] for r in readings[-samples:]):
            return readings[-1]
        frame.wait_for_timeout(interval_ms)
        waited += interval_ms
    raise AssertionError(f"no stable reading within {timeout_ms} ms: {readings[-samples:]}")


def srcdocs(markup: str) -> list[str]:
    """The ``srcdoc`` documents of the iframes in ``markup``, unescaped (an HTML parser reads the
    attribute whichever quotes it is written in)."""
    from html.parser import HTMLParser

    found: list[str] = []

    class _Frames(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "iframe":
                found.extend(v for k, v in attrs if k == "srcdoc" and v is not None)

    parser = _Frames(convert_charrefs=True)
    parser.feed(markup)
    parser.close()
    return found
