"""The invitations pages: the form (errors on their field, rows kept), the actions from the
table (buttons = what the user may do now; a stale version keeps the typed comment), the
register, exports and statistics, verification by number."""

import datetime
import io
import re

from openpyxl import load_workbook

from apps.casework.models import Case
from tests.conftest import in_city
from tests.invitations.helpers import FAR, InvitationFactory, people


def form_data(unit: str, **changes) -> dict:
    data = {
        "title": "友城文化交流",
        "unit_code": unit,
        "responsible_person": "李丽",
        "responsible_phone": "0571-1",
        "visit_kind": "culture",
        "purpose": "周年演出",
        "programme": "演出两场",
        "arrival": FAR.isoformat(),
        "departure": (FAR + datetime.timedelta(days=4)).isoformat(),
        "places": "杭州",
        "costs_paid_by": "shared",
        "acknowledge_responsibility": "on",
        "invitees-TOTAL_FORMS": "2",
        "invitees-INITIAL_FORMS": "0",
        "invitees-MIN_NUM_FORMS": "1",
        "invitees-MAX_NUM_FORMS": "50",
        "invitees-0-name_latin": "Smith John",
        "invitees-0-sex": "M",
        "invitees-0-birth_date": "1970-01-02",
        "invitees-0-nationality": "gb",
        "invitees-0-passport_number": "512345678",
        "invitees-0-passport_expiry": "2031-01-01",
        "invitees-0-category": "culture",
        "invitees-0-occupation": "Conductor",
        "invitees-0-employer": "LSO",
        "invitees-0-visa_type": "F",
        "invitees-0-entries": "single",
        "invitees-0-mission": "中华人民共和国驻英国大使馆",
    }
    data.update(changes)
    return data


def test_bad_rows_are_shown_on_their_field_and_nothing_is_saved(db, client_for):
    with in_city("hangzhou"):
        users = people()
    client = client_for("hangzhou", users["clerk"])
    response = client.post(
        "/invitations/new/",
        form_data(
            users["submitter"].unit,
            **{
                "invitees-0-name_latin": "史密斯",
                "invitees-0-passport_expiry": "2020-01-01",
                "departure": (FAR - datetime.timedelta(days=1)).isoformat(),
            },
        ),
    )
    assert response.status_code == 400
    page = response.content.decode()
    row = page.split('data-row="invitees-0"')[1].split('data-row="invitees-__prefix__"')[0]
    assert "史密斯" in row and "拉丁字母" in row and "护照已过期" in row
    under = page.split('id="id_departure_error"')[1].split("</div>")[0]  # under its field
    assert "离境日期早于入境日期" in under
    summary = page.split('class="alert alert-danger form-errors"')[1].split("</div>")[0]  # on top
    assert 'href="#id_departure"' in summary and 'href="#id_invitees-0-name_latin"' in summary
    with in_city("hangzhou"):
        assert Case.objects.count() == 0


