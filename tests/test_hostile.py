"""Hostile text in every free-text field: shown as text in every output, kept exactly in the downloads.

The fixture package puts HTML, script, JavaScript template syntax, Jinja and MyST syntax, HTML
entities, quotes, TeX specials and a paragraph break into every free-text column of every table
(each cell distinct: it starts with ``table.column.line`` so a failure names the field), and the
package still validates. Then every output module is checked:

- HTML and SVG outputs (map popups, tooltips and legend, timelines, tables, claims views, the print
  map, the book's generated fragments, the APA references) contain no element, attribute or script
  that comes from the data, and show the data as text;
- the data downloads (per-front CSV, GeoJSON, the zip) carry the text exactly as in the CSVs, and
  the BibTeX file carries it TeX-escaped and balanced;
- a page holding all of it, opened in Chromium, runs none of the injected script.
"""
from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
import yaml

from fronts import load, validate
from fronts.analysis import ledger
from fronts.figures import assets, charts, overview
from fronts.figures.bibliography import TEX_ESCAPES, apa_html, apa_text, bibtex, bibtex_key, tex_url
from fronts.figures.export import write_files
from fronts.figures.maps import build_map, tooltip_text
from fronts.figures.print_map import render_svg
from fronts.figures.tables import claims_table, event_list, event_table, sources_list
from fronts.figures.timelines import build_timeline
from fronts.settings import Settings
from fronts.site import downloads, pages
from fronts.text import esc
from tests.conftest import ROOT, make_package
from tests.support.siteprobe import srcdocs

# Rows added to the fixture: RAQ-0036 is the event the "How to cite" page cites (pages.SAMPLE_EVENT);
# DAR-0002 is retracted, so the event index shows its notes. RAQ-0036's first actor is on another
# side than DAR-0001's at the same place, so the map shows every event as its own marker.
EXTRA_ROWS = {
    "events": [
        "RAQ-0036,raqqa,2017-03-01,,day,daraa,32.61889,36.10213,exact,Battles,Armed clash,syr-gov,,Placeholder summary.,,,,,published",
        "DAR-0002,daraa,2017-04-01,,day,daraa,32.61889,36.10213,locality,Battles,Armed clash,syr-gov,,Placeholder summary.,,,,"
        "Placeholder note.,retracted",
    ],
    "citations": ["RAQ-0036,fixture-a,reports,Placeholder.", "DAR-0002,fixture-b,reports,Placeholder."],
}
RETRACTED = "DAR-0002"

# Free-text columns (string; no enum, no pattern; not a key) and where each is shown. The rest are
# shown nowhere in the book and travel only in the data zip, which keeps every file byte for byte.
SHOWN = {
    ("events", "summary"): "map popup, event tables, timelines, event index, CSV, GeoJSON",
    ("events", "milestone"): "timelines, CSV, GeoJSON",
    ("events", "notes"): "event table, event index (retracted events), CSV, GeoJSON",
    ("places", "name"): "map popup and tooltip, event tables, timeline, print map, event index, cite page, CSV, GeoJSON",
    ("actors", "name"): "map popup, event table, timeline",
    ("sources", "publisher"): "map popup, tables, bibliography, BibTeX, ledger, overview timeline, GeoJSON",
    ("sources", "title"): "sources list, bibliography, BibTeX",
    ("sources", "stance"): "sources list, bibliography, BibTeX",
    ("sources", "origin"): "overview source mix",
    ("claims", "claim"): "claims table, ledger predictions",
    ("claims", "explanation"): "claims table, ledger predictions",
    ("ucdp_review", "reason"): "the chapters' table of UCDP's deadliest events",
}
ZIP_ONLY = {("places", "alt_names"), ("places", "admin1"), ("places", "notes"), ("actors", "aliases"),
            ("actors", "backers"), ("actors", "notes"), ("sources", "notes"), ("citations", "detail")}

# Markup that would run if any output let the data through as HTML.
RAW = ("<script>window.__pwned", "<img src=x")
# Data that would break out of a JavaScript template literal or be run as a Jinja template.
JS_RAW = ("`tick`", "${x}", "{{ jinja }}", "{% if 1 %}", "<script>window", "<img src=x")


