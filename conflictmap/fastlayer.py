"""The fast event layer: one canvas for all events, a tiny element for the time window.

Two folium elements, in the manner of a folium plugin (plain data in, the
JavaScript emitted at render time, the library in ``static/fastlayer.js``):

* ``EventCanvas`` goes on the base map. It never changes, so streamlit-folium
  keeps the map (and the analyst's zoom) for the whole session. It holds the
  drawing code and, outside Streamlit, may carry the events inline.
* ``EventWindow`` is what a full run of the page changes: a feature group whose
  script is one call, ``show({url, detail, start, end, selected, mask})``,
  passed as streamlit-folium's ``feature_group_to_add``. A slider move does not
  send the map at all: the page's window element (``WINDOW_JS``) hands the
  layer the new days (``move``). The browser fetches the events' columns (``conflictmap.columns``:
  first what a paint needs, then ids and claim lines) once per data version
  and windows them by day itself. Other filters arrive as a bit mask over
  the rows (``EventColumns.mask_payload``), a file fetched once per filter.

Clicks come back the way streamlit-folium reads any Leaflet layer: the canvas
fires "click" with a source whose tooltip is "event <id>", so the app's
``last_object_clicked_tooltip`` and ``mapview.event_id_from_tooltip`` work as
they do for ordinary markers.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

import folium
from folium.elements import JSCSSMixin
from jinja2 import Template

from conflictmap.columns import EventColumns, day_number, safe_json
from conflictmap.mapview import TYPE_COLOURS, base_map

LIBRARY = Path(__file__).resolve().parent / "static" / "fastlayer.js"
CLUSTER_COLOUR = "#31456a"


@lru_cache(maxsize=1)
def library_js() -> str:
    """The layer's JavaScript, inlined into the map's script (a file of a few kilobytes)."""
    return LIBRARY.read_text(encoding="utf-8")


class EventCanvas(JSCSSMixin):
    """The canvas layer on the base map; ``columns`` inlines the events (for pages outside Streamlit).

    >>> EventCanvas().options["colours"]["clash"]
    '#d62728'
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        {% if this.inline %}{{ this.library }}{% endif %}
        var {{ this.get_name() }} = new window.ConflictmapCanvas({{ this.options_json }});
        window.conflictmapHoldReport({{ this.get_name() }});
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        window.conflictmapLayer = {{ this.get_name() }};
        {% endmacro %}
    """)

    def __init__(self, columns: EventColumns | None = None, *, library_url: str | None = None) -> None:
        """``library_url``: the library as a file the map loads before its script (``default_js``), not inlined."""
        super().__init__()
        self._name = "EventCanvas"
        self.inline = library_url is None
        if library_url:
            self.default_js = [("conflictmap_fastlayer", library_url)]
        self.options = {"colours": dict(TYPE_COLOURS), "other": TYPE_COLOURS["other"],
                        "clusterColour": CLUSTER_COLOUR, "exactPrecision": "neighbourhood"}
        self.columns = columns

    @property
    def library(self) -> str:
        return library_js()

    @property
    def options_json(self) -> str:
        options = dict(self.options)
        if self.columns is not None:
            options["data"] = self.columns.to_payload()
        return safe_json(options)


class EventWindow(folium.FeatureGroup):
    """The slider's element: which data and which days the canvas shows, and the selected event.

    >>> EventWindow("events.json", dt.date(1970, 1, 2), dt.date(1970, 1, 3)).state
    {'url': 'events.json', 'start': 1, 'end': 2, 'selected': None}
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.featureGroup({});
        if (window.conflictmapLayer) { window.conflictmapLayer.show(window.conflictmapLatest({{ this.state_json }})); }
        {% endmacro %}
    """)

    def __init__(self, url: str | None, start: dt.date | None, end: dt.date | None,
                 selected: str | None = None, name: str = "Event window", *, detail: str | None = None,
                 mask: str | dict | None = None) -> None:
        """``mask``: the URL of a filter's mask, or the mask itself (pages outside Streamlit); none: no filter."""
        super().__init__(name=name, control=False)
        self.state = {"url": url, "start": None if start is None else day_number(start),
                      "end": None if end is None else day_number(end), "selected": selected}
        if detail:
            self.state["detail"] = detail
        if mask:
            self.state["mask"] = mask

    @property
    def state_json(self) -> str:
        return safe_json(self.state)


