"""Colour arithmetic the figures need: WCAG 2 luminance and contrast, and the text colour for a fill."""
from __future__ import annotations

Vector = tuple[float, float, float]


def linear_rgb(hex_colour: str) -> Vector:
    """``#RRGGBB`` as linear-light sRGB in 0..1."""
    h = hex_colour.lstrip("#")
    if len(h) != 6:
        raise ValueError(f"{hex_colour!r} is not a #RRGGBB colour")
    channels = (int(h[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return tuple(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance."""
    r, g, b = linear_rgb(hex_colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(fg: str, bg: str) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    hi, lo = sorted((relative_luminance(fg), relative_luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def text_colour_on(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (e.g. a cluster's count)."""
    return max(("#000000", "#ffffff"), key=lambda fg: contrast_ratio(fg, background))
