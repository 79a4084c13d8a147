"""The donations pages: the offer form (errors under their field, nothing saved), the
actions from the table, donors, rates, exports, and the public disclosure page, which
shows accepted donations and reveals nothing it should not."""

import datetime
import re
from decimal import Decimal

import pytest
from django.test import Client

from apps.donations import services
from apps.donations.models import Donation
from tests.conftest import in_city
from tests.donations.helpers import DonationFactory, donation_data, people, rates, today, upload


@pytest.fixture
def hangzhou(db):
    with in_city("hangzhou"):
        users = people()
        rates(users)
    return users


def form_data(unit: str, **changes) -> dict:
    data = {
        "title": "助学金",
        "donor_kind": "person",
        "donor_name": "CHAN TAI MAN",
        "donor_name_zh": "陈大文",
        "donor_country": "HK",
        "donor_relation": "compatriot",
        "unit_code": unit,
        "kind": "money",
        "currency": "USD",
        "amount": "3000.00",
        "intended_use": "资助困难学生",
        "condition_kinds": ["designated_use"],
        "offered_on": today().isoformat(),
        "goods-TOTAL_FORMS": "1",
        "goods-INITIAL_FORMS": "0",
        "goods-MIN_NUM_FORMS": "0",
        "goods-MAX_NUM_FORMS": "50",
    }
    data.update(changes)
    return data


def field_error(page: str, name: str) -> str:
    """The invalid-feedback text following the input named ``name``."""
    start = page.index(f'name="{name}"')
    match = re.search(r'class="invalid-feedback[^"]*"[^>]*>(.*?)</', page[start:], re.S)
    return match.group(1) if match else ""


