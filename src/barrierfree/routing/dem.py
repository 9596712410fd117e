"""Elevation from SRTM ``.hgt`` tiles (plain or zipped), for the inclines of ways that carry no incline tag."""

from __future__ import annotations

import math
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from barrierfree.core.i18n import _
from barrierfree.routing.errors import InvalidRoutingInput
from barrierfree.routing.geo import segment_lengths

VOID = -32768
TILE_SIZES = {1201: "SRTM3 (90 m)", 3601: "SRTM1 (30 m)"}
GRADE_WINDOW_M = 60.0
"""Grades are measured over about this length: shorter spans of a 90 m DEM only show interpolation noise."""
MAX_DEM_GRADE = 40.0
"""A DEM grade above this on a street is a cliff edge or a bridge over a valley, not a slope: treated as unknown."""

_NAME = re.compile(r"([NS])(\d{2})([EW])(\d{3})", re.IGNORECASE)


def _tile_origin(name: str) -> tuple[int, int]:
    match = _NAME.search(name)
    if not match:
        raise InvalidRoutingInput(
            _("{name} is not named like an SRTM tile (for example N43E007.hgt.zip).").format(name=name)
        )
    lat = int(match.group(2)) * (1 if match.group(1).upper() == "N" else -1)
    lon = int(match.group(4)) * (1 if match.group(3).upper() == "E" else -1)
    return lat, lon


def _read_tile(path: Path) -> np.ndarray:
    try:
        if path.suffix.lower() == ".zip":
            with zipfile.ZipFile(path) as archive:
                inner = [name for name in archive.namelist() if name.lower().endswith(".hgt")]
                if not inner:
                    raise ValueError("no .hgt file inside")
                raw = archive.read(inner[0])
        else:
            raw = path.read_bytes()
    except (OSError, zipfile.BadZipFile, ValueError) as error:
        raise InvalidRoutingInput(
            _("Cannot read the elevation tile {path}: {reason}").format(path=path, reason=error)
        ) from error
    size = round(math.sqrt(len(raw) // 2))
    if size not in TILE_SIZES or size * size * 2 != len(raw):
        raise InvalidRoutingInput(
            _("{path} is not an SRTM tile: {count} bytes, expected 1201x1201 or 3601x3601 heights.").format(
                path=path, count=len(raw)
            )
        )
    heights = np.frombuffer(raw, dtype=">i2").reshape(size, size).astype(np.float32)
    heights[heights == VOID] = np.nan
    return heights


class Elevation:
    """Bilinear heights in metres from one or more 1-degree SRTM tiles; NaN outside them or in voids."""

    def __init__(self, tiles: dict[tuple[int, int], np.ndarray]) -> None:
        self.tiles = tiles

    @classmethod
    def from_tiles(cls, paths: Sequence[Path]) -> Elevation:
        """Load tiles named like N43E007.hgt or N43E007.hgt.zip."""
        return cls({_tile_origin(path.name): _read_tile(path) for path in paths})

    def heights(self, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
        """Height at each point, bilinear between the four surrounding samples."""
        result = np.full(len(lats), np.nan)
        south, west = np.floor(lats).astype(int), np.floor(lons).astype(int)
        for (tile_lat, tile_lon), grid in self.tiles.items():
            inside = (south == tile_lat) & (west == tile_lon)
            if not inside.any():
                continue
            last = grid.shape[0] - 1
            row = (tile_lat + 1 - lats[inside]) * last  # rows run from north to south
            col = (lons[inside] - tile_lon) * last
            r0 = np.clip(np.floor(row).astype(int), 0, last - 1)
            c0 = np.clip(np.floor(col).astype(int), 0, last - 1)
            fr, fc = row - r0, col - c0
            top = grid[r0, c0] * (1 - fc) + grid[r0, c0 + 1] * fc
            bottom = grid[r0 + 1, c0] * (1 - fc) + grid[r0 + 1, c0 + 1] * fc
            result[inside] = top * (1 - fr) + bottom * fr
        return result

    def steepest(self, lats: np.ndarray, lons: np.ndarray) -> tuple[float | None, float | None]:
        """Steepest climb and descent in percent along a line, measured over ``GRADE_WINDOW_M`` spans.

        The line is resampled every ``GRADE_WINDOW_M / 2`` metres; short lines get their end-to-end grade.
        None when a point lies outside the tiles or the grade is implausible.
        """
        lengths = segment_lengths(lats, lons)
        total = float(lengths.sum())
        if total <= 0:
            return 0.0, 0.0
        along = np.concatenate(([0.0], np.cumsum(lengths)))
        samples = max(2, int(total // (GRADE_WINDOW_M / 2)) + 1)
        positions = np.linspace(0.0, total, samples)
        heights = self.heights(np.interp(positions, along, lats), np.interp(positions, along, lons))
        if np.isnan(heights).any():
            return None, None
        span = min(2, samples - 1)  # two resampled steps make one window
        grades = (heights[span:] - heights[:-span]) / (positions[span:] - positions[:-span]) * 100
        up, down = float(max(grades.max(), 0.0)), float(max(-grades.min(), 0.0))
        if max(up, down) > MAX_DEM_GRADE:
            return None, None
        return round(up, 2), round(down, 2)
