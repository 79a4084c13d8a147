"""The trips pages: the form and its errors, the detail page's actions, lists and exports."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from apps.casework.models import Case
from tests.conftest import in_city
from tests.trips.helpers import FAR, approve_all, people, submitted


def form_data(unit: str, **changes) -> dict:
    data = {
        "kind": "abroad", "title": "友城交流团", "unit_code": unit, "purpose": "友好城市周年交流",
        "inviter_name": "City of Nagoya", "inviter_country": "jp", "funding_source": "财政拨款",
        "budget": "80000", "departure": FAR.isoformat(), "return_date": FAR.replace(day=FAR.day).isoformat(),
        "members-TOTAL_FORMS": "1", "members-INITIAL_FORMS": "0", "members-MIN_NUM_FORMS": "1",
        "members-MAX_NUM_FORMS": "12", "members-0-name": "赵六", "members-0-gender": "F",
        "members-0-birth_date": "1980-05-02", "members-0-unit": "市外办", "members-0-position": "科长",
        "members-0-rank": "section", "members-0-document_type": "official_passport",
        "members-0-document_number": "SE2345678", "destinations-TOTAL_FORMS": "1",
        "destinations-INITIAL_FORMS": "0", "destinations-MIN_NUM_FORMS": "1",
        "destinations-MAX_NUM_FORMS": "8",
        "destinations-0-country": "JP", "destinations-0-arrive": FAR.isoformat(),
        "destinations-0-leave": FAR.isoformat(),
    }  # fmt: skip
    data.update(changes)
    return data


def test_a_bad_passport_number_is_shown_on_its_field_and_nothing_is_saved(db, client_for):
    with in_city("hangzhou"):
        users = people()
        unit = users["submitter"].unit
    client = client_for("hangzhou", users["clerk"])

    response = client.post("/trips/new/", form_data(unit, **{"members-0-document_number": "123"}))

    assert response.status_code == 400
    page = response.content.decode()
    assert "“123”" in page and 'data-row="member-0"' in page
    with in_city("hangzhou"):
        assert Case.objects.count() == 0


def test_a_clerk_creates_and_submits_through_the_pages(db, client_for):
    with in_city("hangzhou"):
        users = people()
        unit = users["submitter"].unit
    client = client_for("hangzhou", users["clerk"])

    created = client.post("/trips/new/", form_data(unit))
    assert created.status_code == 302
    detail_url = created["Location"]
    detail = client.get(detail_url).content.decode()
    assert "友城交流团" in detail and 'value="submit"' in detail
    client.post(
        detail_url + "act/",
        {"action": "invitation", "file": SimpleUploadedFile("letter.pdf", b"%PDF-1.4 letter")},
    )
    client.post(detail_url + "act/", {"action": "submit", "version": "1"})

    after = client.get(detail_url).content.decode()
    assert 'data-state="in_review"' in after
    reviewer = client_for("hangzhou", users["reviewer"])
    assert 'value="approve"' in reviewer.get(detail_url).content.decode()
    assert 'value="approve"' not in client_for("hangzhou", users["director"]).get(detail_url).content.decode()


def test_a_stale_button_says_someone_else_acted_first(db, client_for):
    with in_city("hangzhou"):
        users = people()
        delegation = submitted(users)
        version = delegation.case.version
    first = client_for("hangzhou", users["reviewer"])
    first.post(f"/trips/{delegation.pk}/act/", {"action": "approve", "version": version})
    again = first.post(f"/trips/{delegation.pk}/act/", {"action": "approve", "version": version}, follow=True)
    assert "Someone else acted" in again.content.decode() or "其他人" in again.content.decode()
    with in_city("hangzhou"):
        assert delegation.case.events.filter(transition="approve").count() == 1


def test_exports_list_what_the_list_shows(db, client_for):
    with in_city("hangzhou"):
        users = people()
        approve_all(users, submitted(users))
    client = client_for("hangzhou", users["clerk"])

    csv_text = client.get("/trips/export.csv").content.decode("utf-8-sig")
    workbook = load_workbook(io.BytesIO(client.get("/trips/export.xlsx").content))

    assert "经贸考察团" in csv_text and "日本" in csv_text
    rows = list(workbook.active.values)
    assert rows[1][1] == "经贸考察团"
    assert client_for("hangzhou", users["submitter"]).get("/trips/export.csv").status_code == 403


def test_the_calendar_shows_delegations_abroad_in_the_month(db, client_for):
    with in_city("hangzhou"):
        users = people()
        approve_all(users, submitted(users))
    page = client_for("hangzhou", users["clerk"]).get(f"/trips/calendar/?month={FAR:%Y-%m}").content.decode()
    assert "经贸考察团" in page and 'class="away"' in page


def test_the_overdue_page_lists_late_reports_and_documents(db, client_for):
    import datetime

    from apps.trips.models import Delegation, TravelDocument

    with in_city("hangzhou"):
        users = people()
        delegation = approve_all(users, submitted(users))
        Delegation.objects.filter(pk=delegation.pk).update(report_due=datetime.date(2026, 1, 5))
        delegation.case.state = "issued"
        delegation.case.save()
        TravelDocument.objects.create(holder_name="张三", holder_birth_date=datetime.date(1975, 3, 1),
                                      document_type="official_passport", number="SE1111111", status="issued",
                                      due_back=datetime.date(2026, 1, 1))  # fmt: skip
    page = client_for("hangzhou", users["clerk"]).get("/trips/overdue/").content.decode()
    assert "经贸考察团" in page and "2026-01-05" in page and "SE1111111" in page
    submitter_page = client_for("hangzhou", users["submitter"]).get("/trips/overdue/").content.decode()
    assert "经贸考察团" in submitter_page and "SE1111111" not in submitter_page


def test_a_posted_id_that_is_not_a_number_answers_404_not_500(db, client_for):
    with in_city("hangzhou"):
        users = people()
        delegation = submitted(users)
    client = client_for("hangzhou", users["clerk"])
    acting = client.post(f"/trips/{delegation.pk}/act/", {"action": "acknowledge", "member": "abc"})
    returning = client.post("/trips/custody/", {"document": "1; drop"})
    assert (acting.status_code, returning.status_code) == (404, 404)