def test_three_decimals_and_an_unknown_currency_are_errors_under_their_field(hangzhou, client_for):
    users = hangzhou
    client = client_for("hangzhou", users["clerk"])
    unit = users["submitter"].unit
    with in_city("hangzhou"):
        before = Donation.objects.count()
    response = client.post("/donations/new/", form_data(unit, amount="3000.125", currency="ABC"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "两位小数" in field_error(page, "amount")
    assert "未知的币种代码" in field_error(page, "currency")
    assert 'value="助学金"' in page  # what was typed is kept
    response = client.post("/donations/new/", form_data(unit, amount="-3"))
    assert "大于零" in field_error(response.content.decode(), "amount")
    with in_city("hangzhou"):
        assert Donation.objects.count() == before
    saved = client.post("/donations/new/", form_data(unit))
    assert saved.status_code == 302
    with in_city("hangzhou"):
        donation = Donation.objects.get(title="助学金")
    assert saved["Location"] == f"/donations/{donation.pk}/"
    assert donation.amount == Decimal("3000.00") and donation.donor.name_zh == "陈大文"


def test_goods_are_listed_row_by_row(hangzhou, client_for):
    users = hangzhou
    client = client_for("hangzhou", users["clerk"])
    data = form_data(
        users["submitter"].unit,
        kind="goods",
        amount="",
        **{
            "goods-TOTAL_FORMS": "2",
            "goods-0-description": "防寒衣物",
            "goods-0-quantity": "500",
            "goods-0-unit": "件",
            "goods-0-estimated_value": "1500.00",
            "goods-1-description": "书包",
            "goods-1-quantity": "0",
            "goods-1-unit": "个",
            "goods-1-estimated_value": "90.999",
        },
    )
    response = client.post("/donations/new/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert field_error(page, "goods-1-quantity") and "两位小数" in field_error(
        page, "goods-1-estimated_value"
    )
    data.update({"goods-1-quantity": "300", "goods-1-estimated_value": "900.50"})
    assert client.post("/donations/new/", data).status_code == 302
    with in_city("hangzhou"):
        assert Donation.objects.get(title="助学金").value == Decimal("2400.50")


def test_the_detail_page_offers_what_the_user_may_do_and_does_it(hangzhou, client_for):
    users = hangzhou
    with in_city("hangzhou"):
        donation = DonationFactory(users=users)
    clerk = client_for("hangzhou", users["clerk"])
    page = clerk.get(f"/donations/{donation.pk}/").content.decode()
    assert "提交审批" in page and "林国华" in page
    response = clerk.post(
        f"/donations/{donation.pk}/actions/submit/", {"version": donation.case.version, "comment": ""}
    )
    assert response.status_code == 302
    reviewer = client_for("hangzhou", users["reviewer"])
    page = reviewer.get(f"/donations/{donation.pk}/").content.decode()
    assert "审批中" in page and "同意" in page and "≈ CNY 71000.00" in page
    auditor = client_for("hangzhou", users["auditor"])
    assert "同意" not in auditor.get(f"/donations/{donation.pk}/").content.decode()


def test_a_receipt_with_a_fake_pdf_is_refused_on_the_page(hangzhou, client_for):
    users = hangzhou
    with in_city("hangzhou"):
        donation = DonationFactory(users=users, issued=True)
    clerk = client_for("hangzhou", users["clerk"])
    response = clerk.post(
        f"/donations/{donation.pk}/actions/receive/",
        {
            "version": donation.case.version,
            "received_on": today().isoformat(),
            "amount": "10000.00",
            "description": "到账",
            "file_kind": "customs",
            "file": upload("customs.pdf", b"<html>fake</html>"),
        },
    )
    assert response.status_code == 400
    assert "文件名不符" in response.content.decode() or "PDF" in response.content.decode()
    with in_city("hangzhou"):
        assert Donation.objects.get(pk=donation.pk).state == "certified"


def test_donors_rates_lists_and_exports(hangzhou, client_for):
    users = hangzhou
    with in_city("hangzhou"):
        donation = DonationFactory(users=users, issued=True)
    clerk = client_for("hangzhou", users["clerk"])
    assert "林国华" in clerk.get("/donations/?q=lim").content.decode()
    assert "林国华" not in clerk.get("/donations/?country=JP").content.decode()
    assert clerk.get("/donations/?year=abc&state=nosuch").status_code == 200
    donors = clerk.get("/donations/donors/?q=lim").content.decode()
    assert "林国华" in donors and "新加坡" in donors
    donor = clerk.get(f"/donations/donors/{donation.donor_id}/").content.decode()
    assert donation.title in donor and "lim@example.org" in donor
    csv = clerk.get("/donations/export.csv").content.decode("utf-8-sig")
    assert donation.certificate_number in csv
    head = client_for("hangzhou", users["division_head"])
    bad = head.post("/donations/rates/", {"currency": "EUR", "effective_on": "2026-02-01", "rate": "0"})
    assert bad.status_code == 400 and "大于零" in field_error(bad.content.decode(), "rate")
    good = head.post("/donations/rates/", {"currency": "eur", "effective_on": "2026-02-01", "rate": "7.85"})
    assert good.status_code == 302
    assert "7.850000" in head.get("/donations/rates/").content.decode()
    reviewer = client_for("hangzhou", users["reviewer"])
    assert (
        reviewer.post(
            "/donations/rates/", {"currency": "EUR", "effective_on": "2026-02-02", "rate": "7"}
        ).status_code
        == 403
    )


def test_the_public_page_lists_accepted_donations_and_reveals_nothing_internal(hangzhou):
    users = hangzhou
    with in_city("hangzhou"):
        named = DonationFactory(
            users=users, data=donation_data(title="公开的捐赠", conditions="内部条件：须冠名X楼"), in_use=True
        )
        services.attach(
            actor=users["clerk"], record=named, data={"file_kind": "customs", "file": upload("secret.pdf")}
        )
        anonymous = DonationFactory(
            users=users,
            data=donation_data(
                title="匿名的捐赠",
                donor_name="SECRET DONOR",
                donor_name_zh="秘密人",
                donor_email="secret@example.org",
                disclose_name=False,
                donor_country="FR",
            ),
            issued=True,
        )
        draft = DonationFactory(users=users, data=donation_data(title="尚未审批的捐赠"), submitted=True)
        refused = DonationFactory(users=users, data=donation_data(title="未被接受的捐赠"), rejected=True)
    page = Client(HTTP_HOST="hangzhou.localhost").get("/donations/public/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "公开的捐赠" in text and "林国华" in text and "匿名的捐赠" in text and "匿名捐赠方" in text
    for secret in (
        "SECRET DONOR",
        "秘密人",
        "secret@example.org",
        "lim@example.org",
        "内部条件",
        "secret.pdf",
        named.certificate_number,
        anonymous.certificate_number,
        draft.title,
        refused.title,
        "法国",  # the anonymous donor's country would narrow them down
        users["clerk"].username,
        f"/donations/{named.pk}/",
        "受赠证书",  # the office's own state names
    ):
        assert secret not in text, secret
    assert (
        Client(HTTP_HOST="quzhou.localhost").get("/donations/public/").content.decode().count("公开的捐赠")
        == 0
    )


def test_another_units_submitter_cannot_open_a_donation_or_its_files(hangzhou, client_for):
    from apps.donations.models import DonationFile
    from tests.factories import UserFactory

    users = hangzhou
    with in_city("hangzhou"):
        donation = DonationFactory(users=users, issued=True)
        services.attach(
            actor=users["clerk"], record=donation, data={"file_kind": "customs", "file": upload("c.pdf")}
        )
        file = DonationFile.objects.get(donation=donation)
        unit = [u["code"] for u in __import__("django.db").db.connection.tenant.profile["submitting_units"]][
            1
        ]
        other = UserFactory(username="hz_d_other", role="submitter", unit=unit)
    client = client_for("hangzhou", other)
    for path in (
        f"/donations/{donation.pk}/",
        f"/donations/{donation.pk}/attachments/{file.attachment_id}/",
        f"/donations/{donation.pk}/documents/{donation.certificate_document_id}/",
        f"/donations/donors/{donation.donor_id}/",
        f"/donations/case/{donation.case_id}/",
    ):
        assert client.get(path).status_code == 404, path
    own = client_for("hangzhou", users["submitter"])
    assert own.get(f"/donations/{donation.pk}/attachments/{file.attachment_id}/").status_code == 200


def test_dates_in_the_future_are_refused(hangzhou):
    users = hangzhou
    with in_city("hangzhou"), pytest.raises(Exception) as error:
        DonationFactory(users=users, data=donation_data(offered_on=today() + datetime.timedelta(days=1)))
    assert "offered_on" in str(error.value)
