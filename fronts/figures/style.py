"""Shared visual vocabulary: bloc colours (Okabe–Ito, colour-blind safe) and precision styles."""
from __future__ import annotations

from fronts.vocabulary import BLOC_LABELS, DATE_LABELS, GEO_LABELS  # noqa: F401 (the figures read them here too)

BLOC_COLORS = {
    "government": "#D55E00",
    "coalition": "#0072B2",
    "isis": "#222222",
    "opposition": "#009E73",
    "iraq": "#CC79A7",
    "other": "#E69F00",
}
# Marker style per geo precision: the vaguer the place, the larger, fainter and more broken the ring.
GEO_STYLE = {
    "exact": {"radius": 6, "weight": 2, "fill_opacity": 0.9, "dash_array": None},
    "locality": {"radius": 7, "weight": 2, "fill_opacity": 0.6, "dash_array": None},
    "near": {"radius": 9, "weight": 2, "fill_opacity": 0.35, "dash_array": "4 3"},
    "district": {"radius": 12, "weight": 1.5, "fill_opacity": 0.2, "dash_array": "2 4"},
    "province": {"radius": 15, "weight": 1, "fill_opacity": 0.12, "dash_array": "1 5"},
}
