"""The one place settings read the environment.

Every variable the platform reads is listed in ``VARIABLES`` with its default and
meaning; README.md shows the same table. Settings call ``env_str``/``env_bool``
and never ``os.environ`` directly, so this module is the complete list.
"""

from __future__ import annotations

import os
from urllib.parse import parse_qs, unquote, urlparse

VARIABLES: dict[str, str] = {
    "DATABASE_URL": "postgresql://user:pass@host:port/db. Unset: an embedded PostgreSQL "
    "under .data/ is started and used.",
    "DATABASE_APP_USER": "The database role the web server connects as (default waiban_app): no "
    "owner of anything, cannot change audit rows or disable triggers. setup_platform creates it "
    "and grants it its rights, connected as DATABASE_URL's user (the owner).",
    "DATABASE_APP_PASSWORD": "Password of DATABASE_APP_USER (default none: local trust or peer "
    "authentication). setup_platform sets it on the role.",
    "WAIBAN_DB_ROLE": "owner or app: which role this process connects as. wsgi.py sets app (the "
    "web server); management commands, migrations and the tests connect as the owner.",
    "SECRET_KEY": "Django secret key. Required (50+ random characters) unless PLATFORM_DOMAIN is "
    "localhost or DEBUG is true.",
    "DEBUG": "true/false. Default false; true shows Django's debug pages (development only).",
    "PLATFORM_DOMAIN": "The bare domain of the platform (default 'localhost'). Cities live at "
    "<city>.<domain>, provinces at <province>.<domain>, operators at the bare domain.",
    "DATABASE_CONN_MAX_AGE": "Seconds a worker keeps its database connection (default 300; 0 "
    "closes it after each request, as behind a transaction-pooling proxy).",
    "ROUTING_CACHE_SECONDS": "How long each worker keeps its table of hosts before rereading "
    "it when the routing stamp cannot be read (default 5).",
    "ROUTING_STAMP_SECONDS": "How often each worker reads the routing stamp, one 0.2 ms query "
    "(default 0: every request): a city onboarded, suspended or reprofiled in another process "
    "answers accordingly on the next request after this time.",
    "DEMO": "true for the demonstration server only (make run sets it): demo accounts with "
    "published passwords may exist. Refused unless PLATFORM_DOMAIN is localhost; without it the "
    "server refuses to start while any demo account is active.",
    "TWO_FACTOR_OPERATORS": "true/false. Default true: platform operators sign in with a "
    "one-time code after their password (offices and provinces choose their roles in their "
    "profiles, security.two_factor_roles).",
    "TIME_ZONE": "Default Asia/Shanghai.",
    "WAIBAN_JOBS_WORKER": "true: gunicorn (gunicorn_conf.py) also runs the background jobs worker and "
    "stops it with itself (make run sets it).",
    "MEDIA_ROOT": "Folder of uploaded files, one sub-folder per city schema (default .data/media).",
    "REMINDERS_CRON": "When the background worker sends the daily reminders: a cron line in UTC "
    "(default '0 23 * * *', 07:00 in Beijing).",
    "EMAIL_BACKEND": "Django e-mail backend for notifications (default "
    "django.core.mail.backends.console.EmailBackend, which prints the mails; use "
    "django.core.mail.backends.smtp.EmailBackend in production).",
    "DEFAULT_FROM_EMAIL": "Sender address of the platform's e-mails (default noreply@<PLATFORM_DOMAIN>).",
    "TEST_DATABASE_NAME": "Name of the database the tests create (default test_<name>); lets "
    "two test runs share one server.",
}

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _check(name: str) -> None:
    if name not in VARIABLES:
        raise KeyError(f"{name} is not a documented setting; add it to waiban.env.VARIABLES")


def env_str(name: str, default: str | None = None) -> str | None:
    _check(name)
    value = os.environ.get(name)
    return default if value is None or value == "" else value


def env_bool(name: str, default: bool) -> bool:
    _check(name)
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ValueError(f"{name}={value!r}: expected true or false")


def parse_database_url(url: str) -> dict:
    """Turns a postgresql:// URL into a Django DATABASES entry.

    A unix socket directory may be given as ``?host=/path`` (libpq style).
    """
    parsed = urlparse(url)
    if parsed.scheme not in {"postgres", "postgresql", "pgsql"}:
        raise ValueError(f"DATABASE_URL must be a postgresql:// URL, got scheme {parsed.scheme!r}")
    query = parse_qs(parsed.query)
    host = query.get("host", [parsed.hostname or ""])[0]
    return {
        "ENGINE": "django_tenants.postgresql_backend",
        "NAME": unquote(parsed.path.lstrip("/")) or "postgres",
        "USER": unquote(parsed.username or ""),
        "PASSWORD": unquote(parsed.password or ""),
        "HOST": host,
        "PORT": str(parsed.port or ""),
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }
