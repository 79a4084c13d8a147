"""Verifies the audit log's hash chain (migration 0003) of one schema: every row numbered
1..n in order, each chained to the previous row's hash, each hash recomputed from the row
by the database's own ``audit_entry_digest``. A row changed, deleted or slipped in with
the triggers off (only the schema's owner or a superuser could) breaks it; the first break
is reported."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.backends.postgresql.psycopg_any import sql  # psycopg 3 or 2, as Django


@dataclass(frozen=True)
class ChainReport:
    schema: str
    rows: int
    broken_at_seq: int | None = None  # position in the chain (1-based) of the first bad row
    broken_id: int | None = None
    reason: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_at_seq is None


FIRST_BREAK = """
SELECT n, id, seq, reason FROM (
    SELECT row_number() OVER w AS n, id, seq,
        CASE
            WHEN seq IS NULL THEN 'not chained'
            WHEN seq <> row_number() OVER w THEN 'a row before it is missing'
            WHEN prev_hash <> coalesce(lag(hash) OVER w, '') THEN 'not linked to the row before it'
            WHEN hash <> {schema}.audit_entry_digest(prev_hash, seq, id, occurred_at, actor_id,
                actor_username, actor_role, action, object_type, object_id, object_repr,
                before, after) THEN 'its content was changed'
        END AS reason
    FROM {table}
    WINDOW w AS (ORDER BY seq NULLS FIRST, id)
) checked WHERE reason IS NOT NULL ORDER BY n LIMIT 1
"""


def verify(schema: str) -> ChainReport:
    table = sql.Identifier(schema, "audit_auditentry")
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL("SELECT count(*) FROM {table}").format(table=table))
        rows = cursor.fetchone()[0]
        cursor.execute(sql.SQL(FIRST_BREAK).format(schema=sql.Identifier(schema), table=table))
        found = cursor.fetchone()
    if found is None:
        return ChainReport(schema=schema, rows=rows)
    n, entry_id, _seq, reason = found
    return ChainReport(schema=schema, rows=rows, broken_at_seq=n, broken_id=entry_id, reason=reason)


def audited_schemas() -> list[str]:
    """The public schema and every city schema (the template included: it must stay empty)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_schema FROM information_schema.tables WHERE table_name = 'audit_auditentry' "
            "ORDER BY table_schema <> 'public', table_schema"
        )
        return [row[0] for row in cursor.fetchall()]


def verify_all() -> list[ChainReport]:
    return [verify(schema) for schema in audited_schemas()]
