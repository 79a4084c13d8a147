"""No demo doors outside the demo: demo accounts have published passwords (``<city>-demo``).

``setup_platform --demo`` marks every account it creates ``is_demo``. A server started
without ``DEMO=true`` (the switch ``make run`` sets, allowed only on localhost) refuses to
start while any demo account is still active, in the public schema or in any city:
``wsgi.py`` asks :func:`refuse_demo_doors` before it serves, and ``manage.py check
--deploy`` reports the same. ``manage.py remove_demo_accounts`` closes them."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.backends.postgresql.psycopg_any import sql  # psycopg 3 or 2, as Django


def active_demo_accounts() -> list[tuple[str, str]]:
    """``[(schema, username), ...]`` of the active demo accounts, in one query over the public
    schema and every schema that has an accounts table."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_schema FROM information_schema.columns "
            "WHERE table_name = 'accounts_user' AND column_name = 'is_demo' ORDER BY table_schema"
        )
        schemas = [row[0] for row in cursor.fetchall()]
        if not schemas:
            return []
        query = sql.SQL(" UNION ALL ").join(
            sql.SQL("SELECT {schema}, username FROM {table} WHERE is_demo AND is_active").format(
                schema=sql.Literal(schema), table=sql.Identifier(schema, "accounts_user")
            )
            for schema in schemas
        )
        cursor.execute(query)
        return [(schema, username) for schema, username in cursor.fetchall()]


def problem() -> str | None:
    """Why this server must not start, or None."""
    if settings.DEMO:
        return None
    accounts = active_demo_accounts()
    if not accounts:
        return None
    shown = ", ".join(f"{schema}:{username}" for schema, username in accounts[:6])
    more = f" and {len(accounts) - 6} more" if len(accounts) > 6 else ""
    return (
        f"{len(accounts)} demo account(s) with published passwords are active ({shown}{more}). "
        "Run `manage.py remove_demo_accounts`, or serve the demo with DEMO=true on localhost."
    )


def refuse_demo_doors() -> None:
    reason = problem()
    if reason:
        raise ImproperlyConfigured(reason)


@register(Tags.security, deploy=True)
def check_demo_accounts(app_configs=None, **kwargs):
    try:
        reason = problem()
    except Exception:  # no database yet: nothing to report
        return []
    return [Error(reason, id="waiban.E001")] if reason else []
