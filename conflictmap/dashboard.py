"""The Streamlit adapter: caching, the database handle and Leaflet's files.

With ``signin`` (editor sign-in), the only modules of the package that
import streamlit, so the core stays usable from the command line and in
tests without it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import streamlit as st
import streamlit.components.v1 as components
from sqlalchemy.exc import OperationalError

from conflictmap.columns import UNPLACED, EventColumns, safe_json
from conflictmap import fastlayer, mapfiles, timeline
from conflictmap import extent
from conflictmap.filters import Filters, place_labels as labels_of
from conflictmap.places.outline import countries_of
from conflictmap.places.gazetteer import Gazetteer
from conflictmap.sample import fills, load_samples
from conflictmap.store import EventStore, StoreUnavailable, default_url

if TYPE_CHECKING:
    from conflictmap.reading.reader import Extractor

ASSET_COMPONENT = "leaflet_assets"
# From this many live events a server with no prepared columns has a child process build them
# (mapfiles.prepare_in_child: about a second of its start-up beside a build of about 0.4 s at 20,000 events, 60 s at
# 1,000,000); below it the server builds them itself.
BUILD_ELSEWHERE_FROM = 20_000
PAYLOAD_COMPONENT = "event_columns"


def leaflet_dir() -> Path:
    """Leaflet's own files, from the installed ``django-js-lib-leaflet`` package."""
    import js_lib_leaflet

    return Path(js_lib_leaflet.__file__).resolve().parent / "static" / "js_lib_leaflet"


# Declaring a component makes Streamlit serve its folder at /component/<module>.<name>/;
# the component is never rendered. The map's iframe lives at /component/streamlit_folium.st_folium/,
# so a relative path reaches the files whatever base URL the app is served under.
components.declare_component(ASSET_COMPONENT, path=str(leaflet_dir()))
ASSET_BASE = f"../{__name__}.{ASSET_COMPONENT}"


def _secrets() -> dict:
    try:
        return dict(st.secrets)
    except Exception:  # noqa: BLE001 - no secrets.toml is the normal local case
        return {}


@st.cache_resource(show_spinner=False)
def gazetteer() -> Gazetteer:
    return Gazetteer.default()


@st.cache_resource(show_spinner=False)
def extractor() -> Extractor:
    """The report reader, made once per server. Imported here, not with this module: the reader's modules
    took 0.12-0.19 s to import, which the map's first view after a restart paid without using them."""
    from conflictmap.reading.reader import Extractor
    from conflictmap.reading.sources import SourceRegistry

    return Extractor(gazetteer(), SourceRegistry.default())


@st.cache_resource(show_spinner="Opening the database…")
def _open_store(url: str) -> EventStore:
    """One store per server process and URL; the local default database, when the dashboard creates it, gets
    the bundled sample (``sample.fills``).

    A failure is not cached: the next page run tries again, so the dashboard
    comes back by itself when the database does.
    """
    sample = fills(url)  # looked at before the store creates the file
    handle = EventStore(url)
    if sample:
        load_samples(handle, gazetteer())
    return handle


# The events' columns are files named by their hash, served like Leaflet's files: a browser fetches
# them once per data version, and the slider only ever sends the window.
components.declare_component(PAYLOAD_COMPONENT, path=str(mapfiles.folder()))
PAYLOAD_BASE = f"../{__name__}.{PAYLOAD_COMPONENT}"


def outlines_url() -> str:
    """Where a page's map fetches the country outlines (188 KB, once a browser) instead of carrying them in
    its script on every rerun (``mapview.base_map(outlines_url=...)``)."""
    return f"{PAYLOAD_BASE}/{fastlayer._static_files()[1]}"


