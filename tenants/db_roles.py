"""Least privilege in the database (issue 14).

Two roles:
- the **owner** (``DATABASE_URL``'s user): owns every schema and table; migrations,
  onboarding (creating a city's schema) and management commands connect as it;
- the **application** role (``DATABASE_APP_USER``, default ``waiban_app``): what the web
  server connects as (``wsgi.py`` sets ``WAIBAN_DB_ROLE=app``). It owns nothing, is no
  superuser, cannot create roles, databases or schemas, cannot change or delete audit rows
  (only read and append), cannot disable triggers (only an owner can) and cannot set
  ``session_replication_role`` (only a superuser can).

``ensure()`` creates the role and grants it exactly that on every schema; new tables the
owner creates later get the same by default privileges; ``grant_schema`` re-applies it to
one schema (a city just cloned from the template)."""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.db.backends.postgresql.psycopg_any import sql  # psycopg 3 or 2, as Django

# Tables the application may read and append to but never change: the audit log, and the
# record of applied migrations (only the owner migrates).
APPEND_ONLY = ("audit_auditentry",)
READ_ONLY = ("django_migrations",)


def app_user() -> str:
    return settings.DATABASE_APP_USER


def _schemas(cursor) -> list[str]:
    cursor.execute(
        "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%%' "
        "AND nspname <> 'information_schema' ORDER BY nspname"
    )
    return [row[0] for row in cursor.fetchall()]


def _tables(cursor, schema: str) -> set[str]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = %s", [schema])
    return {row[0] for row in cursor.fetchall()}


def grant_schema(schema: str, cursor=None) -> None:
    """The application role's rights on one schema (idempotent)."""
    if cursor is None:
        with connection.cursor() as cursor:
            return grant_schema(schema, cursor)
    role = sql.Identifier(app_user())
    name = sql.Identifier(schema)
    statements = [
        "GRANT USAGE ON SCHEMA {schema} TO {role}",
        "REVOKE CREATE ON SCHEMA {schema} FROM {role}",
        "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {role}",
        "REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA {schema} FROM {role}",
        "GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {schema} TO {role}",
    ]
    for statement in statements:
        cursor.execute(sql.SQL(statement).format(schema=name, role=role))
    tables = _tables(cursor, schema)
    for table in APPEND_ONLY:
        if table in tables:
            cursor.execute(sql.SQL("REVOKE UPDATE, DELETE ON {table} FROM {role}").format(
                table=sql.Identifier(schema, table), role=role))  # fmt: skip
    for table in READ_ONLY:
        if table in tables:
            cursor.execute(sql.SQL("REVOKE INSERT, UPDATE, DELETE ON {table} FROM {role}").format(
                table=sql.Identifier(schema, table), role=role))  # fmt: skip


def ensure() -> list[str]:
    """Creates the application role if missing and grants it its rights everywhere."""
    role = app_user()
    lines = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(role)))
            lines.append(f"created database role {role} (the web server's, least privilege)")
        cursor.execute(
            sql.SQL(
                "ALTER ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT"
            ).format(sql.Identifier(role))
        )
        if settings.DATABASE_APP_PASSWORD:
            cursor.execute(
                sql.SQL("ALTER ROLE {} PASSWORD %s").format(sql.Identifier(role)),
                [settings.DATABASE_APP_PASSWORD],
            )
        database = sql.Identifier(connection.settings_dict["NAME"])
        cursor.execute(
            sql.SQL("GRANT CONNECT, TEMPORARY ON DATABASE {} TO {}").format(database, sql.Identifier(role))
        )
        cursor.execute(sql.SQL("REVOKE CREATE ON DATABASE {} FROM {}").format(database, sql.Identifier(role)))
        for privileges, kind in (
            ("SELECT, INSERT, UPDATE, DELETE", "TABLES"),
            ("USAGE, SELECT, UPDATE", "SEQUENCES"),
            ("USAGE", "SCHEMAS"),
        ):
            cursor.execute(
                sql.SQL("ALTER DEFAULT PRIVILEGES GRANT {} ON {} TO {}").format(
                    sql.SQL(privileges), sql.SQL(kind), sql.Identifier(role)
                )
            )
        for schema in _schemas(cursor):
            grant_schema(schema, cursor)
    return lines


def grant_schema_if_role_exists(schema: str) -> None:
    """After a city's schema is created: its rights for the application role, if the role
    exists yet (``setup_platform`` creates it; ``ensure`` then covers every schema)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [app_user()])
        if cursor.fetchone() is not None:
            grant_schema(schema, cursor)
