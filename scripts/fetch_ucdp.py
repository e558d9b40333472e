"""Download UCDP GED (a pinned release) and keep Syria, 2016-01-01 to 2019-11-30.

Writes ``<external data>/ucdp-ged-syria/ged_syria_2016_2019.csv.gz`` (``$FRONTS_EXTERNAL_DATA``,
default ``data/external/``, which git ignores) and a ``SOURCE.txt`` beside it saying what was
downloaded, from where, when, its SHA-256, and how many rows were read and kept. The columns and
values are UCDP's, unchanged; only rows are selected. Needs internet; tests and CI never run the
download (they test :func:`filter_syria` and :func:`write_syria` offline on a fixture).

    make ucdp                                   # the Syria release (default)
    .venv/bin/python scripts/fetch_ucdp.py --release global
    .venv/bin/python scripts/fetch_ucdp.py --zip ~/Downloads/ged191-csv.zip --release global

Two pinned releases, both from UCDP's download area (https://ucdp.uu.se/downloads/):

- ``syria`` (default): "UCDP GED Syria 20160101-20191130", release id 652.1601.1911, the release
  the book's UCDP figures were computed from. It has the same variables and the same codebook as
  GED Global 19.1, but it keeps every clear event: a dyad does not have to pass 25 battle-related
  deaths in a calendar year to be included. It therefore holds more Syrian events than the global
  file, and it also runs to 2019-11-30.
- ``global``: UCDP GED Global 19.1, filtered here to Syria (``country_id`` 652). It holds only the
  events of dyads that pass UCDP's 25-deaths threshold, and its coverage ends with 2018, so figures
  computed from it will be lower than the book's, and 2019 will be missing.

What could not be verified when this script was written (no internet on the build machine):

- The two addresses below were not opened. They are the ones used by public scripts that
  downloaded both files on 2020-01-10 (GitHub knapply/data4ds4da, ``data-raw/ucdp_syria.R``, which
  used plain http, and ``data-raw/ucdp_19.1.R``); as far as the date and release id show, the
  project's development copy of the Syria release was converted from that repository's R file.
  If UCDP has moved them, download the zip by hand from https://ucdp.uu.se/downloads/ and pass
  it with ``--zip``.
- No checksum is pinned, because none could be computed here; the script prints and records the
  SHA-256 of what it downloads, so a maintainer can pin it after a first run.
- How many fewer 2016–2018 events the global file holds for Syria than the Syria release.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import hashlib
import io
import shutil
import sys
import tempfile
import urllib.request
import zipfile
from pathlib import Path

RELEASES = {
    "syria": {"url": "https://ucdp.uu.se/downloads/ged/ged_syria.csv.zip",
              "name": "UCDP GED Syria 20160101-20191130 (release 652.1601.1911, GED 19.1 codebook)"},
    "global": {"url": "https://ucdp.uu.se/downloads/ged/ged191-csv.zip",
               "name": "UCDP GED Global 19.1"},
}
SYRIA_GW = 652          # Gleditsch–Ward country code of Syria, UCDP's country_id
FIRST, LAST = "2016-01-01", "2019-11-30"


def _whole(text: str) -> int | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return int(value) if value.is_integer() else None


def filter_syria(src: io.TextIOBase, dst: io.TextIOBase, first: str = FIRST, last: str = LAST) -> tuple[int, int]:
    """Copy UCDP GED CSV rows in Syria with ``first`` ≤ date_start ≤ ``last``; returns (rows read, rows kept).

    Syria is ``country_id`` 652 (``country`` "Syria" when a file has no country_id column). The
    header and every kept row are written unchanged.
    """
    reader = csv.reader(src, strict=True)
    header = next(reader)
    for needed in ("date_start",):
        if needed not in header:
            raise ValueError(f"not a UCDP GED file: no {needed} column in the header")
    start = header.index("date_start")
    if "country_id" in header:
        cid = header.index("country_id")

        def is_syria(row: list[str]) -> bool:
            return _whole(row[cid]) == SYRIA_GW
    elif "country" in header:
        cname = header.index("country")

        def is_syria(row: list[str]) -> bool:
            return row[cname].strip() == "Syria"
    else:
        raise ValueError("not a UCDP GED file: neither country_id nor country is in the header")
    writer = csv.writer(dst, lineterminator="\n")
    writer.writerow(header)
    read = kept = 0
    for row in reader:
        read += 1
        if len(row) == len(header) and is_syria(row) and first <= row[start][:10] <= last:
            writer.writerow(row)
            kept += 1
    return read, kept


def write_syria(zip_path: Path, target: Path) -> tuple[int, int]:
    """Filter the one CSV inside ``zip_path`` into gzip ``target`` (written atomically, reproducibly)."""
    with zipfile.ZipFile(zip_path) as zf:
        members = [n for n in zf.namelist() if n.lower().endswith(".csv")]
        if len(members) != 1:
            raise ValueError(f"{zip_path}: expected one CSV in the zip, found {members or 'none'}")
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".partial")
        with zf.open(members[0]) as raw, tmp.open("wb") as out:
            src = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
            with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0) as gz:
                dst = io.TextIOWrapper(gz, encoding="utf-8", newline="")
                counts = filter_syria(src, dst)
                dst.flush()
                dst.detach()
        tmp.replace(target)
    return counts


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def download(url: str, dest: Path) -> None:
    print(f"Downloading {url} …", flush=True)
    req = urllib.request.Request(url, headers={"User-Agent": "syria-fronts-2017 fetch_ucdp.py"})
    with urllib.request.urlopen(req, timeout=120) as resp, dest.open("wb") as out:
        shutil.copyfileobj(resp, out)


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from fronts.ucdp.ged import RELATIVE_PATH, external_dir, load_ucdp

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--release", choices=sorted(RELEASES), default="syria")
    ap.add_argument("--dest", type=Path, default=None, help="external-data folder (default: $FRONTS_EXTERNAL_DATA or data/external)")
    ap.add_argument("--zip", type=Path, default=None, help="use this already-downloaded zip instead of downloading")
    args = ap.parse_args(argv)
    release = RELEASES[args.release]
    target = (args.dest or external_dir()) / RELATIVE_PATH
    with tempfile.TemporaryDirectory() as tmpdir:
        zip_path = args.zip or Path(tmpdir) / "ucdp.zip"
        if args.zip is None:
            download(release["url"], zip_path)
        digest = sha256(zip_path)
        read, kept = write_syria(zip_path, target)
    frame = load_ucdp(target, estimate_order="flag")  # proves the result reads; nothing is changed
    lines = [f"release: {release['name']}", f"url: {release['url'] if args.zip is None else args.zip}",
             f"retrieved: {dt.datetime.now(dt.UTC).isoformat(timespec='seconds')}", f"zip sha256: {digest}",
             f"rows read: {read}", f"rows kept (Syria, {FIRST}..{LAST}): {kept}",
             f"rows with low <= best <= high broken (kept, flagged by fronts.ucdp.ged): {int((~frame['estimates_ordered']).sum())}",
             "licence: CC BY 4.0; cite Sundberg & Melander (2013) and Högbladh (2019)"]
    (target.parent / "SOURCE.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    print(f"Wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