def payload(tag: str, line: int, limit: int | None = None) -> str:
    """A hostile but valid cell, starting with ``tag``; a short one where the contract limits the length."""
    full = (f"{tag} <script>window.__pwned='{tag}'</script><img src=x onerror=\"window.__pwned='{tag}'\"> "
            f"`tick` ${{x}} {{{{ jinja }}}} {{% if 1 %}} 100% &amp; 'single' \"double\" C:\\new\\ a_b ~^#"
            f"\n\n*second* paragraph [link](https://evil.example/{tag})")
    if limit is None or len(full) <= limit:
        return full
    short = f"m{line}<img src=x onerror=__pwned={line}>`${{x}}{{{{}}}}"
    assert len(short) <= limit, (tag, short)
    return short


def url_payload(line: int) -> str:
    # sources.url has the pattern https?://[^\s<>"]+ : no tags, but quotes, backticks, ${}, {{}}, % and & are allowed.
    return f"https://example.org/{line}/'onmouseover='window.__pwned={line}'/`${{x}}`/{{{{j}}}}/%25/&amp;/\\x"


def free_text_columns(spec: dict) -> dict[str, dict[str, int | None]]:
    """table -> {column: maxLength} for every free-text column of the contract."""
    out = {}
    for res in spec["resources"]:
        schema = res["schema"]
        keys = set(schema.get("primaryKey", []))
        for fk in schema.get("foreignKeys", []):
            keys |= set(fk["fields"])
        out[res["name"]] = {f["name"]: f.get("constraints", {}).get("maxLength") for f in schema["fields"]
                            if f["type"] == "string" and f["name"] not in keys
                            and not {"enum", "pattern"} & set(f.get("constraints", {}))}
    return out


@dataclass
class Hostile:
    package: Path
    spec: dict
    cells: dict[tuple[str, str, int], str]  # (table, column, line) -> the text written
    rows: dict[str, list[dict[str, str]]]  # table -> the rows written (line = index + 2)

    @property
    def ds(self):
        # The book build's settings: the tests below read what the site's pages hold.
        return load(self.package, settings=Settings(assets="site"))


def make_hostile(target: Path) -> Hostile:
    make_package(target)
    spec = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
    for name, rows in EXTRA_ROWS.items():
        with (target / f"{name}.csv").open("a", encoding="utf-8") as fh:
            fh.write("\n".join(rows) + "\n")
    columns = free_text_columns(spec)
    cells, written = {}, {}
    for res in spec["resources"]:
        path = target / res["path"]
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        for line, row in enumerate(rows, start=2):
            for col, limit in columns[res["name"]].items():
                row[col] = cells[res["name"], col, line] = payload(f"{res['name']}.{col}.{line}", line, limit)
            if res["name"] == "sources":
                row["url"] = cells["sources", "url", line] = url_payload(line)
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=[f["name"] for f in res["schema"]["fields"]], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        path.write_text(buf.getvalue(), encoding="utf-8")
        written[res["name"]] = rows
    return Hostile(target, spec, cells, written)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Hostile:
    return make_hostile(tmp_path_factory.mktemp("hostile") / "data")


@pytest.fixture(scope="module")
def ds(hostile):
    return hostile.ds


# --- reading HTML ------------------------------------------------------------------------------

class Parsed(HTMLParser):
    """Elements, scripts and text of an HTML (or inline SVG) string, entities decoded."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._text: list[str] = []
        self._raw: tuple[str, dict, list[str]] | None = None
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._raw = (tag, dict(attrs), [])

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if self._raw and tag == self._raw[0]:
            if tag == "script":
                self.scripts.append((self._raw[1], "".join(self._raw[2])))
            self._raw = None

    def handle_data(self, data):
        (self._raw[2] if self._raw else self._text).append(data)

    @property
    def text(self) -> str:
        return "".join(self._text)


def assert_inert(markup: str, where: str) -> Parsed:
    """No element, attribute or script in ``markup`` comes from the data."""
    for raw in RAW:
        assert raw not in markup, f"{where}: raw {raw!r} from the data"
    page = Parsed(markup)
    tags = {tag for tag, _ in page.elements}
    assert "img" not in tags, f"{where}: an <img> element"
    for tag, attrs in page.elements:
        for name, value in attrs.items():
            assert not name.startswith("on"), f"{where}: event handler attribute {name}={value!r} on <{tag}>"
            if name in ("href", "src"):
                # The data's Markdown link and addresses are text; only sources.url may be a link.
                assert "evil.example" not in (value or ""), f"{where}: a link made from data: <{tag} {name}={value!r}>"
                assert not (value or "").strip().lower().startswith("javascript:"), f"{where}: {name}={value!r}"
    for attrs, text in page.scripts:
        if attrs.get("type") == "application/json":
            json.loads(text)  # data, never run
            assert "<" not in text, f"{where}: '<' in a JSON script"
        else:
            for raw in JS_RAW:
                assert raw not in text, f"{where}: data {raw!r} unescaped inside a script"
    return page


def assert_shows(page: Parsed, texts, where: str) -> None:
    """Each text appears, exactly, as text (not markup) on the page."""
    for text in texts:
        assert text in page.text, f"{where}: {text[:40]!r}… is not shown as text"


def myst_html(markdown: str) -> str:
    """A Markdown page rendered by MyST-Parser with the book's extensions, as the book includes its fragments."""
    from docutils.core import publish_parts
    from myst_parser.parsers.docutils_ import Parser

    extensions = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["parse"]["myst_enable_extensions"]
    warnings = io.StringIO()
    body = publish_parts(f"# Page\n\n{markdown}", parser=Parser(), writer_name="html5",
                         settings_overrides={"myst_enable_extensions": extensions, "report_level": 2, "halt_level": 5,
                                             "warning_stream": warnings, "embed_stylesheet": False})["body"]
    assert warnings.getvalue() == "" and "system-message" not in body, warnings.getvalue()
    return body


