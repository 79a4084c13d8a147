"""The operators' queue and health pages (platform host): who sees them, what they show,
the audited retry of a failed job; the daily reminders as a periodic job; the provincial
report rendered in the background."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from openpyxl import load_workbook

from apps.audit.models import AuditEntry
from apps.jobs.models import JobEvent, Rendition
from apps.jobs.runner import defer_for_city
from apps.jobs.selectors import health, known_tenant_migrations
from apps.jobs.tasks import refresh_schema_figures
from apps.notifications.models import Notification
from tests.conftest import CITY_CODES, complete_two_factor, in_city
from tests.factories import PASSWORD, UserFactory
from tests.jobs.helpers import jobs, make_due, run_jobs
from tests.jobs.test_queue import probe


def operator_client(username="op_jobs", role="operator") -> Client:
    UserFactory(username=username, role=role)  # public schema, before any request
    client = Client(HTTP_HOST="localhost")
    response = client.post("/accounts/sign-in/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    complete_two_factor(client, response, username)  # operators sign in with two factors
    return client


def failed_probe(city="guangzhou") -> int:
    job_id = defer_for_city(probe, city, fail=True)
    run_jobs()
    for _ in range(2):
        make_due()
        run_jobs()
    return job_id


def test_operators_see_queues_by_city_and_failed_jobs_with_their_error(db):
    job_id = failed_probe("guangzhou")
    defer_for_city(probe, "hangzhou", schedule_in={"hours": 1})  # waiting
    client = operator_client()

    page = client.get("/jobs/").content.decode()
    api = client.get("/api/v1/jobs/").json()

    assert "后台任务" in page and "失败的任务" in page
    assert f'data-job="{job_id}"' in page and "probe failed on purpose" in page
    assert api["by_city"]["guangzhou"]["failed"] >= 1
    assert api["by_city"]["hangzhou"]["todo"] >= 1
    [failed] = [job for job in api["failed"] if job["id"] == job_id]
    assert failed["city"] == "guangzhou" and "probe failed on purpose" in failed["error"]


def test_an_operator_retries_a_failed_job_from_the_page_and_it_is_audited(db):
    job_id = failed_probe("guangzhou")
    client = operator_client()

    response = client.post(f"/jobs/{job_id}/retry/")

    assert response.status_code == 302
    [row] = [row for row in jobs("tests.probe") if row["id"] == job_id]
    assert row["status"] == "todo"
    assert JobEvent.objects.filter(job_id=job_id, kind=JobEvent.Kind.RETRIED).exists()
    entry = AuditEntry.objects.filter(action="jobs.retry", object_id=str(job_id)).get()
    assert entry.actor_username == "op_jobs" and entry.after == {"status": "todo"}
    run_jobs()  # fails again: the job runs once more
    assert JobEvent.objects.filter(job_id=job_id, kind=JobEvent.Kind.FAILED).count() == 4


def test_retry_through_the_api_and_a_job_that_is_not_failed(db):
    job_id = failed_probe("hangzhou")
    waiting = defer_for_city(probe, "hangzhou", schedule_in={"hours": 1})
    client = operator_client()

    assert client.post(f"/api/v1/jobs/{job_id}/retry/").json() == {"id": job_id, "status": "todo"}
    assert client.post(f"/api/v1/jobs/{waiting}/retry/").status_code == 404
    assert client.post("/api/v1/jobs/999999999/retry/").status_code == 404
    assert client.post(f"/api/v1/jobs/{job_id}/retry/").status_code == 404  # not failed any more


@pytest.mark.parametrize(
    "path",
    ["/jobs/", "/health/", "/api/v1/jobs/", "/api/v1/health/", "/jobs/1/retry/", "/api/v1/jobs/1/retry/"],
)
def test_non_operators_are_refused_and_city_hosts_do_not_have_the_pages(
    db, city_user, client_for, path, monkeypatch
):
    from apps.accounts import roles

    job_id = failed_probe("hangzhou")
    path = path.replace("/1/", f"/{job_id}/")
    method = "post" if "retry" in path else "get"
    # An operator whose role does not grant platform.manage_jobs (only the cities).
    monkeypatch.setitem(roles.CORE_ROLE_GRANTS, "operator", ["platform.manage_cities", "audit.view"])
    reviewer = operator_client("op_no_jobs")
    admin = city_user("hangzhou", username="hz_admin_jobs", role="office_admin")
    admin_client = client_for("hangzhou", admin)

    assert getattr(reviewer, method)(path).status_code == 403
    assert getattr(Client(HTTP_HOST="localhost"), method)(path).status_code in (302, 401, 403)
    assert getattr(admin_client, method)(path).status_code == 404
    [row] = [row for row in jobs("tests.probe") if row["id"] == job_id]
    assert row["status"] == "failed"  # nobody retried it


def test_the_health_page_lists_every_city_with_its_figures(db, city_user, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "hangzhou" / "attachments").mkdir(parents=True)
    (tmp_path / "hangzhou" / "attachments" / "scan.pdf").write_bytes(b"x" * 5000)
    signed_in = city_user("guiyang", username="gy_recent")
    with in_city("guiyang"):
        type(signed_in).objects.filter(pk=signed_in.pk).update(
            last_login=datetime(2030, 1, 2, 3, 4, tzinfo=UTC)
        )
    with connection.cursor() as cursor:  # lanzhou misses one known migration
        cursor.execute("DELETE FROM lanzhou.django_migrations WHERE app = 'audit' AND name = '0001_initial'")
    # The worker runs here (and with it the minute's figures): after the changes above.
    failed_probe("quzhou")
    defer_for_city(probe, "lanzhou", schedule_in={"hours": 1})
    client = operator_client()

    figures = {row["code"]: row for row in client.get("/api/v1/health/").json()}
    page = client.get("/health/").content.decode()

    assert sorted(figures) == CITY_CODES
    known = len(known_tenant_migrations())
    assert figures["hangzhou"]["migrations"] == {"applied": known, "known": known, "behind": False}
    assert figures["lanzhou"]["migrations"] == {"applied": known - 1, "known": known, "behind": True}
    assert figures["quzhou"]["jobs"] == {"queued": 0, "failed": 1}
    assert figures["lanzhou"]["jobs"] == {"queued": 1, "failed": 0}
    assert figures["hangzhou"]["storage"]["media_bytes"] == 5000
    assert figures["guangzhou"]["storage"]["media_bytes"] == 0
    for row in figures.values():
        assert row["storage"]["database_bytes"] > 0 and row["status"] == "active"
    assert figures["guiyang"]["last_sign_in"].startswith("2030-01-02")
    assert "平台运行状况" in page and page.count('data-city="') == len(CITY_CODES)
    assert "数据库结构落后于当前版本的城市：1 个。" in page
    assert page.count('class="badge text-bg-danger behind"') == 1


def test_health_costs_a_fixed_number_of_queries(db):
    from django.test.utils import CaptureQueriesContext

    def queries_of_health() -> list[str]:
        with CaptureQueriesContext(connection) as captured:
            assert len(health()) == len(CITY_CODES)
        return [query["sql"] for query in captured.captured_queries if "search_path" not in query["sql"]]

    # Nothing kept yet: cities, kept figures, per-schema figures, sizes, queue: not one per city.
    assert len(queries_of_health()) == 5
    refresh_schema_figures.defer(timestamp=0)
    run_jobs()
    # Kept by the periodic job: cities, kept figures, queue.
    assert len(queries_of_health()) == 3


def test_the_periodic_job_keeps_the_figures_the_page_shows(db):
    from apps.jobs.models import SchemaFigures

    refresh_schema_figures.defer(timestamp=0)
    run_jobs()
    assert sorted(SchemaFigures.objects.values_list("schema_name", flat=True)) == CITY_CODES
    known = len(known_tenant_migrations())
    with connection.cursor() as cursor:  # a change after the figures were taken
        cursor.execute("DELETE FROM lanzhou.django_migrations WHERE app = 'audit' AND name = '0001_initial'")
    lanzhou = {city.code: city for city in health()}["lanzhou"]
    assert (lanzhou.migrations_applied, lanzhou.figures_taken_at is not None) == (known, True)
    refresh_schema_figures.defer(timestamp=1)
    run_jobs()
    assert {city.code: city for city in health()}["lanzhou"].migrations_applied == known - 1


def test_the_daily_reminders_are_a_periodic_job_fanning_out_one_job_per_active_city(db, reprofile, city_user):
    from procrastinate.contrib.django import app

    from apps.notifications.tasks import daily_reminders
    from tenants.models import City

    periodic = {task.periodic_id: task for task in app.periodic_registry.periodic_tasks.values()}
    assert periodic["daily-reminders"].cron == settings.REMINDERS_CRON
    assert periodic["daily-reminders"].task is daily_reminders

    reprofile("hangzhou", lambda data: data["modules"].__setitem__("sample", {}))
    clerk = city_user("hangzhou", username="hz_periodic", role="clerk", email="p@hz.example.cn")
    City.objects.filter(code="quzhou").update(status=City.Status.SUSPENDED)
    moment = int(datetime(2026, 3, 1, 23, 0, tzinfo=UTC).timestamp())  # 07:00 on 2 March in Beijing
    daily_reminders.defer(timestamp=moment)

    run_jobs()

    per_city = jobs("notifications.city_reminders")
    assert sorted(row["args"]["city"] for row in per_city) == sorted(set(CITY_CODES) - {"quzhou"})
    assert {row["args"]["day"] for row in per_city} == {"2026-03-02"}
    assert {row["status"] for row in per_city} == {"succeeded"}
    with in_city("hangzhou"):
        assert Notification.objects.filter(recipient=clerk, dedupe_key="sample.daily:2026-03-02").count() == 1
    assert [row["status"] for row in jobs("notifications.email")][-1:] == ["succeeded"]


def test_the_provincial_report_is_rendered_in_the_background_for_its_province_only(db):
    UserFactory(username="zj_rev_bg", role="province_reviewer", unit="zhejiang")
    UserFactory(username="gd_rev_bg", role="province_reviewer", unit="guangdong")
    zhejiang = Client(HTTP_HOST="zhejiang.localhost")
    zhejiang.post("/accounts/sign-in/", {"username": "zj_rev_bg", "password": PASSWORD})
    guangdong = Client(HTTP_HOST="guangdong.localhost")
    guangdong.post("/accounts/sign-in/", {"username": "gd_rev_bg", "password": PASSWORD})

    assert zhejiang.post("/report/background/?year=2026&half=1").status_code == 302
    item = Rendition.objects.get(scope="province:zhejiang")
    pending = zhejiang.get("/exports/").content.decode()
    assert item.status == "pending" and "正在生成" in pending
    assert zhejiang.get(f"/exports/{item.pk}/").status_code == 404

    run_jobs()

    item.refresh_from_db()
    assert item.status == "done" and item.filename == "zhejiang-2026-H1.xlsx"
    done = zhejiang.get("/exports/").content.decode()
    assert f"/exports/{item.pk}/" in done
    download = zhejiang.get(f"/exports/{item.pk}/")
    assert download.status_code == 200
    assert load_workbook(io.BytesIO(download.content)).sheetnames
    assert guangdong.get(f"/exports/{item.pk}/").status_code == 404  # another province's
    assert f"/exports/{item.pk}/" not in guangdong.get("/exports/").content.decode()
    assert zhejiang.post("/report/background/?year=20x6&half=1").status_code == 400


def test_a_document_whose_rendering_fails_is_shown_failed_with_its_error(db):
    from apps.jobs import renderers
    from apps.jobs.services import request_rendition

    @renderers.register("tests.broken")
    def broken(*, scope, **params):
        raise ValueError("no figures for that half-year")

    reviewer = UserFactory(username="zj_rev_broken", role="province_reviewer", unit="zhejiang")
    item = request_rendition(
        actor=reviewer, scope="province:zhejiang", renderer="tests.broken", params={}, title="坏的报表"
    )
    run_jobs()

    item.refresh_from_db()
    assert item.status == Rendition.Status.FAILED and "no figures for that half-year" in item.error
    assert item.content is None
    assert JobEvent.objects.filter(task_name="jobs.render_document", kind=JobEvent.Kind.FAILED).count() == 1
    client = Client(HTTP_HOST="zhejiang.localhost")
    client.post("/accounts/sign-in/", {"username": "zj_rev_broken", "password": PASSWORD})
    assert "失败" in client.get("/exports/").content.decode()
    assert client.get(f"/exports/{item.pk}/").status_code == 404
