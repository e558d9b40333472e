"""Versions of the data: one snapshot per release, and the changelog computed from them.

A release snapshot (``data/releases/<version>.csv``) lists every event id with its front, its
status and a digest of its content (every column but ``status``, plus the ids of the sources that
cite it). Comparing consecutive snapshots gives what changed in each release: events added,
changed and retracted. Ids are never reused: an id in any snapshot must stay in ``events.csv``
(a withdrawn event is kept with ``status`` = ``retracted``); :func:`check_history` enforces it.
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from fronts.version import __version__

FIELDS = ["event_id", "front", "status", "digest"]
VERSION_RE = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")


def releases_dir(data_dir: Path) -> Path:
    return Path(data_dir) / "releases"


def _version_key(version: str) -> tuple[int, int, int]:
    m = VERSION_RE.match(version)
    if not m:
        raise ValueError(f"{version!r} is not a MAJOR.MINOR.PATCH version")
    return tuple(int(x) for x in m.groups())  # type: ignore[return-value]


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with Path(path).open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def current_snapshot(data_dir: Path) -> dict[str, dict[str, str]]:
    """event_id -> {front, status, digest} for the data as it is now."""
    data_dir = Path(data_dir)
    header, rows = _rows(data_dir / "events.csv")
    sources: dict[str, list[str]] = {}
    for c in _rows(data_dir / "citations.csv")[1]:
        sources.setdefault(c["event_id"], []).append(f'{c["source_id"]}:{c.get("role", "")}')
    snap = {}
    for rec in rows:
        content = [f"{k}={rec[k]}" for k in header if k != "status"]
        content += sorted(sources.get(rec["event_id"], []))
        digest = hashlib.sha256("\x1f".join(content).encode("utf-8")).hexdigest()[:16]
        snap[rec["event_id"]] = {"front": rec["front"], "status": rec.get("status") or "published", "digest": digest}
    return snap


def read_snapshot(path: Path) -> dict[str, dict[str, str]]:
    with Path(path).open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != FIELDS:
            raise ValueError(f"{path}:1: header must be {','.join(FIELDS)}")
        return {r["event_id"]: {k: r[k] for k in FIELDS[1:]} for r in reader}


def snapshots(data_dir: Path) -> list[tuple[str, dict[str, dict[str, str]]]]:
    """Every release snapshot, oldest first."""
    found = [(p.stem, p) for p in releases_dir(data_dir).glob("*.csv")]
    found.sort(key=lambda vp: _version_key(vp[0]))
    return [(v, read_snapshot(p)) for v, p in found]


def write_snapshot(data_dir: Path, version: str = __version__) -> Path:
    """Record the data as release ``version`` (``python -m fronts release``)."""
    _version_key(version)
    snap = current_snapshot(data_dir)
    out = releases_dir(data_dir) / f"{version}.csv"
    out.parent.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(FIELDS)
    for eid in sorted(snap):
        w.writerow([eid, *(snap[eid][k] for k in FIELDS[1:])])
    out.write_text(buf.getvalue(), encoding="utf-8")
    return out


@dataclass
class Change:
    """What one release (or the unreleased data) changed against the one before."""

    version: str
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    retracted: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    total: int = 0

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.retracted or self.restored)


def diff(version: str, before: dict[str, dict[str, str]], after: dict[str, dict[str, str]]) -> Change:
    ch = Change(version, total=sum(1 for v in after.values() if v["status"] == "published"))
    for eid, now in sorted(after.items()):
        old = before.get(eid)
        if old is None:
            (ch.retracted if now["status"] == "retracted" else ch.added).append(eid)
        elif old["status"] != now["status"]:
            (ch.retracted if now["status"] == "retracted" else ch.restored).append(eid)
        elif old["digest"] != now["digest"]:
            ch.changed.append(eid)
    return ch


def history(data_dir: Path) -> list[Change]:
    """Each release against the one before it, newest first, with unreleased changes on top."""
    snaps = snapshots(data_dir)
    changes, before = [], {}
    for version, snap in snaps:
        changes.append(diff(version, before, snap))
        before = snap
    pending = diff("unreleased", before, current_snapshot(data_dir))
    if not pending.empty:
        changes.append(pending)
    return changes[::-1]


def check_history(data_dir: Path) -> list[str]:
    """Problems with the release record: ids that vanished, a missing snapshot for this version."""
    problems = []
    now = current_snapshot(data_dir)
    for version, snap in snapshots(data_dir):
        for eid, rec in snap.items():
            if eid not in now:
                problems.append(f"data/releases/{version}.csv: event {eid} was released but is gone from events.csv; "
                                "retract it (status=retracted) instead of deleting it")
            elif now[eid]["front"] != rec["front"]:
                problems.append(f"data/releases/{version}.csv: event {eid} moved from {rec['front']} to {now[eid]['front']}; "
                                "ids are never reused: retract it and add a new id")
    if not (releases_dir(data_dir) / f"{__version__}.csv").exists():
        problems.append(f"no snapshot data/releases/{__version__}.csv for the current version; run python -m fronts release")
    return problems


__all__ = ["Change", "check_history", "current_snapshot", "diff", "history", "snapshots", "write_snapshot"]
