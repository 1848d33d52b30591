"""Who may change data: the rule in each mode, and the Streamlit sign-in as a page runs it."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from conflictmap import auth

OIDC_SECRETS = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "c" * 32,
                         "client_id": "conflictmap", "client_secret": "x",
                         "server_metadata_url": "https://idp.example/.well-known/openid-configuration"},
                "editors": ["Analyst@Example.org", "lead@example.org"]}


@pytest.mark.parametrize("secrets, mode", [
    ({}, auth.LOCAL),
    (None, auth.LOCAL),
    ({"editor_password": "correct horse"}, auth.PASSWORD),
    (OIDC_SECRETS, auth.OIDC),
    ({**OIDC_SECRETS, "editor_password": "also set"}, auth.OIDC),  # an identity provider wins
    ({"database_url": "postgresql://db/x"}, auth.CLOSED),  # hosted, nothing configured: read-only
    ({"database_url": "postgresql://db/x", "local_editor": True}, auth.LOCAL),
    ({"auth": {"redirect_uri": "http://x/oauth2callback"}}, auth.CLOSED),  # half an [auth] table
])
def test_the_secrets_choose_the_mode(secrets, mode):
    assert auth.access_from(secrets).mode == mode


def test_a_named_provider_is_used_for_login():
    secrets = {"auth": {"redirect_uri": "http://x/oauth2callback", "cookie_secret": "s",
                        "google": {"client_id": "a", "client_secret": "b", "server_metadata_url": "u"}}}
    access = auth.access_from(secrets)
    assert (access.mode, access.provider) == (auth.OIDC, "google")


@pytest.mark.parametrize("user, editor", [
    ({"is_logged_in": True, "email": "analyst@example.org", "email_verified": True}, "analyst@example.org"),
    ({"is_logged_in": True, "email": " LEAD@example.org ", "email_verified": True}, "lead@example.org"),
    ({"is_logged_in": True, "email": "visitor@example.org", "email_verified": True}, None),
    ({"is_logged_in": True, "email": "analyst@example.org", "email_verified": False}, None),
    # Only the boolean true vouches for the address: a missing claim, strings and numbers do not.
    ({"is_logged_in": True, "email": "analyst@example.org"}, None),
    ({"is_logged_in": True, "email": "analyst@example.org", "email_verified": "false"}, None),
    ({"is_logged_in": True, "email": "analyst@example.org", "email_verified": "true"}, None),
    ({"is_logged_in": True, "email": "analyst@example.org", "email_verified": 1}, None),
    ({"is_logged_in": True, "email": "analyst@example.org", "email_verified": None}, None),
    ({"is_logged_in": False, "email": "analyst@example.org"}, None),
    ({"is_logged_in": True}, None),
    (None, None),
])
def test_oidc_editors_are_the_allow_list(user, editor):
    found = auth.oidc_editor(auth.access_from(OIDC_SECRETS), user)
    assert (found.name if found else None) == editor


def test_the_password_is_compared_exactly():
    access = auth.access_from({"editor_password": "correct horse"})
    assert auth.password_matches(access, "correct horse")
    for attempt in ("correct hors", "correct horse ", "", None, "CORRECT HORSE"):
        assert not auth.password_matches(access, attempt)
    assert not auth.password_matches(auth.access_from({}), "anything")


def test_local_mode_makes_the_single_user_the_editor():
    assert auth.local_editor(auth.access_from({})) == auth.Editor("local editor", auth.LOCAL)
    assert auth.local_editor(auth.access_from({"editor_password": "x"})) is None


def _page() -> None:
    import streamlit as st

    from conflictmap import signin

    editor = signin.require_editor()
    st.markdown(f"EDITING AS {editor.name}")


def _app(secrets: dict, user: dict | None = None) -> AppTest:
    app = AppTest.from_function(_page, default_timeout=60)  # password mode opens the database (the lockout)
    for key, value in secrets.items():
        app.secrets[key] = value
    if user is not None:
        app.user = user
    return app.run()


def _texts(app: AppTest) -> str:
    return " ".join(m.value for m in app.markdown) + " " + " ".join(i.value for i in app.info)


def test_page_without_secrets_lets_the_local_user_edit():
    app = _app({})
    assert "EDITING AS local editor" in _texts(app)


def test_page_in_password_mode_unlocks_only_with_the_password(fresh_home):
    app = _app({"editor_password": "correct horse"})
    assert "EDITING AS" not in _texts(app)
    assert "needs an editor" in _texts(app)
    app.text_input[0].input("wrong")  # a form sends its fields with the submit button
    app.button[0].click().run()
    assert "EDITING AS" not in _texts(app)
    assert any("not the editor password" in e.value for e in app.error)
    app.text_input[0].input("correct horse")
    app.button[0].click().run()
    assert "EDITING AS editor" in _texts(app)
    assert "EDITING AS editor" in _texts(app.run())  # the session stays unlocked


def test_page_in_password_mode_stops_after_repeated_failures(fresh_home):
    app = _app({"editor_password": "correct horse"})
    for _ in range(5):
        app.text_input[0].input("guess")
        app.button[0].click().run()
    app.run()
    assert not app.text_input
    assert any("Too many wrong passwords" in e.value for e in app.error)


def test_page_in_oidc_mode_follows_the_signed_in_user():
    viewer = _app(OIDC_SECRETS, {"is_logged_in": False})
    assert "EDITING AS" not in _texts(viewer)
    assert any(b.label == "Sign in to edit" for b in viewer.button)
    outsider = _app(OIDC_SECRETS, {"is_logged_in": True, "email": "visitor@example.org"})
    assert "EDITING AS" not in _texts(outsider)
    assert any("not on the editors list" in w.value for w in outsider.warning)
    unverified = _app(OIDC_SECRETS, {"is_logged_in": True, "email": "analyst@example.org"})
    assert "EDITING AS" not in _texts(unverified)
    editor = _app(OIDC_SECRETS, {"is_logged_in": True, "email": "analyst@example.org", "email_verified": True})
    assert "EDITING AS analyst@example.org" in _texts(editor)


def test_without_secrets_only_a_connection_from_this_machine_edits():
    """A first deployment with no secrets at all (``streamlit run app.py --server.address 0.0.0.0``, a
    container, a host) must not make every visitor an editor: no secrets means one analyst at this machine."""
    alone = auth.access_from({})
    assert auth.local_editor(alone, here=True) == auth.Editor("local editor", auth.LOCAL)
    assert auth.local_editor(alone, here=False) is None
    assert "this machine" in alone.description
    trusted = auth.access_from({"local_editor": True})  # the operator's word: everyone who reaches it edits
    assert auth.local_editor(trusted, here=False) == auth.Editor("local editor", auth.LOCAL)
