"""Cut the bundled country outlines from Natural Earth (via the npm package world-atlas).

The map draws these when no tiles can be fetched, so a closed network
still shows where the events are. Natural Earth is in the public domain;
world-atlas 2.0.2 (ISC) redistributes its 1:50m Admin 0 countries as TopoJSON.

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python data/outlines/make_outlines.py package/countries-50m.json data/outlines/levant-50m.geojson
"""
from __future__ import annotations

import json
import sys

BOX = (25.0, 27.0, 52.0, 43.0)  # west, south, east, north: Syria and its neighbours
DIGITS = 3


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


def main(source: str, target: str) -> None:
    topology = json.load(open(source, encoding="utf-8"))
    arcs = arcs_of(topology)
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs") or []
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        shapes = [[ring(arcs, r) for r in polygon] for polygon in polygons]
        west, south, east, north = BOX
        # Keep a polygon when a quarter of its outline lies in the box (Russia only grazes it).
        shapes = [s for s in shapes
                  if sum(west <= x <= east and south <= y <= north for x, y in s[0]) >= 0.25 * len(s[0])]
        if not shapes:
            continue
        features.append({"type": "Feature", "properties": {"name": geometry["properties"]["name"]},
                         "geometry": {"type": "MultiPolygon", "coordinates": shapes}})
    collection = {"type": "FeatureCollection", "features": features,
                  "source": "Natural Earth 1:50m Admin 0 countries (public domain), via world-atlas 2.0.2"}
    with open(target, "w", encoding="utf-8") as handle:
        json.dump(collection, handle, separators=(",", ":"))
    print(f"{len(features)} countries -> {target}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
