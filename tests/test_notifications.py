"""Notifications (inbox and e-mail) and the reminder runner.

The runner tests use the sample module's ``due_reminders`` (tests/sample_module.py): one
reminder a day to every clerk of a city that switches the module on.
"""

from __future__ import annotations

import re
import smtplib
from io import StringIO

import pytest
from django.core.mail import EmailMessage
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import Client
from django_tenants.utils import schema_context

from apps.notifications import selectors
from apps.notifications.models import Notification
from apps.notifications.services import mark_read, notify, recipients_with_role
from apps.registry.modules import registry
from tenants import services as tenant_services
from tenants.models import City
from tests.conftest import in_city
from tests.factories import PASSWORD, UserFactory
from tests.jobs.helpers import run_jobs

DAY = "2026-03-02"


def enable_sample(data):
    data["modules"]["sample"] = {}


def send(*users, subject="新的待办事项", **fields):
    fields = {"kind": "case.assigned", "body": "请处理。", "url": "/cases/1/", **fields}
    return notify(recipients=list(users), subject=subject, **fields)


def unread_in_header(page: str) -> int | None:
    start = page.index('id="user-menu"')
    header = page[start : page.index("</nav>", start)]
    found = re.search(r'class="[^"]*\bunread-count\b[^"]*"[^>]*>(\d+)<', header)
    return int(found.group(1)) if found else None


def notes_of(code: str, user) -> list[Notification]:
    with schema_context(code):  # any schema, the template's too
        return list(Notification.objects.filter(recipient_id=user.pk).order_by("id"))


def summary_of(output: str, code: str) -> tuple[int, int] | None:
    """(reminders, new notifications) from the runner's line for a city (other real modules
    may be on too, so the module count is not compared)."""
    found = re.search(rf"^{code}: \d+ module\(s\), (\d+) reminder\(s\), (\d+) new notification", output, re.M)
    return (int(found.group(1)), int(found.group(2))) if found else None


# --- notify ---------------------------------------------------------------------------------


def test_notify_writes_inbox_rows_and_mails_only_after_commit(
    city_user, mailoutbox, django_capture_on_commit_callbacks
):
    with_mail = city_user("hangzhou", username="hz_mail", email="mail@hz.example.cn")
    without_mail = city_user("hangzhou", username="hz_nomail", email="")
    trip = city_user("hangzhou", username="hz_about")

    with in_city("hangzhou"), django_capture_on_commit_callbacks(execute=True):
        written = send(with_mail, without_mail, about=trip, url="/trips/7/")
        mailed_before_commit = len(mailoutbox)
    run_jobs()  # the e-mails are jobs, enqueued with the inbox rows

    assert mailed_before_commit == 0
    assert [(note.recipient_id, note.read_at) for note in written] == [
        (with_mail.pk, None),
        (without_mail.pk, None),
    ]
    assert (written[0].subject_type, written[0].subject_id) == ("accounts.user", str(trip.pk))
    assert len(notes_of("hangzhou", with_mail)) == 1
    assert len(mailoutbox) == 1  # only the recipient with an address
    mail = mailoutbox[0]
    assert mail.to == ["mail@hz.example.cn"]
    assert mail.subject == "新的待办事项"
    assert "请处理。" in mail.body
    assert "://hangzhou.localhost/trips/7/" in mail.body
    assert mail.from_email == "noreply@localhost"


