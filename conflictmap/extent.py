"""The data's extent: where the map opens when no shared link says where.

A database with Syrian, Yemeni and Ukrainian events opens on all three, not
on Syria. ``opening_view`` turns the located points into Leaflet's centre and
zoom (Web Mercator tiles of 256 px: zoom z shows 360° over 256·2^z px).
"""
from __future__ import annotations

import math
from collections.abc import Sequence

MAP_PX = (900, 560)  # the dashboard map's size in pixels (width, height), as app.py draws it
PADDING = 1.3  # a margin around the outermost points
ZOOM_RANGE = (2, 12)  # never the whole world twice over, never street level for one point
MAX_LAT = 85.0511  # Web Mercator's edge


def opening_view(lats: Sequence[float], lons: Sequence[float], size: tuple[int, int] = MAP_PX
                 ) -> tuple[float, float, int] | None:
    """``(lat, lon, zoom)`` that shows every point, or None without any.

    >>> opening_view([33.5, 15.35, 49.98], [36.3, 44.2, 36.25])
    (34.426, 40.225, 3)
    """
    points = [(float(a), float(o)) for a, o in zip(lats, lons) if a == a and o == o]  # NaN is no point
    if not points:
        return None
    south, north = min(p[0] for p in points), max(p[0] for p in points)
    west, east = min(p[1] for p in points), max(p[1] for p in points)
    width, height = size
    lon_span = max(east - west, 0.01) * PADDING
    y_span = max(_mercator_y(north) - _mercator_y(south), 0.0002) * PADDING  # in turns of the world
    zoom_x = math.log2(width * 360.0 / (256.0 * lon_span))
    zoom_y = math.log2(height / (256.0 * y_span))
    zoom = int(max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], math.floor(min(zoom_x, zoom_y)))))
    centre_lat = _latitude((_mercator_y(north) + _mercator_y(south)) / 2)
    return round(centre_lat, 3), round((west + east) / 2, 3), zoom


def _mercator_y(lat: float) -> float:
    """Web Mercator's y of a latitude, in turns of the world (0 at the equator)."""
    lat = max(-MAX_LAT, min(MAX_LAT, lat))
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / (2 * math.pi)


def _latitude(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(y * 2 * math.pi)) - math.pi / 2)
