"""Sign-in throttling (issue 14): per account with backoff, per address with a ceiling that
does not lock a whole office behind one NAT, counted atomically (concurrent guesses cannot
slip past the limit), failed and throttled attempts audited."""

from __future__ import annotations

import datetime
import threading

from django.db import connections
from django.test import Client
from django_tenants.utils import tenant_context

from apps.accounts.models import SignInFailure
from apps.audit.models import AuditEntry
from tests.conftest import in_city
from tests.factories import PASSWORD, UserFactory

OFFICE_NAT = "10.20.30.40"


def sign_in(client, username, password=PASSWORD):
    return client.post("/accounts/sign-in/", {"username": username, "password": password})


def office(address=OFFICE_NAT) -> Client:
    return Client(HTTP_HOST="hangzhou.localhost", REMOTE_ADDR=address)


def test_colleagues_typos_behind_one_nat_do_not_lock_the_office_out(db):
    with in_city("hangzhou"):
        for n in range(12):
            UserFactory(username=f"nat_user{n}", role="clerk")
    for n in range(11):
        sign_in(office(), f"nat_user{n}", "typo")
    assert sign_in(office(), "nat_user11").status_code == 302


def test_one_address_spraying_many_accounts_is_stopped(db, settings):
    settings.SIGN_IN_MAX_FAILURES_PER_ADDRESS = 8
    with in_city("hangzhou"):
        UserFactory(username="spray_target", role="clerk")
    for n in range(8):
        sign_in(office("10.9.9.9"), f"nobody{n}", "guess")
    assert sign_in(office("10.9.9.9"), "spray_target").status_code == 429
    assert sign_in(office("10.9.9.10"), "spray_target").status_code == 302


def test_the_wait_doubles_with_each_further_batch_of_failures(db):
    with in_city("hangzhou"):
        UserFactory(username="backoff_clerk", role="clerk")

    def age(minutes):
        with in_city("hangzhou"):
            for failure in SignInFailure.objects.filter(username="backoff_clerk"):
                failure.occurred_at -= datetime.timedelta(minutes=minutes)
                failure.save()

    for _ in range(5):
        sign_in(office(), "backoff_clerk", "guess")
    assert sign_in(office(), "backoff_clerk").status_code == 429
    age(16)  # past the first 15-minute wait: one more try each
    for _ in range(5):
        assert sign_in(office(), "backoff_clerk", "guess").status_code == 200
        age(16)
    age(-16)  # the last failure just now: ten failures wait 30 minutes
    age(16)
    assert sign_in(office(), "backoff_clerk").status_code == 429
    age(16)
    assert sign_in(office(), "backoff_clerk").status_code == 302


def test_failed_and_throttled_attempts_are_audited_without_the_password(db):
    with in_city("hangzhou"):
        UserFactory(username="audit_clerk", role="clerk")
    for _ in range(6):
        sign_in(office(), "audit_clerk", "s3cret-guess")
    with in_city("hangzhou"):
        failed = AuditEntry.objects.filter(action="accounts.sign_in_failed", after__username="audit_clerk")
        throttled = AuditEntry.objects.filter(
            action="accounts.sign_in_throttled", after__username="audit_clerk"
        )
        assert failed.count() == 5 and throttled.count() == 1
        assert failed.first().after["address"] == OFFICE_NAT
        assert not AuditEntry.objects.filter(after__icontains="s3cret").exists()


def in_thread(work):
    """Runs ``work`` on its own connection (committed, as concurrent requests are)."""

    def run():
        try:
            work()
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_concurrent_guesses_cannot_pass_the_limit(db):
    from apps.accounts.models import User
    from tenants.models import City

    city = City.offices.get(code="hangzhou")

    def clean():
        with tenant_context(city):
            SignInFailure.objects.filter(username="race_target").delete()
            User.objects.filter(username="race_target").delete()

    def create():
        clean()
        with tenant_context(city):
            UserFactory(username="race_target", role="clerk")

    in_thread(create).join(timeout=30)
    barrier = threading.Barrier(12)
    statuses: list[int] = []

    def guess():
        barrier.wait(timeout=30)
        statuses.append(sign_in(office("10.1.1.1"), "race_target", "guess").status_code)

    threads = [in_thread(guess) for _ in range(12)]
    for thread in threads:
        thread.join(timeout=60)
    counted = []

    def count():
        with tenant_context(city):
            counted.append(SignInFailure.objects.filter(username="race_target").count())

    in_thread(count).join(timeout=30)
    in_thread(clean).join(timeout=30)
    assert counted == [5]
    assert sorted(statuses) == [200] * 5 + [429] * 7
