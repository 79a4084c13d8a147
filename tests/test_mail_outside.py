"""apps.notifications.services.mail_outside: mail to someone outside the platform (a donor),
with attachments, sent only once the caller's transaction commits; never raised."""

from __future__ import annotations

import smtplib

import pytest
from django.db import transaction

from apps.notifications.models import Notification
from apps.notifications.services import mail_outside
from tests.conftest import in_city
from tests.jobs.helpers import run_jobs


def test_mail_leaves_after_commit_with_its_attachment_and_no_inbox_row(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    with in_city("hangzhou"), django_capture_on_commit_callbacks(execute=True):
        mail_outside(
            to=["donor@example.org", ""],
            subject="报告",
            body="正文",
            attachments=[("r.pdf", b"%PDF-", "application/pdf")],
        )
        assert mailoutbox == []  # not before the commit
        notes = Notification.objects.count()
    run_jobs()  # the mail is a job, enqueued in the caller's transaction
    assert [m.to for m in mailoutbox] == [["donor@example.org"]]
    assert mailoutbox[0].attachments == [("r.pdf", b"%PDF-", "application/pdf")]
    with in_city("hangzhou"):
        assert Notification.objects.count() == notes


def test_a_rolled_back_caller_sends_nothing(db, mailoutbox, django_capture_on_commit_callbacks):
    with (
        in_city("hangzhou"),
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        mail_outside(to=["donor@example.org"], subject="x", body="y")
        raise RuntimeError
    run_jobs()
    assert mailoutbox == []


def test_a_failing_mail_server_is_logged_not_raised(
    db, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def fail(self, *args, **kwargs):
        raise smtplib.SMTPException("down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", fail)
    with in_city("hangzhou"), django_capture_on_commit_callbacks(execute=True):
        mail_outside(to=["donor@example.org"], subject="x", body="y")
    run_jobs()  # fails, logged, retried later: never raised to the caller
    assert "donor@example.org" in caplog.text
