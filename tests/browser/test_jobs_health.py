"""An operator opens the platform health page, then the background jobs, and retries a
failed job; a real worker (``manage.py run_jobs --once``) then runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from playwright.sync_api import expect

from tests.browser.server import OUT_DIR

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_an_operator_reads_the_health_page_and_retries_a_failed_job(sign_in, server):
    # A mail job of Hangzhou that failed three times (its notification no longer exists,
    # so once retried it has nothing to send and succeeds).
    [(job_id,)] = server.execute(
        "INSERT INTO procrastinate_jobs (queue_name, task_name, args, status, attempts) "
        "VALUES ('cities', 'notifications.email', %s, 'failed', 3) RETURNING id",
        (json.dumps({"city": "hangzhou", "notification": 0}),),
    )
    server.execute(
        "INSERT INTO jobs_jobevent (job_id, task_name, city, kind, attempt, error, created_at) "
        "VALUES (%s, 'notifications.email', 'hangzhou', 'failed', 3, %s, NOW())",
        (job_id, "SMTPServerDisconnected: mail server went away"),
    )
    operator = sign_in("", "operator", password="operator-demo")

    operator.get_by_role("link", name="平台运行状况").click()
    expect(operator.get_by_role("heading", name="平台运行状况")).to_be_visible()
    # Every office has its row (other browser tests may have onboarded or restored more).
    for code in ("guangzhou", "guiyang", "hangzhou", "lanzhou", "quzhou"):
        expect(operator.locator(f'table#health tr[data-city="{code}"]')).to_have_count(1)
    hangzhou = operator.locator('table#health tr[data-city="hangzhou"]')
    expect(hangzhou.locator("td.failed")).to_have_text("1")
    expect(hangzhou.locator("td.migrations")).to_contain_text("最新")
    operator.screenshot(path=OUT_DIR / "zh-platform-health.png", full_page=True)

    hangzhou.locator("td.failed a").click()
    failed = operator.locator(f'tr.failed-job[data-job="{job_id}"]')
    expect(failed).to_contain_text("mail server went away")
    operator.screenshot(path=OUT_DIR / "zh-platform-jobs.png", full_page=True)
    failed.get_by_role("button", name="重试").click()

    expect(operator.locator(".alert-success")).to_contain_text("任务已重新排队")
    expect(operator.locator(f'tr.failed-job[data-job="{job_id}"]')).to_have_count(0)
    assert server.execute("SELECT status FROM procrastinate_jobs WHERE id = %s", (job_id,)) == [("todo",)]
    [(actor,)] = server.execute(
        "SELECT actor_username FROM public.audit_auditentry WHERE action = 'jobs.retry' AND object_id = %s",
        (str(job_id),),
    )
    assert actor == "operator"

    environment = {**os.environ, "DATABASE_URL": server.database_url}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run(
        [sys.executable, "manage.py", "run_jobs", "--once", "--poll", "0.2"],
        cwd=REPO_ROOT, env=environment, check=True, timeout=120, capture_output=True,
    )  # fmt: skip
    assert server.execute("SELECT status FROM procrastinate_jobs WHERE id = %s", (job_id,)) == [
        ("succeeded",)
    ]
