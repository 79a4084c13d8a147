"""Figure 1: the time to onboard one city by cloning the template schema vs by migrating
a fresh schema.

Both go through ``tenants.services.onboard_city`` with Hangzhou's profile under another
code and subdomain. Cloning is the configured way (TENANT_CREATION_FAKES_MIGRATIONS with
TENANT_BASE_SCHEMA="city_template"); migrating is the same call under
``override_settings(TENANT_CREATION_FAKES_MIGRATIONS=False)``. Each city is removed again
(schema dropped) after its run, so every run starts from the same five cities. One
untimed clone first warms the process up (imports, migration graph). Besides the whole
call, the schema step alone (``City.create_schema``: clone or migrate) is timed: the rest
of the call (rows, the administrator's password hash, audit) is the same either way.

    .venv/bin/python bench/onboarding.py [--clones 5] [--migrations 3]
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import statistics
import time
from collections.abc import Iterator

import _db
import _report

TARGET_SECONDS = 1.0


def city_profile(code: str):
    """Hangzhou's profile (city_profiles/cities/hangzhou.yaml) as city ``code``."""
    from city_profiles import CITIES_DIR
    from city_profiles.loader import Profile, load_city

    data = copy.deepcopy(load_city(CITIES_DIR / "hangzhou.yaml").data)
    data["code"] = code
    data["subdomain"] = code.replace("_", "-")
    return Profile(kind="city", file=f"bench:{code}", data=data)


@contextlib.contextmanager
def schema_step_timer(samples: list[float]) -> Iterator[None]:
    """Appends to ``samples`` the seconds each ``City.create_schema`` call takes."""
    from tenants.models import City

    original = City.create_schema

    def create_schema(self, *args, **kwargs):
        start = time.perf_counter()
        try:
            return original(self, *args, **kwargs)
        finally:
            samples.append(time.perf_counter() - start)

    City.create_schema = create_schema
    try:
        yield
    finally:
        City.create_schema = original  # City's own (the replay of the template)


def onboard(code: str) -> tuple[float, float]:
    """Seconds ``onboard_city`` takes to create city ``code``, and of them the schema step."""
    from django.db import connection

    from tenants.services import onboard_city

    profile = city_profile(code)
    connection.set_schema_to_public()
    schema_steps: list[float] = []
    start = time.perf_counter()
    with schema_step_timer(schema_steps):
        result = onboard_city(profile=profile)
    seconds = time.perf_counter() - start
    if not result.created or len(schema_steps) != 1:
        raise RuntimeError(f"{code} was not created")
    return seconds, schema_steps[0]


def remove_city(code: str) -> None:
    from django.db import connection

    from tenants.models import City

    connection.set_schema_to_public()
    City.objects.get(code=code).delete(force_drop=True)


def measure(label: str, prefix: str, runs: int) -> tuple[float, float]:
    """Medians of the whole call and of the schema step over ``runs`` onboardings."""
    calls, steps = [], []
    for run in range(1, runs + 1):
        code = f"bench_{prefix}_{run}"
        call, step = onboard(code)
        calls.append(call)
        steps.append(step)
        remove_city(code)
    print(f"onboarding by {label}: {_report.spread(calls)}", flush=True)
    print(f"  of which the schema step:  {_report.spread(steps)}", flush=True)
    return statistics.median(calls), statistics.median(steps)


def run(clones: int, migrations: int) -> list[_report.Row]:
    from django.test import override_settings

    warm_up, _ = onboard("bench_warm_up")
    remove_city("bench_warm_up")
    print(f"onboarding: untimed warm-up clone took {warm_up:.3f} s", flush=True)
    clone, clone_step = measure("cloning the template   ", "clone", clones)
    with override_settings(TENANT_CREATION_FAKES_MIGRATIONS=False):
        migrate, migrate_step = measure("migrating a new schema", "migrate", migrations)
    return [
        (
            f"onboard one city, clone (median of {clones})",
            f"{clone:.3f} s",
            _report.target(clone, TARGET_SECONDS, " s"),
        ),
        (f"onboard one city, migrate (median of {migrations})", f"{migrate:.3f} s", ""),
        ("  schema step alone: clone / migrate", f"{clone_step:.3f} / {migrate_step:.3f} s", ""),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clones", type=int, default=5)
    parser.add_argument("--migrations", type=int, default=3)
    args = parser.parse_args()
    _report.clear("onboarding")
    with _db.bench_django():
        rows = run(args.clones, args.migrations)
    _report.save("onboarding", rows)


if __name__ == "__main__":
    main()
