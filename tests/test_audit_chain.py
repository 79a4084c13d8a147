"""Tamper evidence (issue 14): each audit row is chained by hash to the previous row of its
schema; the verifier finds the first broken link when a row is forged, deleted or slipped
in by someone who can switch the triggers off (the schema's owner: simulated here with
``session_replication_role = replica``, which the application role cannot set)."""

from __future__ import annotations

import itertools

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from apps.audit import services as audit
from apps.audit.chain import verify
from apps.audit.models import AuditEntry
from tests.conftest import in_city


def entries(n=4):
    with in_city("guiyang"):
        for i in range(n):
            audit.record(
                actor=None, action="test.chain", object_type="test.thing", object_id=i, after={"n": i}
            )
        return list(AuditEntry.objects.filter(action="test.chain").order_by("seq"))


def as_owner(statement, params=()):
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        try:
            cursor.execute(statement, params)
        finally:
            cursor.execute("SET session_replication_role = DEFAULT")


def test_rows_are_chained_in_order_and_the_chain_verifies(db):
    rows = entries()
    assert all(row.hash and len(row.hash) == 64 for row in rows)
    assert [b.prev_hash for b in rows[1:]] == [a.hash for a in rows[:-1]]
    assert [b.seq - a.seq for a, b in itertools.pairwise(rows)] == [1, 1, 1]
    assert verify("guiyang").intact


def test_a_forged_row_is_found(db):
    rows = entries()
    with in_city("guiyang"):
        as_owner("UPDATE audit_auditentry SET after = %s WHERE id = %s", ['{"n": 99}', rows[1].pk])
    report = verify("guiyang")
    assert not report.intact and report.broken_id == rows[1].pk and "changed" in report.reason


def test_a_deleted_row_is_found(db):
    rows = entries()
    with in_city("guiyang"):
        as_owner("DELETE FROM audit_auditentry WHERE id = %s", [rows[2].pk])
    report = verify("guiyang")
    assert not report.intact and report.broken_id == rows[3].pk


def test_a_row_slipped_in_with_the_triggers_off_is_found(db):
    entries(2)
    with in_city("guiyang"):
        as_owner(
            "INSERT INTO audit_auditentry (occurred_at, actor_username, actor_role, action, object_type, "
            "object_id, object_repr, prev_hash, hash) VALUES (now(), 'ghost', '', 'x', '', '', '', '', '')"
        )
    report = verify("guiyang")
    assert not report.intact and report.reason == "not chained"
    with pytest.raises(CommandError, match="broken"):
        call_command("verify_audit", "--schema", "guiyang", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_the_application_still_cannot_rewrite_a_row(db):
    rows = entries(1)
    with in_city("guiyang"), pytest.raises(Exception, match="append-only"), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET action = 'y' WHERE id = %s", [rows[0].pk])


def test_the_tamper_check_pages_name_the_break(db, client_for):
    from tests.factories import UserFactory

    operator = UserFactory(username="chain_op", role="operator")  # public schema, before any request
    rows = entries()
    with in_city("guiyang"):
        as_owner("UPDATE audit_auditentry SET after = %s WHERE id = %s", ['{"n": 7}', rows[0].pk])
        auditor = UserFactory(username="chain_auditor", role="auditor")
    page = client_for("guiyang", auditor).get("/audit/chain/").content.decode()
    assert 'class="broken' in page and "内容被改动" in page
    platform = client_for(None, operator).get("/audit/chain/").content.decode()
    assert (
        'data-schema="guiyang" class="broken' in platform
        and 'data-schema="hangzhou" class="intact' in platform
    )
