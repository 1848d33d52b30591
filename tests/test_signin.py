"""The editor-password lockout: per client and for everyone, kept in the database, with a growing delay.

The attack it answers: the count used to live in the browser session, so a
new websocket got five new tries (an attacker got in with guess 46).
"""
from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from conflictmap.auth import Lockout
from conflictmap.store import EventStore

PASSWORD = {"editor_password": "correct horse"}
NOW = dt.datetime(2026, 1, 1, 12, tzinfo=dt.timezone.utc)


def _page() -> None:
    import streamlit as st

    from conflictmap import signin

    editor = signin.require_editor()
    st.markdown(f"EDITING AS {editor.name}")


def _session() -> AppTest:
    """A new browser session (a new websocket) on the same server and database."""
    app = AppTest.from_function(_page, default_timeout=60)
    for key, value in PASSWORD.items():
        app.secrets[key] = value
    return app.run()


def _try(app: AppTest, attempt: str) -> AppTest:
    app.text_input[0].input(attempt)
    return app.button[0].click().run()


def test_the_delay_grows_with_each_failure_and_is_capped():
    rule = Lockout()
    delays = [rule.delay(n) for n in range(rule.free, rule.free + 12)]
    assert [rule.delay(n) for n in range(rule.free)] == [0.0] * rule.free
    assert all(b > a for a, b in zip(delays, delays[1:]) if b < rule.cap_s)
    assert max(delays) == rule.cap_s and rule.delay(10_000) == rule.cap_s
    assert rule.delay(rule.all_free, everyone=True) > 0 and rule.delay(rule.all_free - 1, everyone=True) == 0


def test_a_new_session_gets_no_new_tries(fresh_home):
    first = _session()
    for _ in range(Lockout().free):
        first = _try(first, "guess")
    second = _session()  # a new websocket, as the attacker opened one
    assert not second.text_input, "a new session must not get a password box while the client is locked out"
    assert any("Too many wrong passwords" in e.value for e in second.error)


def test_an_editor_sees_the_failed_sign_ins(fresh_home):
    app = _session()
    for _ in range(3):
        app = _try(app, "guess")
    app = _try(app, "correct horse")
    assert any("EDITING AS editor" in m.value for m in app.markdown)
    shown = " ".join(c.value for c in app.sidebar.caption)
    assert "3 failure(s) in all" in shown


def _locked_wait(handle: EventStore, client: str, now: dt.datetime) -> float:
    rule = Lockout()
    return rule.wait(*handle.signin_failures(client, since=rule.since(now)), now)


def test_failures_count_per_client_across_processes(store):
    rule = Lockout()
    since = rule.since(dt.datetime.now(dt.timezone.utc))
    other = EventStore(store.url, engine=None) if store.backend == "sqlite" else store  # a second server process
    for n in range(rule.free):
        (store if n % 2 else other).record_signin_failure("ip:203.0.113.9", since=since)
    now = dt.datetime.now(dt.timezone.utc)
    assert store.signin_failures("ip:203.0.113.9", since=since)[0][0] == rule.free
    assert _locked_wait(store, "ip:203.0.113.9", now) > rule.base_s - 5
    assert _locked_wait(other, "ip:198.51.100.1", now) == 0  # another client is not held up by this one
    store.clear_signin_failures("ip:203.0.113.9")  # it signed in: its own count goes, the total stays
    assert _locked_wait(store, "ip:203.0.113.9", now) == 0
    assert store.signin_failures("ip:203.0.113.9", since=since)[1][0] == rule.free
    if other is not store:
        other.dispose()


def test_failures_from_many_clients_slow_everyone(store):
    rule = Lockout()
    since = rule.since(dt.datetime.now(dt.timezone.utc))
    for n in range(rule.all_free):
        store.record_signin_failure(f"ip:192.0.2.{n}", since=since)  # a few tries each, never locking one
    now = dt.datetime.now(dt.timezone.utc)
    assert _locked_wait(store, "ip:192.0.2.250", now) > 0  # a fresh address waits too


def test_old_failures_are_forgotten(store):
    rule = Lockout()
    for _ in range(rule.free):
        store.record_signin_failure("ip:203.0.113.7", since=rule.since(dt.datetime.now(dt.timezone.utc)))
    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=rule.forget_s + 60)
    assert store.signin_failures("ip:203.0.113.7", since=rule.since(later)) == ((0, None), (0, None))
    assert _locked_wait(store, "ip:203.0.113.7", later) == 0


@pytest.mark.parametrize("failures, expected", [(4, 0.0), (5, 30.0), (6, 60.0)])
def test_the_wait_counts_from_the_last_failure(failures, expected):
    wait = Lockout().wait((failures, NOW), (failures, NOW), NOW + dt.timedelta(seconds=10))
    assert wait == max(0.0, expected - 10)


def test_sessions_trying_at_the_same_moment_get_no_more_tries_than_one_session(store):
    """A script opens as many sessions as it likes and submits in all at once: each must still see the
    failures written before it, so no more passwords are compared than the lockout allows."""
    import threading

    from conflictmap import signin
    from conflictmap.auth import PASSWORD, Access

    rule, lockout = Access(PASSWORD, password="correct horse"), Lockout()
    start, outcomes = threading.Barrier(24), []

    def guess(n: int) -> None:
        start.wait()
        outcomes.append(signin.try_password(store, rule, "ip:203.0.113.7", f"guess {n}", lockout)[0])

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(24)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count(signin.WRONG) == lockout.free  # compared: the free tries, no more
    assert outcomes.count(signin.LOCKED) == 24 - lockout.free
    assert store.signin_failures("ip:203.0.113.7", since=lockout.since(dt.datetime.now(dt.timezone.utc)))[0][0] \
        == lockout.free
    # Locked out, the right password is not even compared.
    assert signin.try_password(store, rule, "ip:203.0.113.7", "correct horse", lockout)[0] == signin.LOCKED
