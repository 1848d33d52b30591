"""conflictmap's dashboard: events on a map, a timeline, and who claims how many.

Run with ``streamlit run app.py``. The page only reads widgets, asks
``conflictmap`` for data and draws it; the map's base never changes, so
moving the slider only tells the browser's event layer the new window, and
the analyst's zoom stays.
"""
from __future__ import annotations

import datetime as dt
import functools
import time

import streamlit as st
from streamlit.errors import StreamlitAPIException
from streamlit_folium import st_folium

from conflictmap import (charts, dashboard, exchange, fastlayer, ledger, mapview, navigation, signin, tally,
                         timeline, view as views)
from conflictmap.safetext import md, plain, table as safe_table
from conflictmap.filters import Filters, Selection, Window, country_name

LISTING_ROWS = 10  # a page of the listing: the rows its table shows without scrolling
LISTING_ROW_PX = 66  # three lines of a cell's text (Streamlit wraps a cell's text in rows taller than 64 px)
# What a viewer may download: formats that hold only the live events the map shows (no history, no deleted rows).
VIEWER_FORMATS = tuple(f for f in exchange.EXPORT_FORMATS if f != "json")

st.set_page_config(page_title="conflictmap", page_icon="🗺️", layout="wide")
store = dashboard.store()
version = store.data_version()  # one look per rerun keys every cache below
span = dashboard.date_span(version)  # read once per data version (a scan of the events: 0.2 s at 1,000,000)

st.title("conflictmap")
if span is None:
    st.info("No dated events yet. Add reports with `python -m conflictmap ingest REPORT.txt`.")
    st.stop()

# A data set of one day still needs a slider with room to move.
low, high = span
if (high - low).days < 6:
    pad = dt.timedelta(days=3)
    low, high = low - pad, high + pad

step = timeline.step_for(low, high)  # the slider's step and Play's: a day for a short diary, more for years


def set_window(window: tuple[dt.date, dt.date]) -> None:
    """The one window: the slider and the two date boxes under it always show it."""
    st.session_state["window"] = window
    st.session_state["window_from"], st.session_state["window_to"] = window
    st.session_state["listing_page"] = 1  # a new window's listing starts at its first events


def typed_window() -> None:
    """A date typed in a box sets the window to the day, whatever the slider's step."""
    set_window(timeline.exact_window(st.session_state.get("window_from"), st.session_state.get("window_to"),
                                     low, high))


if "window" not in st.session_state:
    shared = views.decode({key: st.query_params.get_all(key) for key in st.query_params}).clamp(low, high)
    set_window((shared.start, shared.end))
    st.session_state["selected"] = shared.event
    st.session_state["playing"] = shared.playing
    st.session_state["map_at"] = (shared.lat, shared.lon, shared.zoom)
    st.session_state["map_start"] = (shared.lat, shared.lon, shared.zoom)  # where a shared link opens the map
    for name, value in (("f_types", list(shared.filters.types)), ("f_sources", list(shared.filters.sources)),
                        ("f_places", list(shared.filters.places)), ("f_actor", shared.filters.actor or ""),
                        ("f_min_killed", shared.filters.min_killed or 0),
                        ("f_countries", list(shared.filters.countries))):
        st.session_state[name] = value

if "next_window" in st.session_state:  # a play step of a full run (the fragment takes its own)
    set_window(st.session_state.pop("next_window"))
pages_nav = st.sidebar.container()  # the links to the other pages, filled with this run's view at the end
# The map's first report back (streamlit-folium's value, copied under its key before this run) tells that
# the map has painted the window's events: its layer holds the report until then (fastlayer.js,
# holdReport), or for a few seconds at most. What the first paint does not need waits for it (below).
reported = st.session_state.get("map") or {}
if reported.get("center") and reported.get("zoom") is not None:
    st.session_state["map_drawn"] = True
painted = bool(st.session_state.get("map_drawn"))
# What the filter lists offer (the claims' sources, every place's label, the events' countries: 3-5 s of a
# server's first view at 1,000,000 events, BENCHMARKS.md) is read for the filters, drawn after the map's first
# paint, or at once when a link carries list filters: their values the data has not stay chosen (the map shows
# what the link asks for) and are named.
chosen = {name: st.session_state[f"f_{name}"] for name in views.LIST_KEYS}
options, unmet = {}, {}
if painted or any(chosen.values()):
    options = {**dashboard.choices(version), "countries": dashboard.countries(version)}
    unmet = views.unmet(chosen, options)
    options = views.with_unmet(options, unmet)
