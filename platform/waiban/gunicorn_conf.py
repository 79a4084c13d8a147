"""gunicorn settings of `make run` (``gunicorn -c platform/waiban/gunicorn_conf.py``).

gunicorn's own last lines are its workers booting, which says nothing about whether the
platform answers. Once it answers ``/healthz``, the line in ``WAIBAN_READY_LINE`` (the
last line of ``manage.py print_urls --ready``, naming every address) is printed."""

from __future__ import annotations

import os
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
