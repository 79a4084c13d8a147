"""Django talks to PostgreSQL through psycopg2, the customer's driver.

Procrastinate (the job queue) needs psycopg 3 for its worker's own connections, and Django
picks psycopg 3 whenever it can import it. So psycopg 3 is hidden while Django's PostgreSQL
backend is first imported (from the settings, before anything else loads it); it is
importable again right after, for the worker."""

from __future__ import annotations

import sys


def use_psycopg2() -> None:
    if "django.db.backends.postgresql.psycopg_any" in sys.modules:
        return  # already chosen (the settings module imported twice)
    saved = {name: sys.modules.pop(name) for name in list(sys.modules) if name.split(".")[0] == "psycopg"}
    sys.modules["psycopg"] = None  # makes `import psycopg` raise ImportError
    try:
        import django.db.backends.postgresql.base  # noqa: F401
        from django.db.backends.postgresql import psycopg_any
    finally:
        del sys.modules["psycopg"]
        sys.modules.update(saved)
    if psycopg_any.is_psycopg3:  # pragma: no cover - would mean the hiding failed
        raise RuntimeError("Django chose psycopg 3; waiban runs on psycopg2")
