"""Every internal link and asset reference of the built site resolves, without any network.

Each HTML file under _build/html is parsed, and so is the ``srcdoc`` document of each iframe (a
map). An internal reference must name an existing file, and its ``#fragment`` an existing ``id``
or ``<a name>`` in the target page. A ``srcdoc`` document has no address of its own: its relative
references, fragments included, resolve against the page that holds the iframe (the HTML
standard's rule for ``about:srcdoc``), which is how the popups' ``#EVENT-ID`` links with
``target="_parent"`` reach the event table. Folium writes each popup's HTML into the map's script
as a JavaScript template literal, ``$(`...`)[0]``; those are parsed as part of the srcdoc document.
External http(s) links are counted, never fetched.
"""
from __future__ import annotations

import posixpath
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.site import require_site

# Attributes that hold one URL; srcset and the like are not used on this site.
URL_ATTRS = {("a", "href"), ("area", "href"), ("link", "href"), ("script", "src"), ("img", "src"),
             ("iframe", "src"), ("source", "src"), ("video", "src"), ("audio", "src"), ("embed", "src"),
             ("object", "data"), ("form", "action")}
FOLIUM_HTML = re.compile(r"\$\(`(.*?)`\)\[0\]", re.S)


@dataclass
class Doc:
    """What one HTML document declares and references."""
    ids: set[str] = field(default_factory=set)
    refs: list[tuple[str, str]] = field(default_factory=list)  # (tag.attr, url)
    srcdocs: list[str] = field(default_factory=list)
    popups: int = 0


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.doc = Doc()
        self.scripts: list[str] = []
        self._in_script = False

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.doc.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.doc.ids.add(a["name"])
        for attr, value in attrs:
            if (tag, attr) in URL_ATTRS and value is not None:
                self.doc.refs.append((f"{tag}.{attr}", value.strip()))
        if tag == "iframe" and a.get("srcdoc"):
            self.doc.srcdocs.append(a["srcdoc"])
        self._in_script = tag == "script"

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self._in_script = False


def parse(text: str, popups: bool = False) -> Doc:
    """Ids and references of one document; with ``popups``, also those of folium's popup HTML."""
    parser = _Parser()
    parser.feed(text)
    parser.close()
    doc = parser.doc
    if popups:
        for fragment in FOLIUM_HTML.findall("".join(parser.scripts)):
            inner = parse(fragment)
            doc.ids |= inner.ids
            doc.refs += [(f"popup {kind}", url) for kind, url in inner.refs]
            doc.popups += 1
    return doc


def check_site(site: Path) -> tuple[Counter, list[str]]:
    """Counts by kind of reference, and a line per broken internal reference."""
    pages = {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*.html"))}
    docs = {name: parse(path.read_text(encoding="utf-8")) for name, path in pages.items()}
    counts: Counter = Counter(html_files=len(pages))
    broken: list[str] = []

    def check(page: str, where: str, kind: str, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") or url.startswith("//"):
            counts["external http(s), not fetched"] += 1
            return
        if parts.scheme:  # mailto:, data:, javascript: ...
            counts[f"{parts.scheme}: links"] += 1
            if parts.scheme == "javascript":
                broken.append(f"{where}: {kind} {url!r} is a javascript: URL")
            return
        if not url:
            broken.append(f"{where}: {kind} is empty")
            return
        target = page
        if parts.path:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
            if target.startswith("../"):
                broken.append(f"{where}: {kind} {url!r} leaves the site ({target})")
                return
            path = site / target
            if path.is_dir():
                target = posixpath.join(target, "index.html")
                path = site / target
            if not path.is_file():
                broken.append(f"{where}: {kind} {url!r} -> {target} does not exist")
                return
            counts["internal files"] += 1
        if parts.fragment:
            if target not in docs:
                broken.append(f"{where}: {kind} {url!r} has a fragment but {target} is not an HTML page")
                return
            if unquote(parts.fragment) not in docs[target].ids:
                broken.append(f"{where}: {kind} {url!r} -> no id {unquote(parts.fragment)!r} in {target}")
                return
            counts["fragments (#anchors)" + (" into other pages" if target != page else " on the same page")] += 1

    for page, doc in docs.items():
        for kind, url in doc.refs:
            check(page, page, kind, url)
        for n, srcdoc in enumerate(doc.srcdocs, 1):
            inner = parse(srcdoc, popups=True)
            counts["iframe srcdoc documents"] += 1
            counts["map popups parsed"] += inner.popups
            for kind, url in inner.refs:
                check(page, f"{page} (iframe srcdoc {n})", kind, url)
    return counts, broken


def test_every_internal_link_resolves(capsys):
    site = require_site()
    counts, broken = check_site(site)
    with capsys.disabled():
        print("\nlinks in _build/html: " + ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())))
    assert counts["html_files"] >= 10 and counts["iframe srcdoc documents"] >= 6 and counts["map popups parsed"] > 0, counts
    assert counts["fragments (#anchors) into other pages"] > 0 and counts["fragments (#anchors) on the same page"] > 0, counts
    assert broken == [], f"{len(broken)} broken internal reference(s):\n" + "\n".join(broken)


