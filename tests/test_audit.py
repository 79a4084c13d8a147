"""The audit log: rows are written by services; the database refuses to change them."""

import pytest
from django.db import DatabaseError, connection, transaction

from apps.audit import services as audit
from apps.audit.models import AuditEntry
from tests.conftest import in_city


def test_signing_in_and_out_writes_audit_rows_in_the_citys_own_log(city_user, client_for):
    clerk = city_user("hangzhou", username="hz_clerk", role="clerk")
    client = client_for("hangzhou", clerk)
    client.post("/accounts/sign-out/")

    with in_city("hangzhou"):
        actions = list(AuditEntry.objects.filter(actor_username="hz_clerk").values_list("action", flat=True))
    with in_city("guangzhou"):
        in_guangzhou = AuditEntry.objects.filter(actor_username="hz_clerk").count()

    assert actions == ["accounts.sign_out", "accounts.sign_in"]
    assert in_guangzhou == 0


def test_an_entry_records_actor_time_object_action_before_and_after(city_user):
    admin = city_user("hangzhou", username="hz_admin", role="office_admin")
    with in_city("hangzhou"):
        entry = audit.record(
            actor=admin, action="test.rename", obj=admin, before={"name": "甲"}, after={"name": "乙"}
        )
        entry.refresh_from_db()

    assert (entry.actor_username, entry.actor_role) == ("hz_admin", "office_admin")
    assert entry.occurred_at is not None
    assert (entry.object_type, entry.object_id) == ("accounts.user", str(admin.pk))
    assert (entry.before, entry.after) == ({"name": "甲"}, {"name": "乙"})


@pytest.mark.parametrize("schema", ["hangzhou", "public"])
@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_auditentry SET action = 'forged'",
        "DELETE FROM audit_auditentry",
        "TRUNCATE audit_auditentry",
    ],
)
def test_the_database_refuses_to_change_or_delete_audit_rows(db, schema, statement):
    with in_city(schema):
        audit.record(actor=None, action="test.keep")
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement)
        assert AuditEntry.objects.filter(action="test.keep").count() == 1


def test_the_refusal_travels_with_a_cloned_city(db, reprofile):
    """Cities are cloned from the template: the trigger must be in the clone too."""
    with in_city("quzhou"), connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM information_schema.triggers "
            "WHERE event_object_schema = 'quzhou' AND event_object_table = 'audit_auditentry'"
        )
        assert cursor.fetchone()[0] >= 2


def test_administrators_and_auditors_read_the_log_in_ui_and_api(city_user, client_for):
    auditor = city_user("hangzhou", username="hz_auditor", role="auditor")
    admin = city_user("hangzhou", username="hz_admin", role="office_admin")
    with in_city("hangzhou"):
        audit.record(actor=admin, action="trips.override_limit", after={"x": 1})

    for user in (auditor, admin):
        client = client_for("hangzhou", user)
        api = client.get("/api/v1/audit/?action=trips.override_limit").json()
        page = client.get("/audit/?action=trips.override_limit")
        assert [row["action"] for row in api["results"]] == ["trips.override_limit"]
        assert api["results"][0]["after"] == {"x": 1}
        assert page.status_code == 200
        assert "超限放行" in page.content.decode()


def test_the_audit_api_filters_by_object(city_user, client_for):
    auditor = city_user("hangzhou", username="hz_auditor", role="auditor")
    with in_city("hangzhou"):
        audit.record(actor=None, action="test.a", object_type="x.case", object_id="7")
        audit.record(actor=None, action="test.b", object_type="x.case", object_id="8")

    rows = (
        client_for("hangzhou", auditor).get("/api/v1/audit/?object_type=x.case&object_id=8").json()["results"]
    )

    assert [row["action"] for row in rows] == ["test.b"]


def test_onboarding_and_status_changes_are_audited_in_the_public_schema(db):
    from tenants import services
    from tenants.models import City

    city = City.offices.get(code="lanzhou")
    services.set_city_status(city=city, status="suspended", reason="test")

    entry = AuditEntry.objects.filter(action="platform.set_city_status").first()
    assert entry.before == {"status": "active"}
    assert entry.after == {"status": "suspended", "reason": "test"}


# -- the log page: actions by their label ---------------------------------------------------


def test_the_log_page_offers_and_shows_actions_by_label_in_the_active_language(city_user, client_for):
    auditor = city_user("hangzhou", username="hz_auditor", role="auditor")
    with in_city("hangzhou"):
        audit.record(actor=auditor, action="trips.create", object_type="trips.delegation", object_id="1")
        audit.record(
            actor=auditor, action="trips.delegation.submit", object_type="trips.delegation", object_id="1"
        )
    client = client_for("hangzhou", auditor)

    page = client.get("/audit/").content.decode()
    only_created = client.get("/audit/?action=trips.create").content.decode()
    client.cookies["django_language"] = "en"
    english = client.get("/audit/?action=trips.delegation.submit").content.decode()

    assert '<select name="action"' in page
    assert '<option value="trips.create">新建出访申请</option>' in page
    assert '<option value="trips.delegation.submit">因公出国（境）: 提交审批</option>' in page
    assert "<td>新建出访申请</td>" in page and "<td>trips.create</td>" not in page
    assert "<td>新建出访申请</td>" in only_created and "提交审批</td>" not in only_created
    assert (
        "<td>Official trips abroad: Submit</td>" in english and "Trip application created</td>" not in english
    )


def test_an_unknown_action_in_the_filter_is_a_field_error_not_a_500(city_user, client_for):
    auditor = city_user("hangzhou", username="hz_auditor", role="auditor")
    response = client_for("hangzhou", auditor).get("/audit/?action=trips.")
    assert response.status_code == 400
    assert 'id="id_action_error" class="invalid-feedback"' in response.content.decode()  # under the field


def test_every_action_the_code_records_has_a_label():
    """Each literal ``action="x.y"`` handed to audit.record (and each workflow transition)
    is known to apps.audit.actions: a new action without a label fails here."""
    import re
    from pathlib import Path

    from apps.audit.actions import known_actions

    root = Path(__file__).resolve().parents[1]
    recorded = set()
    for folder in ("apps", "tenants"):
        for source in (root / folder).rglob("*.py"):
            text = source.read_text(encoding="utf-8")
            recorded |= set(re.findall(r'action="([a-z_]+\.[a-z_.]+)"', text))
            recorded |= set(re.findall(r'"(platform\.[a-z_]+)" if', text))
    assert recorded, "the scan found no actions"
    assert recorded - set(known_actions()) == set()
    assert "trips.delegation.open" in known_actions()
