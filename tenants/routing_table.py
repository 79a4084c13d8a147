"""Which city or province answers on which host: read once, kept in each worker.

Looking the host up in the database on every request would cost more than the rest of a
light page (see ``bench/routing.py``). Each process keeps the table of hosts and reloads
it only when the routing stamp changed: one row (``RoutingStamp``) the database bumps on
any write to cities, domains or provinces, whoever makes it (a trigger, migration
tenants 0002). Reading the stamp is one 0.2 ms query, made at most every
``ROUTING_STAMP_SECONDS`` (0: on every request), so a change made in another process
(``manage.py onboard_city``, another gunicorn worker, psql) is seen on the next request.
``ROUTING_CACHE_SECONDS`` still bounds the table's age should the stamp ever be missing.

The table holds no profiles (the JSON column is deferred: 30 kB a city, 8.8 MB at 300).
A city's profile is read when a request for that city comes, and kept in a small
least-recently-used cache keyed by (city, profile version): a worker's memory stays flat
in the number of cities. Each request gets its own copy of the city, so nothing set on it
during one request is seen by the next.
"""

from __future__ import annotations

import copy
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError
from django.db.models.signals import post_delete, post_save

from tenants.models import City, Domain, Province, RoutingStamp

PROFILES_KEPT = 64  # the cities whose profiles a worker keeps (least recently used go)


@dataclass(frozen=True)
class RoutingTable:
    cities: dict[str, City]  # full host name -> office (never the template), profile deferred
    provinces: dict[str, Province]  # subdomain -> province
    loaded_at: float
    stamp: int | None = None


_lock = threading.Lock()
_table: RoutingTable | None = None
_checked_at = 0.0
_profiles: OrderedDict[tuple[int, int], dict] = OrderedDict()


def stamp() -> int | None:
    """The routing stamp's version, None if it cannot be read."""
    try:
        return next(iter(RoutingStamp.objects.filter(pk=1).values_list("version", flat=True)), None)
    except DatabaseError:  # pragma: no cover - a database without migration tenants 0002
        return None


def _load() -> RoutingTable:
    version = stamp()  # read before the rows: a change in between only causes a reload
    provinces = {province.subdomain: province for province in Province.objects.all()}
    by_pk = {province.pk: province for province in provinces.values()}
    domains = (
        Domain.objects.select_related("tenant").defer("tenant__profile").filter(tenant__is_template=False)
    )
    cities = {}
    for domain in domains:
        city = domain.tenant
        city.province = by_pk.get(city.province_id)  # one shared copy of each province
        cities[domain.domain.lower()] = city
    return RoutingTable(cities=cities, provinces=provinces, loaded_at=time.monotonic(), stamp=version)


def _stale(table: RoutingTable) -> bool:
    global _checked_at
    now = time.monotonic()
    if table.stamp is None:
        return now - table.loaded_at >= settings.ROUTING_CACHE_SECONDS
    if now - _checked_at < settings.ROUTING_STAMP_SECONDS:
        return False
    _checked_at = now
    return stamp() != table.stamp


def current() -> RoutingTable:
    global _table
    table = _table
    if table is None or _stale(table):
        with _lock:
            table = _table = _load()
    return table


def profile_of(city: City) -> dict:
    """The city's applied profile, read once per (city, profile version) and kept."""
    key = (city.pk, city.profile_version)
    with _lock:
        profile = _profiles.get(key)
        if profile is not None:
            _profiles.move_to_end(key)
            return profile
    profile = City.objects.filter(pk=city.pk).values_list("profile", flat=True).first() or {}
    with _lock:
        _profiles[key] = profile
        while len(_profiles) > PROFILES_KEPT:
            _profiles.popitem(last=False)
    return profile


def city_for_host(host: str) -> City | None:
    city = current().cities.get(host)
    if city is None:
        return None
    city = copy.copy(city)
    city.profile = profile_of(city)
    return city


def province_for_subdomain(label: str) -> Province | None:
    return current().provinces.get(label)


def forget(**_kwargs) -> None:
    """Drops this process's table and profiles; the next request reloads them."""
    global _table
    _table = None
    with _lock:
        _profiles.clear()


for _model in (City, Domain, Province):
    post_save.connect(forget, sender=_model, dispatch_uid=f"routing-table-{_model.__name__}-save")
    post_delete.connect(forget, sender=_model, dispatch_uid=f"routing-table-{_model.__name__}-delete")
