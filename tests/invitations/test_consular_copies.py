"""The visa notification letter is copied to the consulate that covers the city for the
guests' country, where the office recorded it in the register's consular jurisdiction
(issue 12); with none recorded, no copy line."""

from __future__ import annotations

from apps.documents.models import Document
from apps.invitations.models import VisaNotice
from apps.partners import services as partners
from tests.conftest import in_city
from tests.invitations.helpers import InvitationFactory, people
from tests.invitations.test_api import pdf_text


def test_the_visa_letter_is_copied_to_the_consulate_with_jurisdiction(db):
    with in_city("hangzhou"):
        users = people()
        consulate = partners.create_partner(
            actor=users["clerk"], kind="consulate", name_zh="德国驻上海总领事馆",
            name_en="Consulate General of Germany in Shanghai", country="DE", place="Shanghai",
        )  # fmt: skip
        partners.set_jurisdiction(actor=users["clerk"], country="DE", partner=consulate)
        invitation = InvitationFactory(users=users, issued=True)
        notice = VisaNotice.objects.filter(invitation=invitation).first()
        text = pdf_text(Document.objects.get(pk=notice.document_id).content)
    assert "抄送" in text and "德国驻上海总领事馆" in text


def test_without_a_recorded_jurisdiction_there_is_no_copy_line(db):
    with in_city("guiyang"):
        users = people()
        invitation = InvitationFactory(users=users, issued=True)
        notice = VisaNotice.objects.filter(invitation=invitation).first()
        text = pdf_text(Document.objects.get(pk=notice.document_id).content)
    assert "抄送" not in text
