"""The register (sensitive personal data: masked lists and exports, an audit row per full
view with no numbers in it, export only by its permission, roles without the module's
grant see nothing) and identity confirmation (evidence checked by its bytes, the chain,
the statutory deadline in working days, the numbered certificate, refusal, re-application)."""

import datetime
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from pypdf import PdfReader

from apps.audit.models import AuditEntry
from apps.overseas_chinese import services
from apps.overseas_chinese.models import IdentityConfirmation, Person
from apps.workdays.calendar import add_working_days
from tests.conftest import in_city
from tests.overseas_chinese.helpers import (
    ID_NUMBER,
    PASSPORT,
    IdentityFactory,
    api_client,
    evidence,
    identity_data,
    people,
    person_data,
    post,
    web_client,
)

PEOPLE = "/api/v1/overseas_chinese/people/"
IDENTITY = "/api/v1/overseas_chinese/identity/"


@pytest.fixture
def quzhou(db):
    with in_city("quzhou"):
        users = people()
        person = services.create_person(actor=users["clerk"], data=person_data())
    return users, person


def _audit_text(entries) -> str:
    return json.dumps([[e.object_repr, e.before, e.after] for e in entries], ensure_ascii=False)


def test_lists_and_exports_mask_numbers_and_each_full_view_is_audited(quzhou):
    users, person = quzhou
    reviewer = api_client("quzhou", users["reviewer"])
    listed = reviewer.get(PEOPLE).json()
    row = listed["results"][0]
    assert row["id_number"] == "33**************34" and row["passport_number"] == "E9*****32"
    assert ID_NUMBER not in json.dumps(listed) and PASSPORT not in json.dumps(listed)
    page = web_client("quzhou", users["reviewer"]).get("/overseas_chinese/people/").content.decode()
    assert ID_NUMBER not in page and PASSPORT not in page and "33**************34" in page
    with in_city("quzhou"):
        before = AuditEntry.objects.filter(action="overseas_chinese.view_person").count()
    full = reviewer.get(f"{PEOPLE}{person.pk}/").json()
    assert full["id_number"] == ID_NUMBER
    web_client("quzhou", users["director"]).get(f"/overseas_chinese/people/{person.pk}/")
    with in_city("quzhou"):
        views = AuditEntry.objects.filter(action="overseas_chinese.view_person").order_by("pk")
        assert views.count() == before + 2
        assert [v.actor_username for v in views][-2:] == [
            users["reviewer"].username,
            users["director"].username,
        ]
        assert all(v.object_id == str(person.pk) for v in views)
        everything = _audit_text(AuditEntry.objects.all())
    for secret in (ID_NUMBER, PASSPORT, "1958-03-02"):
        assert secret not in everything


def test_export_needs_its_permission_and_masks_numbers(quzhou):
    users, _ = quzhou
    assert web_client("quzhou", users["clerk"]).get("/overseas_chinese/people/export.csv").status_code == 403
    director = web_client("quzhou", users["director"])
    csv = director.get("/overseas_chinese/people/export.csv")
    assert csv.status_code == 200
    text = csv.content.decode("utf-8-sig")
    assert (
        "陈立华" in text and ID_NUMBER not in text and PASSPORT not in text and "33**************34" in text
    )
    xlsx = director.get("/overseas_chinese/people/export.xlsx")
    cells = [str(c.value) for r in load_workbook(io.BytesIO(xlsx.content)).active.iter_rows() for c in r]
    assert "33**************34" in cells and ID_NUMBER not in cells
    with in_city("quzhou"):
        assert AuditEntry.objects.filter(action="overseas_chinese.export").count() == 2


def test_roles_the_module_grants_nothing_see_no_person(quzhou):
    users, person = quzhou
    for role in ("submitter", "auditor", "office_admin"):
        client = api_client("quzhou", users[role])
        assert client.get(PEOPLE).status_code == 403
        assert client.get(f"{PEOPLE}{person.pk}/").status_code == 403
        assert (
            web_client("quzhou", users[role]).get(f"/overseas_chinese/people/{person.pk}/").status_code == 403
        )


