"""The Streamlit side of editor sign-in: drawing the controls and remembering the answer.

The rule itself lives in ``conflictmap.auth``; this adapter reads
``st.secrets`` and ``st.user``, shows a sign-in button or a password box,
and keeps a password sign-in for the browser session. Pages that change
data start with ``editor = signin.require_editor()``.
"""
from __future__ import annotations

from typing import Any

import streamlit as st

from conflictmap import auth
from conflictmap.auth import Access, Editor

SESSION_KEY = "conflictmap_editor"
FAILURES_KEY = "conflictmap_password_failures"
MAX_FAILURES = 5


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
    return auth.local_editor(rule)


def sign_in_panel() -> Editor | None:
    """Who is editing, with the controls to sign in or out, in the sidebar."""
    rule = access()
    editor = current_editor()
    with st.sidebar:
        if editor is not None:
            st.caption(f"Editing as **{editor.name}**.")
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
                st.warning(f"{user.get('email') or 'This account'} is not on the editors list.")
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
    failures = st.session_state.get(FAILURES_KEY, 0)
    if failures >= MAX_FAILURES:
        st.error("Too many wrong passwords; open a new session to try again.")
        return
    with st.form("editor_password_form", clear_on_submit=True):
        attempt = st.text_input("Editor password", type="password")
        if st.form_submit_button("Unlock editing"):
            if auth.password_matches(rule, attempt):
                st.session_state[SESSION_KEY] = Editor("editor", auth.PASSWORD)
                st.session_state.pop(FAILURES_KEY, None)
                st.rerun()
            st.session_state[FAILURES_KEY] = failures + 1
            st.error("That is not the editor password.")


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