with st.sidebar:
    st.header("Filters")
    if not painted:  # six widgets and their page code, drawn while the map's frame loads: after its paint
        st.caption("The filters follow once the map is drawn.")
    else:
        st.multiselect("Country", options["countries"], key="f_countries", format_func=country_name)
        st.multiselect("Event type", options["types"], key="f_types", format_func=lambda t: t.replace("_", " "))
        st.multiselect("Source made a claim", options["sources"], key="f_sources")
        labels = dashboard.place_labels(version)  # "Jobar, Damascus": every place with its governorate
        st.multiselect("Governorate or place", options["places"], key="f_places",
                       format_func=lambda p: labels.get(p, p),
                       help="A governorate, or a place of any size (a neighbourhood, a town, a city).")
        st.text_input("Actor (where known, e.g. from ACLED)", key="f_actor")
        st.number_input("At least this many killed (by some source)", min_value=0, step=1, key="f_min_killed")
filters = Filters(types=tuple(st.session_state["f_types"]), sources=tuple(st.session_state["f_sources"]),
                  places=tuple(st.session_state["f_places"]), actor=st.session_state["f_actor"].strip() or None,
                  min_killed=int(st.session_state["f_min_killed"]) or None,
                  countries=tuple(st.session_state["f_countries"]))


# A slider move (the boxes, Play, a page of the listing) reruns only the fragment `moved` below: the
# timeline, the count, the side panel, the totals, the export's window, the link and a small element that
# moves the map's window and the charts' shading in the browser (fastlayer.WINDOW_JS). The map, the
# charts and the filters are drawn by a full run only, and stay in the browser as they are while the
# window moves: a move sends a few kilobytes, not the charts' data or the map's script (BENCHMARKS.md).
# A full run (a filter, a click on the map, the map moved) draws the page around the fragment, then runs
# it; the fragment writes into the containers laid out here.
STEP_WORDS = {1: "a day", 7: "a week", 28: "four weeks", 91: "a quarter", 364: "52 weeks"}
step_words = STEP_WORDS.get(step.days, f"{step.days} days")
timeline_box = st.container()  # the slider, its boxes, Play and the count: the fragment's own body
if unmet:
    st.info(md(views.unmet_notice(unmet, {"countries": country_name})))

# The rerun path stays small at 100,000 events: the events are held as columns once per data version
# (in memory) and sent to the browser once (as files); the browser windows them by itself, and a filter
# is a mask over the same rows, sent once per filter. Only a page of the listing and the selection are
# queried.
columns_url, detail_url = dashboard.event_columns_urls(version)
mask_url = dashboard.filter_mask_url(version, filters)
start, end = st.session_state["window"]  # the slider's value (drawn below, in the fragment)

map_col, panel_col = st.columns([3, 2], gap="medium")
with map_col:
    window_layer = fastlayer.EventWindow(columns_url, start, end, st.session_state.get("selected"),
                                         detail=detail_url, mask=mask_url)
    # The link's position is given once; afterwards the map keeps wherever the analyst moves it, and the
    # position only travels back into the link.
    if (st.session_state.get("map_start") or (None,))[0] is None:  # no link position: the data's extent
        st.session_state["map_start"] = dashboard.opening_view(version) or (None, None, None)
    at_lat, at_lon, at_zoom = st.session_state.get("map_start") or (None, None, None)
    # Leaflet with the layer's library, and the outlines, are files the browser fetches once (not part of the map's
    # element); the script file starts fetching the events' columns as it loads (fastlayer.fast_map).
    # The map is made where it opens (a link's position or the data's extent), not made elsewhere and moved
    # there (streamlit-folium's center and zoom): each move it reports back is a full run of the page.
    opening = {"location": (at_lat, at_lon), "zoom": at_zoom} if at_lat is not None and at_zoom is not None else {}
    result = st_folium(fastlayer.fast_map(dashboard.ASSET_BASE, files=dashboard.PAYLOAD_BASE, prefetch=columns_url,
                                          **opening), key="map",
                       feature_group_to_add=window_layer,
                       returned_objects=["last_object_clicked_tooltip", "center", "zoom"], height=560,
                       use_container_width=True)
    moved = result or {}
    if moved.get("center") and moved.get("zoom") is not None:
        st.session_state["map_at"] = (round(moved["center"]["lat"], 5), round(moved["center"]["lng"], 5),
                                      int(moved["zoom"]))
    clicked = mapview.event_id_from_tooltip((result or {}).get("last_object_clicked_tooltip"))
    if clicked and clicked != st.session_state.get("last_clicked"):
        st.session_state["last_clicked"] = clicked
        st.session_state["selected"] = clicked
    st.caption("Colour: event type (legend on the map). Size: the highest figure any source claims. A dashed ring "
               "and shaded area: placed only to a town or coarser, drawn the size of that place. Numbered circles "
               "count the events of places that share the screen: click to zoom in; click a point again for the "
               "next event at that place.")
