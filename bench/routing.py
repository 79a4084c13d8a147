"""Figure 3: requests per second of a city page with and without tenant routing.

One gunicorn (one sync worker, as a production worker runs) serves ``routing_app``: the
platform as deployed, and the same project with the host routing replaced by a fixed
site (see ``routing_app.py``). The page is Hangzhou's home as a visitor sees it (the
office's name, address and sign-in), the same template on both stacks. A client in this
process requests it for a few seconds at a time, alternating the stacks round after
round so that both see the same machine; the figure is the median of the rounds.

    .venv/bin/python bench/routing.py [--rounds 5] [--seconds 3]
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import time

import _db
import _report

TARGET_COST = 0.10  # tenant routing may cost at most 10% of the throughput
HOST = "hangzhou.localhost"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port: int, stack: str) -> bytes:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(
            "GET", "/", headers={"Host": HOST, "X-Bench-Stack": stack, "X-Forwarded-Proto": "https"}
        )
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"{stack} stack answered {response.status}")
        return body
    finally:
        connection.close()


def without_token(page: bytes) -> bytes:
    """The page without its CSRF token, which differs on every response."""
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", page)


def requests_per_second(port: int, stack: str, seconds: float) -> float:
    count, start = 0, time.perf_counter()
    deadline = start + seconds
    while time.perf_counter() < deadline:
        get(port, stack)
        count += 1
    return count / (time.perf_counter() - start)


def start_server(url: str, port: int) -> subprocess.Popen:
    # Production settings (DEBUG off, hashed static files), as gunicorn serves them.
    environment = {**os.environ, "DATABASE_URL": url, "DEBUG": "false", "SECRET_KEY": "bench-" * 10}
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=_db.REPO_ROOT, env=environment, check=True,
    )  # fmt: skip
    server = subprocess.Popen(
        [
            str(_db.REPO_ROOT / ".venv" / "bin" / "gunicorn"),
            "--chdir", str(_db.BENCH_DIR),
            "--pythonpath", f"{_db.REPO_ROOT},{_db.REPO_ROOT / 'platform'}",
            "--workers", "1",
            "--bind", f"127.0.0.1:{port}",
            "--log-level", "warning",
            "routing_app:application",
        ],
        env=environment,
    )  # fmt: skip
    for _ in range(100):
        try:
            get(port, "routed")
            return server
        except (OSError, RuntimeError):
            time.sleep(0.1)
    server.terminate()
    raise RuntimeError("the bench server did not start")


def run(url: str, rounds: int, seconds: float) -> list[_report.Row]:
    port = free_port()
    server = start_server(url, port)
    try:
        routed_page, plain_page = get(port, "routed"), get(port, "plain")
        if "杭州" not in routed_page.decode() or without_token(routed_page) != without_token(plain_page):
            raise RuntimeError("the two stacks do not serve the same page")
        for stack in ("routed", "plain"):  # warm both up
            requests_per_second(port, stack, 1.0)
        samples: dict[str, list[float]] = {"routed": [], "plain": []}
        for number in range(1, rounds + 1):
            for stack in ("plain", "routed") if number % 2 else ("routed", "plain"):
                samples[stack].append(requests_per_second(port, stack, seconds))
            print(
                f"round {number}: plain {samples['plain'][-1]:.0f} req/s, "
                f"routed {samples['routed'][-1]:.0f} req/s",
                flush=True,
            )
    finally:
        server.terminate()
        server.wait(timeout=10)
    plain, routed = statistics.median(samples["plain"]), statistics.median(samples["routed"])
    cost = 1 - routed / plain
    print(f"tenant routing costs {cost:.1%} of the throughput", flush=True)
    return [
        (f"city page, plain stack (median of {rounds} x {seconds:g} s)", f"{plain:.0f} req/s", ""),
        (f"city page, tenant routing (median of {rounds} x {seconds:g} s)", f"{routed:.0f} req/s", ""),
        ("  cost of tenant routing", f"{cost:.1%}", _report.target(cost * 100, TARGET_COST * 100, " %")),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    _report.clear("routing")
    with _db.bench_django() as url:
        from django.db import connections

        connections.close_all()
        rows = run(url, args.rounds, args.seconds)
    _report.save("routing", rows)


if __name__ == "__main__":
    sys.exit(main())