def test_a_person_without_a_legal_basis_or_with_bad_numbers_is_refused(quzhou):
    users, _ = quzhou
    clerk = api_client("quzhou", users["clerk"])
    data = person_data(legal_basis="", id_number="12345", passport_number="E-1", country="XX")
    response = post(clerk, PEOPLE, data)
    assert response.status_code == 400
    assert {"legal_basis", "id_number", "passport_number", "country"} <= set(response.json()["fields"])
    response = post(clerk, PEOPLE, person_data(legal_basis="consent", legal_basis_note=""))
    assert response.status_code == 400 and "legal_basis_note" in response.json()["fields"]
    with in_city("quzhou"):
        assert Person.objects.count() == 1


def test_identity_confirmation_through_the_chain_to_a_numbered_certificate(quzhou):
    users, _ = quzhou
    clerk = api_client("quzhou", users["clerk"])
    created = post(clerk, IDENTITY, identity_data())
    assert created.status_code == 201, created.content
    body = created.json()
    url = f"{IDENTITY}{body['id']}/"
    no_evidence = post(clerk, f"{url}submit/", {"version": body["case"]["version"]})
    assert no_evidence.status_code == 400 and "file" in no_evidence.json()["fields"]
    fake = SimpleUploadedFile("hukou.pdf", b"MZ\x90\x00 this is no pdf")
    refused = clerk.post(f"{url}attach/", {"file": fake})
    assert refused.status_code == 400 and "hukou.pdf" in refused.json()["fields"]["file"][0]
    assert clerk.post(f"{url}attach/", {"file": evidence("hukou.pdf")}).status_code == 200
    submitted = post(clerk, f"{url}submit/", {"version": clerk.get(url).json()["case"]["version"]})
    assert submitted.status_code == 200, submitted.content
    with in_city("quzhou"):
        assert submitted.json()["due_on"] == add_working_days(datetime.date.today(), 20).isoformat()
    assert submitted.json()["case"]["chain"] == ["reviewer", "division_head"]
    for role in ("reviewer", "division_head"):
        approver = api_client("quzhou", users[role])
        current = approver.get(url).json()
        assert post(approver, f"{url}approve/", {"version": current["case"]["version"]}).status_code == 200
    approved = clerk.get(url).json()
    assert approved["case"]["state"] == "approved"
    issued = post(clerk, f"{url}issue/", {"version": approved["case"]["version"]})
    assert issued.status_code == 200, issued.content
    number = issued.json()["certificate_number"]
    assert number.startswith("衢外侨办侨证〔") and number.endswith("号")
    pdf = clerk.get(f"{url}certificate/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert (
        "归侨侨眷身份确认证明" in text
        and "李国华" in text
        and number.replace("\n", "") in text.replace("\n", "")
    )
    with in_city("quzhou"):
        record = IdentityConfirmation.objects.get(pk=body["id"])
        assert record.person is not None and record.person.legal_basis == "statutory_duty"
        assert ID_NUMBER not in _audit_text(AuditEntry.objects.all())


def test_a_refusal_gives_reasons_and_the_applicant_applies_again(quzhou):
    users, _ = quzhou
    with in_city("quzhou"):
        record = IdentityFactory(users=users, submitted=True)
    reviewer = api_client("quzhou", users["reviewer"])
    url = f"{IDENTITY}{record.pk}/"
    version = reviewer.get(url).json()["case"]["version"]
    assert post(reviewer, f"{url}reject/", {"version": version}).status_code == 400  # reasons required
    refused = post(reviewer, f"{url}reject/", {"version": version, "comment": "出入境记录不足"})
    assert refused.status_code == 200 and refused.json()["case"]["state"] == "rejected"
    clerk = api_client("quzhou", users["clerk"])
    again = post(clerk, f"{url}reapply/", {})
    assert again.status_code == 200, again.content
    new_id = again.json()["reapplied_as"]
    assert new_id and new_id != record.pk
    fresh = clerk.get(f"{IDENTITY}{new_id}/").json()
    assert fresh["previous"] == record.pk and fresh["case"]["state"] == "draft"
    assert post(clerk, f"{url}reapply/", {}).status_code == 400  # once


