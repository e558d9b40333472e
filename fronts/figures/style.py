"""Shared visual vocabulary: bloc colours (Okabe–Ito, colour-blind safe) and precision styles."""
from __future__ import annotations

BLOC_COLORS = {
    "government": "#D55E00",
    "coalition": "#0072B2",
    "isis": "#222222",
    "opposition": "#009E73",
    "iraq": "#CC79A7",
    "other": "#E69F00",
}
BLOC_LABELS = {
    "government": "Syrian government and allies",
    "coalition": "US-led coalition and partners",
    "isis": "Islamic State",
    "opposition": "Syrian opposition",
    "iraq": "Iraqi forces and PMU",
    "other": "Other",
}
# Marker style per geo precision: the vaguer the place, the larger, fainter and more broken the ring.
GEO_STYLE = {
    "exact": {"radius": 6, "weight": 2, "fill_opacity": 0.9, "dash_array": None},
    "locality": {"radius": 7, "weight": 2, "fill_opacity": 0.6, "dash_array": None},
    "near": {"radius": 9, "weight": 2, "fill_opacity": 0.35, "dash_array": "4 3"},
    "district": {"radius": 12, "weight": 1.5, "fill_opacity": 0.2, "dash_array": "2 4"},
    "province": {"radius": 15, "weight": 1, "fill_opacity": 0.12, "dash_array": "1 5"},
}
GEO_LABELS = {
    "exact": "exact spot",
    "locality": "town or site",
    "near": "near a named place",
    "district": "somewhere in a district",
    "province": "somewhere in a province",
}
DATE_LABELS = {
    "day": "known day",
    "days": "within a span of days",
    "week": "within a week",
    "month": "within a month",
}