# The page's side of a slider move (``st.components.v2``, run in the page itself, not in a frame): the
# window's days travel as ``data`` (JSON, never written into this code) and go to the map's layer in
# streamlit-folium's frame (``ConflictmapCanvas.show``) and to two hidden inputs that the charts' window
# parameters are bound to (``charts.WINDOW_INPUTS``; Vega-Lite's ``BindDirect``). So the map's element
# and the charts, drawn by the full run, stay as they are while a fragment moves the window. The latest
# state is kept on the page (``conflictmapWindow``) for a map frame that loads after it
# (``EventWindow``'s script asks ``conflictmapLatest``). The map's data and filter change only in a full
# run, which sends the map's element with them.
WINDOW_JS = """export default function ({data}) {
const d = data || {};
window.conflictmapWindow = d.window;
for (const [id, v] of Object.entries(d.inputs || {})) {
let e = document.getElementById(id);
if (!e) { e = document.createElement("input"); e.type = "hidden"; e.id = id; document.body.appendChild(e); }
if (e.value !== String(v)) { e.value = String(v); e.dispatchEvent(new Event("input")); }
}
for (const f of document.querySelectorAll("iframe")) {
try { const l = f.contentWindow.conflictmapLayer; if (l) l.move(d.window); } catch (x) {}
}
}"""  # sent with every move (an inline component's code travels with it): kept short


def window_state(layer: EventWindow, inputs: dict[str, int]) -> dict:
    """What ``WINDOW_JS`` gets: the layer's window and selection (``EventWindow.state``; its data and filter
    stay as the map's element set them) and each input's value.

    >>> window_state(EventWindow("e.json", dt.date(1970, 1, 2), dt.date(1970, 1, 2)), {"cm-from": 86400000})
    {'window': {'start': 1, 'end': 1, 'selected': None}, 'inputs': {'cm-from': 86400000}}
    """
    return {"window": {key: layer.state[key] for key in ("start", "end", "selected")}, "inputs": dict(inputs)}


def fast_map(asset_base: str, columns: EventColumns | None = None, *, files: str | None = None,
             prefetch: str | None = None, location: tuple[float, float] | None = None,
             zoom: int | None = None) -> folium.Map:
    """The base map with the event canvas on it: what the dashboard keeps for a whole session.

    ``files``: the URL of the folder ``mapfiles`` serves. Leaflet and the layer's library are then one file
    there (``static/prefetch.js``, Leaflet, ``static/fastlayer.js``: 0.16 MB, 52 KB gzipped) and the country
    outlines another (188 KB), each written once (named by its hash) and fetched by the browser once,
    where inlined they travelled in the map's script on every full run (streamlit-folium re-sends the base
    map's script with each ``feature_group_to_add``). streamlit-folium loads a map's script files one after
    another, so Leaflet and the library in one file are one wait, not two. ``prefetch``: the URL of the
    events' columns (relative to the map's frame, as ``EventWindow`` gives it), named in that file's URL so
    that its first lines start fetching them before Leaflet is read (``static/prefetch.js``). ``location``
    (latitude, longitude) and ``zoom``: where the map opens (default: ``mapview.base_map``'s). A map made
    where the page wants it reports that view once; made elsewhere and moved there, it reports twice, and
    each report reruns the page.

    >>> "ConflictmapCanvas" in fast_map("/assets").get_root().render()
    True
    """
    if files is None:
        fmap = base_map(asset_base)
        EventCanvas(columns).add_to(fmap)
        return fmap
    library, outlines = _static_files()
    at = {"location": location} if location is not None else {}
    fmap = base_map(asset_base, outlines_url=f"{files}/{outlines}", **at, **({"zoom": zoom} if zoom is not None else {}))
    fmap.default_js = []  # Leaflet comes in the library's file
    query = f"?prefetch={quote(prefetch, safe='/.-_')}" if prefetch else ""
    EventCanvas(columns, library_url=f"{files}/{library}{query}").add_to(fmap)
    return fmap


PREFETCH = LIBRARY.with_name("prefetch.js")


@lru_cache(maxsize=1)
def script_file_js() -> str:
    """The map's one script file: the columns' early fetch, Leaflet (``django-js-lib-leaflet``), the library."""
    import js_lib_leaflet

    leaflet = Path(js_lib_leaflet.__file__).resolve().parent / "static" / "js_lib_leaflet" / "leaflet.js"
    return "\n;\n".join((PREFETCH.read_text(encoding="utf-8"), leaflet.read_text(encoding="utf-8"), library_js()))


def _static_files() -> tuple[str, str]:
    """The script file's and the outlines' names in ``mapfiles.folder()``, written if missing (a stat each call)."""
    from conflictmap import mapfiles
    from conflictmap.mapview import outlines_json

    return (mapfiles.publish_text(script_file_js(), "leaflet-fastlayer-{}.js"),
            mapfiles.publish_text(outlines_json(), "outlines-{}.geojson"))
