"""Derive data/outline.geojson from Natural Earth 1:50m countries (world-atlas 2.0.2 TopoJSON).

Provenance: Natural Earth 4.1.0 admin-0 countries at 1:50m (public domain), as redistributed in
the npm package world-atlas@2.0.2 (ISC). Get the input with

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz

then run

    python scripts/make_outline.py package/countries-50m.json data/outline.geojson

The script keeps Syria and its neighbours, decodes the TopoJSON arcs to GeoJSON and rounds
coordinates to 3 decimals (about 100 m), which is finer than the 1:50m source.
"""
from __future__ import annotations

import json
import sys

# ISO 3166 numeric id in world-atlas -> (alpha-2, name)
KEEP = {
    "760": ("SY", "Syria"),
    "368": ("IQ", "Iraq"),
    "400": ("JO", "Jordan"),
    "422": ("LB", "Lebanon"),
    "792": ("TR", "Turkey"),
    "376": ("IL", "Israel"),
    "275": ("PS", "Palestine"),
}


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((round(x * sx + tx, 3), round(y * sy + ty, 3)))
        arcs.append(pts)
    return arcs


def ring(arcs: list, indexes: list[int]) -> list[list[float]]:
    out: list[list[float]] = []
    for i in indexes:
        pts = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        if out:
            pts = pts[1:]
        out.extend([list(p) for p in pts])
    deduped = [out[0]] + [p for prev, p in zip(out, out[1:], strict=False) if p != prev]
    return deduped


def main(src: str, dst: str) -> None:
    with open(src, encoding="utf-8") as fh:
        topo = json.load(fh)
    arcs = decode_arcs(topo)
    features = []
    for geom in topo["objects"]["countries"]["geometries"]:
        if geom.get("id") not in KEEP:
            continue
        iso2, name = KEEP[geom["id"]]
        if geom["type"] == "Polygon":
            polys = [geom["arcs"]]
        else:
            polys = geom["arcs"]
        coords = [[ring(arcs, r) for r in poly] for poly in polys]
        features.append({
            "type": "Feature",
            "properties": {"iso_a2": iso2, "name": name},
            "geometry": {"type": "MultiPolygon", "coordinates": coords},
        })
    features.sort(key=lambda f: f["properties"]["iso_a2"])
    fc = {
        "type": "FeatureCollection",
        "name": "syria-and-neighbours",
        "source": "Natural Earth 4.1.0 admin-0 countries 1:50m (public domain), via world-atlas@2.0.2",
        "features": features,
    }
    with open(dst, "w", encoding="utf-8") as fh:
        json.dump(fc, fh, separators=(",", ":"))
        fh.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