def test_checker_catches_broken_links(tmp_path):
    """The checker itself: a missing file, a missing anchor, and a srcdoc anchor resolved on its parent."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.html").write_text(
        '<p id="here"></p><a href="#here">ok</a><a href="#gone">x</a><a href="../b.html#top">ok</a>'
        '<a href="../b.html#nope">x</a><a href="missing.html">x</a><a href="https://example.org/">ext</a>'
        '<iframe srcdoc="&lt;a href=&quot;#here&quot; target=&quot;_parent&quot;&gt;ok&lt;/a&gt;'
        '&lt;a href=&quot;#inner&quot;&gt;x&lt;/a&gt;&lt;p id=&quot;inner&quot;&gt;&lt;/p&gt;'
        '&lt;script&gt;var p = $(`&lt;a href=&quot;#popup-gone&quot; target=&quot;_parent&quot;&gt;x&lt;/a&gt;`)[0];&lt;/script&gt;"></iframe>',
        encoding="utf-8")
    (tmp_path / "b.html").write_text('<a name="top"></a><a href="sub/a.html#here">ok</a>', encoding="utf-8")
    counts, broken = check_site(tmp_path)
    assert sorted(b.split(" -> ")[-1] for b in broken) == [
        "no id 'gone' in sub/a.html", "no id 'inner' in sub/a.html", "no id 'nope' in b.html", "no id 'popup-gone' in sub/a.html",
        "sub/missing.html does not exist"]
    assert counts["map popups parsed"] == 1
    assert counts["external http(s), not fetched"] == 1
    assert counts["fragments (#anchors) into other pages"] == 2 and counts["fragments (#anchors) on the same page"] == 2


ICON_LINK = re.compile(r'<link\b[^>]*\brel="(?:shortcut )?icon"[^>]*>', re.I)


def test_every_page_names_an_icon_that_exists():
    """A page without ``<link rel="icon">`` makes the browser ask for /favicon.ico, which the site
    does not have: a 404 in every reader's console (found on the index redirect page by CI)."""
    site = require_site()
    pages = sorted(site.rglob("*.html"))
    assert (site / "index.html") in pages and len(pages) > 10
    for page in pages:
        text = page.read_text(encoding="utf-8")
        links = ICON_LINK.findall(text)
        assert links, f"{page.relative_to(site)} has no <link rel=\"icon\">"
        href = re.search(r'href="([^"]+)"', links[0]).group(1)
        target = (page.parent / unquote(href)).resolve()
        assert target.is_file() and target.is_relative_to(site.resolve()), (page.relative_to(site), href)
    assert not (site / "favicon.ico").exists()  # so the link above is the only way the icon is found
