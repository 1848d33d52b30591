"""Map building, kept pure: a base map that never changes, and the event layer that does.

The base map depends on nothing the analyst changes, so streamlit-folium
can keep it (and the analyst's zoom) while the slider swaps only the event
layer. Every text that comes from a report is escaped before it becomes
HTML: report text is untrusted.

Leaflet's files are served by the app itself (``asset_base``), never from a
public CDN, so the map works on closed networks; only tiles come from
outside. Country outlines bundled in ``data/outlines`` (Natural Earth, public
domain) lie under the tiles, so where tiles cannot be fetched the map still
shows the countries of the wars the sources report, and their neighbours.
"""
from __future__ import annotations

import html
import json
import math
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import folium
import pandas as pd
from branca.element import MacroElement
from folium.template import Template as FoliumTemplate  # folium's filters (tojavascript)
from jinja2 import Template

from conflictmap.places.place import Precision
from conflictmap.safetext import js_body, js_string
from conflictmap.tally import Tally

TYPE_COLOURS = {
    "clash": "#d62728",
    "shelling": "#ff7f0e",
    "airstrike": "#9467bd",
    "bombing": "#8c564b",
    "suicide_bombing": "#e377c2",
    "explosion": "#bcbd22",
    "massacre": "#111111",
    "chemical_attack": "#17becf",
    "other": "#7f7f7f",
}
SYRIA_CENTRE = (34.8, 38.5)
SYRIA_ZOOM = 7
TILES_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
# Base maps the analyst can switch between: (name, URL template, attribution, max zoom). All need the internet.
BASEMAPS = (
    ("OpenStreetMap", "https://tile.openstreetmap.org/{z}/{x}/{y}.png", TILES_ATTRIBUTION, 19),
    ("OpenTopoMap", "https://tile.opentopomap.org/{z}/{x}/{y}.png",
     'Map data: &copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors, SRTM '
     '| Map style: &copy; <a href="https://opentopomap.org">OpenTopoMap</a> (CC-BY-SA)', 17),
    ("Esri World Imagery", "https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/MapServer/tile/{z}/{y}/{x}",
     "Tiles &copy; Esri &mdash; Source: Esri, i-cubed, USDA, USGS, AEX, GeoEye, Getmapping, Aerogrid, IGN, IGP, "
     "UPR-EGP, and the GIS User Community", 18),
)
OUTLINES = Path(__file__).resolve().parent.parent / "data" / "outlines" / "wars-50m.geojson"
OUTLINES_ATTRIBUTION = 'Outlines: <a href="https://www.naturalearthdata.com/">Natural Earth</a>'
OUTLINES_PANE = "outlines"  # under the tiles (Leaflet's tile pane is at z-index 200)
EVENT_ID_PREFIX = "event "
QUOTE_CHARS = 140