def test_a_unit_applies_for_its_own_people_and_sees_only_its_own(quzhou):
    users, _ = quzhou
    with in_city("quzhou"):
        theirs = IdentityFactory(users=users)
    other = api_client("quzhou", users["other_unit"])
    assert other.get(f"{IDENTITY}{theirs.pk}/").status_code == 404
    mine = post(other, IDENTITY, identity_data(unit_code=users["submitter"].unit))
    assert mine.status_code == 201 and mine.json()["unit_code"] == users["other_unit"].unit
    listed = other.get(IDENTITY).json()["results"]
    assert [r["id"] for r in listed] == [mine.json()["id"]]
    assert listed[0]["id_number"] == "33**************34"


def test_bad_identity_input_names_each_field(quzhou):
    users, _ = quzhou
    clerk = api_client("quzhou", users["clerk"])
    future = (datetime.date.today() + datetime.timedelta(days=9)).isoformat()
    response = post(
        clerk,
        IDENTITY,
        identity_data(claim="relative", relation="", overseas_relative_name="", birth_date=future),
    )
    assert response.status_code == 400
    assert {"relation", "overseas_relative_name", "birth_date"} <= set(response.json()["fields"])
    response = post(clerk, IDENTITY, identity_data(abroad_to=None))
    assert "abroad_to" in response.json()["fields"]
    with in_city("quzhou"):
        assert IdentityConfirmation.objects.count() == 0


def test_full_views_of_applications_and_organisations_are_audited_too(quzhou):
    users, _ = quzhou
    with in_city("quzhou"):
        record = IdentityFactory(users=users)
        organisation = services.create_organisation(
            actor=users["clerk"],
            data={
                "kind": "association",
                "name": "意大利浙江华侨华人联合会",
                "country": "IT",
                "address": "",
                "contact_name": "张伟",
                "contact_phone": "",
                "contact_email": "",
                "notes": "",
                "legal_basis": "consent",
            },
        )
    reviewer = web_client("quzhou", users["reviewer"])
    assert reviewer.get(f"/overseas_chinese/identity/{record.pk}/").status_code == 200
    api_client("quzhou", users["reviewer"]).get(f"{IDENTITY}{record.pk}/")
    assert reviewer.get(f"/overseas_chinese/organisations/{organisation.pk}/").status_code == 200
    with in_city("quzhou"):
        views = AuditEntry.objects.filter(action="overseas_chinese.view_identity", object_id=str(record.pk))
        assert views.count() == 2
        assert AuditEntry.objects.filter(action="overseas_chinese.view_organisation").count() == 1
        assert ID_NUMBER not in _audit_text(views)


def test_the_reviewer_at_the_step_is_reminded_of_an_application_near_its_deadline(quzhou):
    from apps.overseas_chinese.module import OverseasChineseModule

    users, _ = quzhou
    with in_city("quzhou"):
        record = IdentityFactory(users=users, submitted=True)
        assert list(OverseasChineseModule().due_reminders(datetime.date.today())) == []
        later = record.due_on - datetime.timedelta(days=1)
        reminders = [
            r for r in OverseasChineseModule().due_reminders(later) if r.kind.endswith("identity_due")
        ]
        assert len(reminders) == 1 and users["reviewer"] in reminders[0].recipients


def test_evidence_and_certificates_are_not_read_through_documents_without_the_modules_grant(quzhou):
    users, _ = quzhou
    with in_city("quzhou"):
        record = IdentityFactory(users=users, issued=True)
        evidence_id = services.evidence_of(record).first().pk
        certificate_id = IdentityConfirmation.objects.get(pk=record.pk).certificate_document_id
    for role in ("auditor", "office_admin"):
        web = web_client("quzhou", users[role])
        assert web.get(f"/documents/attachments/{evidence_id}/").status_code == 404
        assert web.get(f"/documents/{certificate_id}/pdf/").status_code == 404
        assert (
            api_client("quzhou", users[role]).get(f"/api/v1/documents/{certificate_id}/").status_code == 404
        )
    clerk = web_client("quzhou", users["clerk"])
    assert clerk.get(f"/documents/attachments/{evidence_id}/").status_code == 200
    assert clerk.get(f"/documents/{certificate_id}/pdf/").content.startswith(b"%PDF")
