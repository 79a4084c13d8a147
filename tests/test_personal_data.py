"""Who sees passport numbers and birth dates (issue 14): holders of core.view_personal_data
see them in full, and each full view leaves an audit row naming the record (not the value);
others (the auditor, the office administrator) see them masked, on pages and in the API;
exports mask them for everyone."""

from __future__ import annotations

import json

from apps.audit.models import AuditEntry
from tests.conftest import in_city
from tests.factories import PASSWORD
from tests.trips.helpers import people, submitted


def token_client(client_for, user):
    client = client_for("hangzhou")
    secret = client.post("/api/v1/auth/token/", {"username": user.username, "password": PASSWORD}).json()[
        "token"
    ]
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {secret}"
    return client


def test_case_handlers_see_numbers_in_full_and_each_full_view_is_audited(client_for):
    with in_city("hangzhou"):
        users = people()
        delegation = submitted(users)
        member = delegation.members.first()
    page = client_for("hangzhou", users["reviewer"]).get(f"/trips/{delegation.pk}/").content.decode()
    assert member.document_number in page
    api = token_client(client_for, users["clerk"]).get(f"/api/v1/trips/delegations/{delegation.pk}/").json()
    assert api["members"][0]["document_number"] == member.document_number
    assert api["members"][0]["birth_date"] == member.birth_date.isoformat()
    with in_city("hangzhou"):
        rows = AuditEntry.objects.filter(action="core.view_personal_data", object_id=str(member.pk))
        assert {row.actor_username for row in rows} == {users["reviewer"].username, users["clerk"].username}
        assert member.document_number not in json.dumps([row.after for row in rows])


def test_the_auditor_sees_them_masked_and_leaves_no_view_row(client_for):
    with in_city("hangzhou"):
        users = people()
        delegation = submitted(users)
        member = delegation.members.first()
    auditor = users["auditor"]
    page = client_for("hangzhou", auditor).get(f"/trips/{delegation.pk}/").content.decode()
    assert member.document_number not in page and "•" + member.document_number[-2:] in page
    api = token_client(client_for, auditor).get(f"/api/v1/trips/delegations/{delegation.pk}/").json()
    assert api["members"][0]["document_number"].endswith(member.document_number[-2:])
    assert api["members"][0]["document_number"] != member.document_number
    assert api["members"][0]["birth_date"] is None
    with in_city("hangzhou"):
        assert not AuditEntry.objects.filter(
            action="core.view_personal_data", actor_username=auditor.username
        )


def test_the_visitor_register_export_masks_passport_numbers(client_for):
    from tests.invitations.helpers import InvitationFactory
    from tests.invitations.helpers import people as invitation_people

    with in_city("hangzhou"):
        users = invitation_people()
        invitation = InvitationFactory(users=users, issued=True)
        numbers = [invitee.passport_number for invitee in invitation.invitees.all()]
    export = client_for("hangzhou", users["clerk"]).get("/invitations/register/export.csv")
    assert export.status_code == 200
    text = export.content.decode("utf-8-sig")
    assert numbers and not any(number in text for number in numbers) and "•" in text


def test_a_page_of_records_shown_in_full_is_audited_row_by_row_in_one_insert(client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.invitations.helpers import InvitationFactory
    from tests.invitations.helpers import people as invitation_people

    with in_city("hangzhou"):
        users = invitation_people()
        invitees = [i for _ in range(3) for i in InvitationFactory(users=users, issued=True).invitees.all()]
    api = token_client(client_for, users["clerk"])
    with CaptureQueriesContext(connection) as queries:
        body = api.get("/api/v1/invitations/register/").json()
    shown = {row["id"] for row in body["results"]}
    assert len(shown) == len(invitees) >= 3
    inserts = [
        q["sql"] for q in queries.captured_queries if q["sql"].startswith('INSERT INTO "audit_auditentry"')
    ]
    assert len(inserts) == 1  # not one per row
    with in_city("hangzhou"):
        rows = AuditEntry.objects.filter(
            action="core.view_personal_data", actor_username=users["clerk"].username
        )
        assert sorted(int(row.object_id) for row in rows) == sorted(shown)
        assert all(row.after == {"path": "/api/v1/invitations/register/"} for row in rows)
