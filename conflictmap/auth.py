"""Who may change data: the rule, with no Streamlit in it.

A hosted link is read-only for viewers; ingest, review and pinning need an
editor. Three ways to be one, chosen by what ``secrets.toml`` holds:

- ``[auth]`` configured (Streamlit's OpenID Connect sign-in, ``st.login``):
  an editor is a signed-in user whose e-mail is in ``editors``;
- no identity provider, but an ``editor_password``: whoever types it;
- no secrets at all (one analyst running it locally): that single user, at
  this machine; a browser connecting from another address is a viewer (a
  first deployment without secrets is not open to every visitor).

Secrets that set neither (a hosted database URL and nothing else) leave the
app read-only for everyone: a deployment never becomes writable by
forgetting a setting. ``local_editor = true`` opts back in on a trusted
machine or network: then everyone who reaches the app edits.
"""
from __future__ import annotations

import datetime as dt
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
    anywhere: bool = False  # LOCAL: editors connect from anywhere (``local_editor = true``), not this machine only

    @property
    def description(self) -> str:
        if self.mode == LOCAL and self.anywhere:
            return "local_editor = true: everyone who opens this app edits."
        return {
            LOCAL: "Running without secrets: whoever uses this machine edits; a browser on another machine "
                   "can look but not change (set editor_password, or [auth] and editors).",
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
        return Access(LOCAL, anywhere=True)
    return Access(CLOSED)


def oidc_editor(access: Access, user: Mapping[str, Any] | None) -> Editor | None:
    """The signed-in user as an editor, if their e-mail is on the allow-list (case does not matter)."""
    if access.mode != OIDC or not user or not user.get("is_logged_in"):
        return None
    email = str(user.get("email") or "").strip().lower()
    if not email or email not in access.editors:
        return None
    # Only a provider that vouches for the address (OpenID Connect Core 1.0, section 5.1: the boolean claim
    # email_verified) makes it an editor: a missing claim, the string "false" or "true", or 1 do not.
    if user.get("email_verified") is not True:
        return None
    return Editor(email, OIDC)


def password_matches(access: Access, attempt: str | None) -> bool:
    """Compare in constant time, so the time taken says nothing about how much of the password was right."""
    if access.mode != PASSWORD or not access.password or not attempt:
        return False
    return hmac.compare_digest(attempt.encode("utf-8"), access.password.encode("utf-8"))


def local_editor(access: Access, here: bool = True) -> Editor | None:
    """The single editor of a deployment without sign-in: whoever connects from this machine (``here``: the
    browser's connection comes from a loopback address), or anyone when ``local_editor = true`` says so.

    >>> local_editor(access_from({}), here=False) is None, local_editor(access_from({}), here=True).name
    (True, 'local editor')
    """
    if access.mode != LOCAL or not (here or access.anywhere):
        return None
    return Editor("local editor", LOCAL)


def _emails(values: Iterable[str] | str) -> frozenset[str]:
    if isinstance(values, str):
        values = [v for v in values.replace(";", ",").split(",")]
    return frozenset(v.strip().lower() for v in values if v and v.strip())


@dataclass(frozen=True)
class Lockout:
    """How long a client, and everybody, must wait before the next editor-password try.

    Each client gets ``free`` tries, then waits ``base_s`` seconds, doubling
    with every further failure up to ``cap_s``. All clients together get
    ``all_free`` tries before everyone waits the same way (up to
    ``all_cap_s``), so an attacker spread over many addresses still slows
    down. Failures are forgotten ``forget_s`` after the last one; a client's
    own count is cleared when it signs in. The counts live in the database
    (``EventStore.record_signin_failure``), so new sessions, other browser
    tabs and other server processes all see them. (The doubling delay is
    OWASP's advice against online guessing: Authentication Cheat Sheet,
    "Login Throttling".)
    """

    free: int = 5
    base_s: float = 30.0
    cap_s: float = 3600.0
    all_free: int = 30
    all_cap_s: float = 900.0
    forget_s: float = 86_400.0

    def since(self, now: dt.datetime) -> dt.datetime:
        """Failures before this moment are forgotten."""
        return now - dt.timedelta(seconds=self.forget_s)

    def delay(self, failures: int, *, everyone: bool = False) -> float:
        """Seconds to wait after the last of ``failures`` failures.

        >>> [Lockout().delay(n) for n in (4, 5, 6, 7)]
        [0.0, 30.0, 60.0, 120.0]
        """
        free, cap = (self.all_free, self.all_cap_s) if everyone else (self.free, self.cap_s)
        if failures < free:
            return 0.0
        return min(cap, self.base_s * 2.0 ** min(failures - free, 40))

    def wait(self, mine: tuple[int, dt.datetime | None], everyone: tuple[int, dt.datetime | None],
             now: dt.datetime) -> float:
        """Seconds from ``now`` until this client may try again (0: now), from ``(failures, last failure)``
        of the client and of all clients."""
        waits = [0.0]
        for (failures, last), all_clients in ((mine, False), (everyone, True)):
            if last is not None:
                waits.append((last + dt.timedelta(seconds=self.delay(failures, everyone=all_clients))
                              - now).total_seconds())
        return max(waits)
