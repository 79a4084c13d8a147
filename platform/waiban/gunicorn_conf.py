"""gunicorn settings of `make run` (``gunicorn -c platform/waiban/gunicorn_conf.py``).

With ``WAIBAN_JOBS_WORKER=true`` (make run) the master also starts the background jobs
worker (``manage.py run_jobs``: queues and the periodic schedule) and stops it when it
stops; the worker also dies with the master if that is killed (Linux parent-death signal).

gunicorn's own last lines are its workers booting, which says nothing about whether the
platform answers. Once it answers ``/healthz``, the line in ``WAIBAN_READY_LINE`` (the
last line of ``manage.py print_urls --ready``, naming every address) is printed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request

accesslog = "-"


def _answers(url: str, host: str) -> bool:
    request = urllib.request.Request(url, headers={"Host": host})  # noqa: S310 (our own server)
    try:
        with urllib.request.urlopen(request, timeout=2) as response:  # noqa: S310 (our own server)
            return response.status == 200
    except OSError:
        return False


def announce_when_answering(
    health_url: str, host: str, line: str, *, timeout: float = 120.0, out=None
) -> bool:
    """Polls ``health_url`` and prints ``line`` once the server answers; False (and
    nothing printed) if it does not within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not _answers(health_url, host):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    print(line, file=out or sys.stdout, flush=True)
    return True


def when_ready(server) -> None:
    """In the master once it listens (workers still booting): a thread waits for an answer."""
    line = os.environ.get("WAIBAN_READY_LINE")
    if not line:
        return
    address = server.cfg.bind[0]
    host = os.environ.get("PLATFORM_DOMAIN") or "localhost"
    threading.Thread(
        target=announce_when_answering, args=(f"http://{address}/healthz", host, line), daemon=True
    ).start()


_jobs_worker: subprocess.Popen | None = None


def _die_with_parent() -> None:  # in the child, before exec: SIGTERM when gunicorn dies
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def start_jobs_worker(python: str = sys.executable) -> subprocess.Popen:
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    return subprocess.Popen(  # noqa: S603 (our own manage.py)
        [python, os.path.join(repo, "manage.py"), "run_jobs"], cwd=repo, preexec_fn=_die_with_parent
    )


def on_starting(server) -> None:
    global _jobs_worker
    if os.environ.get("WAIBAN_JOBS_WORKER", "").lower() == "true":
        _jobs_worker = start_jobs_worker()
        server.log.info("background jobs worker started (pid %s)", _jobs_worker.pid)


def on_exit(server) -> None:
    if _jobs_worker is not None and _jobs_worker.poll() is None:
        _jobs_worker.terminate()
        try:
            _jobs_worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            _jobs_worker.kill()