panel_box = panel_col.container()

st.subheader("Nationwide and daily totals")
totals_box = st.container()

st.subheader("Over time")
# What the map's first paint does not need waits for the map's first report back (which reruns the page
# anyway): the filters, the charts, the date boxes, the listing's and the totals' tables and the share link.
# Each needs its part of Streamlit's page code (Vega 0.8 MB, the table 1.3 MB, the code block's highlighter
# 1.5 MB, the date boxes 0.25 MB) that the browser loads, compiles and draws before the page's main area
# appears, the map's frame with it, on the same main thread: with them in the first run, the map's frame
# started 1.3 s after the run had ended (BENCHMARKS.md, "The first view").
series = dashboard.timeline_series(version, filters, low, high) if painted else None
if series is None:
    st.caption("The charts follow once the map is drawn.")
elif len(series.counts):
    st.caption("Events by type, and each source's killed claimed (never added across sources), for the current "
               "filters; the shaded band is the timeline's window.")
    chart_left, chart_right = st.columns(2)
    # Their data is fixed between full runs; the shaded window follows the slider in the browser (charts._band).
    chart_left.altair_chart(charts.counts(series.counts, start, end), width="stretch")
    chart_right.altair_chart(charts.casualties(series.casualties, start, end), width="stretch")

st.subheader("Export")
# Viewers get what the map shows them, and nothing more: live events of the window that pass the filters.
# The JSON dump (deleted and merged events, the change history naming editors) and the whole database are
# for editors.
editing = signin.current_editor() is not None
formats = exchange.EXPORT_FORMATS if editing else VIEWER_FORMATS
fmt = suffix = None  # the format list's page code is the Speed list's: drawn after the map's first paint
if painted:
    fmt = st.selectbox("Format", formats, format_func=exchange.FORMAT_LABELS.get, key="export_format")
    suffix = exchange.EXTENSIONS[fmt]
else:
    st.caption("Export follows once the map is drawn.")
window_col, all_col = st.columns(2)
window_box = window_col.container()
if editing and fmt:
    all_col.download_button(
        "The whole database", functools.partial(exchange.export_text, store, fmt),
        file_name=f"conflictmap-all.{suffix}", mime=exchange.MEDIA_TYPES[fmt], on_click="ignore")
elif fmt:
    all_col.caption("The whole database, deleted events and the change history are for editors.")
with st.sidebar:
    st.header("Share")
    st.caption("This link holds the whole view: window, filters, selection, map position and play.")
    share_box = st.container()


def slid() -> None:
    """The slider moved: the boxes still hold the window before, which tells which end moved."""
    set_window(timeline.slid(st.session_state["window"],
                             (st.session_state["window_from"], st.session_state["window_to"]), step))


def rewind() -> None:
    """Play pressed at the end: from the start again."""
    if st.session_state["playing"]:
        set_window(timeline.rewound(*st.session_state["window"], low, high))