def test_a_unit_applies_and_the_office_takes_it_to_the_letters_through_the_pages(db, client_for):
    with in_city("hangzhou"):
        users = people()
    unit_client = client_for("hangzhou", users["submitter"])
    created = unit_client.post("/invitations/new/", form_data("someone_elses_unit"))
    assert created.status_code == 302, created.content.decode()[:3000]
    detail = created["Location"]
    page = unit_client.get(detail).content.decode()
    assert 'data-action="submit"' in page and 'data-action="approve"' not in page
    assert unit_client.post(detail + "actions/submit/", {"version": "1"}).status_code == 302
    with in_city("hangzhou"):
        case = Case.objects.get()
        assert case.state == "in_review" and case.unit_code == users["submitter"].unit
    reviewer = client_for("hangzhou", users["reviewer"])
    assert 'data-action="approve"' in reviewer.get(detail).content.decode()
    stale = reviewer.post(detail + "actions/return/", {"version": "1", "comment": "日程不全，请补充"})
    assert stale.status_code == 409
    assert "日程不全，请补充" in stale.content.decode()  # the typed comment is kept
    missing = reviewer.post(detail + "actions/return/", {"version": str(case.version)})
    assert missing.status_code == 400 and 'data-action="return"' in missing.content.decode()
    assert reviewer.post(detail + "actions/approve/", {"version": str(case.version)}).status_code == 302
    head = client_for("hangzhou", users["division_head"])
    assert head.post(detail + "actions/approve/", {"version": str(case.version + 1)}).status_code == 302
    clerk = client_for("hangzhou", users["clerk"])
    assert clerk.post(detail + "actions/issue/", {"version": str(case.version + 2)}).status_code == 302
    page = unit_client.get(detail).content.decode()
    assert 'data-state="issued"' in page and "杭外侨办邀" in page
    with in_city("hangzhou"):
        from apps.invitations.models import Invitation

        invitation = Invitation.objects.get()
    pdf = unit_client.get(f"/invitations/{invitation.pk}/letters/{invitation.letter_document_id}/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    verify = client_for("hangzhou").get("/invitations/verify/", {"number": invitation.letter_number})
    assert 'data-valid="1"' in verify.content.decode() and "SMITH JOHN" in verify.content.decode()


def test_register_exports_and_statistics(db, client_for):
    with in_city("hangzhou"):
        users = people()
        invitation = InvitationFactory(users=users, issued=True)
        Case.objects.filter(pk=invitation.case_id)
    clerk = client_for("hangzhou", users["clerk"])
    register = clerk.get("/invitations/register/", {"q": "mueller"}).content.decode()
    assert "MUELLER ANNA" in register
    sheet = load_workbook(io.BytesIO(clerk.get("/invitations/register/export.xlsx").content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "姓名（护照） Name (passport)" and rows[1][0] == "MUELLER ANNA"
    assert "德国" in rows[1][2] and "待办签证" in rows[1][6]  # labels, not codes
    csv = clerk.get("/invitations/invitations/export.csv").content.decode("utf-8-sig")
    assert "已出具邀请函" in csv and "issued" not in csv.split("\n")[1]
    year, half = FAR.year, 1 if FAR.month <= 6 else 2
    page = clerk.get("/invitations/statistics/", {"year": year, "half": half}).content.decode()
    assert 'data-table="country"' in page and 'data-key="DE"' in page
    assert clerk.get("/invitations/statistics/export.pdf", {"year": year, "half": half}).content.startswith(
        b"%PDF"
    )
    workbook = load_workbook(
        io.BytesIO(clerk.get("/invitations/statistics/export.xlsx", {"year": year, "half": half}).content)
    )
    assert len(workbook.sheetnames) == 3
    assert clerk.get("/invitations/statistics/", {"year": "abc", "half": 3}).status_code == 400
    api = clerk.get("/api/v1/invitations/statistics/", {"year": year, "half": half}).json()
    assert api["tables"][1]["rows"][0]["key"] == "DE"
    assert clerk.get("/api/v1/invitations/statistics/", {"year": "x", "half": 1}).status_code == 400
    unit_client = client_for("hangzhou", users["submitter"])
    assert unit_client.get("/invitations/statistics/").status_code == 403


def test_the_form_speaks_the_page_language_and_offers_countries_by_name(db, client_for):
    with in_city("hangzhou"):
        users = people()
    client = client_for("hangzhou", users["clerk"])
    zh = client.get("/invitations/new/").content.decode()
    client.cookies["django_language"] = "en"
    en = client.get("/invitations/new/").content.decode()
    # each choice in the page's language only, not "中文 English" together
    assert '<option value="F">女</option>' in zh and "Female" not in zh
    assert '<option value="F">Female</option>' in en and "女</option>" not in en
    # nationality: a searchable list of countries by name (no ISO code to type)
    for page, germany in ((zh, "德国"), (en, "Germany")):
        select = re.search(r'<select[^>]*name="invitees-0-nationality"[^>]*>', page).group(0)
        assert "data-searchable" in select
        assert f'<option value="DE">{germany}</option>' in page
    assert '<option value="CN">' not in zh


def test_the_lists_filter_with_the_kit_and_show_countries_by_name(db, client_for):
    with in_city("hangzhou"):
        users = people()
        InvitationFactory(users=users, issued=True)
    client = client_for("hangzhou", users["clerk"])
    register = client.get("/invitations/register/", {"country": "DE"}).content.decode()
    assert 'class="filters card card-body mb-3" role="search"' in register
    assert '<option value="DE" selected>德国</option>' in register
    rows = register.split("<tbody>")[1].split("</tbody>")[0]
    assert "<td>德国</td>" in rows and "<td>DE</td>" not in rows
    listing = client.get("/invitations/", {"country": "XX"})
    assert listing.status_code == 200  # a bad filter is an error under its field, never a 500
    assert "未知的国家（地区）代码“XX”。" in listing.content.decode()
    assert 'class="filters card card-body mb-3"' in listing.content.decode()


def test_recording_a_visit_picks_the_invitee_by_name(db, client_for):
    with in_city("hangzhou"):
        users = people()
        invitation = InvitationFactory(users=users, issued=True)
        invitee = invitation.invitees.get()
    client = client_for("hangzhou", users["clerk"])
    page = client.get(f"/invitations/{invitation.pk}/").content.decode()
    form = page.split('data-action="record_visit"')[1].split("</form>")[0]
    assert re.search(r'<select[^>]*name="invitee"', form)
    assert f'<option value="{invitee.pk}">{invitee.name_latin} ({invitee.passport_number})</option>' in form
    refused = client.post(
        f"/invitations/{invitation.pk}/actions/record_visit/", {"invitee": "999999", "visa_status": "pending"}
    )
    assert refused.status_code == 400 and "不是本申请的来访人员" in refused.content.decode()
