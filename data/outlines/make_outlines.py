"""Cut the bundled country outlines from Natural Earth (via the npm package world-atlas).

The map draws these when no tiles can be fetched, so a closed network
still shows where the events are. Natural Earth is in the public domain;
world-atlas 2.0.2 (ISC) redistributes its 1:50m Admin 0 countries as TopoJSON.

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python data/outlines/make_outlines.py package/countries-50m.json data/outlines/levant-50m.geojson
    python data/outlines/make_outlines.py package/countries-50m.json data/outlines/world-50m.geojson --world

``--world`` keeps every country and names each by its ISO 3166-1 alpha-2 code
(``iso``, from the numeric id through pycountry): the outlines that
``conflictmap.places.outline`` holds every answer against. Natural Earth's
features without an ISO code are given the code of the state ISO counts them
in (``UNCODED``).
"""
from __future__ import annotations

import json
import sys

BOX = (25.0, 27.0, 52.0, 43.0)  # west, south, east, north: Syria and its neighbours
DIGITS = 3
# Natural Earth features without an ISO 3166-1 id, and the code ISO files their ground under.
UNCODED = {"Somaliland": "SO", "N. Cyprus": "CY", "Kosovo": "XK", "Siachen Glacier": "IN",
           "Indian Ocean Ter.": "AU"}


def arcs_of(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    out = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((round(x * sx + tx, DIGITS), round(y * sy + ty, DIGITS)))
        out.append(points)
    return out


def ring(arcs: list, indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        part = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(part[1:] if points else part)
    return points


def iso_code(geometry: dict) -> str | None:
    """The alpha-2 code of a world-atlas feature (its id is ISO 3166-1 numeric)."""
    import pycountry

    ident = geometry.get("id")
    country = pycountry.countries.get(numeric=ident) if ident else None
    return country.alpha_2 if country else UNCODED.get(geometry["properties"]["name"])


def main(source: str, target: str, world: bool = False) -> None:
    topology = json.load(open(source, encoding="utf-8"))
    arcs = arcs_of(topology)
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs") or []
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        shapes = [[ring(arcs, r) for r in polygon] for polygon in polygons]
        west, south, east, north = BOX if not world else (-180.0, -90.0, 180.0, 90.0)
        # Keep a polygon when a quarter of its outline lies in the box (Russia only grazes it).
        shapes = [s for s in shapes
                  if sum(west <= x <= east and south <= y <= north for x, y in s[0]) >= 0.25 * len(s[0])]
        if not shapes:
            continue
        properties = {"name": geometry["properties"]["name"]}
        if world:
            properties["iso"] = iso_code(geometry)
        features.append({"type": "Feature", "properties": properties,
                         "geometry": {"type": "MultiPolygon", "coordinates": shapes}})
    collection = {"type": "FeatureCollection", "features": features,
                  "source": "Natural Earth 1:50m Admin 0 countries (public domain), via world-atlas 2.0.2"}
    with open(target, "w", encoding="utf-8") as handle:
        json.dump(collection, handle, separators=(",", ":"))
    print(f"{len(features)} countries -> {target}")


if __name__ == "__main__":
    main(*sys.argv[1:3], world="--world" in sys.argv[3:])