@st.fragment(key="moved")
def moved() -> None:
    """Everything that follows the window, rerun alone when the window moves."""
    if "next_window" in st.session_state:  # a play step, set before the slider exists
        set_window(st.session_state.pop("next_window"))
    if st.session_state.pop("play_ended", False):  # play stops at the end of the data
        st.session_state["playing"] = False
    # The map's window and the charts' shading, moved in the browser (a few hundred bytes), first: the map
    # answers the move while the rest of the fragment is still being drawn. The slider's value is the
    # window already (its callback ran before this run).
    start, end = st.session_state["window"]
    selected = st.session_state.get("selected")
    painted = bool(st.session_state.get("map_drawn"))  # the map's first report has come (the page's top)
    # In the first run too: it makes the hidden inputs the charts' shading binds to, which must be on the page
    # before the charts are drawn (Vega binds once, when it draws).
    dashboard.window_element(fastlayer.EventWindow(columns_url, start, end, selected, detail=detail_url,
                                                   mask=mask_url), charts.window_values(start, end))
    # The slider has the page's width (the more pixels a step, the easier to drag); the boxes and Play sit under it.
    start, end = st.slider("Timeline", min_value=low, max_value=high, key="window", format="D MMM YYYY",
                           step=step, on_change=slid,
                           help=f"Drag either end, or use the arrow keys: {step_words} a step. Type exact days "
                                "in the boxes under it.")
    # One row (a horizontal container: one block a move, where columns took six).
    row = st.container(horizontal=True, vertical_alignment="bottom", gap="small")
    if painted:  # the date boxes' page code (0.25 MB) too waits for the map's first paint
        row.date_input("From", min_value=low, max_value=high, key="window_from", format="YYYY-MM-DD", width=170,
                       on_change=typed_window, help="The window's first day (to the day).")
        row.date_input("To", min_value=low, max_value=high, key="window_to", format="YYYY-MM-DD", width=170,
                       on_change=typed_window, help="The window's last day (to the day).")
    row.toggle("Play", key="playing", help=f"Step the window forward {step_words} at a time.", on_change=rewind,
               width="content")
    speed = row.selectbox("Speed", [2.0, 1.0, 0.5], index=1, key="speed", format_func=lambda s: f"{s:g} s",
                          help="Seconds between Play's steps.", width=100) if painted else 1.0
    selection = Selection(Window(start, end), filters)
    columns = dashboard.event_columns(version)
    mask = dashboard.filter_mask(version, filters)
    in_window = columns.count(start, end, mask)
    st.caption(md(selection.caption(in_window)))

    with panel_box:
        side_panel(start, end, selected, columns, mask, in_window, painted)

    with totals_box:
        totals = store.nationwide_frame(start, end) if painted else None
        if totals is None:
            st.caption("The totals follow once the map is drawn.")
        elif len(totals):
            st.caption("Figures that count no single place are listed here, never pinned on a city.")
            st.dataframe(safe_table(ledger.totals_table(totals)), hide_index=True, width="stretch", column_config={
                "Date": st.column_config.TextColumn(width=95), "Source": st.column_config.TextColumn(width=220),
                "Figures": st.column_config.TextColumn(width=160), "Of them": st.column_config.TextColumn(width=160),
                "Counts": st.column_config.TextColumn(width=120), "Note": st.column_config.TextColumn(width=160),
                "Quote": st.column_config.TextColumn(width="large")})
        else:
            st.caption("No nationwide or daily totals in this window.")

    # The file is written only when a button is clicked, never on every slider move.
    if painted and fmt:
        window_box.download_button(
            (f"What the map shows ({start:%d %b %Y} – {end:%d %b %Y})" if fmt != "json" else
             f"Every event of {start:%d %b %Y} – {end:%d %b %Y}, with its history (filters not applied)"),
            functools.partial(exchange.export_text, store, fmt, start, end, filters),
            file_name=f"conflictmap-{start}-{end}.{suffix}", mime=exchange.MEDIA_TYPES[fmt], on_click="ignore")

    lat, lon, zoom = st.session_state.get("map_at") or (None, None, None)
    shared = views.View(start, end, st.session_state.get("selected"), filters, lat, lon, zoom,
                        bool(st.session_state.get("playing")))
    st.query_params.from_dict(views.encode(shared))
    navigation.sidebar(views.encode(shared), pages_nav)
    if painted:
        share_box.code(views.link(shared, navigation.address()), language=None)
    else:
        share_box.caption("The link follows once the map is drawn.")

    if st.session_state.get("playing"):
        following = timeline.advance(start, end, low, high)
        if following is None:
            st.session_state["play_ended"] = True
        else:
            time.sleep(speed)
            st.session_state["next_window"] = following
        try:
            st.rerun(scope="fragment")  # a step moves the window alone, like the slider
        except StreamlitAPIException:  # in a full run (a link that opens playing): the whole page
            st.rerun()


