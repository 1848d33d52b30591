"""Cut the bundled country outlines from Natural Earth (via the npm package world-atlas).

The map draws these when no tiles can be fetched, so a closed network
still shows where the events are. Natural Earth is in the public domain;
world-atlas 2.0.2 (ISC) redistributes its 1:50m Admin 0 countries as TopoJSON.

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python data/outlines/make_outlines.py package/countries-50m.json data/outlines/world-50m.geojson --world
    python data/outlines/make_outlines.py data/outlines/world-50m.geojson data/outlines/wars-50m.geojson --wars

``--world`` keeps every country and names each by its ISO 3166-1 alpha-2 code
(``iso``, from the numeric id through pycountry): the outlines that
``conflictmap.places.outline`` holds every answer against. Natural Earth's
features without an ISO code are given the code of the state ISO counts them
in (``UNCODED``).

``--wars`` cuts the map's outlines from those world outlines (no other data):
every country of the wars conflictmap's sources cover (``WARS``), every
country bordering one, and every country of the Levant (``BOX``), clipped to
``REGION`` (Russia's outline stops at 60°E) and simplified to 0.025° (about
2.5 km, a pixel at zoom 6) except the smallest countries (``SMALL``: Lebanon,
Israel, Palestine keep every point), so the file the browser fetches once
stays under 200 KB (the Levant's outlines alone, before, were 61 KB).
"""
from __future__ import annotations

import json
import sys

BOX = (25.0, 27.0, 52.0, 43.0)  # west, south, east, north: Syria and its neighbours
# The countries whose wars the product's sources report (ISO 3166-1 alpha-2): Syria, Iraq, Yemen, Sudan,
# South Sudan, Ukraine, Russia, Israel and Palestine (Gaza, the West Bank), Lebanon, Libya, Afghanistan,
# Myanmar, Mali, Burkina Faso, Niger, Somalia, Ethiopia, Nigeria, DR Congo.
WARS = ("SY", "IQ", "YE", "SD", "SS", "UA", "RU", "IL", "PS", "LB", "LY", "AF", "MM", "ML", "BF", "NE", "SO",
        "ET", "NG", "CD")
REGION = (-18.0, -14.0, 102.0, 60.0)  # west, south, east, north: from Dakar to Myanmar, Kinshasa to Moscow
NEIGHBOUR_DEGREES = 0.1  # outlines this close count as bordering (1:50m borders do not meet exactly)
TOLERANCE = 0.025  # degrees: shapely's simplify, topology preserved
SMALL = 5.0  # square degrees: a country smaller (Lebanon, Israel, Palestine) keeps every point of its outline
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


def wars(source: str, target: str) -> None:
    """The map's outlines from the world outlines (``--world``'s output): see the module's docstring."""
    import shapely
    from shapely.geometry import box, mapping, shape
    from shapely.validation import make_valid

    world = json.load(open(source, encoding="utf-8"))
    region, levant = box(*REGION), box(*BOX)
    cut = []
    for feature in world["features"]:
        whole = make_valid(shape(feature["geometry"]))
        if whole.intersects(region):
            cut.append((feature["properties"]["iso"], feature["properties"]["name"], whole.intersection(region)))
    war = shapely.union_all([g for iso, _, g in cut if iso in WARS]).buffer(NEIGHBOUR_DEGREES)
    features = []
    for iso, name, geometry in cut:
        if not (iso in WARS or geometry.intersects(war) or geometry.intersects(levant)):
            continue
        simple = geometry.simplify(TOLERANCE, preserve_topology=True) if geometry.area > SMALL else geometry
        polygons = [simple] if simple.geom_type == "Polygon" else \
            [g for g in getattr(simple, "geoms", []) if g.geom_type == "Polygon"]
        shapes = [[[(round(x, DIGITS), round(y, DIGITS)) for x, y in ring.coords]
                   for ring in (p.exterior, *p.interiors)] for p in polygons if not p.is_empty]
        if shapes:
            features.append({"type": "Feature", "properties": {"name": name, "iso": iso},
                             "geometry": {"type": "MultiPolygon", "coordinates": shapes}})
    collection = {"type": "FeatureCollection", "features": features,
                  "source": world["source"] + f"; the wars' countries and their neighbours, simplified to "
                                              f"{TOLERANCE} degrees"}
    with open(target, "w", encoding="utf-8") as handle:
        json.dump(collection, handle, separators=(",", ":"))
    print(f"{len(features)} countries -> {target}")


if __name__ == "__main__":
    if "--wars" in sys.argv[3:]:
        wars(*sys.argv[1:3])
    else:
        main(*sys.argv[1:3], world="--world" in sys.argv[3:])