class LocalAssetMap(folium.Map):
    """A folium map that loads Leaflet from the app, not from a CDN, and nothing else.

    folium's default map pulls jQuery, Bootstrap and Font Awesome from CDNs
    for features conflictmap does not use; dropping them keeps the map
    working offline and small.
    """

    def __init__(self, *args, asset_base: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        base = asset_base.rstrip("/")
        self.default_js = [("leaflet", f"{base}/leaflet.js")]
        self.default_css = [("leaflet_css", f"{base}/leaflet.css")]


def base_map(asset_base: str, *, location: tuple[float, float] = SYRIA_CENTRE, zoom: int = SYRIA_ZOOM,
             outlines_url: str | None = None) -> folium.Map:
    """The map that stays: base maps to switch between, offline outlines, legend, centre and zoom.

    Depends on nothing the analyst filters, so streamlit-folium keeps it for the session.

    >>> base_map("/assets").location
    [34.8, 38.5]
    """
    fmap = LocalAssetMap(location=list(location), zoom_start=zoom, tiles=None, control_scale=True,
                         asset_base=asset_base)
    for index, (name, url, attribution, max_zoom) in enumerate(BASEMAPS):
        folium.TileLayer(url, attr=attribution, name=name, max_zoom=max_zoom, show=index == 0).add_to(fmap)
    folium.map.CustomPane(OUTLINES_PANE, z_index=150, pointer_events=False).add_to(fmap)
    Outlines(outlines_url).add_to(fmap)
    folium.LayerControl(position="topright", collapsed=True).add_to(fmap)
    Legend().add_to(fmap)
    fmap.get_root().header.add_child(folium.Element(f"<style>{MAP_CSS}</style>"))
    return fmap


# The map's own styles. The bottom corners never meet: Leaflet's scale bar (at most 100 px wide) sits bottom
# left, so the attribution (bottom right) keeps SCALE_ROOM px clear of it and wraps its lines instead of
# running under the bar on a narrow map.
SCALE_ROOM = 130
MAP_CSS = (
    ".leaflet-container{background:#cfe0ea}"
    f".leaflet-bottom.leaflet-right{{max-width:calc(100% - {SCALE_ROOM}px)}}"
    ".leaflet-control-attribution{white-space:normal;text-align:right}"
    ".conflictmap-legend{background:rgba(255,255,255,.92);padding:4px 8px;border-radius:4px;font:12px/1.5 "
    "sans-serif;box-shadow:0 1px 4px rgba(0,0,0,.3);max-height:calc(100vh - 90px);overflow:auto}"
    ".conflictmap-legend summary{cursor:pointer;font-weight:bold}"
    ".conflictmap-legend i{display:inline-block;width:10px;height:10px;border-radius:5px;margin-right:4px;"
    "vertical-align:-1px}")


@lru_cache(maxsize=1)
def outlines() -> dict:
    """Country outlines of the wars the sources report and their neighbours, bundled for maps without tiles.

    Natural Earth 1:50m (public domain), cut by ``data/outlines/make_outlines.py --wars``: a GeoJSON
    FeatureCollection, each feature's properties ``name`` and ``iso`` (ISO 3166-1 alpha-2)."""
    return json.loads(OUTLINES.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _outlines_script() -> str:
    return _script_json(outlines())


def outlines_json() -> str:
    """The outlines as the JSON file the browser fetches (``fastlayer.fast_map(files=...)``)."""
    return _outlines_script()


class Outlines(MacroElement):
    """The bundled outlines in their own pane under the tiles: seen only where tiles fail to load.

    A plain ``L.geoJSON`` of a string serialised once per process, because
    folium's GeoJson would restyle and re-serialise them on every rerun. Fetched from ``url``, they are
    drawn after the event layer's first paint where the map has one (``conflictmapAfterPaint`` in
    ``static/fastlayer.js``): the events are what the analyst opened the map for, the outlines only show
    where tiles fail.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJSON(null, {pane: {{ this.pane_json }}, interactive: false,
            style: function () { return {color: "#8a8a8a", weight: 1, fillColor: "#f3f0e8", fillOpacity: 1}; }});
        {% if this.url_json %}fetch({{ this.url_json }}).then(function (r) { return r.json(); })
            .then(function (d) { (window.conflictmapAfterPaint || function (f) { f(); })(function () {
                {{ this.get_name() }}.addData(d); }); });
        {% else %}{{ this.get_name() }}.addData({{ this.data }});{% endif %}
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, url: str | None = None) -> None:
        """``url``: where the browser fetches the outlines (once, then from its cache) instead of the map's script
        carrying them (188 KB) on every rerun."""
        super().__init__()
        self._name = "Outlines"
        self.pane_json = json.dumps(OUTLINES_PANE)
        self.url_json = _script_json(url) if url else None

    @property
    def data(self) -> str:
        return _outlines_script()


def legend_html() -> str:
    """The map's legend: a colour per event type, and what rings, areas and counted circles mean. It opens
    folded to its heading (a small box in the top right corner, under the base map switch), so it covers
    no point until the analyst opens it; the caption under the map says what colour and size mean."""
    rows = "".join(f"<div><i style='background:{colour}'></i>{html.escape(name.replace('_', ' '))}</div>"
                   for name, colour in TYPE_COLOURS.items())
    # A <details> element: a click on "Legend" unfolds it (and folds it again), with no script of ours.
    return ("<details><summary>Legend</summary>"
            f"<div style='display:grid;grid-template-columns:auto auto;column-gap:8px'>{rows}</div>"
            "<div style='margin-top:4px'><i style='background:none;border:2px dashed #555;"
            "width:8px;height:8px'></i>placed to a town or coarser<br>(shaded: that place's area)</div>"
            "<div><i style='background:#31456a'></i>places counted together</div>"
            "<div style='color:#555'>size: highest figure claimed</div></details>")


class Legend(MacroElement):
    """The legend as a Leaflet control in the map's top right corner, so it stays with the map at any size."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: "topright"});
        {{ this.get_name() }}.onAdd = function () {
            var div = L.DomUtil.create("div", "conflictmap-legend");
            div.innerHTML = {{ this.content }};
            L.DomEvent.disableClickPropagation(div);  // folding it never clicks the map under it
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.attribution }});
        {% endmacro %}
    """)

    def __init__(self) -> None:
        super().__init__()
        self._name = "Legend"
        # Our own constant HTML (type names escaped above), as a JSON string literal safe inside a script.
        self.content = _script_string(legend_html())
        self.attribution = _script_string(OUTLINES_ATTRIBUTION)


def _script_string(text: str) -> str:
    """A JavaScript string literal that can sit inside a ``<script>`` (``safetext.js_string``)."""
    return js_string(text)


def _script_json(value) -> str:
    """JSON that can sit inside a ``<script>``: no ``<``, ``>`` or ``&`` survive as such."""
    return json.dumps(value, separators=(",", ":")).replace("<", "\\u003c").replace(">", "\\u003e") \
        .replace("&", "\\u0026")


def marker_radius(highest_killed: int | None) -> float:
    """Pixels for a point: grows with the highest figure claimed, so big tolls stand out.

    >>> marker_radius(None), marker_radius(100)
    (6.0, 16.0)
    """
    if not highest_killed:
        return 6.0
    return round(6.0 + 5.0 * math.log10(1 + highest_killed), 1)


def event_layer(events: pd.DataFrame, tallies: Mapping[str, Tally], claims: pd.DataFrame,
                name: str = "Events") -> folium.FeatureGroup:
    """The layer the slider changes: one point per located event, coloured by type.

    A place known only to a town or coarser is ringed with a dashed outline
    so it does not pass for an exact position.
    """
    layer = folium.FeatureGroup(name=name)
    by_event = {key: frame for key, frame in claims.groupby("event_id")} if len(claims) else {}
    for row in events.itertuples(index=False):
        if pd.isna(row.lat) or pd.isna(row.lon):
            continue
        summary = tallies.get(row.id)
        colour = TYPE_COLOURS.get(row.event_type, TYPE_COLOURS["other"])
        precise = row.precision == Precision.NEIGHBOURHOOD.value
        folium.CircleMarker(
            location=[float(row.lat), float(row.lon)],
            radius=marker_radius(summary.highest if summary else None),
            color="#222" if precise else colour,
            weight=1 if precise else 2,
            dash_array=None if precise else "4 3",
            fill=True, fill_color=colour, fill_opacity=0.8,
            tooltip=tooltip(tooltip_html(row, by_event.get(row.id), summary)),
        ).add_to(layer)
    return layer


class Tooltip(folium.Tooltip):
    """folium's tooltip with its text encoded for the script it sits in.

    folium writes a tooltip's text into a JavaScript template literal as it
    is, where a backtick ends it and ``${…}`` runs. This one writes it
    through ``safetext.js_body``, which reads back in the browser as the same
    (already HTML-escaped) text; ``.text`` stays that text.
    """

    _template = FoliumTemplate("""
        {% macro script(this, kwargs) %}
            {{ this._parent.get_name() }}.bindTooltip(
                `<div>{{ this.encoded }}</div>`,
                {{ this.options|tojavascript }}
            );
        {% endmacro %}
        """)

    @property
    def encoded(self) -> str:
        return js_body(self.text)


def tooltip(html_text: str, *, sticky: bool = True) -> Tooltip:
    """Every tooltip conflictmap draws: ``html_text`` (escaped HTML) encoded for the page's JavaScript."""
    return Tooltip(html_text, sticky=sticky)


