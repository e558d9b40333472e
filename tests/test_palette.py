"""The bloc colours stay distinguishable for readers with a colour-vision deficiency."""
from __future__ import annotations

import re

import pytest

from fronts.figures.style import BLOC_COLORS
from tests.conftest import ROOT
from tests.support.colourvision import DEFICIENCIES, contrast_ratio, delta_e2000, lab, pair_distances, simulate, text_colour_on

# CIEDE2000 of 10 is a clearly visible difference between two flat colour patches; markers are
# small and often translucent, so anything closer than that would be a guess for the reader.
THRESHOLD = 10.0


@pytest.mark.parametrize(("lab1", "lab2", "expected"), [
    # Sharma, Wu and Dalal (2005), test data pairs 1, 7, 17 and 25.
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
    ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
])
def test_ciede2000_matches_sharma_test_data(lab1, lab2, expected):
    assert delta_e2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)
    assert delta_e2000(lab2, lab1) == pytest.approx(expected, abs=1e-4)


def test_simulation_keeps_greys_and_white():
    """Machado matrices' rows sum to 1, so neutral colours are unchanged by every simulation."""
    for deficiency in DEFICIENCIES:
        for grey in ("#ffffff", "#777777", "#222222"):
            assert simulate(grey, deficiency) == pytest.approx(simulate(grey, None), abs=2e-3)
    assert lab(simulate("#ffffff", None)) == pytest.approx((100.0, 0.0, 0.0), abs=1e-2)


def test_protanopia_merges_red_and_green():
    """The simulation does what it claims: pure red and a green of equal lightness move together."""
    normal = delta_e2000(lab(simulate("#ff0000", None)), lab(simulate("#00a000", None)))
    protan = delta_e2000(lab(simulate("#ff0000", "protanopia")), lab(simulate("#00a000", "protanopia")))
    assert protan < normal / 3


@pytest.mark.parametrize("deficiency", [None, *DEFICIENCIES])
def test_every_bloc_pair_stays_distinguishable(deficiency):
    pairs = pair_distances(deficiency)
    assert len(pairs) == len(BLOC_COLORS) * (len(BLOC_COLORS) - 1) // 2
    too_close = [f"{a} {BLOC_COLORS[a]} / {b} {BLOC_COLORS[b]}: ΔE00 {d:.1f}" for d, a, b in pairs if d < THRESHOLD]
    assert too_close == [], f"{deficiency or 'normal vision'}: pairs closer than ΔE00 {THRESHOLD}"


def test_methods_page_reports_the_computed_minimum_pairs():
    """The figures in book/methods.md are the ones this palette gives, not typed from memory."""
    text = (ROOT / "book" / "methods.md").read_text(encoding="utf-8")
    for deficiency in [None, *DEFICIENCIES]:
        d, a, b = pair_distances(deficiency)[0]
        name = deficiency or "normal vision"
        row = re.search(rf"^\| {name} \| (\w+) and (\w+) \| ([\d.]+) \|", text, re.M | re.I)
        assert row, f"book/methods.md has no palette table row for {name}"
        assert {row.group(1), row.group(2)} == {a, b} and row.group(3) == f"{d:.1f}", (name, row.groups(), (a, b, round(d, 1)))


def test_wcag_contrast_ratio_known_values():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#ffffff", "#777777") == contrast_ratio("#777777", "#ffffff")


@pytest.mark.parametrize("bloc", BLOC_COLORS)
def test_cluster_counts_are_readable_on_every_bloc_colour(bloc):
    """The number on a map cluster (12px bold, so not "large text") meets WCAG AA, 4.5:1."""
    assert contrast_ratio(text_colour_on(BLOC_COLORS[bloc]), BLOC_COLORS[bloc]) >= 4.5
