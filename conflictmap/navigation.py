"""The dashboard's pages and the links between them, each carrying the analyst's view.

The view (window, filters, selection, map position) lives in the page's
address (``conflictmap.view``). Streamlit's own page list drops the address's
query, so the shipped ``.streamlit/config.toml`` hides it
(``client.showSidebarNavigation = false``) and every page draws these links
instead, with the view's parameters on each. The share box's full address
comes from here too: the app's public root where one is configured (a
deployment behind a proxy), else the address the browser used.
"""
from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from conflictmap import view as views

PUBLIC_URL_ENV = "CONFLICTMAP_PUBLIC_URL"
PUBLIC_URL_SECRET = "public_url"
STAYS_ON_ITS_PAGE = ("play",)  # playing is the map's own motion; another page does not start it again


@dataclass(frozen=True)
class Page:
    """A page of the dashboard: its script, the label its link shows, and its URL path ("" for the map)."""

    script: str
    label: str
    path: str


PAGES = (Page("app.py", "Map", ""), Page("pages/1_Reports.py", "Reports", "Reports"),
         Page("pages/2_Ingest.py", "Ingest", "Ingest"), Page("pages/3_Review.py", "Review", "Review"),
         Page("pages/4_Tallies.py", "Tallies", "Tallies"))


def carried(params: Mapping[str, str | Sequence[str]]) -> dict[str, str | list[str]]:
    """The view's query parameters that travel to another page: what ``view.decode`` reads, normalised,
    without play. Anything else in the address (a hand-added key) stays behind.

    >>> carried({"from": "2013-02-05", "type": ["airstrike"], "play": "1", "utm": "x"})
    {'from': '2013-02-05', 'type': ['airstrike']}
    """
    return {key: value for key, value in views.encode(views.decode(params)).items() if key not in STAYS_ON_ITS_PAGE}


def public_url() -> str | None:
    """The app's root as the world reaches it: env ``CONFLICTMAP_PUBLIC_URL``, else the ``public_url`` secret."""
    configured = os.environ.get(PUBLIC_URL_ENV, "").strip()
    if configured:
        return configured
    try:
        return str(st.secrets.get(PUBLIC_URL_SECRET, "")).strip() or None
    except Exception:  # noqa: BLE001 - no secrets.toml is the normal local case
        return None


def address(path: str = "") -> str | None:
    """This page's full address without query (``view.page_address``); ``path`` is its URL path ("" for the map)."""
    return views.page_address(st.context.url, public_url(), path)


def sidebar(params: Mapping[str, str | Sequence[str]] | None = None, where=None) -> None:
    """Links to every page in the sidebar (or ``where``), each with the view of ``params`` (default: this
    page's address). A page run on its own (one script, as Streamlit's AppTest runs it) has no other pages
    to link to, and draws none."""
    query = carried(params if params is not None else {k: st.query_params.get_all(k) for k in st.query_params})
    with where if where is not None else st.sidebar:
        for page in PAGES:
            try:
                st.page_link(page.script, label=page.label, query_params=query)
            except StreamlitPageNotFoundError:
                return
