"""What the benchmarks share: databases of synthetic events, running a Streamlit app, medians."""
from __future__ import annotations

import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from bench import synth

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(os.environ.get("CONFLICTMAP_BENCH_DIR") or Path(tempfile.gettempdir()) / "conflictmap-bench")
CHROMIUM = os.environ.get("CONFLICTMAP_CHROMIUM", "/usr/bin/chromium")
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"]


def database(n: int) -> tuple[str, float | None]:
    """A SQLite file with ``n`` synthetic events (made once, kept in WORK); the insert seconds if made now."""
    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / f"synthetic-{n}.db"
    if path.exists():
        return f"sqlite:///{path}", None
    partial = WORK / f"synthetic-{n}.partial.db"
    partial.unlink(missing_ok=True)
    took = synth.build(n, f"sqlite:///{partial}")
    partial.rename(path)
    return f"sqlite:///{path}", took


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def machine() -> str:
    cpu = "unknown cpu"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.system()}"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_app(script: str, url: str, *, prepared: bool = False, **env_extra: str):
    """``streamlit run script`` on a free port with the database at ``url``; yields (base URL, process).

    ``prepared``: the map's files are written into the new server's cache
    first, as ``python -m conflictmap import`` leaves them.
    """
    port = _free_port()
    home = Path(tempfile.mkdtemp(prefix="conflictmap-bench-home-"))
    env = dict(os.environ, CONFLICTMAP_DATABASE_URL=url, CONFLICTMAP_HOME=str(home),
               CONFLICTMAP_CACHE_DIR=str(home / "cache"), **env_extra)
    if prepared:
        subprocess.run([sys.executable, "-c", "from conflictmap import mapfiles; from conflictmap.store import "
                        "EventStore, default_url; mapfiles.prepare(EventStore(default_url()))"],
                       cwd=ROOT, env=env, check=True)
    log = open(home / "streamlit.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
                             "--server.port", str(port), "--server.address", "127.0.0.1",
                             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 90
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.3)
        else:
            raise RuntimeError(f"{script} did not start: {(home / 'streamlit.log').read_text()[-2000:]}")
        yield base, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def rss_mb(pid: int, field: str = "VmRSS") -> float:
    """Resident memory of a process, in MB; ``field="VmHWM"``: the most it has held since it started."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return float("nan")
