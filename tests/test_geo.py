from __future__ import annotations

from fronts.data.geo import country_check, haversine_km, in_polygons
from tests.conftest import DATA

OUTLINE = str(DATA / "outline.geojson")


def test_haversine_known_distance():
    # Damascus (33.5138, 36.2765) to Aleppo (36.2021, 37.1343): about 310 km.
    assert 305 < haversine_km(33.5138, 36.2765, 36.2021, 37.1343) < 315
    assert haversine_km(34.0, 38.0, 34.0, 38.0) == 0


def test_point_in_country():
    assert country_check(34.8, 38.9, "SY", OUTLINE, 0) is None  # central Syrian desert
    assert country_check(33.3, 44.4, "IQ", OUTLINE, 0) is None  # Baghdad
    assert "falls in IQ" in country_check(33.3, 44.4, "SY", OUTLINE, 5)
    assert "outside Syria and its neighbours" in country_check(48.8, 2.3, "SY", OUTLINE, 5)


def test_in_polygons_hole():
    square = [[(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)], [(4, 4), (6, 4), (6, 6), (4, 6), (4, 4)]]
    assert in_polygons(2, 2, [square])
    assert not in_polygons(5, 5, [square])


def test_destination_round_trip():
    from fronts.data.geo import destination

    lat, lon = destination(33.5, 38.6, 315, 27)
    assert abs(haversine_km(33.5, 38.6, lat, lon) - 27) < 0.01
    assert lat > 33.5 and lon < 38.6  # north-west
    north = destination(33.5, 38.6, 0, 111.2)
    assert abs(north[0] - 34.5) < 0.01 and abs(north[1] - 38.6) < 1e-9
