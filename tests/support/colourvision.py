"""How the bloc colours look under colour-vision deficiencies, and how far apart they stay.

Simulation: Machado, Oliveira and Fernandes (2009), "A physiologically-based model for simulation
of color vision deficiency", IEEE TVCG 15(6), severity 1.0 (dichromacy), applied to linear sRGB.
Distance: CIEDE2000 (Sharma, Wu and Dalal 2005) between CIELAB values under D65.
"""
from __future__ import annotations

import itertools
import math

from fronts.figures.colours import contrast_ratio, linear_rgb, relative_luminance, text_colour_on  # noqa: F401 (re-exported for the tests)
from fronts.figures.style import BLOC_COLORS

# Rows map linear (R, G, B) to the simulated linear (R, G, B); severity 1.0 of Machado et al.'s table.
MACHADO_2009 = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}
DEFICIENCIES = tuple(MACHADO_2009)
# sRGB (D65) linear RGB -> XYZ, and the D65 white point.
_RGB_TO_XYZ = ((0.4124564, 0.3575761, 0.1804375), (0.2126729, 0.7151522, 0.0721750), (0.0193339, 0.1191920, 0.9503041))
_WHITE = (0.95047, 1.0, 1.08883)

Vector = tuple[float, float, float]


def _apply(matrix, v) -> Vector:
    return tuple(sum(m * x for m, x in zip(row, v, strict=True)) for row in matrix)


def simulate(hex_colour: str, deficiency: str | None) -> Vector:
    """The linear RGB a dichromat sees (``None``: normal vision), clipped to the display gamut."""
    rgb = linear_rgb(hex_colour)
    if deficiency is None:
        return rgb
    return tuple(min(1.0, max(0.0, c)) for c in _apply(MACHADO_2009[deficiency], rgb))


def lab(rgb: Vector) -> Vector:
    """CIELAB (D65) of a linear sRGB colour."""
    xyz = _apply(_RGB_TO_XYZ, rgb)

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = (f(c / w) for c, w in zip(xyz, _WHITE, strict=True))
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e2000(lab1: Vector, lab2: Vector) -> float:
    """CIEDE2000 colour difference (kL = kC = kH = 1)."""
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    c_bar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_bar ** 7 / (c_bar ** 7 + 25 ** 7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dh = 0.0
    if c1p * c2p:
        dh = h2p - h1p
        dh = dh - 360 if dh > 180 else dh + 360 if dh < -180 else dh
    d_l, d_c = l2 - l1, c2p - c1p
    d_h = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_bar, cp_bar = (l1 + l2) / 2, (c1p + c2p) / 2
    if not c1p * c2p:
        h_bar = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_bar = (h1p + h2p) / 2
    else:
        h_bar = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(h_bar - 30)) + 0.24 * math.cos(math.radians(2 * h_bar))
         + 0.32 * math.cos(math.radians(3 * h_bar + 6)) - 0.20 * math.cos(math.radians(4 * h_bar - 63)))
    d_theta = 30 * math.exp(-(((h_bar - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(cp_bar ** 7 / (cp_bar ** 7 + 25 ** 7))
    s_l = 1 + 0.015 * (l_bar - 50) ** 2 / math.sqrt(20 + (l_bar - 50) ** 2)
    s_c = 1 + 0.045 * cp_bar
    s_h = 1 + 0.015 * cp_bar * t
    r_t = -math.sin(math.radians(2 * d_theta)) * r_c
    return math.sqrt((d_l / s_l) ** 2 + (d_c / s_c) ** 2 + (d_h / s_h) ** 2 + r_t * (d_c / s_c) * (d_h / s_h))


def pair_distances(deficiency: str | None, colours: dict[str, str] = BLOC_COLORS) -> list[tuple[float, str, str]]:
    """CIEDE2000 between every pair of colours as seen with ``deficiency``, closest pair first."""
    seen = {name: lab(simulate(c, deficiency)) for name, c in colours.items()}
    return sorted((delta_e2000(seen[a], seen[b]), a, b) for a, b in itertools.combinations(colours, 2))
