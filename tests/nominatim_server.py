"""A small Nominatim-compatible server on 127.0.0.1, for testing geopy over real HTTP.

It answers ``/search`` from a table of places, like Nominatim's ``format=json``
(and jsonv2), and can be switched into the ways a real provider fails:
``timeout`` (answers too late), ``429``, ``500`` and ``garbage`` (a body
that is not JSON). Every request is logged so tests can count them.
"""
from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

MODES = ("ok", "timeout", "429", "500", "garbage", "wrong-shape")


@dataclass
class Row:
    name: str
    lat: float
    lon: float
    addresstype: str = "suburb"
    state: str = "Damascus Governorate"
    city: str | None = "Damascus"
    country_code: str = "sy"
    osm_id: int = 1
    importance: float = 0.45


class JsonHandler(BaseHTTPRequestHandler):
    """A quiet request handler that answers with a body and its headers (JSON unless told otherwise)."""

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None,
              content_type: str = "application/json") -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test)

    def log_message(self, *args) -> None:  # quiet
        pass


class LocalServer:
    """Serves a request handler class on a free port of 127.0.0.1 in a thread, until the ``with`` ends."""

    def _serve(self, handler: type[BaseHTTPRequestHandler]) -> None:
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()

    def __exit__(self, *exc) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    @property
    def domain(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"{host}:{port}"


@dataclass
class NominatimServer(LocalServer):
    """``with NominatimServer(rows) as server:`` then point geopy at ``server.domain`` with scheme http."""

    rows: list[Row] = field(default_factory=list)
    mode: str = "ok"
    delay: float = 2.0
    requests: list[dict[str, list[str]]] = field(default_factory=list)
    agents: list[str] = field(default_factory=list)

    def __enter__(self) -> "NominatimServer":
        server = self

        class Handler(JsonHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                url = urlparse(self.path)
                params = parse_qs(url.query)
                server.requests.append(params)
                server.agents.append(self.headers.get("User-Agent", ""))
                mode = server.mode
                if mode == "timeout":
                    time.sleep(server.delay)
                    return self._send(200, b"[]")
                if mode == "429":
                    return self._send(429, b'{"error": "Too Many Requests"}', {"Retry-After": "0"})
                if mode == "500":
                    return self._send(500, b"<html>Internal Server Error</html>", content_type="text/html")
                if mode == "garbage":
                    return self._send(200, b"<html>this is not json", content_type="text/html")
                if mode == "wrong-shape":
                    return self._send(200, json.dumps([{"display_name": "no coordinates"}]).encode())
                if url.path.rstrip("/") != "/search":
                    return self._send(404, b'{"error": "not found"}')
                body = json.dumps(server.search(params)).encode()
                return self._send(200, body)

        self._serve(Handler)
        return self

    def search(self, params: dict[str, list[str]]) -> list[dict]:
        """Rows whose name contains the query, inside the country and viewbox filters when bounded."""
        q = (params.get("q") or [""])[0].lower()
        countries = set((params.get("countrycodes") or [""])[0].split(",")) - {""}
        hits = [r for r in self.rows if q and (q in r.name.lower() or r.name.lower() in q)]
        if countries:
            hits = [r for r in hits if r.country_code in countries]
        box = (params.get("viewbox") or [""])[0]
        if box:
            lon1, lat1, lon2, lat2 = map(float, box.split(","))
            inside = [r for r in hits if min(lat1, lat2) <= r.lat <= max(lat1, lat2)
                      and min(lon1, lon2) <= r.lon <= max(lon1, lon2)]
            if (params.get("bounded") or ["0"])[0] == "1":
                hits = inside
            else:
                hits = inside + [r for r in hits if r not in inside]  # Nominatim prefers, not restricts
        limit = int((params.get("limit") or ["10"])[0])
        return [self._json(r, params) for r in hits[:limit]]

    @staticmethod
    def _json(row: Row, params: dict[str, list[str]]) -> dict:
        out = {"place_id": 1000 + row.osm_id, "osm_type": "relation", "osm_id": row.osm_id,
               "lat": f"{row.lat:.7f}", "lon": f"{row.lon:.7f}", "class": "place", "type": row.addresstype,
               "addresstype": row.addresstype, "name": row.name, "importance": row.importance,
               "display_name": ", ".join(x for x in (row.name, row.city, row.state, "Syria") if x)}
        if (params.get("addressdetails") or ["0"])[0] == "1":
            address = {"state": row.state, "country": "Syria", "country_code": row.country_code}
            if row.city:
                address["city"] = row.city
            out["address"] = address
        return out
