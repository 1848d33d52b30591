"""Shared fixtures: the team's report corpus, real databases, and a browser.

Reports are read from ``../shared`` beside the checkout; a fresh clone
without it skips those tests with the reason. PostgreSQL and Chromium tests
skip on a machine that lacks them, but under CI (``CI=true``) a missing
piece is a failure, so a green CI always means they ran.
"""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CONFLICTMAP_SHARED", ROOT.parent / "shared"))
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
POSTGRES_ENV = "CONFLICTMAP_TEST_POSTGRES_URL"
CHROMIUM = os.environ.get("CONFLICTMAP_CHROMIUM", "/usr/bin/chromium")


def missing(reason: str) -> None:
    """Skip on a user's machine; fail under CI, where everything must be present."""
    if IN_CI:
        pytest.fail(f"CI must provide this: {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True, scope="session")
def private_map_cache(tmp_path_factory):
    """The map's files that tests write (imports prepare them) go to a scratch folder, never the user's cache."""
    os.environ["CONFLICTMAP_CACHE_DIR"] = str(tmp_path_factory.mktemp("map-cache"))


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "corpus").is_dir():
        missing(f"the team's report corpus is not at {SHARED} (it sits beside the checkout as ../shared)")
    return SHARED


@pytest.fixture(scope="session")
def seed_gold(shared: Path) -> dict:
    return json.loads((shared / "eval" / "seed_gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_report(shared: Path) -> Path:
    return shared / "corpus" / "damascus-2013-02-07.txt"


@pytest.fixture(scope="session")
def gazetteer():
    from conflictmap.places.gazetteer import Gazetteer

    return Gazetteer.default()


@pytest.fixture(scope="session")
def registry():
    from conflictmap.reading.sources import SourceRegistry

    return SourceRegistry.default()


@pytest.fixture(scope="session")
def postgres_url() -> str:
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        missing(f"no PostgreSQL server: set {POSTGRES_ENV} (.ci/run starts one)")
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    """An empty EventStore on a real SQLite file, and on a fresh PostgreSQL schema."""
    from conflictmap.store import EventStore

    if request.param == "sqlite":
        handle = EventStore(f"sqlite:///{tmp_path / 'events.db'}")
        yield handle
        handle.dispose()
        return
    url = request.getfixturevalue("postgres_url")
    with postgres_schema(url) as engine:
        handle = EventStore(url, engine=engine)
        yield handle
        handle.dispose()


@contextlib.contextmanager
def postgres_schema(url: str, prefix: str = "t"):
    """An engine on a fresh, empty PostgreSQL schema, dropped afterwards: each test its own database."""
    from sqlalchemy import create_engine, text

    url = url.replace("postgresql://", "postgresql+psycopg://", 1)
    schema = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    engine = create_engine(url, connect_args={"options": f"-csearch_path={schema}"})
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture
def fresh_home(tmp_path, monkeypatch):
    """A user's machine with no database yet: the dashboard's pages start from the bundled sample."""
    monkeypatch.delenv("CONFLICTMAP_DATABASE_URL", raising=False)
    monkeypatch.setenv("CONFLICTMAP_HOME", str(tmp_path))
    import streamlit as st

    st.cache_resource.clear()
    yield tmp_path
    st.cache_resource.clear()


@pytest.fixture(scope="session")
def chromium() -> str:
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        missing(f"no Chromium at {CHROMIUM} (Debian package 'chromium')")
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing("playwright is not installed (pip install -r requirements-test.txt)")
    return CHROMIUM


BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"]


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def dashboard_server(script: str, cwd: Path, env: dict[str, str], what: str = "the dashboard",
                     port: int | None = None):
    """``streamlit run script`` on a local port (a free one unless given), as a user runs it;
    yields (url, port) once it answers its health check."""
    import subprocess
    import sys
    import time
    import urllib.request

    port = port or free_port()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
                             "--server.port", str(port), "--server.address", "127.0.0.1",
                             "--browser.gatherUsageStats", "false"],
                            cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail(f"{what} did not start: " + proc.stdout.read().decode(errors="replace")[-2000:])
    try:
        yield url, port
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture(scope="module")
def browser(chromium):
    """Debian's Chromium under playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        handle = pw.chromium.launch(executable_path=chromium, args=BROWSER_ARGS)
        yield handle
        handle.close()
