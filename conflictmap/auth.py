"""Who may change data: the rule, with no Streamlit in it.

A hosted link is read-only for viewers; ingest, review and pinning need an
editor. Three ways to be one, chosen by what ``secrets.toml`` holds:

- ``[auth]`` configured (Streamlit's OpenID Connect sign-in, ``st.login``):
  an editor is a signed-in user whose e-mail is in ``editors``;
- no identity provider, but an ``editor_password``: whoever types it;
- no secrets at all (one analyst running it locally): that single user.

Secrets that set neither (a hosted database URL and nothing else) leave the
app read-only for everyone: a deployment never becomes writable by
forgetting a setting. ``local_editor = true`` opts back in on a trusted
machine.
"""
from __future__ import annotations

import hmac
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

LOCAL, OIDC, PASSWORD, CLOSED = "local", "oidc", "password", "closed"
# Keys of an [auth] table that are shared settings, not a named provider.
AUTH_SHARED = frozenset({"redirect_uri", "cookie_secret", "expose_tokens", "client_id", "client_secret",
                         "server_metadata_url", "client_kwargs"})


@dataclass(frozen=True)
class Access:
    """How this deployment decides who edits."""

    mode: str
    editors: frozenset[str] = frozenset()
    password: str | None = None
    provider: str | None = None

    @property
    def description(self) -> str:
        return {
            LOCAL: "Running locally without secrets: you are the editor.",
            OIDC: "Editors sign in with the identity provider; others can look but not change.",
            PASSWORD: "Editors unlock editing with the editor password; others can look but not change.",
            CLOSED: "Read-only: no editor sign-in is configured (set [auth] and editors, or editor_password).",
        }[self.mode]


@dataclass(frozen=True)
class Editor:
    """Someone allowed to change data, named as the change history will record them."""

    name: str
    mode: str


def access_from(secrets: Mapping[str, Any] | None) -> Access:
    """The access rule that ``secrets`` describe.

    >>> access_from({}).mode, access_from({"editor_password": "s3cret"}).mode
    ('local', 'password')
    """
    if not secrets:
        return Access(LOCAL)
    editors = _emails(secrets.get("editors") or ())
    auth = secrets.get("auth")
    if isinstance(auth, Mapping) and auth.get("redirect_uri") and auth.get("cookie_secret"):
        providers = [k for k, v in auth.items() if isinstance(v, Mapping) and k not in AUTH_SHARED]
        if auth.get("client_id") or providers:
            provider = None if auth.get("client_id") else (secrets.get("auth_provider") or providers[0])
            return Access(OIDC, editors=editors, provider=provider)
    password = secrets.get("editor_password")
    if password:
        return Access(PASSWORD, password=str(password))
    if secrets.get("local_editor") is True:
        return Access(LOCAL)
    return Access(CLOSED)


def oidc_editor(access: Access, user: Mapping[str, Any] | None) -> Editor | None:
    """The signed-in user as an editor, if their e-mail is on the allow-list (case does not matter)."""
    if access.mode != OIDC or not user or not user.get("is_logged_in"):
        return None
    email = str(user.get("email") or "").strip().lower()
    if not email or email not in access.editors:
        return None
    if user.get("email_verified") is False:
        return None  # a provider that says the address is unconfirmed does not vouch for it
    return Editor(email, OIDC)


def password_matches(access: Access, attempt: str | None) -> bool:
    """Compare in constant time, so the time taken says nothing about how much of the password was right."""
    if access.mode != PASSWORD or not access.password or not attempt:
        return False
    return hmac.compare_digest(attempt.encode("utf-8"), access.password.encode("utf-8"))


def local_editor(access: Access) -> Editor | None:
    return Editor("local editor", LOCAL) if access.mode == LOCAL else None


def _emails(values: Iterable[str] | str) -> frozenset[str]:
    if isinstance(values, str):
        values = [v for v in values.replace(";", ",").split(",")]
    return frozenset(v.strip().lower() for v in values if v and v.strip())