def draft_map(payload: Mapping, asset_base: str, *, outlines_url: str | None = None) -> folium.Map:
    """A draft's located events (``extract`` JSON) on the base map; a dashed ring where the place is coarser
    than a neighbourhood. Names come from reports and online geocoders: escaped for HTML, encoded for JS.
    ``outlines_url``: as ``base_map``'s (the outlines fetched once, not carried in every rerun's script)."""
    located = [e for e in payload.get("events", []) if e["place"].get("lat") is not None]
    fmap = base_map(asset_base, outlines_url=outlines_url)
    for item in located:
        place = item["place"]
        colour = TYPE_COLOURS.get(item["event_type"], TYPE_COLOURS["other"])
        folium.CircleMarker([place["lat"], place["lon"]], radius=7, color=colour, fill=True, fill_opacity=0.8,
                            dash_array=None if place.get("precision") == Precision.NEIGHBOURHOOD.value else "4 3",
                            tooltip=tooltip(html.escape(f"{place.get('display_name') or place.get('name')} "
                                                        f"({place.get('precision')}) · {item['event_type']} · "
                                                        f"{item['id']}")),
                            ).add_to(fmap)
    if located:
        fmap.fit_bounds([[min(e["place"]["lat"] for e in located), min(e["place"]["lon"] for e in located)],
                         [max(e["place"]["lat"] for e in located), max(e["place"]["lon"] for e in located)]],
                        max_zoom=11)
    return fmap


