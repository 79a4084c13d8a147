"""Donations through the services: the chain the value in CNY decides, the province for the
places its settings name, conditions that cannot be accepted, a currency without a rate,
the certificate, receipt and use, the donor's report, figures, reminders and demo data."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from apps.documents.models import Attachment, Document
from apps.donations import reminders, services
from apps.donations.models import Donation, Donor, Receipt
from apps.reporting.models import EscalatedCase, MonthlyFigure
from tests.conftest import in_city
from tests.donations.helpers import (
    HTML,
    PNG,
    DonationFactory,
    donation_data,
    fresh,
    people,
    rates,
    today,
    upload,
)
from tests.factories import UserFactory
from tests.jobs.helpers import run_jobs


@pytest.fixture
def hangzhou(db):
    with in_city("hangzhou"):
        users = people()
        rates(users)
        yield users


def pdf_text(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).replace("\n", "")


def figure(metric: str, key: str = "") -> int:
    row = MonthlyFigure.objects.filter(metric=metric, key=key).order_by("-month").first()
    return row.value if row else 0


def test_a_small_donation_is_accepted_by_the_division_and_certified(hangzhou):
    users = hangzhou
    before = figure("donations.value_cny")
    donation = DonationFactory(users=users, submitted=True)
    assert donation.value_cny == Decimal("71000.00")  # USD 10,000 at the office's 7.10
    assert donation.case.chain == ["reviewer", "division_head"]  # under Hangzhou's 500,000 for the director
    assert donation.case.facts["needs_province"] is False
    donation = DonationFactory(users=users, issued=True)
    assert donation.state == "certified" and donation.accepted_on == today()
    assert re.fullmatch(rf"杭外侨办捐〔{today().year}〕[1-9][0-9]*号", donation.certificate_number)
    document = Document.objects.get(pk=donation.certificate_document_id)
    text = pdf_text(bytes(document.content))
    assert "接受境外捐赠证书暨感谢信" in text and "Certificate of Acceptance" in text
    assert "林国华" in text and "USD 10000.00" in text and donation.certificate_number in text
    assert figure("donations.value_cny") == before + 71000  # the one accepted, not the one in review
    assert figure("donations.by_country", "SG") >= 1 and figure("donations.cny_by_currency", "USD") >= 71000


def test_the_director_signs_from_the_profiles_value_and_the_province_decides_taiwan_donors(hangzhou):
    users = hangzhou
    big = DonationFactory(users=users, data=donation_data(amount=Decimal("100000.00")), submitted=True)
    assert big.value_cny == Decimal("710000.00")
    assert big.case.chain == ["reviewer", "division_head", "director"]
    taiwan = DonationFactory(users=users, escalated=True)
    assert taiwan.state == "escalated"
    assert taiwan.case.facts["donor_country"] == ["TW"] and taiwan.case.facts["needs_province"] is True
    with in_city("public"):
        escalation = EscalatedCase.objects.get(case_id=taiwan.case_id, workflow="donations.donation")
    assert "林国华" in str(escalation.summary)  # what the province decides on


def test_conditions_the_office_cannot_accept_stop_the_submission(hangzhou):
    users = hangzhou
    donation = DonationFactory(users=users, data=donation_data(condition_kinds=["naming", "political"]))
    with pytest.raises(ValidationError) as error:
        services.submit(actor=users["clerk"], record=donation, data={})
    assert "政治性附加条件" in error.value.message_dict["condition_kinds"][0]
    assert fresh(donation).state == "draft" and fresh(donation).value_cny is None


def test_a_currency_without_a_recorded_rate_stops_the_submission_until_one_is_recorded(hangzhou):
    users = hangzhou
    donation = DonationFactory(users=users, data=donation_data(currency="GBP", amount=Decimal("500.50")))
    with pytest.raises(ValidationError) as error:
        services.submit(actor=users["clerk"], record=donation, data={})
    assert "GBP" in error.value.message_dict["currency"][0]
    assert fresh(donation).state == "draft"
    services.record_rate(
        actor=users["division_head"],
        data={"currency": "GBP", "effective_on": donation.offered_on, "rate": Decimal("9.1")},
    )
    services.submit(actor=users["clerk"], record=fresh(donation), data={})
    assert fresh(donation).value_cny == Decimal("4554.55")


def test_goods_are_valued_by_their_items(hangzhou):
    users = hangzhou
    items = [
        {"description": "超声诊断仪", "quantity": 2, "unit": "台", "estimated_value": Decimal("18000.00")},
        {"description": "轮椅", "quantity": 20, "unit": "辆", "estimated_value": Decimal("2000.50")},
    ]
    donation = DonationFactory(
        users=users,
        data=donation_data(kind="goods", currency="EUR", amount=None, goods=items),
        submitted=True,
    )
    assert donation.value == Decimal("20000.50") and donation.amount is None
    assert donation.value_cny == Decimal("154003.85")
    with pytest.raises(ValidationError) as error:
        services.create_donation(
            actor=users["clerk"], data=donation_data(kind="goods", amount=None, goods=[])
        )
    assert "goods" in error.value.message_dict


def test_receipt_use_and_completion_with_the_donors_report(
    hangzhou, mailoutbox, django_capture_on_commit_callbacks
):
    users = hangzhou
    donation = DonationFactory(users=users, issued=True)
    services.record_receipt(
        actor=users["submitter"],
        record=donation,
        data={
            "received_on": today(),
            "amount": Decimal("6000.00"),
            "description": "第一笔",
            "file_kind": "bank",
            "file": upload("bank.pdf"),
        },
    )
    donation = fresh(donation)
    assert donation.state == "received"
    assert donation.files.get().kind == "bank"
    services.plan_use(
        actor=users["submitter"],
        record=donation,
        data={"use_plan": "购书", "use_due": today() + datetime.timedelta(days=200)},
    )
    donation = fresh(donation)
    assert donation.state == "in_use" and donation.next_report_due == today() + datetime.timedelta(days=90)
    with pytest.raises(ValidationError) as error:  # more than was received
        services.report_progress(
            actor=users["submitter"],
            record=donation,
            data={"reported_on": today(), "spent": Decimal("6000.01"), "description": "超支"},
        )
    assert "spent" in error.value.message_dict
    services.report_progress(
        actor=users["submitter"],
        record=donation,
        data={
            "reported_on": today(),
            "spent": Decimal("5000"),
            "description": "已购书",
            "photo": upload("p.png", PNG),
        },
    )
    with pytest.raises(ValidationError):  # a photo must be a picture
        services.report_progress(
            actor=users["submitter"],
            record=fresh(donation),
            data={
                "reported_on": today(),
                "spent": Decimal("1"),
                "description": "x",
                "photo": upload("p.pdf"),
            },
        )
    assert fresh(donation).reports.count() == 1
    before = figure("donations.use_completed")
    services.complete(actor=users["reviewer"], record=fresh(donation), data={"completion_summary": "完毕"})
    assert fresh(donation).state == "completed" and figure("donations.use_completed") == before + 1
    with django_capture_on_commit_callbacks(execute=True):
        services.send_use_report(actor=users["clerk"], record=fresh(donation), data={"send_email": True})
    run_jobs()  # the mail leaves through the background queue
    mail = mailoutbox[-1]
    assert mail.to == ["lim@example.org"]
    _name, content, mimetype = mail.attachments[0]
    assert mimetype == "application/pdf" and "捐赠使用情况报告" in pdf_text(content)


def test_a_receipt_whose_document_is_not_what_it_says_leaves_nothing_behind(hangzhou):
    users = hangzhou
    donation = DonationFactory(users=users, issued=True)
    attachments = Attachment.objects.count()
    for bad in (upload("customs.pdf", HTML, "application/pdf"), upload("customs.pdf", PNG)):
        with pytest.raises(ValidationError) as error:
            services.record_receipt(
                actor=users["clerk"],
                record=fresh(donation),
                data={
                    "received_on": today(),
                    "amount": Decimal("1.00"),
                    "description": "报关",
                    "file_kind": "customs",
                    "file": bad,
                },
            )
        assert "file" in error.value.message_dict
    assert fresh(donation).state == "certified"  # the receipt's transition rolled back too
    assert not Receipt.objects.filter(donation=donation).exists()
    assert Attachment.objects.count() == attachments


def test_one_donor_across_donations(hangzhou):
    users = hangzhou
    first = DonationFactory(users=users)
    second = DonationFactory(users=users, data=donation_data(donor_name="LIM  KOK WAH", title="又一笔"))
    assert first.donor_id == second.donor_id
    assert Donor.objects.get(pk=first.donor_id).donations.count() == 2


def test_overdue_use_reports_are_reminded_and_counted_for_the_province(hangzhou):
    users = hangzhou
    donation = DonationFactory(users=users, in_use=True)
    later = today() + datetime.timedelta(days=91)
    due = reminders.due_reminders(later)
    assert [r.about for r in due] == [donation]
    assert users["clerk"] in due[0].recipients and users["submitter"] in due[0].recipients
    assert MonthlyFigure.objects.get(metric="donations.use_overdue", month=later.replace(day=1)).value == 1
    assert reminders.due_reminders(today()) == []


def test_demo_data_has_every_state(db):
    from apps.donations import demo
    from apps.donations.workflow import STATES

    with in_city("quzhou"):
        from tests.factories import UserFactory

        for role in ["submitter", "clerk", "reviewer", "division_head", "director"]:
            UserFactory(username=role, role=role, unit="")
        assert demo.ensure_demo()
        states = set(Donation.objects.values_list("case__state", flat=True))
        assert states == set(STATES)
        assert any(d.report_overdue() for d in Donation.objects.select_related("case"))
        assert demo.ensure_demo() == []  # idempotent


def test_the_province_decides_an_escalated_offer_from_its_portal(hangzhou):
    from apps.provincial.services import decide
    from tenants.models import Province

    users = hangzhou
    taiwan = DonationFactory(users=users, escalated=True)
    before = figure("donations.accepted")
    with in_city("public"):
        escalation = EscalatedCase.objects.get(case_id=taiwan.case_id, workflow="donations.donation")
        province = Province.objects.get(code="zhejiang")
        reviewer = UserFactory(username="zj_d_reviewer", role="province_reviewer", unit="zhejiang")
        decide(user=reviewer, province=province, escalation=escalation, approve=True, comment="同意")
    with in_city("hangzhou"):
        taiwan = fresh(taiwan)
        assert taiwan.state == "accepted" and taiwan.accepted_on == today()
        assert figure("donations.accepted") == before + 1
