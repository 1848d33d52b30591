"""Editor sign-in through a real OpenID Connect flow, in a real browser.

A small identity provider runs here on a local port (discovery document,
authorization, token and key endpoints; ID tokens signed with a fresh RSA
key), Streamlit's own ``st.login`` talks to it over HTTP, and Chromium
follows the redirects. The allow-list in ``secrets.toml`` decides who edits.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import secrets
import threading
import time
import urllib.parse
import urllib.request
import warnings
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import dashboard_server, free_port as _free_port

import authlib.deprecate  # noqa: E402,F401 - sets its own "always" filter on import; ours must come after

with warnings.catch_warnings():  # Authlib's JOSE module signs the test tokens; it says it will move to joserfc
    warnings.simplefilter("ignore")
    from authlib.jose import JsonWebKey, jwt

ROOT = Path(__file__).resolve().parent.parent
CLIENT_ID = "conflictmap-test"
PAGE = '''
import sys
sys.path.insert(0, {root!r})
import streamlit as st
from conflictmap import signin

editor = signin.require_editor()
st.markdown(f"EDITING AS {{editor.name}}")
'''


class Provider:
    """A minimal OIDC identity provider; ``email`` is who signs in next."""

    def __init__(self) -> None:
        self.key = JsonWebKey.generate_key("RSA", 2048, is_private=True)
        self.kid = "test-key"
        self.email = "analyst@example.org"
        self.codes: dict[str, dict] = {}
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # noqa: ANN002 - quiet
                pass

            def _json(self, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                url = urllib.parse.urlparse(self.path)
                query = dict(urllib.parse.parse_qsl(url.query))
                if url.path == "/.well-known/openid-configuration":
                    self._json(provider.discovery())
                elif url.path == "/jwks":
                    self._json({"keys": [{**provider.key.as_dict(is_private=False), "kid": provider.kid,
                                          "use": "sig", "alg": "RS256"}]})
                elif url.path == "/authorize":
                    code = secrets.token_urlsafe(16)
                    provider.codes[code] = {"nonce": query.get("nonce"), "email": provider.email,
                                            "challenge": query.get("code_challenge"),
                                            "client_id": query.get("client_id")}
                    target = query["redirect_uri"] + "?" + urllib.parse.urlencode(
                        {"code": code, "state": query["state"]})
                    self.send_response(302)
                    self.send_header("Location", target)
                    self.end_headers()
                else:
                    self.send_error(404)

            def do_POST(self) -> None:  # noqa: N802
                if self.path != "/token":
                    self.send_error(404)
                    return
                form = dict(urllib.parse.parse_qsl(self.rfile.read(int(self.headers["Content-Length"])).decode()))
                grant = provider.codes.pop(form.get("code", ""), None)
                verifier = form.get("code_verifier", "")
                digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
                if grant is None or (grant["challenge"] and digest != grant["challenge"]):
                    self.send_response(400)
                    self.end_headers()
                    return
                self._json({"access_token": secrets.token_urlsafe(16), "token_type": "Bearer", "expires_in": 600,
                            "id_token": provider.id_token(grant)})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def discovery(self) -> dict:
        return {"issuer": self.base, "authorization_endpoint": f"{self.base}/authorize",
                "token_endpoint": f"{self.base}/token", "jwks_uri": f"{self.base}/jwks",
                "response_types_supported": ["code"], "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"], "code_challenge_methods_supported": ["S256"],
                "scopes_supported": ["openid", "email", "profile"]}

    def id_token(self, grant: dict) -> str:
        now = int(time.time())
        claims = {"iss": self.base, "sub": grant["email"], "aud": grant["client_id"], "iat": now, "exp": now + 600,
                  "nonce": grant["nonce"], "email": grant["email"], "email_verified": True, "name": "Test User"}
        return jwt.encode({"alg": "RS256", "kid": self.kid}, claims, self.key).decode()


@pytest.fixture(scope="module")
def provider():
    handle = Provider()
    yield handle
    handle.server.shutdown()


@pytest.fixture(scope="module")
def signin_app(tmp_path_factory, provider, chromium):
    folder = tmp_path_factory.mktemp("signin")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    (folder / "page.py").write_text(PAGE.format(root=str(ROOT)))
    (folder / ".streamlit").mkdir()
    (folder / ".streamlit" / "secrets.toml").write_text(
        f'editors = ["Analyst@example.org"]\n'
        f'[auth]\nredirect_uri = "{url}/oauth2callback"\ncookie_secret = "{secrets.token_hex(16)}"\n'
        f'client_id = "{CLIENT_ID}"\nclient_secret = "not-a-secret"\n'
        f'server_metadata_url = "{provider.base}/.well-known/openid-configuration"\n')
    with dashboard_server("page.py", folder, dict(os.environ), what="the sign-in page", port=port) as (served, _):
        yield served




def _sign_in(browser, url: str):  # noqa: ANN001, ANN202 - playwright objects
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    page.get_by_text("Changing data needs an editor").wait_for(timeout=60_000)
    page.get_by_role("button", name="Sign in to edit").click()
    return context, page


def test_an_editor_on_the_allow_list_signs_in_and_edits(provider, signin_app, browser):
    provider.email = "analyst@example.org"
    context, page = _sign_in(browser, signin_app)
    page.get_by_text("EDITING AS analyst@example.org", exact=True).wait_for(timeout=60_000)
    # The sidebar says who is editing; an address is shown as text (an invisible word joiner keeps it from
    # becoming a mailto: link), so the match allows that one character.
    page.get_by_text(re.compile("Editing as analyst\u2060?@example\\.org\\.")).wait_for()
    assert "Changing data needs an editor" not in page.content()
    context.close()


def test_a_signed_in_stranger_stays_a_viewer(provider, signin_app, browser):
    provider.email = "stranger@example.org"
    context, page = _sign_in(browser, signin_app)
    page.get_by_text(re.compile("stranger\u2060?@example\\.org is not on the editors list")).wait_for(timeout=60_000)
    assert "EDITING AS" not in page.content()
    context.close()
