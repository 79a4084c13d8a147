"""Which city or province answers on which host: read once, kept in each worker.

Looking the host up in the database on every request would cost more than the rest of a
light page (see ``bench/routing.py``). Each process keeps the whole table (a few hundred
rows at most) and reloads it when it is older than ``ROUTING_CACHE_SECONDS`` or when this
process changed a city, a domain or a province (the signals below). A change made in
another process (``manage.py onboard_city``, another gunicorn worker) reaches every
worker within ``ROUTING_CACHE_SECONDS``, with no restart.

Hosts that are not in the table cost no query, so probing random hosts loads nothing.
Each request gets its own copy of the city, so nothing set on it during one request is
seen by the next.
"""

from __future__ import annotations

import copy
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.db.models.signals import post_delete, post_save

from tenants.models import City, Domain, Province


@dataclass(frozen=True)
class RoutingTable:
    cities: dict[str, City]  # full host name -> office (never the template)
    provinces: dict[str, Province]  # subdomain -> province
    loaded_at: float


_lock = threading.Lock()
_table: RoutingTable | None = None


def _load() -> RoutingTable:
    cities = {
        domain.domain.lower(): domain.tenant
        for domain in Domain.objects.select_related("tenant", "tenant__province").filter(
            tenant__is_template=False
        )
    }
    provinces = {province.subdomain: province for province in Province.objects.all()}
    return RoutingTable(cities=cities, provinces=provinces, loaded_at=time.monotonic())


def current() -> RoutingTable:
    global _table
    table = _table
    if table is None or time.monotonic() - table.loaded_at >= settings.ROUTING_CACHE_SECONDS:
        with _lock:
            table = _table = _load()
    return table


def city_for_host(host: str) -> City | None:
    city = current().cities.get(host)
    return copy.copy(city) if city is not None else None


def province_for_subdomain(label: str) -> Province | None:
    return current().provinces.get(label)


def forget(**_kwargs) -> None:
    """Drops this process's table; the next request reloads it."""
    global _table
    _table = None


for _model in (City, Domain, Province):
    post_save.connect(forget, sender=_model, dispatch_uid=f"routing-table-{_model.__name__}-save")
    post_delete.connect(forget, sender=_model, dispatch_uid=f"routing-table-{_model.__name__}-delete")
