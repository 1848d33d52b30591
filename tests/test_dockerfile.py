"""The container image's recipe: slim base, non-root user, Streamlit's health check, no secrets copied in.

No Docker daemon is needed: the Dockerfile is read instruction by
instruction (continuation lines joined), and the health check's own command
is run against a real dashboard in ``test_hostile_browser.py``.
"""
from __future__ import annotations

import re
import shlex
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def instructions(path: Path = ROOT / "Dockerfile") -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) in order, comments dropped and continuation lines joined."""
    joined = re.sub(r"\\\n", " ", path.read_text(encoding="utf-8"))
    out = []
    for line in joined.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def healthcheck_command() -> list[str]:
    """The HEALTHCHECK's CMD as an argument list for the shell it runs in."""
    (args,) = [rest for word, rest in instructions() if word == "HEALTHCHECK"]
    return ["sh", "-c", args.split(" CMD ", 1)[1].strip()]


def test_the_image_starts_from_slim_python_311():
    froms = [rest for word, rest in instructions() if word == "FROM"]
    assert froms and froms[-1].split()[0] == "python:3.11-slim"


def test_the_dashboard_runs_as_a_user_who_is_not_root():
    steps = instructions()
    users = [(i, rest) for i, (word, rest) in enumerate(steps) if word == "USER"]
    assert users, "no USER: the app would run as root"
    last_index, user = users[-1]
    assert user.split(":")[0] not in ("root", "0")
    cmd_index = max(i for i, (word, _) in enumerate(steps) if word == "CMD")
    assert last_index < cmd_index
    assert any(word == "RUN" and "useradd" in rest and user.split(":")[0] in rest for word, rest in steps)


def test_health_check_asks_streamlit_and_the_command_serves_on_all_interfaces():
    steps = dict(instructions())
    assert "/_stcore/health" in steps["HEALTHCHECK"] and "8501" in steps["HEALTHCHECK"]
    assert steps["EXPOSE"].split() == ["8501"]
    cmd = shlex.split(steps["CMD"].strip("[]").replace(",", " "))
    assert cmd[:3] == ["streamlit", "run", "app.py"] and "--server.address=0.0.0.0" in cmd
    assert any(word == "RUN" and "requirements.txt" in rest for word, rest in instructions())


def test_secrets_and_local_data_stay_out_of_the_image():
    ignored = {line.strip() for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()}
    assert {".streamlit/secrets.toml", ".git", "*.db"} <= ignored
    assert not any(word in ("ENV", "ARG") and re.search(r"PASSWORD|SECRET|DATABASE_URL=", rest)
                   for word, rest in instructions())
