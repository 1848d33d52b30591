"""Ingest: paste or upload reports, review what was read, correct it, then save.

Nothing is stored until the editor presses Save: the extracted events show
on a map and in tables first, where a false event can be removed and a
place, type, date, figure or source corrected. Unplaced names are listed
with their sentence and can be pinned on the spot.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from conflictmap import dashboard, draft, mapview, navigation, signin, validate
from conflictmap.places.chain import Geocoder, place_record
from conflictmap.places.pins import pin
from conflictmap.redact import scrub
from conflictmap.safetext import md, plain, table as safe_table
from conflictmap.places.online import OnlineConfig
from conflictmap.exchange.upload import MAX_BYTES, MAX_FILES, UploadError, accepted_types, check_batch, pasted, read_upload

st.set_page_config(page_title="conflictmap · ingest", page_icon="🗺️", layout="wide")
navigation.sidebar()
editor = signin.require_editor()
store = dashboard.store()
DRAFTS = "ingest_drafts"  # report id -> {"name", "payload", "title", "reasons", "version"}

st.title("Ingest reports")
online = OnlineConfig.from_env()
with st.form("read_reports"):
    text = st.text_area("Paste a report", height=180, key="paste", max_chars=MAX_BYTES)
    files = st.file_uploader(f"…or upload reports (up to {MAX_FILES} files of {MAX_BYTES // 1_048_576} MB each)",
                             type=list(accepted_types()), accept_multiple_files=True, key="files",
                             max_upload_size=MAX_BYTES // 1_048_576)
    left, middle, right = st.columns(3)
    publisher = left.text_input("Publisher", key="publisher")
    url = middle.text_input("URL", key="url")
    first, last = validate.date_range()  # the days the store accepts, not Streamlit's ten years either side
    pub_date = right.date_input("Publication date", value=None, min_value=first, max_value=last, key="pub_date",
                                format="YYYY-MM-DD", help=f"Any day from {first} to {last}.")
    st.caption("Empty fields take what each file says about itself: a `DATE:`/`URL:` header in a text file, the "
               "published date and canonical address of an HTML page, else nothing. Without a publication date, "
               "relative days (\"on Monday\", \"yesterday\") stay unknown rather than guessed.")
    look_online = st.checkbox("Look unplaced names up online (one request a second)", value=online.enabled,
                              disabled=not online.enabled,
                              help=None if online.enabled else "Online geocoding is off (CONFLICTMAP_GEOCODER).")
    read = st.form_submit_button("Read")

if read:
    uploads, problems = [], []
    try:
        check_batch([(f.name, f.size) for f in files or []])
    except UploadError as exc:
        problems.append(str(exc))
        files = []
    for handle in files or []:
        try:
            uploads.append(read_upload(handle.name, handle.getvalue()))
        except UploadError as exc:
            problems.append(str(exc))
    if text.strip():
        try:
            uploads.insert(0, pasted(text))
        except UploadError as exc:
            problems.insert(0, str(exc))
    if uploads and pub_date is None:
        st.info("No publication date in the form: each report's own date is used where it gives one "
                f"(a day typed outside {first} – {last} is not taken).")
    for problem in problems:
        st.error(md(problem))
    if not uploads and not problems:
        st.warning("Paste a report or upload a file first.")
    drafts: dict = {}
    if uploads:
        geocoder = Geocoder.configured(dashboard.gazetteer(), store, offline=not look_online)
        with st.status(f"Reading {len(uploads)} report(s)…", expanded=True) as status:
            bar = st.progress(0.0)
            for n, upload in enumerate(uploads):
                status.update(label=f"Reading {md(upload.name)} ({n + 1} of {len(uploads)})…")
                report = upload.report(pub_date=pub_date, url=url.strip() or None, publisher=publisher.strip() or None)
                payload = dashboard.extractor().extract(report).to_dict()

                def step(done: int, total: int, name: str) -> None:
                    status.update(label=f"Placing {md(name)} ({done + 1} of {total}) in {md(upload.name)}…")

                payload, reasons = draft.locate(payload, geocoder, progress=step)
                drafts[payload["report"]["id"]] = {"name": upload.name, "payload": payload, "title": upload.title,
                                                   "reasons": reasons, "version": 0}
                bar.progress((n + 1) / len(uploads))
            status.update(label=f"Read {len(uploads)} report(s): review them below, then save.", state="complete",
                          expanded=False)
    st.session_state[DRAFTS] = drafts

for message in st.session_state.pop("ingest_saved", []):
    st.success(message)


drafts = st.session_state.get(DRAFTS) or {}
edited: dict[str, tuple[pd.DataFrame, pd.DataFrame]] = {}
for report_id, entry in drafts.items():
    payload, version = entry["payload"], entry["version"]
    st.subheader(f"{md(entry['name'])} · {len(payload['events'])} event(s)")
    meta = payload["report"]
    st.caption(f"Report {report_id} · publisher {md(meta.get('publisher') or 'none')} · "
               f"URL {md(meta.get('url') or 'none')}"
               f" · published {meta.get('pub_date') or 'unknown (relative days stay unknown)'}")  # an ISO day the reader made
    if not payload["events"]:
        st.info("No events were read from this report.")
        continue
    st_folium(mapview.draft_map(payload, dashboard.ASSET_BASE, outlines_url=dashboard.outlines_url()), key=f"draft_map_{report_id}_{version}",
              returned_objects=[], height=320, use_container_width=True)
    st.markdown("**Events** — untick *keep* to remove a false event; correct the date, type, place or "
                "coordinates in place; add a row for an event the reader missed (its type and place at least).")
    events = st.data_editor(
        safe_table(pd.DataFrame(draft.event_rows(payload), columns=draft.EVENT_COLUMNS), columns=["quote"]),
        key=f"events_{report_id}_{version}", num_rows="dynamic",
        hide_index=True, width="stretch", disabled=["id", "quote"],
        column_config={"keep": st.column_config.CheckboxColumn("keep", default=True),  # an added row is kept
                       "event_type": st.column_config.SelectboxColumn("type", options=draft.EVENT_KINDS),
                       "precision": st.column_config.SelectboxColumn("precision", options=draft.PRECISIONS),
                       "lat": st.column_config.NumberColumn("lat", format="%.5f", min_value=-90, max_value=90),
                       "lon": st.column_config.NumberColumn("lon", format="%.5f", min_value=-180, max_value=180),
                       "date": st.column_config.TextColumn("date", help="YYYY-MM-DD; empty when unknown")})
    st.markdown("**Claims** — who gave which figure, with their words.")
    claims = st.data_editor(
        safe_table(pd.DataFrame(draft.claim_rows(payload), columns=draft.CLAIM_COLUMNS), columns=["quote"]),
        key=f"claims_{report_id}_{version}",
        hide_index=True, width="stretch", disabled=["event_id", "claim", "quote"],
        column_config={"keep": st.column_config.CheckboxColumn("keep"),
                       **{f: st.column_config.NumberColumn(f, min_value=0, step=1) for f in draft.FIGURES}})
    edited[report_id] = (events, claims)

    choices = {f"{e['id']} · {e['place'].get('mention')}": e for e in payload["events"]}
    with st.expander("Choose another place from the gazetteer"):
        label = st.selectbox("Event", list(choices), key=f"alt_event_{report_id}", format_func=plain)
        mention = choices[label]["place"].get("mention") or ""
        options = {f"{p.display_name}, {p.admin1 or '?'} ({p.precision.value}; {p.lat:.4f}, {p.lon:.4f}) [{p.id}]": p
                   for p in dashboard.gazetteer().candidates(mention, quiet=True) if p.located}
        if options:
            chosen = st.selectbox("Place", list(options), key=f"alt_place_{report_id}")
            if st.button("Use this place", key=f"alt_use_{report_id}"):
                entry["payload"] = draft.place_event(payload, choices[label]["id"], place_record(options[chosen]))
                entry["version"] += 1
                st.rerun()
        else:
            st.caption(f"The gazetteer knows no other place called {md(repr(mention))}; type coordinates in the "
                       "table or pin it below.")

    missing = draft.unresolved(payload)
    if entry.get("names_version") != version:  # names the reader saw but placed nowhere (parsed once a version)
        known = draft.known_by(dashboard.gazetteer(), dashboard.extractor().registry)
        entry["names"], entry["names_version"] = draft.unplaced_names(payload, known), version
    unnamed = [n for n in entry["names"] if n["name"] not in {m["place"] for m in missing}]
    if missing or unnamed:
        st.markdown("**Unplaced names** — kept, but not on the map until placed. Pin one here: the pin also "
                    "places that name in later reports.")
    if missing:
        st.dataframe(safe_table(pd.DataFrame([{**m, "why": scrub(entry["reasons"].get(m["id"], "not found"))}
                                              for m in missing])), hide_index=True, width="stretch")
    if unnamed:
        st.caption("Names in the events' sentences that no event is placed at and no gazetteer knows: a place the "
                   "reader missed? Pin it, then add its event to the table above.")
        st.dataframe(safe_table(pd.DataFrame(unnamed, columns=["name", "quote", "event_id"])), hide_index=True,
                     width="stretch", column_config={"name": "name", "quote": "sentence", "event_id": "event"})
    if missing or unnamed:
        with st.form(f"pin_{report_id}"):
            names = sorted({m["place"] for m in missing} | {n["name"] for n in unnamed})
            name = st.selectbox("Name", names, key=f"pin_name_{report_id}", format_func=plain)
            a, b, c = st.columns(3)
            lat = a.number_input("Latitude", min_value=-90.0, max_value=90.0, value=None, format="%.5f",
                                 key=f"pin_lat_{report_id}")
            lon = b.number_input("Longitude", min_value=-180.0, max_value=180.0, value=None, format="%.5f",
                                 key=f"pin_lon_{report_id}")
            precision = c.selectbox("Precision", draft.PRECISIONS, index=draft.PRECISIONS.index("town"),
                                    key=f"pin_precision_{report_id}")
            submitted = st.form_submit_button("Pin")
            if submitted and (lat is None or lon is None):
                st.error("Not pinned: type a latitude and a longitude first.")
            elif submitted:
                try:
                    pin(store, name, lat=lat, lon=lon, who=editor.name, precision=precision)
                except ValueError as exc:
                    st.error(md(f"Not pinned: {exc}"))
                else:
                    geocoder = Geocoder.configured(dashboard.gazetteer(), store, offline=True)
                    entry["payload"], entry["reasons"] = draft.locate(payload, geocoder)
                    entry["version"] += 1
                    st.rerun()

if drafts:
    if st.button(f"Save {len(drafts)} report(s)", type="primary"):
        saved, failed = [], False
        for report_id, (events, claims) in edited.items():
            entry = drafts[report_id]
            try:
                final = draft.apply(entry["payload"], events.to_dict("records"), claims.to_dict("records"),
                                    who=editor.name)
                if len(final["events"]) > len(entry["payload"]["events"]):  # added events land on pins too
                    final, _ = draft.locate(final, Geocoder.configured(dashboard.gazetteer(), store, offline=True))
            except draft.DraftError as exc:
                st.error(md(f"{entry['name']}: not saved — {exc}"))
                failed = True
                continue
            result = store.ingest(final, title=entry["title"])
            del st.session_state[DRAFTS][report_id]
            saved.append(f"{md(entry['name'])}: saved {result.events} event(s) and {result.claims} claim(s)."
                         if result.added else
                         f"{md(entry['name'])}: already stored, nothing changed — correct it on the Review page.")
        st.session_state.pop("review_loaded", None)  # the Review page reloads with the new events
        if any(saved):
            dashboard.prepare_map()
        if not failed:
            st.session_state["ingest_saved"] = saved
            st.rerun()
        for message in saved:
            st.success(message)