def side_panel(start: dt.date, end: dt.date, selected: str | None, columns, mask, in_window: int,
               painted: bool) -> None:
    """The selected event's claims, or a page of the window's events (once the map has painted: ``painted``)."""
    chosen = store.window_events(start, end, ids=[selected]) if selected else None
    if chosen is not None and len(chosen):
        row = chosen.iloc[0]
        # One point per incident: its panel lists the claims of every report that tells it (conflictmap.ledger).
        members = store.incident_events(row["incident_id"]) if isinstance(row.get("incident_id"), str) else []
        claims = store.claims_frame(members or [selected]).assign(event_id=selected)
        summary = tally.tally(selected, claims)
        st.subheader(md(row['display_name'] or row['place_mention']))
        st.caption(md(f"{ledger.event_words(row['event_type'], row['event_date'], row['precision'])} · "
                      f"event {selected}"))
        st.markdown(md(ledger.range_words(summary.lowest, summary.highest, summary.sources)))
        incident = len(members) > 1
        if summary.disagree:  # said once: each source's latest figure where an incident has several reports
            said = ledger.disagreement(claims) if incident else None
            st.warning("Sources disagree: " + md(said or summary.disagreement))
        for flag in summary.flags:
            st.warning(f"Parts do not add up: {md(flag)}")
        if incident:
            # Plain text (st.text): the linker's reasons quote place names from reports.
            st.text(f"One incident told by {len(members)} events in {claims['report_id'].nunique()} reports:")
            for why in dict.fromkeys(store.window_events(None, None, ids=members)["incident_reason"].dropna()):
                st.text(plain(f"linked: {why}"))
            for line in ledger.notes(claims):
                st.text(plain(line))
        cards = ledger.cards(claims)
        st.markdown("**Claims**" if cards else "No casualty claims for this event.")
        for card in cards:  # source (as named), figures, breakdown, scope, date, the quote underneath
            st.markdown(card.markdown())
            if card.quote:
                st.caption(card.quote_markdown())
        if row["quote"] and all(card.quote != " ".join(str(row["quote"]).split()) for card in cards):
            st.caption(f"The report's sentence for the event: {md(row['quote'])}")
        if st.button("Clear selection"):
            st.session_state["selected"] = None
            st.rerun()  # the whole page: the map's highlight goes too
        return
    st.subheader("Events in this window")
    if not painted:
        st.caption("The window's events are listed once the map is drawn.")
        return
    st.caption("Click a point on the map to see each source's claims.")
    # One page of the listing at a time, the rows the table shows without scrolling: a slider move sends
    # those, not a table of hundreds.
    pages = max(1, -(-in_window // LISTING_ROWS))
    page = min(max(1, int(st.session_state.get("listing_page") or 1)), pages)
    if pages > 1:
        st.session_state["listing_page"] = page  # a filter may have left fewer pages than the page shown
        page = int(st.number_input("Page", min_value=1, max_value=pages, step=1, key="listing_page",
                                   help=f"{LISTING_ROWS} events a page, by date."))
    first = (page - 1) * LISTING_ROWS
    ids = columns.window_ids(start, end, mask, limit=first + LISTING_ROWS)[first:]
    events = store.window_events(start, end, ids=ids)
    if in_window > len(events):
        st.caption(f"Events {first + 1:,}–{first + len(events):,} of {in_window:,} (page {page:,} of {pages:,}).")
    listing = tally.listing(events, store.claims_frame(events["id"].tolist()))
    # Rows tall enough for three lines, so a long place wraps instead of being cut (Streamlit wraps a
    # cell's text once a row is taller than 4rem); a selected row is written out in full under the table.
    picked = st.dataframe(safe_table(listing), hide_index=True, width="stretch", key="listing",
                          on_select="rerun", selection_mode="single-row", row_height=LISTING_ROW_PX,
                          column_config={
        "Date": st.column_config.DateColumn(format="D MMM YYYY", width=85),
        "Killed claimed": st.column_config.TextColumn(width=100, help="Lowest–highest killed any source "
                                                      "claims; disputed: sources differ; denied: a source denies"),
        "What and where": st.column_config.TextColumn(width=150, help="Select a row to read it in full "
                                                                      "under the table.")})
    rows = [r for r in picked.selection.rows if r < len(listing)]
    if rows:
        row = listing.iloc[rows[0]]
        day = f"{row['Date'].day} {row['Date']:%b %Y}" if isinstance(row["Date"], dt.date) else "date unknown"
        # Plain text (st.text): the place names and the report's names for them are untrusted.
        st.text(plain(f"{day} · killed claimed: {row['Killed claimed'] or 'none'} · {row['What and where']}"))
    else:
        st.caption("Select a row to read it in full here.")


with timeline_box:
    moved()
