"""Distances on the Earth and a local flat projection for nearest-point searches."""

from __future__ import annotations

import math

import numpy as np

EARTH_RADIUS_M = 6_371_008.8


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres between two points."""
    return float(segment_lengths(np.array([lat1, lat2]), np.array([lon1, lon2]))[0])


def segment_lengths(lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Haversine length in metres of each step between consecutive points (one fewer than points)."""
    la, lo = np.radians(lats), np.radians(lons)
    dlat, dlon = np.diff(la), np.diff(lo)
    h = np.sin(dlat / 2) ** 2 + np.cos(la[:-1]) * np.cos(la[1:]) * np.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


class LocalProjection:
    """Equirectangular metres around a reference latitude: exact enough within a city for nearest-point work."""

    def __init__(self, reference_lat: float) -> None:
        self.x_scale = np.radians(1.0) * EARTH_RADIUS_M * np.cos(np.radians(reference_lat))
        self.y_scale = np.radians(1.0) * EARTH_RADIUS_M

    def xy(self, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
        """(n, 2) metres east and north of (0, 0)."""
        return np.column_stack((np.asarray(lons) * self.x_scale, np.asarray(lats) * self.y_scale))


def bearing_degrees(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Initial compass bearing from the first point to the second, 0-360 with 0 = north."""
    # math, not numpy: this runs once per step on scalars, where numpy's call overhead is most of the time
    la1, la2 = math.radians(lat1), math.radians(lat2)
    dlon = math.radians(lon2 - lon1)
    x = math.sin(dlon) * math.cos(la2)
    y = math.cos(la1) * math.sin(la2) - math.sin(la1) * math.cos(la2) * math.cos(dlon)
    return (math.degrees(math.atan2(x, y)) + 360.0) % 360.0