def assert_one_html_block(md: str, where: str) -> None:
    """A fragment stays one raw-HTML block in Markdown: no blank line, and no line too long for the parser."""
    assert not re.search(r"\n[ \t]*\n", md.rstrip("\n")), f"{where}: a blank line would end the HTML block"
    assert max(len(line) for line in md.split("\n")) < 10_000, f"{where}: a line over docutils' line-length limit"


def used_places(ds) -> list[str]:
    return sorted(set(ds.events["place_name"]))


# --- the fixture ---------------------------------------------------------------------------------

def test_every_free_text_column_is_covered(hostile):
    """The contract's free-text columns are exactly those this module fills (a new one must be added here)."""
    found = {(t, c) for t, cols in free_text_columns(hostile.spec).items() for c in cols}
    assert found == set(SHOWN) | ZIP_ONLY
    # Only the length limit forces the short payload: events.milestone (at most 40 characters).
    short = {(t, c) for (t, c, _), v in hostile.cells.items() if "<script>" not in v and c != "url"}
    assert short == {("events", "milestone")}


def test_hostile_package_is_valid_and_loads_unchanged(hostile, ds):
    assert validate(hostile.package).issues == []
    tables = {"events": pd.concat([ds.events, ds.retracted]), "places": ds.places, "actors": ds.actors,
              "sources": ds.sources, "citations": ds.citations, "claims": ds.claims, "ucdp_review": ds.ucdp_review}
    for (table, col, line), text in hostile.cells.items():
        if table == "citations" and hostile.rows[table][line - 2]["event_id"] == RETRACTED:
            continue  # load() keeps the citations of published events only; this one is in the zip alone
        assert text in set(tables[table][col]), f"{table}.{col} line {line}: {text[:40]!r} lost or changed by load()"
    assert RETRACTED in set(ds.retracted["event_id"])


def test_ucdp_review_reason_is_escaped(hostile, ds):
    from fronts.ucdp import context

    row = ds.ucdp_review.iloc[0]
    ucdp = pd.DataFrame({"id": [int(row["ucdp_id"])], "date_start": [pd.Timestamp("2017-02-12")], "date_end": [pd.Timestamp("2017-02-12")],
                         "where_coordinates": ["<b>x</b>"], "best": [30], "low": [30], "high": [30],
                         "latitude": [32.6], "longitude": [36.1], "where_prec": [1]})
    ctx = context.FrontContext(row["front"], status=None, settings=ds.settings, ucdp=ucdp, all_curated=ds.events,
                               all_fronts=ds.event_fronts)
    page = assert_inert(ctx.review_table(ds.ucdp_review).markup, "UCDP review table")
    assert _norm(hostile.cells["ucdp_review", "reason", 2]) in _norm(page.text)


# --- the map -------------------------------------------------------------------------------------

def _srcdoc(markup: str) -> str:
    return srcdocs(markup)[0]


