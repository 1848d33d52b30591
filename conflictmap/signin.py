"""The Streamlit side of editor sign-in: drawing the controls and remembering the answer.

The rule itself lives in ``conflictmap.auth``; this adapter reads
``st.secrets`` and ``st.user``, shows a sign-in button or a password box,
and keeps a password sign-in for the browser session. Wrong passwords are
counted in the database (``auth.Lockout``), per client address and for all
clients, so no new session, tab or server process gets new tries. Pages
that change data start with ``editor = signin.require_editor()``.
"""
from __future__ import annotations

import datetime as dt
import math
import threading
from typing import Any

import streamlit as st

from conflictmap import auth, dashboard
from conflictmap.auth import Access, Editor, Lockout
from conflictmap.safetext import md, table as safe_table
from conflictmap.store import ALL_CLIENTS, EventStore

SESSION_KEY = "conflictmap_editor"
LOCKOUT = Lockout()
SIGNED_IN, WRONG, LOCKED = "signed in", "wrong", "locked"
# One password try at a time in this process (see try_password). Each replica has its own: tries landing on
# several replicas at the same moment can still each read the same count (one extra try per replica at most).
_TRIES = threading.Lock()


def access() -> Access:
    return auth.access_from(_secrets())


def current_editor() -> Editor | None:
    """The editor using this session, or None for a viewer. Draws nothing."""
    rule = access()
    if rule.mode == auth.OIDC:
        return auth.oidc_editor(rule, _user())
    if rule.mode == auth.PASSWORD:
        signed = st.session_state.get(SESSION_KEY)
        return signed if isinstance(signed, Editor) else None
    return auth.local_editor(rule, here=at_this_machine())


def at_this_machine() -> bool:
    """Whether this session's browser connects from this machine: Streamlit gives no client address for a
    loopback connection (``st.context.ip_address`` is None for 127.0.0.1 and ::1; the address is the TCP
    peer's, which a client cannot choose). Outside a browser session (a script; AppTest, whose address is a
    stand-in object) there is no remote user: True. Behind a reverse proxy on this same machine every visitor
    connects from loopback: such a deployment sets secrets."""
    try:
        address = st.context.ip_address
    except Exception:  # noqa: BLE001 - no session context
        return True
    return not isinstance(address, str)


def sign_in_panel() -> Editor | None:
    """Who is editing, with the controls to sign in or out, in the sidebar."""
    rule = access()
    editor = current_editor()
    with st.sidebar:
        if editor is not None:
            st.caption(f"Editing as **{md(editor.name)}**.")
            attempts_panel()
            if rule.mode == auth.OIDC and st.button("Sign out"):
                st.logout()
            elif rule.mode == auth.PASSWORD and st.button("Lock editing"):
                st.session_state.pop(SESSION_KEY, None)
                st.rerun()
            return editor
        st.caption(rule.description)
        if rule.mode == auth.OIDC:
            user = _user()
            if user.get("is_logged_in"):
                st.warning(f"{md(user.get('email') or 'This account')} is not on the editors list, or the identity "
                           "provider does not confirm the address (email_verified).")
                if st.button("Sign out"):
                    st.logout()
            elif st.button("Sign in to edit"):
                if rule.provider:
                    st.login(rule.provider)
                else:
                    st.login()
        elif rule.mode == auth.PASSWORD:
            _password_form(rule)
    return None


def require_editor() -> Editor:
    """Stop the page, with a reason, unless an editor is signed in."""
    editor = sign_in_panel()
    if editor is None:
        st.info("Changing data needs an editor. " + access().description)
        st.stop()
    return editor


def _password_form(rule: Access) -> None:
    store = dashboard.store()
    client = client_key()
    now = dt.datetime.now(dt.timezone.utc)
    wait = LOCKOUT.wait(*store.signin_failures(client, since=LOCKOUT.since(now)), now)
    if wait > 0:
        st.error(f"Too many wrong passwords; the next try is possible in {math.ceil(wait)} s.")
        return
    with st.form("editor_password_form", clear_on_submit=True):
        attempt = st.text_input("Editor password", type="password")
        if st.form_submit_button("Unlock editing"):
            outcome, wait = try_password(store, rule, client, attempt)
            if outcome == SIGNED_IN:
                st.session_state[SESSION_KEY] = Editor("editor", auth.PASSWORD)
                st.rerun()
            elif outcome == LOCKED:
                st.error(f"Too many wrong passwords; the next try is possible in {math.ceil(wait)} s.")
            else:
                st.error("That is not the editor password.")