@st.cache_resource(show_spinner="Preparing the map…", max_entries=2)
def event_columns(version: tuple) -> EventColumns:
    """Every dated event as columns, held in this server process once per data version.

    Filters, window counts and charts are answered from these arrays, so a
    slider move with a filter set never reads the window's events again.
    The columns an import, an ingest or an earlier server wrote for this
    version are memory-mapped (``mapfiles.load_columns``); only without
    them are they read from the database and built.
    """
    url = store().url
    loaded = mapfiles.load_columns(url, version)
    if loaded is not None:
        return loaded
    # Many events: built and written by a child process, whose peak (3.2 GB at 1,000,000 events) ends with it,
    # then mapped here; a server that built them kept much of it (mapfiles.prepare_in_child).
    if store().live_event_count() >= BUILD_ELSEWHERE_FROM and mapfiles.prepare_in_child(url):
        loaded = mapfiles.load_columns(url, version)
        if loaded is not None:  # None: the data changed meanwhile, the child wrote a newer version's files
            return loaded
    built = EventColumns.from_rows(*store().map_rows())
    mapfiles.publish_columns(url, version, built)  # the next server to start maps them, and so does this one:
    return mapfiles.load_columns(url, version) or built  # the built arrays go, the mapped file stays


@st.cache_resource(show_spinner=False, max_entries=2)
def event_columns_urls(version: tuple) -> tuple[str, str]:
    """The URLs of the located events as columns (paint part, detail part); once per data version.

    Files already prepared for this version (by an import, or before a
    restart) are served as they are; otherwise they are written now.
    """
    url = store().url
    names = mapfiles.published(url, version) or mapfiles.publish_columns(url, version, event_columns(version))
    return f"{PAYLOAD_BASE}/{names[0]}", f"{PAYLOAD_BASE}/{names[1]}"


def prepare_map() -> None:
    """Build the map's columns for data just written, in this server, so the dashboard's next view is ready."""
    event_columns_urls(store().data_version())


@st.cache_resource(show_spinner=False, max_entries=16)
def filter_mask(version: tuple, filters: Filters) -> np.ndarray | None:
    """Which events pass ``filters`` (None: no filter): computed once per data version and filters, in milliseconds."""
    return event_columns(version).mask(filters) if filters.active else None


def filter_mask_url(version: tuple, filters: Filters) -> str | None:
    """The URL of the filters' mask for the browser (17 KB at 100,000 events); None: no filter.

    Not cached: packing the bits takes well under a millisecond, and the file
    is written again if a clean-up took it. At most ``mapfiles.MAX_MASKS``
    masks stay on disk, however many filters visitors try.
    """
    mask = filter_mask(version, filters)
    if mask is None:
        return None
    return f"{PAYLOAD_BASE}/{mapfiles.publish_mask(safe_json(event_columns(version).mask_payload(mask)))}"


@st.cache_data(show_spinner=False, max_entries=8)
def date_span(version: tuple) -> tuple[dt.date, dt.date] | None:
    """``EventStore.date_span`` once per data version (it scans the live events: 0.2 s at 1,000,000)."""
    return store().date_span()


@st.cache_data(show_spinner=False, max_entries=8)
def countries(version: tuple) -> list[str]:
    """The countries (ISO alpha-2) the located events lie in, for the country filter."""
    columns = event_columns(version)
    return sorted({c for c in countries_of(columns.place_lat, columns.place_lon) if c})


# The map's area free of its controls, in pixels (width, height), at the narrowest window the dashboard is
# laid out for (1100 px: the map column is about 480 x 560 px): less about 40 px on each side for the zoom
# buttons, the base map switch and the folded legend (left and right) and the scale bar and attribution
# (bottom). The opening extent fits the events into it, so none opens under a control.
OPENING_PX = (400, 480)


@st.cache_data(show_spinner=False, max_entries=8)
def opening_view(version: tuple) -> tuple[float, float, int] | None:
    """Where the map opens without a shared position: every located event in view, clear of the map's
    controls (``OPENING_PX``)."""
    columns = event_columns(version)
    return extent.opening_view(columns.place_lat, columns.place_lon, size=OPENING_PX)


@st.cache_data(show_spinner=False, max_entries=8)
def choices(version: tuple) -> dict[str, list[str]]:
    """What the filter lists offer; read again only when the data changes. ``places``: the keys of
    ``place_labels`` (governorates and places of every precision)."""
    return {**store().choices(), "places": list(place_labels(version))}


