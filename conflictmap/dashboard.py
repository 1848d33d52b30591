"""The Streamlit adapter: caching, the database handle and Leaflet's files.

With ``signin`` (editor sign-in), the only modules of the package that
import streamlit, so the core stays usable from the command line and in
tests without it.
"""
from __future__ import annotations

from pathlib import Path

import streamlit as st
import streamlit.components.v1 as components
from sqlalchemy.exc import OperationalError

from conflictmap.extract import Extractor
from conflictmap.gazetteer import Gazetteer
from conflictmap.sample import load_samples
from conflictmap.source import SourceRegistry
from conflictmap.store import EventStore, StoreUnavailable, default_url

ASSET_COMPONENT = "leaflet_assets"


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
    return Extractor(gazetteer(), SourceRegistry.default())


@st.cache_resource(show_spinner="Opening the database…")
def _open_store(url: str) -> EventStore:
    """One store per server process and URL; a new database gets the bundled sample.

    A failure is not cached: the next page run tries again, so the dashboard
    comes back by itself when the database does.
    """
    handle = EventStore(url)
    if handle.is_empty():
        load_samples(handle, gazetteer())
    return handle


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
