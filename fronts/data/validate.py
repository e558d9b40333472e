"""Validate the data package: the contract in datapackage.json, then the domain rules.

Every problem becomes an :class:`Issue` reading ``file:row:column: what is wrong``; nothing is
skipped or dropped silently.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fronts.data import gazetteer
from fronts.data.contract import Resource, read_contract
from fronts.data.csvfile import read_csv
from fronts.data.errors import DataError, Issue
from fronts.data.geo import country_check, haversine_km

ACLED_SUBTYPES = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use", "Headquarters or base established", "Looting/property destruction", "Non-violent transfer of territory", "Other"},
}
FRONT_PREFIX = {"deir-ez-zor": "DEZ", "raqqa": "RAQ", "daraa": "DAR", "at-tanf": "TNF", "iraq-border": "IRQ"}
# Largest span (date_end - date_start, in days) each precision allows.
PRECISION_SPAN = {"day": 0, "days": 6, "week": 7, "month": 31}
COUNTRY_TOLERANCE_KM = 5.0
GEONAMES_TOLERANCE_KM = 5.0
EVENT_TO_PLACE_MAX_KM = 60.0

Row = dict[str, Any]


@dataclass
class Table:
    """A validated table: typed rows, each remembering the line it came from."""

    label: str
    rows: list[tuple[int, Row]] = field(default_factory=list)

    def records(self) -> list[Row]:
        return [r for _, r in self.rows]


@dataclass
class Report:
    issues: list[Issue]
    tables: dict[str, Table]

    @property
    def ok(self) -> bool:
        return not self.issues


def validate(data_dir: Path | str) -> Report:
    """Check every table of the data package in ``data_dir``; return the issues and typed tables."""
    data_dir = Path(data_dir)
    contract = read_contract(data_dir)
    issues: list[Issue] = []
    tables: dict[str, Table] = {}
    for res in contract.values():
        tables[res.name] = _read_table(data_dir, res, issues)
    for res in contract.values():
        _check_keys(res, tables, issues)
    _check_domain(data_dir, tables, issues)
    return Report(sorted(set(issues)), tables)


def check(data_dir: Path | str) -> Report:
    """Like :func:`validate`, but raise :class:`DataError` listing every issue."""
    report = validate(data_dir)
    if report.issues:
        raise DataError(report.issues)
    return report


def _label(data_dir: Path, path: str) -> str:
    return str(data_dir / path)


def _read_table(data_dir: Path, res: Resource, issues: list[Issue]) -> Table:
    label = _label(data_dir, res.path)
    raw = read_csv(data_dir / res.path, label, res.columns)
    issues.extend(raw.issues)
    table = Table(label)
    for line, cells in raw.rows:
        typed: Row = {}
        for f in res.fields:
            value, err = f.parse(cells[f.name])
            if err:
                issues.append(Issue(label, line, f.name, err))
                value = None  # a bad cell takes part in no later rule; its issue is already reported
            typed[f.name] = value
        table.rows.append((line, typed))
    return table


def _check_keys(res: Resource, tables: dict[str, Table], issues: list[Issue]) -> None:
    table = tables[res.name]
    if res.primary_key:
        seen: dict[tuple, int] = {}
        for line, row in table.rows:
            key = tuple(row[k] for k in res.primary_key)
            if None in key:
                continue
            if key in seen:
                issues.append(Issue(table.label, line, res.primary_key[-1], f"duplicate id {'/'.join(map(str, key))} (first on line {seen[key]})"))
            else:
                seen[key] = line
    for fk in res.foreign_keys:
        target_name = fk["reference"]["resource"] or res.name
        target = tables[target_name]
        (col,), (target_col,) = fk["fields"], fk["reference"]["fields"]
        known = {r[target_col] for r in target.records()}
        for line, row in table.rows:
            if row[col] is not None and row[col] not in known:
                issues.append(Issue(table.label, line, col, f"unknown {target_col} {row[col]!r}: not in {Path(target.label).name}"))


def _check_domain(data_dir: Path, t: dict[str, Table], issues: list[Issue]) -> None:
    outline = str(data_dir / "outline.geojson")
    places = {r["place_id"]: r for r in t["places"].records()}
    _check_events(t["events"], places, outline, issues)
    _check_places(t["places"], t["events"], outline, issues)
    _check_sources(t["sources"], t["citations"], t["claims"], issues)
    _check_citations(t["events"], t["citations"], issues)
    _check_claims(t["claims"], t["events"], issues)


def _check_events(events: Table, places: dict[str, Row], outline: str, issues: list[Issue]) -> None:
    label = events.label
    seen: dict[tuple, tuple[int, str, str]] = {}
    for line, e in events.rows:
        key = (e["date_start"], e["place_id"], e["actor1"], e["actor2"])
        if None not in key[:3] and key in seen and seen[key][2] != e["front"]:
            issues.append(Issue(label, line, "event_id", f"{e['event_id']} looks like {seen[key][1]} on another front (same day, place and actors); "
                                                         "record an event on one front only"))
        seen.setdefault(key, (line, e["event_id"], e["front"]))
        if e["event_id"] and e["front"] and not e["event_id"].startswith(FRONT_PREFIX[e["front"]] + "-"):
            issues.append(Issue(label, line, "event_id", f"{e['event_id']} does not carry the prefix {FRONT_PREFIX[e['front']]} of front {e['front']}"))
        _check_dates(label, line, e, issues)
        if e["event_type"] and e["sub_event_type"] and e["sub_event_type"] not in ACLED_SUBTYPES[e["event_type"]]:
            issues.append(Issue(label, line, "sub_event_type", f"{e['sub_event_type']!r} is not an ACLED sub-type of {e['event_type']!r}"))
        if e.get("status") == "retracted" and not e["notes"]:
            issues.append(Issue(label, line, "notes", "a retracted event keeps its row and id; say in notes why it was retracted"))
        if e["actor1"] and e["actor1"] == e["actor2"]:
            issues.append(Issue(label, line, "actor2", "actor2 repeats actor1; leave it blank"))
        low, high = e["fatalities_low"], e["fatalities_high"]
        if low is not None and high is not None and low > high:
            issues.append(Issue(label, line, "fatalities_high", f"fatalities_high {high} is below fatalities_low {low}"))
        place = places.get(e["place_id"])
        if place and None not in (e["lat"], e["lon"], place["lat"], place["lon"]):
            if place["country"]:
                err = country_check(e["lat"], e["lon"], place["country"], outline, COUNTRY_TOLERANCE_KM)
                if err:
                    issues.append(Issue(label, line, "lat", err))
            gap = haversine_km(e["lat"], e["lon"], place["lat"], place["lon"])
            if gap > EVENT_TO_PLACE_MAX_KM:
                issues.append(Issue(label, line, "lat", f"the event is {gap:.0f} km from its place {e['place_id']}; check lat/lon or place_id"))


def _check_dates(label: str, line: int, e: Row, issues: list[Issue]) -> None:
    start, end, prec = e["date_start"], e["date_end"], e["date_precision"]
    if start is None or prec is None:
        return
    if end is not None and end < start:
        issues.append(Issue(label, line, "date_end", f"date_end {end} is before date_start {start}"))
        return
    span = (end - start).days if end else 0
    if prec != "day" and end is None:
        issues.append(Issue(label, line, "date_end", f"precision {prec!r} needs a date_end: the last possible day"))
    elif span > PRECISION_SPAN[prec]:
        issues.append(Issue(label, line, "date_precision", f"a span of {span} days is too long for precision {prec!r} (at most {PRECISION_SPAN[prec]})"))
    elif prec == "days" and span == 0:
        issues.append(Issue(label, line, "date_precision", "precision 'days' needs a span; use 'day' for a single day"))


def _check_places(places: Table, events: Table, outline: str, issues: list[Issue]) -> None:
    used = {e["place_id"] for e in events.records()}
    for line, p in places.rows:
        if p["lat"] is not None and p["lon"] is not None and p["country"]:
            err = country_check(p["lat"], p["lon"], p["country"], outline, COUNTRY_TOLERANCE_KM)
            if err:
                issues.append(Issue(places.label, line, "lat", err))
        if p["geonames_id"] is not None:
            entry = gazetteer.lookup(p["geonames_id"])
            if entry is None and p["coord_method"] == "gazetteer":
                issues.append(Issue(places.label, line, "geonames_id", f"GeoNames id {p['geonames_id']} is not in the shipped gazetteer ({gazetteer.gazetteer_version()})"))
            elif entry is not None and p["lat"] is not None and p["lon"] is not None:
                gap = haversine_km(p["lat"], p["lon"], float(entry["latitude"]), float(entry["longitude"]))
                if gap > GEONAMES_TOLERANCE_KM:
                    issues.append(Issue(places.label, line, "lat", f"{gap:.1f} km from GeoNames {p['geonames_id']} ({entry['name']}); at most {GEONAMES_TOLERANCE_KM:.0f} km allowed"))
        elif p["coord_method"] == "gazetteer":
            issues.append(Issue(places.label, line, "geonames_id", "coord_method 'gazetteer' needs the GeoNames id"))
        if p["coord_method"] in ("source", "derived") and not p["notes"]:
            issues.append(Issue(places.label, line, "notes", f"coord_method {p['coord_method']!r}: say which source states the coordinates (or the distance and bearing)"))
        if p["place_id"] and p["place_id"] not in used:
            issues.append(Issue(places.label, line, "place_id", f"place {p['place_id']!r} is not used by any event; remove it"))


def _check_sources(sources: Table, citations: Table, claims: Table, issues: list[Issue]) -> None:
    used = {c["source_id"] for c in citations.records()} | {c["source_id"] for c in claims.records()}
    first_with_url: dict[str, tuple[int, str]] = {}
    for line, s in sources.rows:
        if s["url"] and s["source_id"]:
            if s["url"] in first_with_url:
                other_line, other_id = first_with_url[s["url"]]
                issues.append(Issue(sources.label, line, "url", f"the same address is already source {other_id!r} (line {other_line}); cite that id instead"))
            else:
                first_with_url[s["url"]] = (line, s["source_id"])
        url = s["url"]
        if url:
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                issues.append(Issue(sources.label, line, "url", f"{url!r} is not an http(s) address"))
        if s["source_id"] and s["source_id"] not in used:
            issues.append(Issue(sources.label, line, "source_id", f"source {s['source_id']!r} is not cited by any event or claim; remove it"))


def _check_citations(events: Table, citations: Table, issues: list[Issue]) -> None:
    cited = defaultdict(int)
    for c in citations.records():
        if c["role"] in ("reports", "confirms"):
            cited[c["event_id"]] += 1
    for line, e in events.rows:
        if e["event_id"] and not cited[e["event_id"]]:
            issues.append(Issue(events.label, line, "event_id", f"event {e['event_id']} has no citation that reports or confirms it in citations.csv"))


def _check_claims(claims: Table, events: Table, issues: list[Issue]) -> None:
    status = {e["event_id"]: e.get("status") for e in events.records()}
    for line, c in claims.rows:
        ids = [x for x in (c["evidence"] or "").split(";") if x]
        for eid in ids:
            if eid not in status:
                issues.append(Issue(claims.label, line, "evidence", f"unknown event_id {eid!r}: not in events.csv"))
            elif status[eid] == "retracted":
                issues.append(Issue(claims.label, line, "evidence", f"event {eid} is retracted; it cannot be evidence"))
        if c["verdict"] in ("corroborated", "partly", "contradicted") and not ids:
            issues.append(Issue(claims.label, line, "evidence", f"verdict {c['verdict']!r} needs at least one evidence event"))