@st.cache_data(show_spinner=False, max_entries=8)
def place_labels(version: tuple) -> dict[str, str]:
    """The place filter's values and labels ("Jobar, Damascus"), from the map's columns: every governorate,
    every place name of the dated events and every name of an event not placed (``filters.place_labels``)."""
    columns = event_columns(version)
    terms = np.array([*columns.terms, None], dtype=object)  # a code of -1 reads the trailing None
    # Each (place name, governorate) pair once, as one int64 per event: np.unique over two columns (axis=0)
    # sorts rows as structured values, 2.2 s at 1,000,000 events against 0.03-0.15 s for this.
    width = len(columns.terms) + 1  # codes run -1 .. len(terms) - 1
    pair = (columns.name_code.astype(np.int64) + 1) * width + (columns.admin_code.astype(np.int64) + 1)
    pairs = [(n - 1, a - 1) for n, a in (divmod(int(p), width) for p in np.unique(pair))]
    unplaced = np.unique(columns.mention_code[(columns.place == UNPLACED) & (columns.name_code < 0)])
    return labels_of([(terms[n], terms[a]) for n, a in pairs], terms[unplaced])


@dataclass(frozen=True)
class Series:
    counts: pd.DataFrame
    casualties: pd.DataFrame


@st.cache_data(show_spinner=False, max_entries=16)
def timeline_series(version: tuple, filters: Filters, low: dt.date, high: dt.date) -> Series:
    """The charts' data over the whole span for these filters: computed once per data version and filters
    from the event columns, in numpy (``timeline.series``: no frame of every event and claim), so moving
    the slider only moves the shaded window."""
    counts, casualties = timeline.series(event_columns(version), filter_mask(version, filters),
                                         timeline.step_for(low, high))
    _give_back_memory()
    return Series(counts, casualties)


def _give_back_memory() -> None:
    """Hand the heap's free pages back to the operating system (glibc's ``malloc_trim``; nothing elsewhere).

    Called once the charts' series is made, the server's heaviest step after the map's first paint: what
    its runs freed (the series' 12-24 MB numpy temporaries among them; after such a block is freed, glibc
    serves blocks up to 32 MB from its heaps, which keep freed pages) stayed resident. A server on
    1,000,000 events held 378 and 408 MB with three sessions with it, 416 and 486 MB without it
    (BENCHMARKS.md, "The map at 1,000,000 events in the browser").
    """
    import ctypes

    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (macOS, musl): nothing to trim this way
        pass


def store() -> EventStore:
    """The page's database handle, checked on every run; when it cannot be used, say so plainly and stop.

    The message names the database without its password; nothing is written
    while it is away, and reloading the page once it is back carries on.
    """
    url = default_url(_secrets())
    try:
        handle = _open_store(url)
        handle.check()
    except (StoreUnavailable, OperationalError) as exc:
        problem = exc if isinstance(exc, StoreUnavailable) else StoreUnavailable.from_error(exc, url)
        st.error("**The database cannot be reached right now**, so nothing can be shown or saved. "
                 "Reload the page once it is back; nothing was lost.\n\n"
                 f"`{str(problem).replace('`', chr(39))}`")
        st.stop()
    return handle


@st.cache_resource(show_spinner=False)
def _window_component():
    """The page's window element (``fastlayer.WINDOW_JS``), registered once per server."""
    return st.components.v2.component("conflictmap_window", js=fastlayer.WINDOW_JS, isolate_styles=False)


def window_element(layer: fastlayer.EventWindow, inputs: dict[str, int]) -> None:
    """Move the map's window and the charts' shading in the browser without sending either again.

    ``layer``: the window as the map's element would carry it; ``inputs``: the hidden inputs the charts'
    window parameters are bound to (``charts.window_values``). The state travels as JSON data (about
    300 bytes); the element itself is empty on the page.
    """
    _window_component()(data=fastlayer.window_state(layer, inputs), key="conflictmap_window")
