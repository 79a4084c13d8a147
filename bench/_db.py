"""The bench database: a throw-away database next to the developer's one.

The bench never writes to the developer's database. It creates ``waiban_bench`` on the
same server (the one DATABASE_URL names, else the embedded PostgreSQL), builds the
platform there with ``setup_platform`` (template, provinces, the five cities) and drops
it at the end. ``run_all.py`` does that once for every benchmark and marks it with
``WAIBAN_BENCH_PREPARED=1``; a benchmark run alone does it for itself.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

REPO_ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = REPO_ROOT / "bench"
# WAIBAN_BENCH_DATABASE: another name, when several checkouts share one server.
DATABASE_NAME = os.environ.get("WAIBAN_BENCH_DATABASE", "waiban_bench")
PREPARED = "WAIBAN_BENCH_PREPARED"  # "1": DATABASE_URL already names a ready bench database

for _path in (REPO_ROOT, REPO_ROOT / "platform"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))


def server_url() -> str:
    """The developer's database URL: DATABASE_URL, else the embedded server (started if needed)."""
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    from waiban import embedded_db

    return embedded_db.ensure_running()


def bench_url(url: str, name: str = DATABASE_NAME) -> str:
    """The same server and credentials, the bench database (or ``name``) instead of the
    developer's."""
    parsed = urlparse(url)
    if unquote(parsed.path.lstrip("/")) == name:
        raise RuntimeError(f"DATABASE_URL already names {name!r}; point it at your own database")
    return parsed._replace(path="/" + quote(name)).geturl()


def _admin_connection(url: str):
    """An autocommit connection to the server's ``postgres`` database."""
    import psycopg2

    from waiban.env import parse_database_url

    entry = parse_database_url(url)
    connection = psycopg2.connect(
        dbname="postgres",
        user=entry["USER"] or None,
        password=entry["PASSWORD"] or None,
        host=entry["HOST"] or None,
        port=entry["PORT"] or None,
    )
    connection.autocommit = True
    return connection


def drop(url: str, name: str = DATABASE_NAME) -> None:
    """Drops the bench database (or ``name``), closing whatever still holds a connection to it."""
    connection = _admin_connection(url)
    try:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        connection.close()


def create(url: str, name: str = DATABASE_NAME) -> None:
    """Drops any leftover bench database (or ``name``) and creates an empty one."""
    drop(url, name)
    connection = _admin_connection(url)
    try:
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
    finally:
        connection.close()


def setup_django(url: str) -> None:
    """Configures Django (waiban.settings) in this process against ``url``."""
    import django

    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "waiban.settings"
    django.setup()


def production_settings() -> None:
    """DEBUG off (no query log, no debug pages), as a production worker runs; call before
    ``bench_django``. The test client then needs ``HTTP_X_FORWARDED_PROTO="https"`` (HTTPS
    redirect) and an HTML page needs the collected static files (``collect_static``)."""
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", "bench-" * 10)
    os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")


def collect_static() -> None:
    """``collectstatic`` (hashed names, as DEBUG off serves them) in a child process."""
    import subprocess

    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=REPO_ROOT, env=os.environ.copy(), check=True,
    )  # fmt: skip


def setup_platform() -> None:
    """What ``make setup`` builds (without demo data): template, provinces, five cities."""
    from django.core.management import call_command

    call_command("setup_platform", stdout=io.StringIO())


@contextlib.contextmanager
def bench_django() -> Iterator[str]:
    """Django set up against a ready bench database; yields its URL.

    Under run_all.py the database is already there. Run alone, a benchmark gets its
    own: created and set up here, dropped on the way out (also on error).
    """
    if os.environ.get(PREPARED) == "1":
        setup_django(os.environ["DATABASE_URL"])
        yield os.environ["DATABASE_URL"]
        return
    url = bench_url(server_url())
    create(url)
    try:
        setup_django(url)
        print(f"bench database {DATABASE_NAME}: setting up the platform ...", flush=True)
        setup_platform()
        yield url
    finally:
        from django.db import connections

        connections.close_all()
        drop(url)


if __name__ == "__main__":  # run_all.py: set up the platform on the database DATABASE_URL names
    setup_django(os.environ["DATABASE_URL"])
    setup_platform()