def tooltip_html(row, claims: pd.DataFrame | None, summary: Tally | None) -> str:
    """The tooltip: event id (read back on click), place, type, date, and each source's figure."""
    esc = html.escape
    place = row.display_name if isinstance(row.display_name, str) else row.place_mention
    lines = [f"<b>{esc(str(place))}</b> &middot; {esc(row.event_type.replace('_', ' '))}"
             f" &middot; {esc(str(row.event_date or 'date unknown'))}"]
    if claims is not None and len(claims):
        for claim in claims.itertuples(index=False):
            lines.append(esc(claim_line(claim._asdict())))
            if isinstance(claim.quote, str) and claim.quote:
                lines.append(f"<i style='color:#555'>&ldquo;{esc(_shorten(claim.quote))}&rdquo;</i>")
    else:
        lines.append("no casualty claims")
    if summary is not None and summary.disagree:
        lines.append("<i>sources disagree</i>")
    lines.append(f"<span style='color:#777'>{EVENT_ID_PREFIX}{esc(row.id)}</span>")
    return "<br>".join(lines)


def claim_line(claim: Mapping) -> str:
    """One claim in plain words: "Syrian Observatory for Human Rights: 19 killed (19 government)".

    Each figure keeps its words: "at least 40 injured", "dozens injured", "15–20 injured" (a range's
    ``*_high``). The line is plain text: callers escape it for HTML or show it as text.
    """
    who = claim.get("source") or "unattributed"
    if claim.get("denial"):
        return f"{who}: denies"
    bits = [words for outcome in ("killed", "injured") if (words := _figure(claim, outcome))]
    parts = [f"{int(claim[k])} {k}" for k in ("civilians", "rebels", "government") if _present(claim.get(k))]
    text = f"{who}: {', '.join(bits) or 'no figure'}"
    if parts:
        text += f" ({', '.join(parts)})"
    if claim.get("scope") and claim.get("scope") != "event":
        text += f" [{claim['scope']}]"
    return text


def _figure(claim: Mapping, outcome: str) -> str:
    """One figure of a claim in words ("at least 40 injured", "dozens injured", "15–20 injured"); "" without."""
    if _present(claim.get(outcome)):
        qualifier, high = claim.get(f"{outcome}_qualifier"), claim.get(f"{outcome}_high")
        amount = f"{int(claim[outcome])}" + (f"–{int(high)}" if _present(high) and high > claim[outcome] else "")
        return f"{qualifier + ' ' if isinstance(qualifier, str) and qualifier else ''}{amount} {outcome}"
    text = claim.get(f"{outcome}_text")
    return f"{text} {outcome}" if isinstance(text, str) and text else ""


def event_id_from_tooltip(tooltip: str | None) -> str | None:
    """The event id a clicked tooltip carries (streamlit-folium returns the tooltip's text)."""
    if not tooltip or EVENT_ID_PREFIX not in tooltip:
        return None
    return tooltip.rsplit(EVENT_ID_PREFIX, 1)[1].split()[0].strip()


def _shorten(text: str, limit: int = QUOTE_CHARS) -> str:
    """A quote cut at a word boundary, so a tooltip stays a tooltip."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def _present(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))

