"""A submitting unit reads its own delegations' documents and attachments (the invitation
letter, the 任务批件 PDF), on the web and through the API, and never another unit's."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from apps.trips import services
from tests.conftest import in_city
from tests.factories import UserFactory
from tests.trips.helpers import approve_all, people, trip_data
from tests.trips.test_api import api_client

LETTER = b"%PDF-1.4 invitation letter"


def urls(document_id: int, attachment_id: int) -> dict[str, str]:
    return {
        "web_pdf": f"/documents/{document_id}/pdf/",
        "web_attachment": f"/documents/attachments/{attachment_id}/",
        "api_document": f"/api/v1/documents/{document_id}/",
        "api_pdf": f"/api/v1/documents/{document_id}/pdf/",
        "api_attachment": f"/api/v1/attachments/{attachment_id}/",
        "api_attachment_content": f"/api/v1/attachments/{attachment_id}/content/",
    }


@pytest.fixture
def unit_files(db):
    """An issued Hangzhou delegation of the first unit, with its letter and 任务批件, and
    a submitter of that unit and one of another unit."""
    with in_city("hangzhou"):
        users = people()
        delegation = services.create_delegation(actor=users["submitter"], data=trip_data())
        services.attach_invitation(
            actor=users["submitter"],
            delegation=delegation,
            uploaded_file=SimpleUploadedFile("letter.pdf", LETTER),
        )
        delegation.refresh_from_db()
        delegation = approve_all(users, services.submit(actor=users["clerk"], delegation=delegation))
        for person in delegation.members.all():
            services.acknowledge_education(actor=users["clerk"], member=person)
        delegation = services.issue_approval_document(
            actor=users["clerk"],
            delegation=delegation,
            today=delegation.notice_until + datetime.timedelta(days=1),
        )
        other_unit = connection.tenant.profile["submitting_units"][1]["code"]
        stranger = UserFactory(username="hz_t_other_submitter", role="submitter", unit=other_unit)
    return users, stranger, delegation


def test_a_submitter_opens_its_own_units_letter_and_approval_document_on_web_and_api(unit_files, client_for):
    users, _, delegation = unit_files
    web = client_for("hangzhou", users["submitter"])
    api = api_client("hangzhou", users["submitter"])
    detail = web.get(f"/trips/{delegation.pk}/").content.decode()
    assert f"/documents/{delegation.approval_document_id}/pdf/" in detail
    assert f"/documents/attachments/{delegation.invitation_attachment_id}/" in detail

    for name, url in urls(delegation.approval_document_id, delegation.invitation_attachment_id).items():
        response = (web if name.startswith("web") else api).get(url)
        assert response.status_code == 200, name
    assert web.get(f"/documents/attachments/{delegation.invitation_attachment_id}/").content == LETTER


def test_a_submitter_of_another_unit_cannot_open_them(unit_files, client_for):
    _, stranger, delegation = unit_files
    web = client_for("hangzhou", stranger)
    api = api_client("hangzhou", stranger)

    for name, url in urls(delegation.approval_document_id, delegation.invitation_attachment_id).items():
        response = (web if name.startswith("web") else api).get(url)
        assert response.status_code in (403, 404), name
        assert LETTER not in response.content


def test_a_submitter_cannot_open_documents_that_belong_to_no_unit(db, client_for):
    from apps.documents import services as documents

    with in_city("hangzhou"):
        users = people()
        attachment = documents.store_attachment(
            actor=users["clerk"], uploaded_file=SimpleUploadedFile("office.pdf", LETTER), subject=None
        )
    web = client_for("hangzhou", users["submitter"])
    assert web.get(f"/documents/attachments/{attachment.pk}/").status_code in (403, 404)
    office = client_for("hangzhou", users["auditor"])
    assert office.get(f"/documents/attachments/{attachment.pk}/").status_code == 200


def test_the_office_reads_every_units_documents(unit_files, client_for):
    users, _, delegation = unit_files
    for role in ("clerk", "reviewer", "director", "auditor"):
        web = client_for("hangzhou", users[role])
        for name, url in urls(delegation.approval_document_id, delegation.invitation_attachment_id).items():
            if name.startswith("web"):
                assert web.get(url).status_code == 200, (role, name)
