"""The queue: jobs enqueued in the caller's transaction, run by a real worker in their
city's schema only, retried, kept failed with their error, picked up after a worker died."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import connection, transaction
from django_tenants.utils import schema_context

from apps.jobs.models import JobEvent
from apps.jobs.runner import CityNotAllowed, city_task, defer_for_city
from apps.notifications.models import Notification
from apps.notifications.services import notify
from tests.conftest import in_city
from tests.jobs.helpers import jobs, make_due, run_jobs

CALLS: list[tuple[str, dict]] = []


@city_task(name="tests.probe", retry=2)
def probe(*, fail: bool = False, note: str = "") -> str:
    CALLS.append((connection.schema_name, {"fail": fail, "note": note}))
    if note:
        from apps.accounts.models import User

        User.objects.create(username=note)  # a write in the job's schema
    if fail:
        raise RuntimeError("probe failed on purpose")
    return connection.schema_name


@pytest.fixture(autouse=True)
def _calls():
    CALLS.clear()
    mail.outbox = []


def test_a_rolled_back_transaction_enqueues_nothing(db):
    before = len(jobs("tests.probe"))
    with pytest.raises(RuntimeError), in_city("hangzhou"), transaction.atomic():
        defer_for_city(probe, "hangzhou")
        raise RuntimeError("the change failed")
    assert len(jobs("tests.probe")) == before


def test_a_committed_change_has_its_job_and_it_runs_in_its_city(db):
    with in_city("hangzhou"), transaction.atomic():
        job_id = defer_for_city(probe, "hangzhou", note="probe_hz")
    [row] = [row for row in jobs("tests.probe") if row["id"] == job_id]
    assert (row["status"], row["args"]) == ("todo", {"city": "hangzhou", "note": "probe_hz"})

    run_jobs()

    assert CALLS == [("hangzhou", {"fail": False, "note": "probe_hz"})]
    assert jobs("tests.probe")[-1]["status"] == "succeeded"
    from apps.accounts.models import User

    with in_city("hangzhou"):
        assert User.objects.filter(username="probe_hz").exists()
    for code in ("guangzhou", "quzhou", "public"):
        with schema_context(code):
            assert not User.objects.filter(username="probe_hz").exists()


def test_notify_mails_through_the_queue_after_commit(db, city_user):
    clerk = city_user("hangzhou", username="hz_queue_mail", email="clerk@hz.example.cn")
    with in_city("hangzhou"):
        notify(recipients=[clerk], kind="work", subject="新的待办事项", body="请处理。", url="/trips/7/")
    assert mail.outbox == []  # only enqueued
    assert [row["args"]["city"] for row in jobs("notifications.email")] == ["hangzhou"]
    run_jobs()
    assert [message.to for message in mail.outbox] == [["clerk@hz.example.cn"]]
    assert "://hangzhou.localhost/trips/7/" in mail.outbox[0].body


def test_a_job_cannot_be_pointed_at_another_schema(db):
    for city in ("public", "city_template", "", None):
        with pytest.raises(CityNotAllowed):
            defer_for_city(probe, city)
    with pytest.raises(TypeError):  # the city is the job's, never one of its arguments
        defer_for_city(probe, "hangzhou", city="guangzhou")


def test_a_job_for_an_unknown_or_suspended_city_is_skipped_and_recorded(db):
    from tenants.models import City

    City.objects.filter(code="quzhou").update(status=City.Status.SUSPENDED)
    for city in ("quzhou", "nowhere", "public; DROP TABLE x"):
        defer_for_city(probe, city)
    run_jobs()
    assert CALLS == []
    skipped = JobEvent.objects.filter(kind=JobEvent.Kind.SKIPPED, task_name="tests.probe")
    assert sorted(skipped.values_list("city", flat=True)) == ["nowhere", "public; DROP TABLE x", "quzhou"]
    assert {row["status"] for row in jobs("tests.probe")} == {"succeeded"}


def test_a_failing_job_is_retried_then_kept_failed_with_its_error(db):
    with in_city("guangzhou"):
        job_id = defer_for_city(probe, "guangzhou", fail=True)
    run_jobs()
    for _ in range(2):  # the policy's two retries, made due at once
        make_due()
        run_jobs()
    [row] = [row for row in jobs("tests.probe") if row["id"] == job_id]
    assert (row["status"], row["attempts"]) == ("failed", 3)
    assert len(CALLS) == 3
    failures = JobEvent.objects.filter(job_id=job_id, kind=JobEvent.Kind.FAILED)
    assert failures.count() == 3
    assert "probe failed on purpose" in failures.first().error
    assert failures.first().city == "guangzhou"


def test_a_job_whose_worker_vanished_is_picked_up_again(db):
    from apps.jobs.services import retry_stalled_jobs
    from apps.jobs.tasks import STALLED_AFTER_SECONDS

    with in_city("hangzhou"):
        job_id = defer_for_city(probe, "hangzhou")
    with connection.cursor() as cursor:  # a worker took it, then died: no heartbeat since
        cursor.execute(
            "INSERT INTO procrastinate_workers (last_heartbeat) "
            "VALUES (NOW() - INTERVAL '1 hour') RETURNING id"
        )
        worker_id = cursor.fetchone()[0]
        cursor.execute(
            "UPDATE procrastinate_jobs SET status = 'doing', worker_id = %s WHERE id = %s",
            [worker_id, job_id],
        )
    assert retry_stalled_jobs(seconds_since_heartbeat=STALLED_AFTER_SECONDS) == [job_id]
    run_jobs()
    [row] = [row for row in jobs("tests.probe") if row["id"] == job_id]
    assert row["status"] == "succeeded"
    assert CALLS == [("hangzhou", {"fail": False, "note": ""})]


def test_a_job_of_a_live_worker_is_left_alone(db):
    from apps.jobs.services import retry_stalled_jobs

    with in_city("hangzhou"):
        job_id = defer_for_city(probe, "hangzhou")
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO procrastinate_workers (last_heartbeat) VALUES (NOW()) RETURNING id")
        worker_id = cursor.fetchone()[0]
        cursor.execute(
            "UPDATE procrastinate_jobs SET status = 'doing', worker_id = %s WHERE id = %s",
            [worker_id, job_id],
        )
    assert job_id not in retry_stalled_jobs(seconds_since_heartbeat=60)
    assert Notification is not None
