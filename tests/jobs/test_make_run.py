"""`make run`: gunicorn's master starts the jobs worker and stops it when it stops."""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path

from waiban import gunicorn_conf

ROOT = gunicorn_conf.__file__.rsplit("/platform/", 1)[0]


class FakeServer:
    log = logging.getLogger("gunicorn-test")


def test_gunicorn_starts_the_worker_and_stops_it_with_itself(monkeypatch):
    started = []

    def start(python=None):
        process = subprocess.Popen(["sleep", "60"], preexec_fn=gunicorn_conf._die_with_parent)
        started.append(process)
        return process

    monkeypatch.setattr(gunicorn_conf, "start_jobs_worker", start)
    monkeypatch.setattr(gunicorn_conf, "_jobs_worker", None)
    monkeypatch.delenv("WAIBAN_JOBS_WORKER", raising=False)
    gunicorn_conf.on_starting(FakeServer())
    assert started == []  # only when asked (make run)

    monkeypatch.setenv("WAIBAN_JOBS_WORKER", "true")
    gunicorn_conf.on_starting(FakeServer())
    [worker] = started
    assert worker.poll() is None
    gunicorn_conf.on_exit(FakeServer())
    assert worker.wait(timeout=10) is not None


def test_make_run_asks_for_the_worker_and_it_runs_manage_py_run_jobs():
    makefile = Path(ROOT, "Makefile").read_text(encoding="utf-8")
    run_target = makefile[makefile.index("\nrun:") : makefile.index("\nbrowser-deps:")]
    assert "WAIBAN_JOBS_WORKER=true" in run_target
    assert "run_jobs" in Path(gunicorn_conf.__file__).read_text(encoding="utf-8")
