"""Shared fixtures: the team's report corpus, real databases, and a browser.

Reports are read from ``../shared`` beside the checkout; a fresh clone
without it skips those tests with the reason. PostgreSQL and Chromium tests
skip on a machine that lacks them, but under CI (``CI=true``) a missing
piece is a failure, so a green CI always means they ran.
"""
from __future__ import annotations

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
    from conflictmap.gazetteer import Gazetteer

    return Gazetteer.default()


@pytest.fixture(scope="session")
def registry():
    from conflictmap.source import SourceRegistry

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
    from sqlalchemy import create_engine, text

    schema = f"t_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1),
                           connect_args={"options": f"-csearch_path={schema}"})
    handle = EventStore(url, engine=engine)
    yield handle
    handle.dispose()
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


@pytest.fixture(scope="session")
def chromium() -> str:
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        missing(f"no Chromium at {CHROMIUM} (Debian package 'chromium')")
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing("playwright is not installed (pip install -r requirements-test.txt)")
    return CHROMIUM
