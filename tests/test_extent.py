"""Where the map opens: every located event in view."""
from __future__ import annotations

import math

from conflictmap.extent import MAP_PX, opening_view


def _visible(view, lat, lon, size=MAP_PX) -> bool:
    centre_lat, centre_lon, zoom = view
    world = 256 * 2 ** zoom

    def y(a):
        return math.log(math.tan(math.pi / 4 + math.radians(a) / 2)) / (2 * math.pi)
    return (abs(lon - centre_lon) / 360 * world <= size[0] / 2
            and abs(y(lat) - y(centre_lat)) * world <= size[1] / 2)


def test_three_wars_are_all_in_view():
    lats, lons = [33.5, 15.35, 49.98, 47.1], [36.3, 44.2, 36.25, 37.55]
    view = opening_view(lats, lons)
    assert all(_visible(view, a, o) for a, o in zip(lats, lons))
    closer = (view[0], view[1], view[2] + 2)  # two zooms closer loses an end: the extent is not the world
    assert not (_visible(closer, 15.35, 44.2) and _visible(closer, 49.98, 36.25))


def test_one_city_opens_close_and_no_point_opens_nothing():
    assert opening_view([33.51], [36.29])[2] == 12
    assert opening_view([], []) is None and opening_view([float("nan")], [1.0]) is None