def test_a_rolled_back_caller_leaves_no_row_and_sends_no_mail(
    city_user, mailoutbox, django_capture_on_commit_callbacks
):
    clerk = city_user("hangzhou", username="hz_clerk", email="clerk@hz.example.cn")

    with (
        in_city("hangzhou"),
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        send(clerk)
        raise RuntimeError("the caller's change failed")

    run_jobs()
    assert notes_of("hangzhou", clerk) == []
    assert mailoutbox == []


def test_a_failing_mail_server_is_logged_and_does_not_break_the_caller(
    city_user, mailoutbox, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    first = city_user("hangzhou", username="hz_first", email="first@hz.example.cn")
    second = city_user("hangzhou", username="hz_second", email="second@hz.example.cn")
    real_send = EmailMessage.send

    def flaky(message, *args, **kwargs):
        if message.to == ["first@hz.example.cn"]:
            raise smtplib.SMTPException("mail server down")
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(EmailMessage, "send", flaky)
    with in_city("hangzhou"), django_capture_on_commit_callbacks(execute=True):
        send(first, second)
    run_jobs()

    assert len(notes_of("hangzhou", first)) == 1  # the inbox row stays
    assert [mail.to for mail in mailoutbox] == [["second@hz.example.cn"]]  # the next mail still goes
    assert "first@hz.example.cn" in caplog.text


def test_a_dedupe_key_sends_once_per_recipient(city_user, mailoutbox, django_capture_on_commit_callbacks):
    old = city_user("hangzhou", username="hz_old", email="old@hz.example.cn")
    new = city_user("hangzhou", username="hz_new", email="new@hz.example.cn")

    with in_city("hangzhou"), django_capture_on_commit_callbacks(execute=True):
        first = send(old, dedupe_key="deadline:1:2026-03-02")
        second = send(old, new, dedupe_key="deadline:1:2026-03-02")
        other_day = send(old, dedupe_key="deadline:1:2026-03-03")
        undeduplicated = send(old) + send(old)
    run_jobs()

    assert [note.recipient_id for note in first] == [old.pk]
    assert [note.recipient_id for note in second] == [new.pk]
    assert len(other_day) == 1
    assert len(undeduplicated) == 2
    assert len(notes_of("hangzhou", old)) == 4
    assert sorted(mail.to[0] for mail in mailoutbox) == ["new@hz.example.cn"] + ["old@hz.example.cn"] * 4


@pytest.mark.parametrize("url", ["https://evil.example.com/", "//evil.example.com/x", "javascript:alert(1)"])
def test_the_link_must_be_a_path_on_the_city_host(city_user, url):
    clerk = city_user("hangzhou", username="hz_clerk")
    with in_city("hangzhou"), pytest.raises(ValueError, match="path on the city host"):
        send(clerk, url=url)


def test_recipients_with_role_are_the_active_users_of_the_current_city(city_user):
    clerk = city_user("hangzhou", username="hz_clerk", role="clerk")
    city_user("hangzhou", username="hz_gone", role="clerk", is_active=False)
    city_user("hangzhou", username="hz_reviewer", role="reviewer")
    city_user("guangzhou", username="gz_clerk", role="clerk")

    with in_city("hangzhou"):
        assert [user.username for user in recipients_with_role("clerk")] == [clerk.username]


def test_mark_read_changes_only_the_actors_own(city_user):
    me = city_user("hangzhou", username="hz_me")
    colleague = city_user("hangzhou", username="hz_colleague")
    with in_city("hangzhou"):
        mine = send(me) + send(me)
        theirs = send(colleague)
        assert mark_read(actor=me, ids=[mine[0].pk, theirs[0].pk]) == 1
        assert selectors.unread_count(me) == 1
        assert selectors.unread_count(colleague) == 1
        assert mark_read(actor=me) == 1
        assert selectors.unread_count(me) == 0
        assert selectors.unread_count(colleague) == 1


# --- web ------------------------------------------------------------------------------------


def test_the_inbox_page_lists_only_my_notifications_newest_first_unread_bold(city_user, client_for):
    me = city_user("hangzhou", username="hz_me")
    colleague = city_user("hangzhou", username="hz_colleague")
    with in_city("hangzhou"):
        older = send(me, subject="较早的通知", url="/older/")[0]
        send(me, subject="较新的通知", url="/newer/")
        send(colleague, subject="同事的通知")
        mark_read(actor=me, ids=[older.pk])

    page = client_for("hangzhou", me).get("/inbox/").content.decode()

    assert "同事的通知" not in page
    assert page.index("较新的通知") < page.index("较早的通知")
    assert '<strong><a href="/newer/">较新的通知</a></strong>' in page
    assert '<a href="/older/">较早的通知</a>' in page
    assert '<strong><a href="/older/">' not in page


def test_mark_one_and_mark_all_as_read_on_the_web(city_user, client_for):
    me = city_user("hangzhou", username="hz_me")
    colleague = city_user("hangzhou", username="hz_colleague")
    with in_city("hangzhou"):
        first, *_ = (send(me)[0] for _ in range(3))
        theirs = send(colleague)[0]
    client = client_for("hangzhou", me)

    assert client.get(f"/inbox/{first.pk}/read/").status_code == 405  # POST only
    assert client.post(f"/inbox/{first.pk}/read/").status_code == 302
    assert client.post(f"/inbox/{theirs.pk}/read/").status_code == 404
    with in_city("hangzhou"):
        assert selectors.unread_count(me) == 2
        assert selectors.unread_count(colleague) == 1

    assert client.post("/inbox/mark-read/").status_code == 302
    with in_city("hangzhou"):
        assert selectors.unread_count(me) == 0
        assert selectors.unread_count(colleague) == 1


def test_marking_read_needs_the_csrf_token(city_user, client_for):
    me = city_user("hangzhou", username="hz_me")
    with in_city("hangzhou"):
        send(me)
    signed_in = client_for("hangzhou", me)
    strict = Client(HTTP_HOST="hangzhou.localhost", enforce_csrf_checks=True)
    strict.cookies = signed_in.cookies

    assert strict.get("/inbox/").status_code == 200  # the session works
    assert strict.post("/inbox/mark-read/").status_code == 403  # but no token, no change
    with in_city("hangzhou"):
        assert selectors.unread_count(me) == 1


def test_the_header_shows_my_unread_count(city_user, client_for):
    me = city_user("hangzhou", username="hz_me")
    colleague = city_user("hangzhou", username="hz_colleague")
    with in_city("hangzhou"):
        send(me)
        send(me)
        send(colleague)
    client = client_for("hangzhou", me)

    assert unread_in_header(client.get("/").content.decode()) == 2
    client.post("/inbox/mark-read/")
    page = client.get("/").content.decode()
    assert unread_in_header(page) is None
    assert 'href="/inbox/"' in page  # the inbox link stays


def test_the_inbox_needs_a_signed_in_user(client_for):
    client = client_for("hangzhou")
    assert client.get("/inbox/")["Location"].startswith("/accounts/sign-in/")
    assert client.get("/api/v1/inbox/").status_code == 401


# --- API ------------------------------------------------------------------------------------


def test_the_api_lists_only_my_notifications(city_user, client_for):
    me = city_user("hangzhou", username="hz_me")
    colleague = city_user("hangzhou", username="hz_colleague")
    with in_city("hangzhou"):
        older = send(me, subject="较早")[0]
        send(me, subject="较新")
        send(colleague, subject="同事的")
        mark_read(actor=me, ids=[older.pk])
    client = client_for("hangzhou", me)

    listing = client.get("/api/v1/inbox/").json()
    unread = client.get("/api/v1/inbox/?unread=1").json()

    assert [(row["subject"], row["is_read"]) for row in listing["results"]] == [
        ("较新", False),
        ("较早", True),
    ]
    assert [row["subject"] for row in unread["results"]] == ["较新"]


def test_the_api_marks_read_by_ids_or_all(city_user, client_for):
    me = city_user("hangzhou", username="hz_me")
    colleague = city_user("hangzhou", username="hz_colleague")
    with in_city("hangzhou"):
        first, _, _ = (send(me)[0] for _ in range(3))
        theirs = send(colleague)[0]
    client = client_for("hangzhou", me)

    by_ids = client.post(
        "/api/v1/inbox/mark-read/", {"ids": [first.pk, theirs.pk]}, content_type="application/json"
    )
    bad = client.post("/api/v1/inbox/mark-read/", {"ids": ["x"]}, content_type="application/json")
    everything = client.post("/api/v1/inbox/mark-read/", {}, content_type="application/json")

    assert by_ids.json() == {"marked": 1, "unread": 2}
    assert bad.status_code == 400
    assert "ids" in bad.json()["fields"]
    assert everything.json() == {"marked": 2, "unread": 0}
    with in_city("hangzhou"):
        assert selectors.unread_count(colleague) == 1


def test_the_inbox_api_is_in_the_citys_openapi_document(city_user, client_for):
    me = city_user("hangzhou", username="hz_me")
    paths = client_for("hangzhou", me).get("/api/v1/schema/?format=json").json()["paths"]
    assert {"/api/v1/inbox/", "/api/v1/inbox/mark-read/"} <= set(paths)


# --- isolation ------------------------------------------------------------------------------


def test_a_hangzhou_user_cannot_sign_in_on_the_guangzhou_host(city_user, client_for):
    hz_user = city_user("hangzhou", username="hz_only")
    client = client_for("guangzhou")

    response = client.post("/accounts/sign-in/", {"username": hz_user.username, "password": PASSWORD})

    assert response.status_code == 200  # the form again, no session
    assert client.get("/inbox/").status_code == 302
    assert client.get("/api/v1/inbox/").status_code == 401


def test_a_guangzhou_notification_cannot_be_read_or_marked_from_hangzhou(city_user, client_for):
    gz_user = city_user("guangzhou", username="gz_user")
    hz_user = city_user("hangzhou", username="hz_user")
    with in_city("guangzhou"):
        secret = send(gz_user, subject="GZ-NOTE-5521")[0]
    client = client_for("hangzhou", hz_user)

    page = client.get("/inbox/").content.decode()
    listing = client.get("/api/v1/inbox/").content.decode()
    web_mark = client.post(f"/inbox/{secret.pk}/read/")
    client.post("/api/v1/inbox/mark-read/", {"ids": [secret.pk]}, content_type="application/json")
    client.post("/inbox/mark-read/")

    assert "GZ-NOTE-5521" not in page + listing
    assert web_mark.status_code == 404
    assert [note.read_at for note in notes_of("guangzhou", gz_user)] == [None]


# --- the reminder runner --------------------------------------------------------------------


def run_reminders(**options) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("send_reminders", date=options.pop("date", DAY), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_the_runner_reminds_only_where_the_module_is_on(
    city_user, reprofile, mailoutbox, django_capture_on_commit_callbacks
):
    reprofile("hangzhou", enable_sample)
    hz_clerk = city_user("hangzhou", username="hz_clerk", email="clerk@hz.example.cn")
    hz_reviewer = city_user("hangzhou", username="hz_reviewer", role="reviewer")
    gz_clerk = city_user("guangzhou", username="gz_clerk", email="clerk@gz.example.cn")

    with django_capture_on_commit_callbacks(execute=True):
        out, _ = run_reminders()

    [note] = notes_of("hangzhou", hz_clerk)
    assert (note.kind, note.subject, note.url) == ("sample.daily", "示例提醒 2026-03-02", "/sample/")
    assert note.dedupe_key == "sample.daily:2026-03-02"
    assert notes_of("hangzhou", hz_reviewer) == []
    assert notes_of("guangzhou", gz_clerk) == []
    run_jobs()  # the reminder's e-mail is a job
    assert [mail.to for mail in mailoutbox] == [["clerk@hz.example.cn"]]
    assert summary_of(out, "hangzhou") == (1, 1)
    assert summary_of(out, "guangzhou") == (0, 0)


def test_a_second_run_the_same_day_sends_nothing_new(
    city_user, reprofile, mailoutbox, django_capture_on_commit_callbacks
):
    reprofile("hangzhou", enable_sample)
    clerk = city_user("hangzhou", username="hz_clerk", email="clerk@hz.example.cn")

    with django_capture_on_commit_callbacks(execute=True):
        run_reminders()
    with django_capture_on_commit_callbacks(execute=True):
        out, _ = run_reminders()
    run_jobs()

    assert len(notes_of("hangzhou", clerk)) == 1
    assert len(mailoutbox) == 1
    assert summary_of(out, "hangzhou") == (1, 0)

    with django_capture_on_commit_callbacks(execute=True):
        run_reminders(date="2026-03-03")  # the next day reminds again
    run_jobs()
    assert len(notes_of("hangzhou", clerk)) == 2
    assert len(mailoutbox) == 2


def test_the_runner_skips_suspended_cities_and_the_template(city_user, reprofile):
    for code in ("hangzhou", "guangzhou"):
        reprofile(code, enable_sample)
    hz_clerk = city_user("hangzhou", username="hz_clerk")
    gz_clerk = city_user("guangzhou", username="gz_clerk")
    tenant_services.set_city_status(
        city=City.offices.get(code="guangzhou"), status="suspended", reason="test"
    )
    template = City.objects.get(is_template=True)
    # Even with the module on and marked active, the template is never an office.
    City.objects.filter(pk=template.pk).update(profile={"modules": {"sample": {}}}, status="active")
    with schema_context(template.schema_name):
        template_clerk = UserFactory(username="template_clerk")

    out, _ = run_reminders()

    assert len(notes_of("hangzhou", hz_clerk)) == 1
    assert notes_of("guangzhou", gz_clerk) == []
    assert notes_of(template.schema_name, template_clerk) == []
    assert "guangzhou" not in out
    assert template.code not in out
    with pytest.raises(CommandError, match="no active city"):
        run_reminders(city="guangzhou")
    with pytest.raises(CommandError, match="no active city"):
        run_reminders(city=template.code)


def test_the_city_option_runs_one_city(city_user, reprofile):
    for code in ("hangzhou", "guangzhou"):
        reprofile(code, enable_sample)
    hz_clerk = city_user("hangzhou", username="hz_clerk")
    gz_clerk = city_user("guangzhou", username="gz_clerk")

    out, _ = run_reminders(city="guangzhou")

    assert notes_of("hangzhou", hz_clerk) == []
    assert len(notes_of("guangzhou", gz_clerk)) == 1
    assert len(out.strip().splitlines()) == 1
    assert summary_of(out, "guangzhou") == (1, 1)


def test_one_failing_city_does_not_stop_the_others(city_user, reprofile, monkeypatch):
    for code in ("guangzhou", "hangzhou"):  # guangzhou comes first
        reprofile(code, enable_sample)
    gz_clerk = city_user("guangzhou", username="gz_clerk")
    hz_clerk = city_user("hangzhou", username="hz_clerk")
    sample = registry.get("sample")
    real_hook = type(sample).due_reminders

    def broken_in_guangzhou(self, today):
        from django.db import connection

        yield from real_hook(self, today)  # guangzhou's row is written, then the hook fails
        if connection.schema_name == "guangzhou":
            raise RuntimeError("guangzhou's data is broken")

    monkeypatch.setattr(type(sample), "due_reminders", broken_in_guangzhou)

    with pytest.raises(CommandError, match="failed in 1 city"):
        out, err = StringIO(), StringIO()
        try:
            call_command("send_reminders", date=DAY, stdout=out, stderr=err)
        finally:
            output, errors = out.getvalue(), err.getvalue()

    assert len(notes_of("hangzhou", hz_clerk)) == 1
    assert notes_of("guangzhou", gz_clerk) == []  # the failed city's transaction rolled back
    assert "guangzhou: FAILED" in errors
    assert "guangzhou's data is broken" in errors
    assert summary_of(output, "hangzhou") == (1, 1)


def test_a_bad_date_is_refused():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_reminders", date="02/03/2026")