def test_map_popups_tooltips_and_legend(ds, site_mode):
    legend_label = payload("legend.label", 0)
    out = build_map(ds, seed="h", title=payload("map.title", 0), legend_extra=[("<b>x</b>", legend_label)])
    assert_inert(out.markup, "map page")
    doc = _srcdoc(out.markup)
    page = assert_inert(doc, "map document")
    script = "\n".join(text for _, text in page.scripts)
    flat = _norm(script)
    assert doc.count("fronts-event fronts-geo") == len(ds.events)
    by_event = ds.citations.merge(ds.sources, on="source_id")
    for _, row in ds.events.iterrows():
        eid = row["event_id"]
        # Popup: folium puts its HTML in a JavaScript template literal (line breaks made spaces); every
        # data text is there escaped.
        for field, text in [("summary", row["summary"]), ("place", row["place_name"]),
                            ("actor1", row["actor1_name"]), ("actor2", row["actor2_name"])]:
            if text:
                assert _norm(esc(text)) in flat, f"{eid} popup: {field} not escaped as expected"
        for s in by_event[by_event["event_id"] == eid].itertuples():
            assert _norm(esc(s.publisher)) in flat and f'href="{esc(s.url)}"' in flat, f"{eid} popup: source {s.source_id}"
        # Tooltip: the id, the date and the place name, escaped once.
        tip = tooltip_text(row)
        assert _norm(tip) in flat and esc(row["place_name"]) in tip and "<" not in tip
    # Legend: its markup is JSON inside the script, its label escaped before that.
    assert json.dumps(esc(legend_label), ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e") \
        .replace("&", "\\u0026").replace("'", "\\u0027")[1:-1] in script
    # The print rendering made with the map.
    _check_print_svg(out.print_svg, ds, payload("map.title", 0))


def test_map_of_one_front(ds, site_mode):
    view = ds.front("at-tanf")
    doc = _srcdoc(build_map(view, seed="h", title="T").markup)
    page = assert_inert(doc, "at-tanf map document")
    script = _norm("\n".join(text for _, text in page.scripts))
    for text in view.events["summary"]:
        assert _norm(esc(text)) in script


# --- the print map -------------------------------------------------------------------------------

def _check_print_svg(svg: str, ds, title: str) -> None:
    root = ET.fromstring(svg)  # well-formed XML
    tags = {el.tag.split("}")[-1] for el in root.iter()}
    assert tags <= {"svg", "title", "rect", "path", "circle", "text"}, tags
    for el in root.iter():
        assert not any(name.startswith("on") for name in el.attrib), el.attrib
    assert root.get("aria-label") == " ".join(title.split("\n"))  # XML reads a line break in an attribute as a space
    text = "".join(root.itertext())
    for name in used_places(ds):
        assert name in text, f"print map: place {name[:30]!r} not drawn as text"
    assert title in text


def test_print_map(ds, hostile):
    note = payload("print.note", 0)
    svg = render_svg(ds.events, hostile.package / "outline.geojson", payload("print.title", 0), note)
    assert_inert(svg, "print map")
    _check_print_svg(svg, ds, payload("print.title", 0))
    assert note in "".join(ET.fromstring(svg).itertext())


# --- timelines and charts ------------------------------------------------------------------------

def _spec(chart) -> dict:
    """The chart's Vega spec: the site file the page names."""
    (spec,) = [text for path, text in chart.files.items() if path.endswith("-vega.json")]
    return json.loads(spec)


def _records(spec: dict) -> list[dict]:
    """The rows a chart's spec carries: Vega-Lite's ``datasets``, or Vega's ``data[].values`` (the
    page holds the Vega spec compiled in the notebook)."""
    rows = [r for values in spec.get("datasets", {}).values() for r in values]
    return rows + [r for d in spec.get("data", []) if isinstance(d.get("values"), list) for r in d["values"]]


def test_timeline_tooltip_data_and_static_svg(ds, site_mode):
    chart = build_timeline(ds, title="Timeline", alt_text="Timeline of hostile events")
    page = assert_inert(chart.markup, "timeline")
    records = _records(_spec(chart))
    for _, ev in ds.events.iterrows():
        mine = [r for r in records if r["event_id"] == ev["event_id"]]
        assert mine, ev["event_id"]
        # The tooltip shows the data as Vega reads it: exactly the text of the CSV.
        assert all(r["summary"] == ev["summary"] for r in mine)
        assert all(ev["actor1_name"] in r["actors"] and ev["actor2_name"] in r["actors"] for r in mine)
        assert all(r["label"] == f'{ev["event_id"]} {ev["place_name"][:24]}' for r in mine)
        assert any(r.get("milestone") == ev["milestone"] for r in mine), f"{ev['event_id']}: milestone"
        # The static SVG (before the chart upgrades) draws the milestone label as text.
        assert ev["milestone"] in page.text


def test_overview_timeline(ds, site_mode):
    articles = ds.sources[ds.sources["source_id"].isin(ds.claims["source_id"])]
    chart = overview.fronts_timeline(ds, articles, title="T", alt_text="All fronts")
    assert_inert(chart.markup, "overview timeline")
    records = _records(_spec(chart))
    for _, ev in ds.events.iterrows():
        assert any(r.get("summary") == ev["summary"] for r in records)
        assert any(r.get("milestone") == ev["milestone"] for r in records)
    for publisher in articles.dropna(subset=["published"])["publisher"]:
        assert any(r.get("article") == publisher for r in records)


# --- tables and claims views ---------------------------------------------------------------------

def test_event_table(ds, site_mode):
    page = assert_inert(event_table(ds, "Events").markup, "event table")
    cited = ds.citations.merge(ds.sources, on="source_id")
    assert_shows(page, list(ds.events["summary"]) + list(ds.events["notes"]) + used_places(ds)
                 + [a for a in pd.concat([ds.events["actor1_name"], ds.events["actor2_name"]]) if a]
                 + list(cited["publisher"]), "event table")
    hrefs = {a.get("href") for tag, a in page.elements if tag == "a"}
    assert set(cited["url"]) <= hrefs, "event table: a source address is not its link, exactly"


def test_event_list(ds, site_mode):
    page = assert_inert(event_list(ds.settings, ds.events, "Some events").markup, "event list")
    assert_shows(page, list(ds.events["summary"]) + used_places(ds), "event list")


def test_claims_table(ds, site_mode):
    page = assert_inert(claims_table(ds, "Claims").markup, "claims table")
    publishers = ds.sources.set_index("source_id")["publisher"]
    assert_shows(page, list(ds.claims["claim"]) + list(ds.claims["explanation"])
                 + [publishers[s] for s in ds.claims["source_id"]], "claims table")


def test_sources_list_and_apa(ds, site_mode):
    page = assert_inert(sources_list(ds).markup, "sources list")
    assert_shows(page, list(ds.sources["publisher"]) + list(ds.sources["title"]) + list(ds.sources["stance"])
                 + list(ds.sources["url"]), "sources list")
    for s in ds.sources.itertuples():
        one = assert_inert(apa_html(s), f"APA {s.source_id}")
        assert_shows(one, [s.publisher, s.title, s.url], f"APA {s.source_id}")
        assert [a["href"] for tag, a in one.elements if tag == "a"] == [s.url]
        date = "n.d." if pd.isna(s.published) else f"{s.published:%Y, %B} {s.published.day}"
        assert apa_text(s) == f"{s.publisher}. ({date}). {s.title}. {s.url}"


def test_ledger_and_overview_tables(ds, site_mode):
    """The claims ledger's chart and the DataFrames the notebooks show (pandas escapes them)."""
    chart = charts.verdict_chart(ds, title="Verdicts", alt_text="Verdicts")
    assert_inert(chart.markup, "verdict chart")
    records = _records(_spec(chart))
    publishers = ds.sources.set_index("source_id")["publisher"]
    for sid in set(ds.claims["source_id"]):
        assert any(r.get("article") == publishers[sid] for r in records)
    # pandas shortens long cells to 50 characters in a notebook; the start of each text is shown as text.
    for name, frame, texts in [
        ("verdict counts", ledger.verdict_counts(ds), [publishers[s] for s in ds.claims["source_id"]]),
        ("predictions", ledger.predictions(ds), list(ds.claims.loc[ds.claims["kind"] == "prediction", "claim"])),
        ("source mix", overview.source_mix(ds), list(ds.sources.loc[ds.sources["source_id"].isin(ds.citations["source_id"]), "origin"])),
    ]:
        markup = frame._repr_html_()
        page = assert_inert(markup, name)
        # The source mix names one outlet per front (the most cited), the others every text.
        assert (any if name == "source mix" else all)(t[:40] in page.text for t in texts), f"{name}: data text not shown"
        assert "&lt;script&gt;" in markup


# --- the book's generated pages --------------------------------------------------------------------

@pytest.fixture(scope="module")
def written(ds, tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    files = downloads.write_all(ds, out / "downloads", licence=ROOT / "LICENSE-CONTENT.md")
    fragments = pages.write_fragments(ds, out / "_generated", files, root=ROOT)
    return {"downloads": files, "fragments": {p.name: p.read_text(encoding="utf-8") for p in fragments}}


def test_event_index_fragment(ds, written):
    md = written["fragments"]["event-index.md"]
    assert_one_html_block(md, "event index")
    gone = ds.retracted[ds.retracted["event_id"] == RETRACTED].iloc[0]
    texts = list(ds.events["summary"]) + [gone["summary"], gone["notes"]] + used_places(ds)
    assert_shows(assert_inert(md, "event index"), texts, "event index")
    # As the book renders it: MyST reads the fragment as one raw-HTML block, data text untouched.
    assert_shows(assert_inert(myst_html(md), "event index page"), texts, "event index page")


def test_bibliography_fragment(ds, written):
    md = written["fragments"]["bibliography.md"]
    assert_one_html_block(md, "bibliography")
    texts = list(ds.sources["publisher"]) + list(ds.sources["title"]) + list(ds.sources["stance"]) + list(ds.sources["url"])
    for markup, where in [(md, "bibliography"), (myst_html(md), "bibliography page")]:
        page = assert_inert(markup, where)
        assert_shows(page, texts, where)
        assert set(ds.sources["url"]) <= {a.get("href") for tag, a in page.elements if tag == "a"}


def test_downloads_table_and_changelog_fragments(written):
    assert_one_html_block(written["fragments"]["downloads.md"], "downloads")
    for name in ("downloads.md", "changelog.md"):
        assert_inert(myst_html(written["fragments"][name]), name)
    page = Parsed(myst_html(written["fragments"]["downloads.md"]))
    assert {a.get("href") for tag, a in page.elements if tag == "a"} >= {f"../downloads/{p.name}" for p in written["downloads"].values()}


def test_cite_page_fragment(ds, written):
    """The "How to cite" page names the sample event's place in a Markdown heading."""
    md = written["fragments"]["citations.md"]
    place = ds.events.set_index("event_id").loc[pages.SAMPLE_EVENT, "place_name"]
    rendered = myst_html(md)
    page = assert_inert(rendered, "cite page")
    headings = [h for h in re.findall(r"<h2[^>]*>(.*?)</h2>", rendered, re.S) if pages.SAMPLE_EVENT in h]
    assert len(headings) == 1
    assert place in Parsed(headings[0]).text, "cite page: the place name is not shown as text in the heading"
    assert_shows(page, [f"Event {pages.SAMPLE_EVENT}"], "cite page")


# --- BibTeX and the data downloads ----------------------------------------------------------------

_UNTEX = {v: k for k, v in TEX_ESCAPES.items()}
_UNTEX_RE = re.compile("|".join(re.escape(v) for v in sorted(_UNTEX, key=len, reverse=True)))


def _bib_fields(entry: str) -> dict[str, str]:
    return dict(re.findall(r"^  (\w+) = \{(.*)\},?$", entry, re.M))


def _balanced(text: str) -> bool:
    depth = 0
    for i, ch in enumerate(text):
        if ch in "{}" and i and text[i - 1] == "\\":
            continue
        depth += 1 if ch == "{" else -1 if ch == "}" else 0
        if depth < 0:
            return False
    return depth == 0


def test_bibtex(ds, written):
    bib = written["downloads"]["bib"].read_text(encoding="utf-8")
    assert bib == bibtex(ds.sources)
    entries = [e for e in bib.split("\n\n") if e.strip()]
    assert len(entries) == len(ds.sources)
    for s in ds.sources.itertuples():
        entry = next(e for e in entries if e.startswith(f"@online{{{bibtex_key(s.source_id)},"))
        assert _balanced(entry), entry
        fields = _bib_fields(entry)
        assert set(fields) >= {"title", "organization", "note", "url"}, entry
        for name, value in fields.items():
            if name == "url":
                assert value == tex_url(s.url) and "\\" not in value and "{" not in value
                continue
            # Every backslash starts one of the escapes for a TeX special; nothing else is a command.
            assert "\\" not in _UNTEX_RE.sub("", value), f"{s.source_id}.{name}: a TeX command from the data"
            assert "\n" not in value
        # Undoing the escapes gives the text back (line breaks read as one space, as TeX does).
        plain = {k: _UNTEX_RE.sub(lambda m: _UNTEX[m.group(0)], v) for k, v in fields.items()}

        def spaced(text: str) -> str:
            return re.sub(r"\s*\n\s*", " ", text)

        assert plain["title"] == spaced(s.title) and plain["organization"] == spaced(s.publisher)
        assert spaced(s.stance) in plain["note"]


def _read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_front_csv_downloads_keep_text_exactly(hostile, ds, written):
    source = {r["event_id"]: r for r in _read_csv((hostile.package / "events.csv").read_text(encoding="utf-8"))}
    places = {r["place_id"]: r["name"] for r in _read_csv((hostile.package / "places.csv").read_text(encoding="utf-8"))}
    urls = ds.citations.merge(ds.sources, on="source_id").sort_values(["event_id", "source_id"]).groupby("event_id")["url"].apply(list)
    seen = set()
    for key, path in written["downloads"].items():
        if not key.startswith("csv:"):
            continue
        for row in _read_csv(path.read_text(encoding="utf-8")):
            eid = row["event_id"]
            seen.add(eid)
            for col in ("summary", "milestone", "notes"):
                assert row[col] == source[eid][col], f"{path.name} {eid}.{col} changed"
            assert row["place_name"] == places[source[eid]["place_id"]]
            assert row["source_urls"].split(" ") == urls[eid]
    assert seen == set(ds.events["event_id"])


def test_geojson_download_keeps_text_exactly(hostile, ds, written):
    data = json.loads(written["downloads"]["geojson"].read_text(encoding="utf-8"))
    events = ds.events.set_index("event_id")
    sources = ds.sources.set_index("source_id")
    assert {f["id"] for f in data["features"]} == set(events.index)
    for f in data["features"]:
        ev, props = events.loc[f["id"]], f["properties"]
        for col in ("summary", "milestone", "notes", "place_name"):
            assert props[col] == ev[col], f"GeoJSON {f['id']}.{col} changed"
        for s in props["sources"]:
            assert s["publisher"] == sources.loc[s["source_id"], "publisher"] and s["url"] == sources.loc[s["source_id"], "url"]


def test_zip_download_keeps_every_file_and_field(hostile, written):
    with zipfile.ZipFile(written["downloads"]["zip"]) as zf:
        members = {Path(n).name: n for n in zf.namelist()}
        for res in hostile.spec["resources"]:
            data = zf.read(members[res["path"]])
            assert data == (hostile.package / res["path"]).read_bytes(), res["path"]
            rows = _read_csv(data.decode("utf-8"))
            for (table, col, line), text in hostile.cells.items():
                if table == res["name"]:
                    assert rows[line - 2][col] == text, f"zip {res['path']} line {line} {col}"


# --- in a browser ----------------------------------------------------------------------------------

VISIBLE_TEXT = """() => {
  const body = document.body.cloneNode(true);
  body.querySelectorAll('script, style').forEach(e => e.remove());
  return body.textContent;
}"""
# The map's own view, kept before the first popup and put back after each: a popup pans the map to
# fit, and the clustered layers then drop the markers that left the view.
MAP_VIEW = """(restore) => {
  const map = window[Object.keys(window).find(k => /^map_[0-9a-f]+$/.test(k))];
  map.closePopup();
  if (!restore) { window.__fronts_view = [map.getCenter(), map.getZoom()]; }
  else { map.setView(window.__fronts_view[0], window.__fronts_view[1], {animate: false}); }
}"""
INJECTED = """() => ({
  pwned: typeof window.__pwned,
  injected: document.querySelectorAll('img[src="x"], img[onerror], [onmouseover]').length,
  scripts: Array.from(document.scripts).filter(s => s.type !== 'application/json' && s.textContent.includes("__pwned='")).length,
})"""
CLEAN = {"pwned": "undefined", "injected": 0, "scripts": 0}


def _norm(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.browser
def test_no_injected_script_runs_in_chromium(browser, ds, written, tmp_path, monkeypatch):
    from tests.site import PageWatch, map_frame, serve

    monkeypatch.setenv("FRONTS_ASSETS", "site")
    monkeypatch.setenv("FRONTS_ASSET_BASE", "../vendor/")
    legend_label = payload("legend.label", 0)
    frags = written["fragments"]
    timeline = build_timeline(ds, title="t", alt_text="t")
    body = (build_map(ds, seed="x", title="map", legend_extra=[("<b>x</b>", legend_label)]).markup
            + timeline.markup
            + event_table(ds, "events").markup + claims_table(ds, "claims").markup + sources_list(ds).markup
            + "".join(myst_html(frags[n]) for n in ("event-index.md", "bibliography.md", "citations.md")))
    site = tmp_path / "site"
    (site / "notebooks").mkdir(parents=True)
    (site / "notebooks/x.html").write_text('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>x</title>'
                                           f'<link rel="icon" href="data:,"></head><body>{body}</body></html>', encoding="utf-8")
    assets.copy_vendor(site, ds.settings)
    write_files(timeline.files, site)  # the chart's Vega spec, fetched with Vega
    summaries = dict(zip(ds.events["event_id"], ds.events["summary"], strict=True))
    places = dict(zip(ds.events["event_id"], ds.events["place_name"], strict=True))
    with serve(site) as base:
        context = browser.new_context()
        page = context.new_page()
        watch = PageWatch(context, page)
        page.goto(base + "notebooks/x.html", wait_until="load")
        page.evaluate("window.frontsUpgradeCharts()")  # a reader reaching a chart loads Vega
        page.wait_for_function("document.querySelector('.fronts-chart[data-upgraded=\"yes\"]')", timeout=20000)
        assert page.evaluate(INJECTED) == CLEAN, (page.evaluate(INJECTED), watch.dialogs)
        frame = map_frame(page)
        frame.wait_for_function(f"document.querySelectorAll('path.fronts-event').length === {len(ds.events)}", timeout=20000)
        # Click each marker in turn (as a reader would) and read its popup.
        popups = {}
        markers = frame.locator("path.fronts-event")
        frame.evaluate(MAP_VIEW, False)
        for attempt in range(3 * len(ds.events)):
            frame.evaluate(MAP_VIEW, True)
            frame.wait_for_function(f"document.querySelectorAll('path.fronts-event').length === {len(ds.events)}", timeout=5000)
            markers.nth(attempt % len(ds.events)).dispatch_event("click")
            frame.wait_for_selector(".leaflet-popup-content", timeout=5000)
            for text in frame.locator(".leaflet-popup-content").all_inner_texts():
                popups[re.match(r"\s*([A-Z]{3}-\d{4})", text).group(1)] = text
            if len(popups) == len(ds.events):
                break
        frame.evaluate(MAP_VIEW, True)
        markers.first.dispatch_event("mouseover")
        frame.wait_for_selector(".leaflet-tooltip", timeout=5000)
        tooltips = frame.locator(".leaflet-tooltip").all_inner_texts()
        legend = frame.locator(".fronts-legend").inner_text()
        page.locator(".fronts-chart-live g.events_ranges_marks > path").first.hover(force=True)
        page.wait_for_selector("#vg-tooltip-element.visible", timeout=5000)
        vega_tooltip = page.locator("#vg-tooltip-element").inner_text()
        page_text = page.evaluate(VISIBLE_TEXT)
        injected = [page.evaluate(INJECTED), frame.evaluate(INJECTED)]
        context.close()
    assert injected == [CLEAN, CLEAN], injected
    assert watch.dialogs == [] and watch.page_errors == [] and watch.console_errors == [], (watch.dialogs, watch.page_errors)
    assert watch.http_errors == [] and watch.external() == [], (watch.http_errors, watch.external())
    # What the reader sees: the hostile text, as text.
    assert set(popups) == set(summaries)
    for eid, text in popups.items():
        assert _norm(summaries[eid]) in _norm(text) and _norm(places[eid]) in _norm(text), eid
    assert tooltips and all(any(_norm(p) in _norm(tip) for p in places.values()) for tip in tooltips), tooltips
    assert _norm(legend_label) in _norm(legend)
    eid = re.search(r"[A-Z]{3}-\d{4}", vega_tooltip).group(0)
    assert _norm(summaries[eid]) in _norm(vega_tooltip), vega_tooltip
    shown = _norm(page_text)
    for text in (list(ds.events["summary"]) + list(ds.events["notes"]) + list(ds.events["milestone"]) + list(places.values())
                 + list(ds.sources["publisher"]) + list(ds.sources["title"]) + list(ds.sources["stance"])
                 + list(ds.claims["claim"]) + list(ds.claims["explanation"]) + list(ds.retracted["notes"])):
        assert _norm(text) in shown, f"not shown as text: {text[:40]!r}"

