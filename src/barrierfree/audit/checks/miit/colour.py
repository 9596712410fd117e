"""Colour arithmetic for contrast checks: CSS computed colours, alpha compositing, WCAG contrast ratio.

Chromium reports computed colours as ``rgb(r, g, b)`` / ``rgba(r, g, b, a)`` for every legacy sRGB colour; other
colour spaces (``oklch()``, ``color(display-p3 ...)``) are not converted here and make a sample "can't tell".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PX_PER_PT = 96 / 72
LARGE_TEXT_PT = 18
"""WCAG "large scale" text: at least 18 point ..."""
LARGE_BOLD_TEXT_PT = 14
"""... or at least 14 point bold."""
BOLD_WEIGHT = 700
NORMAL_TEXT_RATIO = 4.5
LARGE_TEXT_RATIO = 3.0
SIZE_TOLERANCE_PX = 0.01
"""14 pt is 18.666... px; a computed size rounded by the engine still counts."""

_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?%?"
_RGB = re.compile(
    rf"^rgba?\(\s*({_NUMBER})\s*[, ]\s*({_NUMBER})\s*[, ]\s*({_NUMBER})\s*(?:[,/]\s*({_NUMBER})\s*)?\)$", re.I
)
_SRGB = re.compile(rf"^color\(\s*srgb\s+({_NUMBER})\s+({_NUMBER})\s+({_NUMBER})\s*(?:/\s*({_NUMBER})\s*)?\)$", re.I)


@dataclass(frozen=True)
class Rgba:
    """A colour with 0-255 channels and 0-1 alpha."""

    red: float
    green: float
    blue: float
    alpha: float = 1.0

    @property
    def opaque(self) -> bool:
        """True when nothing shows through."""
        return self.alpha >= 1.0

    def hex(self) -> str:
        """``#rrggbb`` (alpha dropped), for reports."""
        return "#" + "".join(f"{round(max(0.0, min(255.0, c))):02x}" for c in (self.red, self.green, self.blue))


CANVAS = Rgba(255, 255, 255)
"""What shows through when no element paints a background (a light colour scheme's canvas)."""


def _channel(text: str, scale: float) -> float:
    value = float(text[:-1]) * scale / 100 if text.endswith("%") else float(text)
    return max(0.0, min(scale, value))


def parse_colour(text: str) -> Rgba | None:
    """Parse a computed CSS colour (``rgb()``, ``rgba()``, ``color(srgb ...)``, ``transparent``); None if unknown."""
    value = text.strip().lower()
    if value == "transparent":
        return Rgba(0, 0, 0, 0.0)
    match = _RGB.match(value)
    if match:
        red, green, blue, alpha = match.groups()
        return Rgba(
            _channel(red, 255), _channel(green, 255), _channel(blue, 255), _channel(alpha, 1.0) if alpha else 1.0
        )
    match = _SRGB.match(value)
    if match:
        red, green, blue, alpha = match.groups()
        # color(srgb) channels are 0-1 (or percentages of 1)
        return Rgba(
            _channel(red, 1.0) * 255,
            _channel(green, 1.0) * 255,
            _channel(blue, 1.0) * 255,
            _channel(alpha, 1.0) if alpha else 1.0,
        )
    return None


def composite(top: Rgba, bottom: Rgba) -> Rgba:
    """``top`` painted over an opaque ``bottom`` (source-over)."""
    alpha = top.alpha
    return Rgba(
        top.red * alpha + bottom.red * (1 - alpha),
        top.green * alpha + bottom.green * (1 - alpha),
        top.blue * alpha + bottom.blue * (1 - alpha),
        1.0,
    )


def flatten(layers: list[Rgba]) -> Rgba:
    """Composite background layers given nearest first, ending with an opaque one."""
    result = layers[-1]
    for layer in reversed(layers[:-1]):
        result = composite(layer, result)
    return result


def _linear(channel: float) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: Rgba) -> float:
    """WCAG 2.x relative luminance of an opaque sRGB colour."""
    return 0.2126 * _linear(colour.red) + 0.7152 * _linear(colour.green) + 0.0722 * _linear(colour.blue)


def contrast_ratio(first: Rgba, second: Rgba) -> float:
    """WCAG contrast ratio, from 1 (same colour) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def is_large_text(font_size_px: float, font_weight: int) -> bool:
    """WCAG "large scale" text: >= 18 pt (24 px), or >= 14 pt (18.66 px) and bold."""
    if font_size_px + SIZE_TOLERANCE_PX >= LARGE_TEXT_PT * PX_PER_PT:
        return True
    return font_weight >= BOLD_WEIGHT and font_size_px + SIZE_TOLERANCE_PX >= LARGE_BOLD_TEXT_PT * PX_PER_PT


def required_ratio(large: bool) -> float:
    """The minimum contrast for text: 3:1 when large, else 4.5:1 (WCAG 1.4.3, MIIT)."""
    return LARGE_TEXT_RATIO if large else NORMAL_TEXT_RATIO


def text_contrast(colour: str, background_layers: tuple[str, ...]) -> float | None:
    """Contrast of a text colour over its background layers (nearest first, the canvas under them); None if unknown."""
    parsed = [parse_colour(layer) for layer in background_layers]
    if any(layer is None for layer in parsed):
        return None
    layers = [layer for layer in parsed if layer is not None]
    if not layers or not layers[-1].opaque:
        layers.append(CANVAS)
    background = flatten(layers)
    foreground = parse_colour(colour)
    if foreground is None:
        return None
    if not foreground.opaque:
        foreground = composite(foreground, background)
    return contrast_ratio(foreground, background)


def shown_ratio(ratio: float) -> float:
    """A ratio for people, rounded down to 2 decimals so that 4.499 never reads as 4.5."""
    return int(ratio * 100) / 100
