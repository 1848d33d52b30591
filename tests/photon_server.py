"""A small Photon-shaped server on 127.0.0.1, for testing geopy's ``Photon`` over real HTTP.

Photon (photon.komoot.io) answers ``/api?q=…`` with a GeoJSON
FeatureCollection; its ``countrycode`` property may be missing or wrong, and
it has no country filter: what the chain's outline check is for. A row with
``countrycode=None`` answers without one.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlparse

from tests.nominatim_server import JsonHandler, LocalServer


@dataclass
class Feature:
    name: str
    lat: float
    lon: float
    type: str = "village"
    countrycode: str | None = None
    state: str | None = None
    osm_id: int = 1


@dataclass
class PhotonServer(LocalServer):
    """``with PhotonServer(features) as server:`` then point geopy's Photon at ``server.domain``, scheme http."""

    features: list[Feature] = field(default_factory=list)
    requests: list[dict[str, list[str]]] = field(default_factory=list)

    def __enter__(self) -> "PhotonServer":
        server = self

        class Handler(JsonHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                url = urlparse(self.path)
                params = parse_qs(url.query)
                server.requests.append(params)
                if url.path.rstrip("/") != "/api":
                    return self._send(404, b'{"message": "not found"}')
                self._send(200, json.dumps(server.search(params)).encode())

        self._serve(Handler)
        return self

    def search(self, params: dict[str, list[str]]) -> dict:
        """Features whose name contains the query, in table order (Photon has no country filter)."""
        q = (params.get("q") or [""])[0].lower()
        hits = [f for f in self.features if q and q in f.name.lower()]
        limit = int((params.get("limit") or ["10"])[0])
        return {"type": "FeatureCollection", "features": [self._feature(f) for f in hits[:limit]]}

    @staticmethod
    def _feature(f: Feature) -> dict:
        properties = {"osm_type": "N", "osm_id": f.osm_id, "osm_key": "place", "osm_value": f.type,
                      "type": "city" if f.type == "city" else "other", "name": f.name}
        if f.countrycode is not None:
            properties["countrycode"] = f.countrycode
        if f.state:
            properties["state"] = f.state
        return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [f.lon, f.lat]},
                "properties": properties}
