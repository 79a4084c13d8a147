"""Figure 5: approvals per second through the casework engine (``casework.services.perform``).

Hangzhou gets one reviewer, division head and director (with e-mail addresses: every
step notifies the next role, locmem e-mail backend) and delegations just submitted
(``in_review`` at the first step of the chain the profile resolves for them, departures
in the coming months). Each case is then approved step by step, as its chain says, until
it leaves review: approved (public notice started, the province's counters upserted) or
escalated to the provincial FAO. In this process, sequentially; then by 2 processes at
once on different cases (the engine locks the case row; the province's counters of one
month are shared rows). Production settings (DEBUG off).

    .venv/bin/python bench/approvals.py [--cases 300] [--concurrent-cases 150]
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import time

import _db
import _report
import _trips_data

NAME = "approvals"
CITY = "hangzhou"
WORKERS = 2
WARM_UP = 5  # cases approved before the timing starts
TARGET_PER_SECOND = 20  # one approval (a reviewer's click) in well under 100 ms, with room


def approve_all(city, case_ids: list[int]) -> dict:
    """Approves every case to the end of its chain; timings of each ``perform``."""
    from django_tenants.utils import tenant_context

    from apps.accounts.models import User
    from apps.casework.models import Case
    from apps.casework.services import perform

    intermediate, final, outcomes = [], [], {}
    with tenant_context(city):
        users = {user.role: user for user in User.objects.filter(username__startswith="bench_")}
        start = time.perf_counter()
        for case_id in case_ids:
            case = Case.objects.get(pk=case_id)
            while case.state == "in_review":
                last = case.step == len(case.chain) - 1
                began = time.perf_counter()
                case = perform(
                    case=case, name="approve", actor=users[case.current_role], version=case.version
                )
                (final if last else intermediate).append(time.perf_counter() - began)
            outcomes[case.state] = outcomes.get(case.state, 0) + 1
        seconds = time.perf_counter() - start
    return {"intermediate": intermediate, "final": final, "outcomes": outcomes, "seconds": seconds,
            "start": time.time() - seconds, "end": time.time()}  # fmt: skip


def _worker(city, case_ids, barrier, results) -> None:
    from django.db import connections

    barrier.wait()
    try:
        results.put(approve_all(city, case_ids))
    finally:
        connections.close_all()


def concurrently(city, chunks: list[list[int]]) -> dict:
    """The chunks approved by one forked process each, all starting together."""
    from django.db import connections

    connections.close_all()  # the children open their own connections
    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(len(chunks)), context.Queue()
    processes = [context.Process(target=_worker, args=(city, chunk, barrier, results)) for chunk in chunks]
    for process in processes:
        process.start()
    parts = [results.get(timeout=1800) for _ in processes]
    for process in processes:
        process.join()
        if process.exitcode != 0:
            raise RuntimeError(f"an approving process failed ({process.exitcode})")
    merged = {"intermediate": [], "final": [], "outcomes": {}}
    for part in parts:
        merged["intermediate"] += part["intermediate"]
        merged["final"] += part["final"]
        for state, number in part["outcomes"].items():
            merged["outcomes"][state] = merged["outcomes"].get(state, 0) + number
    merged["seconds"] = max(part["end"] for part in parts) - min(part["start"] for part in parts)
    return merged


def summary(label: str, result: dict) -> tuple[float, _report.Row, _report.Row]:
    samples = result["intermediate"] + result["final"]
    median, p95 = statistics.median(samples) * 1000, _report.percentile(samples, 0.95) * 1000
    rate = len(samples) / result["seconds"]
    outcomes = ", ".join(f"{state} {number}" for state, number in sorted(result["outcomes"].items()))
    print(
        f"{label}: {len(samples)} approvals in {result['seconds']:.1f} s = {rate:.1f} approvals/s "
        f"(cases now: {outcomes})\n"
        f"  each approval: {_report.latency(samples)}\n"
        f"  to the next step: {_report.latency(result['intermediate'])}\n"
        f"  last step (approved or escalated): {_report.latency(result['final'])}",
        flush=True,
    )
    return (
        rate,
        (f"approvals, {label}", f"{rate:.1f} /s ({len(samples)} approvals)",
         _report.at_least(rate, TARGET_PER_SECOND, " /s")),
        (f"  one approval, {label}",
         f"median {median:.0f} ms, p95 {p95:.0f} ms", ""),
    )  # fmt: skip


def run(cases: int, concurrent_cases: int) -> list[_report.Row]:
    from django.db import connection
    from django_tenants.utils import tenant_context

    from apps.accounts.models import User
    from tenants.models import City

    connection.set_schema_to_public()
    city = City.offices.select_related("province").get(code=CITY)
    with tenant_context(city):
        _trips_data.clear(city)
        for role in ("submitter", "reviewer", "division_head", "director"):
            User.objects.get_or_create(
                username=f"bench_{role}",
                defaults={"role": role, "email": f"{role}@example.org", "unit": "commerce_bureau"},
            )
        total = WARM_UP + cases + WORKERS * concurrent_cases
        case_ids = _trips_data.make_delegations(city, total, state="in_review", upcoming=True, seed=5)
        _trips_data.analyze(city.schema_name)
    print(f"{total} delegations submitted in {CITY}; chain: {city.profile['approval_chains']['trip']}",
          flush=True)  # fmt: skip

    approve_all(city, case_ids[:WARM_UP])  # imports, templates, caches: not timed
    case_ids = case_ids[WARM_UP:]
    sequential = approve_all(city, case_ids[:cases])
    rate_1, *rows = summary("sequential, 1 process", sequential)
    rest = case_ids[cases:]
    chunks = [rest[number::WORKERS] for number in range(WORKERS)]
    parallel = concurrently(city, chunks)
    rate_2, *more = summary(f"{WORKERS} processes at once", parallel)
    print(f"{WORKERS} processes: {rate_2 / rate_1:.2f} x the sequential rate", flush=True)
    rows += more

    connection.set_schema_to_public()
    with tenant_context(city):
        _trips_data.clear(city)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=300, help="cases approved sequentially")
    parser.add_argument("--concurrent-cases", type=int, default=150, help="cases for each of the 2 processes")
    args = parser.parse_args()
    _report.clear(NAME)
    _db.production_settings()
    with _db.bench_django():
        rows = run(args.cases, args.concurrent_cases)
    _report.save(NAME, rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
