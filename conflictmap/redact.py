"""Credentials taken out of text before it is stored, shown or logged.

Two kinds of text carry secrets by accident. A database URL names its
password, in the user part (``postgresql://ana:s3cret@db/…``, even with an
unescaped ``@`` in it) or as a query parameter (``?password=s3cret``), and a
driver's error message may quote it. A geocoding provider's failure quotes
the request URL, API key included (``…/geocode?q=Douma&key=AIza…``), and that
reason is stored with the event and shown on the Reports page.

``safe_db_url`` masks every form SQLAlchemy accepts; ``scrub`` takes
credentials out of any text, whatever the provider: the user part of every
URL, every parameter whose name says it is a credential (key, token,
password, secret, signature …, in a URL or as ``name=value`` in prose),
path segments that look like keys, ``Bearer``/``Basic`` tokens, and every
secret the deployment is configured with (``known_secrets``).
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from urllib.parse import quote, quote_plus, unquote

MASK = "***"
# Parameter names that hold credentials (matched anywhere in the name: "api_key", "apiKey", "sslpassword",
# "access_token", "subscription-key", "X-Goog-Signature" …). Rule of thumb from OWASP's logging cheat sheet:
# never log session ids, access tokens, passwords, keys.
_SECRET_NAME = re.compile(r"pass|pwd|secret|token|key|auth|credential|signature|\bsig\b|\bak\b|app_?code|"
                          r"session|cookie", re.IGNORECASE)
_URL = re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.\-]*://[^\s'\"<>`]+")
_PAIR = re.compile(r"(?P<name>[A-Za-z_][A-Za-z0-9_.\-]*)(?P<sep>\s*[=:]\s*)(?P<value>\"[^\"]*\"|'[^']*'|[^\s&;,)]+)")
_BEARER = re.compile(r"\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=\-]{8,}", re.IGNORECASE)
# A path segment that looks like a key rather than a word: long, and mixing letters and digits.
_KEYLIKE = re.compile(r"^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9_\-]{24,}$")
# Where configured secrets live (environment variables read by conflictmap).
SECRET_ENV = ("CONFLICTMAP_DATABASE_URL", "CONFLICTMAP_GEOCODER_OPTIONS")
MIN_SECRET = 4  # shorter configured values are not searched for: they would mask ordinary words


def safe_db_url(url: str) -> str:
    """A database URL fit to show: the password masked in every form SQLAlchemy accepts.

    The user part ends at the last ``@`` before the host, so a password with
    an unescaped ``@`` or ``:`` is masked whole; query parameters that hold a
    credential (``password``, ``sslpassword`` …) are masked too.

    >>> safe_db_url("postgresql://ana:p@ss@db.example.org/cm?password=x&sslmode=require")
    'postgresql://ana:***@db.example.org/cm?password=***&sslmode=require'
    """
    if "://" not in url:
        return url if "@" not in url and "=" not in url else "(a database URL that does not parse)"
    scheme, rest = url.split("://", 1)
    authority_end = _authority_end(rest)
    authority, tail = rest[:authority_end], rest[authority_end:]
    if "@" in authority:
        userinfo, host = authority.rsplit("@", 1)
        user = userinfo.split(":", 1)[0]
        authority = f"{user}:{MASK}@{host}" if ":" in userinfo else f"{user}@{host}"
    return f"{scheme}://{authority}{_mask_query(tail)}"


def db_url_secrets(url: str) -> list[str]:
    """Every password a database URL gives (user part and query), raw and decoded, for ``scrub``."""
    found: list[str] = []
    if "://" in url:
        rest = url.split("://", 1)[1]
        authority = rest[:_authority_end(rest)]
        if "@" in authority:
            userinfo = authority.rsplit("@", 1)[0]
            if ":" in userinfo:
                password = userinfo.split(":", 1)[1]
                # SQLAlchemy cuts a password with an unescaped @ at its first @ and takes the rest for the host,
                # which a driver's message then quotes: every piece is a secret.
                found.extend([password, *password.split("@")])
        query = rest[_authority_end(rest):].partition("?")[2]
        for part in re.split(r"[&;]", query):
            name, _, value = part.partition("=")
            if value and _SECRET_NAME.search(unquote(name)):
                found.append(value)
    try:  # and whatever SQLAlchemy itself reads as the password
        from sqlalchemy.engine import make_url

        parsed = make_url(url)
        found.extend(str(v) for v in (parsed.password,) if v)
        found.extend(str(v) for k, v in parsed.query.items() if _SECRET_NAME.search(k) and isinstance(v, str))
    except Exception:  # noqa: BLE001 - a URL SQLAlchemy cannot read still has its parts scrubbed above
        pass
    return _variants(found)


def scrub(text: str | None, secrets: Iterable[str] | None = None) -> str | None:
    """``text`` with credentials masked: URLs' user parts and key-like parameters, ``name=value`` pairs
    whose name says secret, bearer tokens, and every value in ``secrets`` (default: ``known_secrets()``).

    ``None`` stays ``None``. Whatever the provider, a reason quoting its request URL keeps the host, path
    and query words and loses the key.

    >>> scrub("HTTP 403 for https://maps.example.com/geocode?q=Douma&key=AIzaSyD-123 (token: abc123def)", ())
    'HTTP 403 for https://maps.example.com/geocode?q=Douma&key=*** (token: ***)'
    """
    if text is None:
        return None
    text = str(text)
    for secret in sorted(set(known_secrets() if secrets is None else _variants(secrets)), key=len, reverse=True):
        if len(secret) >= MIN_SECRET:
            text = text.replace(secret, MASK)
    text = _URL.sub(lambda m: _scrub_url(m.group()), text)
    text = _BEARER.sub(lambda m: f"{m.group(1)} {MASK}", text)
    return _PAIR.sub(_masked_pair, text)


def known_secrets() -> list[str]:
    """The secrets this deployment is configured with: the database URL's password(s) and every string in
    ``CONFLICTMAP_GEOCODER_OPTIONS`` (a provider's ``api_key``, ``client_secret`` …), raw and URL-encoded."""
    found: list[str] = []
    url = os.environ.get("CONFLICTMAP_DATABASE_URL")
    if url:
        found.extend(db_url_secrets(url))
    options = os.environ.get("CONFLICTMAP_GEOCODER_OPTIONS")
    if options:
        try:
            found.extend(_strings(json.loads(options)))
        except ValueError:
            found.append(options)  # unreadable options: hide the whole value wherever it appears
    return _variants(found)


def _authority_end(rest: str) -> int:
    """Where the host part of ``scheme://`` + ``rest`` ends.

    The user part ends at the last ``@`` whose following text, up to the next
    ``/``, ``?`` or ``#``, looks like a host (no ``=`` or ``&``), so a password
    with an unescaped ``@``, ``:`` or ``/`` is kept whole inside it. When in
    doubt the boundary falls later, which masks more, never less.
    """
    for at in reversed([i for i, c in enumerate(rest) if c == "@"]):
        host = re.match(r"[^/?#@]*", rest[at + 1:]).group()
        if "=" not in host and "&" not in host:
            return at + 1 + len(host)
    return re.match(r"[^/?#]*", rest).end()


def _mask_query(tail: str) -> str:
    path, mark, query = tail.partition("?")
    if not mark:
        return tail
    fragment = ""
    if "#" in query:
        query, fragment = query.split("#", 1)
        fragment = "#" + fragment
    parts = []
    for part in re.split(r"(&|;)", query):
        name, eq, value = part.partition("=")
        parts.append(f"{name}={MASK}" if eq and value and _SECRET_NAME.search(unquote(name)) else part)
    return f"{path}?{''.join(parts)}{fragment}"


def _scrub_url(url: str) -> str:
    masked = safe_db_url(url)
    scheme, rest = masked.split("://", 1)
    end = _authority_end(rest)
    segments = rest[end:].partition("?")
    path = "/".join(MASK if _KEYLIKE.match(unquote(s)) else s for s in segments[0].split("/"))
    return f"{scheme}://{rest[:end]}{path}{segments[1]}{segments[2]}"


def _masked_pair(match: re.Match) -> str:
    if not _SECRET_NAME.search(match.group("name")) or match.group("value") == MASK:
        return match.group()
    return f"{match.group('name')}{match.group('sep')}{MASK}"


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    return []


def _variants(values: Iterable[str]) -> list[str]:
    out: list[str] = []
    for value in values:
        if not value:
            continue
        value = str(value)
        out.extend({value, unquote(value), quote(value, safe=""), quote_plus(value)})
    return list(dict.fromkeys(v for v in out if v))
