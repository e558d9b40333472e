"""The data downloads offered on the site, written from ``data/`` at build time.

- ``syria-fronts-2017-data-<version>.zip``: the data package as it is in the repository (every
  CSV, ``datapackage.json``, the codebook README, the outline, the release snapshots) plus the
  content licence;
- ``syria-fronts-2017-events.geojson``: one Point feature per published event, with every event
  column as a property and the addresses of the sources that cite it;
- ``syria-fronts-2017-<front>.csv``: one CSV per front, the event columns plus place name,
  corroboration and source addresses;
- ``syria-fronts-2017-sources.bib``: every source as BibTeX.

Files are written byte-for-byte reproducibly (sorted, fixed zip timestamps), so two builds of the
same commit give the same downloads.
"""
from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pandas as pd

from fronts.data.load import FRONTS, Dataset
from fronts.figures.bibliography import bibtex
from fronts.version import __version__

PREFIX = "syria-fronts-2017"
ZIP_TIME = (2017, 1, 1, 0, 0, 0)
EXTRA_COLUMNS = ["place_name", "corroboration", "n_publishers", "source_urls"]


def names(version: str = __version__) -> dict[str, str]:
    """What each download is called: key -> file name."""
    out = {"zip": f"{PREFIX}-data-{version}.zip", "geojson": f"{PREFIX}-events.geojson", "bib": f"{PREFIX}-sources.bib"}
    out.update({f"csv:{front}": f"{PREFIX}-{front}.csv" for front in FRONTS})
    return out


def _event_columns(ds: Dataset) -> list[str]:
    with (ds.data_dir / "events.csv").open(encoding="utf-8-sig", newline="") as fh:
        return next(csv.reader(fh))


def _sources_by_event(ds: Dataset) -> dict[str, list[dict]]:
    cites = ds.citations.merge(ds.sources, on="source_id", how="left").sort_values(["event_id", "source_id"])
    out: dict[str, list[dict]] = {}
    for c in cites.itertuples():
        out.setdefault(c.event_id, []).append({
            "source_id": c.source_id, "publisher": c.publisher, "url": c.url, "role": c.role,
            "published": None if pd.isna(c.published) else f"{c.published:%Y-%m-%d}",
        })
    return out


def _plain(value, missing=""):
    """A cell as the downloads write it: dates as YYYY-MM-DD, a missing value as ``missing``."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return missing
    if isinstance(value, pd.Timestamp):
        return f"{value:%Y-%m-%d}"
    return value


def front_csv(ds: Dataset, front: str) -> str:
    cols = _event_columns(ds)
    srcs = _sources_by_event(ds)
    ev = ds.events[ds.events["front"] == front]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(cols + EXTRA_COLUMNS)
    for _, r in ev.sort_values("event_id").iterrows():
        urls = " ".join(s["url"] for s in srcs.get(r["event_id"], []))
        w.writerow([_plain(r[c]) for c in cols] + [r["place_name"], r["corroboration"], _plain(r["n_publishers"]), urls])
    return buf.getvalue()


def geojson(ds: Dataset) -> str:
    cols = _event_columns(ds)
    srcs = _sources_by_event(ds)
    features = []
    for _, r in ds.events.sort_values("event_id").iterrows():
        # JSON has a missing value of its own: null, not an empty string (a CSV cell is blank).
        props = {c: _plain(r[c], None) for c in cols if c not in ("lat", "lon")}
        props.update({"place_name": r["place_name"], "corroboration": r["corroboration"],
                      "sources": srcs.get(r["event_id"], [])})
        features.append({"type": "Feature", "id": r["event_id"],
                         "geometry": {"type": "Point", "coordinates": [float(r["lon"]), float(r["lat"])]},
                         "properties": props})
    return json.dumps({"type": "FeatureCollection", "name": f"{PREFIX} events, version {__version__}",
                       "features": features}, ensure_ascii=False, separators=(",", ":")) + "\n"


def data_zip(data_dir: Path, licence: Path | None) -> bytes:
    buf = io.BytesIO()
    # The package itself, never external data (data/external/ holds third-party files such as UCDP's).
    files = sorted(p for p in Path(data_dir).rglob("*")
                   if p.is_file() and "external" not in p.relative_to(data_dir).parts and not p.name.startswith("."))
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in files + ([licence] if licence and licence.exists() else []):
            arc = f"{PREFIX}-data-{__version__}/" + (path.name if path == licence else path.relative_to(data_dir).as_posix())
            info = zipfile.ZipInfo(arc, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())
    return buf.getvalue()


def write_all(ds: Dataset, out_dir: Path, licence: Path | None = None) -> dict[str, Path]:
    """Write every download into ``out_dir``; returns key -> path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    n = names()
    content: dict[str, bytes] = {
        "zip": data_zip(ds.data_dir, licence),
        "geojson": geojson(ds).encode("utf-8"),
        "bib": bibtex(ds.sources).encode("utf-8"),
    }
    for front in FRONTS:
        content[f"csv:{front}"] = front_csv(ds, front).encode("utf-8")
    written = {}
    for key, data in content.items():
        path = out_dir / n[key]
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
        written[key] = path
    return written
