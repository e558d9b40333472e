"""Words for the data's codes, shared by every stage: the blocs, and how well a place and a date are known."""
from __future__ import annotations

BLOC_LABELS = {
    "government": "Syrian government and allies",
    "coalition": "US-led coalition and partners",
    "isis": "Islamic State",
    "opposition": "Syrian opposition",
    "iraq": "Iraqi forces and PMU",
    "other": "Other",
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
