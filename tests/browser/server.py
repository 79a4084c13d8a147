"""The platform the browser tests drive: a throw-away database and a real gunicorn.

Like the bench (``bench/_db.py``, whose functions it reuses), it never writes to the
developer's database: it creates ``<database>_browser`` on the same server (the one
DATABASE_URL names, else the embedded PostgreSQL), builds the platform there with
``manage.py setup_platform --demo`` (template, provinces, the five cities, the demo
accounts), serves it with gunicorn on a free port and drops the database at the end.
pytest-django's ``live_server`` is not used: its transactional clean-up truncates the
public schema, which the audit log's trigger refuses.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bench import _db


def _database_name() -> str:
    """``<developer's database>_browser``: two checkouts using different databases on one
    server never share (or drop) each other's browser database."""
    from urllib.parse import unquote, urlparse

    developer = unquote(urlparse(_db.server_url()).path.lstrip("/")) or "waiban"
    return f"{developer}_browser"


OUT_DIR = Path(__file__).resolve().parent / "out"  # screenshots and the server's log (gitignored)
LOG_FILE = OUT_DIR / "server.log"


@dataclass(frozen=True)
class Server:
    port: int
    database_url: str

    def url(self, city: str, path: str = "/") -> str:
        """Chromium resolves every ``*.localhost`` to 127.0.0.1: no hosts file needed.
        ``city`` is a city's or province's code, or "" for the operators' site."""
        host = f"{city}.localhost" if city else "localhost"
        return f"http://{host}:{self.port}{path}"

    def execute(self, statement: str, params: tuple = ()) -> list[tuple]:
        """Runs one SQL statement in the browser database (committed); returns its rows."""
        import psycopg2

        from waiban.env import parse_database_url

        entry = parse_database_url(self.database_url)
        connection = psycopg2.connect(
            dbname=entry["NAME"],
            user=entry["USER"] or None,
            password=entry["PASSWORD"] or None,
            host=entry["HOST"] or None,
            port=entry["PORT"] or None,
        )
        try:
            with connection, connection.cursor() as cursor:
                cursor.execute(statement, params)
                return cursor.fetchall() if cursor.description else []
        finally:
            connection.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _log_tail(lines: int = 40) -> str:
    with contextlib.suppress(OSError):
        return "\n".join(LOG_FILE.read_text(errors="replace").splitlines()[-lines:])
    return ""


def _healthy(port: int) -> bool:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/healthz", headers={"Host": "localhost"})
    try:
        with urllib.request.urlopen(request, timeout=2) as response:  # noqa: S310 (our own server)
            return response.status == 200
    except OSError:
        return False


@contextlib.contextmanager
def serve(*, workers: int = 2, start_timeout: float = 30.0) -> Iterator[Server]:
    """Builds the platform in ``waiban_browser``, serves it, yields the Server; on the way
    out (also on error) stops gunicorn and drops the database."""
    database_name = _database_name()
    url = _db.bench_url(_db.server_url(), database_name)
    # Served as `make run` serves it: DEBUG off, static files collected (hashed names).
    environment = {**os.environ, "DATABASE_URL": url, "DEBUG": "false", "DEMO": "true",
                   "PYTHONUNBUFFERED": "1"}  # fmt: skip
    environment.pop("DJANGO_SETTINGS_MODULE", None)  # manage.py and wsgi.py pick waiban.settings
    environment.pop("SECRET_KEY", None)
    environment.pop("PLATFORM_DOMAIN", None)
    environment.pop("WAIBAN_DB_ROLE", None)  # set-up as the owner; gunicorn (wsgi.py) as the app role
    OUT_DIR.mkdir(exist_ok=True)
    _db.create(url, database_name)
    server = None
    try:
        setup = subprocess.run(
            [sys.executable, "manage.py", "setup_platform", "--demo"],
            cwd=_db.REPO_ROOT, env=environment, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if setup.returncode != 0:
            raise RuntimeError(f"setup_platform --demo failed:\n{setup.stdout}\n{setup.stderr}")
        static = subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
            cwd=_db.REPO_ROOT, env=environment, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if static.returncode != 0:
            raise RuntimeError(f"collectstatic failed:\n{static.stdout}\n{static.stderr}")
        port = free_port()
        with LOG_FILE.open("w") as log:
            server = subprocess.Popen(
                [
                    sys.executable, "-m", "gunicorn",
                    "--chdir", "platform", "waiban.wsgi:application",
                    "--bind", f"127.0.0.1:{port}",
                    "--workers", str(workers),
                    "--access-logfile", "-",
                ],
                cwd=_db.REPO_ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        deadline = time.monotonic() + start_timeout
        while not _healthy(port):
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer /healthz on port {port}:\n{_log_tail()}")
            time.sleep(0.1)
        yield Server(port=port, database_url=url)
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        _db.drop(url, database_name)