def try_password(store: EventStore, rule: Access, client: str, attempt: str | None,
                 lockout: Lockout = LOCKOUT) -> tuple[str, float]:
    """One editor-password try by ``client``: ``(SIGNED_IN, 0)``, ``(WRONG, 0)``, or ``(LOCKED, seconds to
    wait)`` when the lockout allows no try now (the password is then not compared at all).

    The wait is read, the password compared and a failure written as one step, one try at a time in this
    process: many sessions submitting at the same moment (a script opens as many websockets as it likes)
    would otherwise all read the count before any of them wrote theirs, and each get a guess past the limit.
    """
    with _TRIES:
        now = dt.datetime.now(dt.timezone.utc)
        wait = lockout.wait(*store.signin_failures(client, since=lockout.since(now)), now)
        if wait > 0:
            return LOCKED, wait
        if auth.password_matches(rule, attempt):
            store.clear_signin_failures(client)
            return SIGNED_IN, 0.0
        store.record_signin_failure(client, since=lockout.since(now))
        return WRONG, 0.0


def client_key() -> str:
    """Who is trying to sign in, as the lockout counts them: the client's address.

    Streamlit sees the address of whoever opened the websocket, which behind
    a reverse proxy is the proxy; set ``client_ip_header`` in the secrets
    (e.g. ``"X-Forwarded-For"``) to take the address the proxy appends to
    that header instead (its last entry: the one the proxy itself wrote).
    """
    header = _secrets().get("client_ip_header")
    address = None
    try:
        if header:
            value = st.context.headers.get(str(header))
            address = value.split(",")[-1].strip() if value else None
        address = address or st.context.ip_address
    except Exception:  # noqa: BLE001 - outside a browser session (tests, scripts) there is no address
        address = None
    return f"ip:{address if isinstance(address, str) and address else 'unknown'}"


def attempts_panel() -> None:
    """For editors in password mode: the failed sign-ins the lockout is counting, and the wait they cause."""
    if access().mode != auth.PASSWORD:
        return
    frame = dashboard.store().signin_attempts_frame()
    if not len(frame):
        return
    now = dt.datetime.now(dt.timezone.utc)
    everyone = frame[frame["client"] == ALL_CLIENTS]
    with st.sidebar.expander("Failed password sign-ins"):
        if len(everyone):
            total = everyone.iloc[0]
            last = total["last_failure"].to_pydatetime()
            last = last if last.tzinfo else last.replace(tzinfo=dt.timezone.utc)
            wait = LOCKOUT.wait((0, None), (int(total["failures"]), last), now)
            st.caption(f"{int(total['failures'])} failure(s) in all since {total['first_failure']:%Y-%m-%d %H:%M} UTC"
                       + (f"; everyone waits {math.ceil(wait)} s." if wait > 0 else "."))
        # A client's address may come from a request header: untrusted text like any other.
        st.dataframe(safe_table(frame[frame["client"] != ALL_CLIENTS]
                                .assign(client=lambda f: f["client"].str.removeprefix("ip:"))),
                     hide_index=True, width="stretch")


def _user() -> dict[str, Any]:
    try:
        return st.user.to_dict()
    except Exception:  # noqa: BLE001 - outside a session, or auth not configured: nobody is signed in
        return {}


def _secrets() -> dict[str, Any]:
    try:
        return _plain(st.secrets)
    except Exception:  # noqa: BLE001 - no secrets.toml is the normal local case
        return {}


def _plain(value: Any) -> Any:
    """Streamlit's secrets as plain dicts, nested tables included."""
    if hasattr(value, "items"):
        return {k: _plain(v) for k, v in value.items()}
    return value
