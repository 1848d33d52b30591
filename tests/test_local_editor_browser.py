"""No secrets at all makes the analyst at this machine the editor, and nobody else: a dashboard started
without secrets on an address others reach (a first deployment, a container's published port) is read-only
for a browser that connects from another address (from this machine it is editable: every other browser
test works so)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import free_port

from test_hostile_text import ROOT


def _outside_address() -> str | None:
    """This machine's address on its network (not loopback), which a browser here reaches as a remote client."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("203.0.113.1", 9))  # UDP: no packet is sent, this only picks the outgoing interface
            address = probe.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


def _ingest_page(browser, url: str) -> str:
    page = browser.new_page()
    page.goto(f"{url}/Ingest")
    page.get_by_text("Ingest", exact=False).first.wait_for(timeout=60_000)
    page.wait_for_function("() => document.body.innerText.includes('Paste a report') || "
                           "document.body.innerText.includes('needs an editor')", timeout=60_000)
    text = page.inner_text("body")
    page.close()
    return text


def test_a_browser_from_another_address_cannot_edit_without_secrets(browser, tmp_path):
    address = _outside_address()
    if address is None:
        pytest.skip("this machine has no network address besides loopback to connect from")
    env = {**os.environ, "CONFLICTMAP_HOME": str(tmp_path), "CONFLICTMAP_GEOCODER": "off"}
    env.pop("CONFLICTMAP_DATABASE_URL", None)
    # Listening on that address alone (never on every address of a shared machine): the browser here reaches
    # it as a client at that address, not at loopback.
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
                               "--server.port", str(port), "--server.address", address,
                               "--browser.gatherUsageStats", "false"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://{address}:{port}"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.5)
        away = _ingest_page(browser, url)
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert "needs an editor" in away and "Paste a report" not in away
    assert "this machine" in away
