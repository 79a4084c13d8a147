"""The office's foreign-affairs calendar: every enabled module's ``calendar_entries`` for a
date range, in one list, filtered per leader, per division or for the whole office, with
the conflicts among them (the same person or resource in overlapping entries).

The kernel names no module: it asks ``registry.iter_enabled`` of the city's profile. Each
module answers with one date-range query on an index, so a month stays fast however many
years of items the office has (``bench/calendar_bench.py``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection

from apps.accounts.scoping import is_unit_bound
from apps.registry.i18n import label
from apps.registry.modules import CalendarEntry, registry


@dataclass
class Item:
    """An entry as the calendar shows it: its module, kind's name, its span in local time."""

    entry: CalendarEntry
    module: str
    kind_name: str
    begins: datetime.datetime
    ends: datetime.datetime
    all_day: bool
    conflicts: list[str] = field(default_factory=list)  # what it clashes over, in words

    @property
    def uid(self) -> str:
        return self.entry.uid

    @property
    def conflict_text(self) -> str:
        return "、".join(self.conflicts)

    def days(self) -> list[datetime.date]:
        """The local days the entry covers."""
        first = self.begins.date()
        last = (self.ends - datetime.timedelta(microseconds=1)).date() if self.ends > self.begins else first
        return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]


@dataclass(frozen=True)
class Conflict:
    about: str  # "张三" or a resource, in words
    first: Item
    second: Item


def zone() -> ZoneInfo:
    profile = getattr(getattr(connection, "tenant", None), "profile", None) or {}
    return ZoneInfo(profile.get("time_zone") or settings.TIME_ZONE)


def _span(entry: CalendarEntry, tz: ZoneInfo) -> tuple[datetime.datetime, datetime.datetime, bool]:
    start, end = entry.start, entry.end
    if isinstance(start, datetime.datetime):
        begins = start.astimezone(tz)
        ends = end.astimezone(tz) if isinstance(end, datetime.datetime) else begins
        return begins, max(ends, begins), False
    begins = datetime.datetime.combine(start, datetime.time(), tz)
    last = end if isinstance(end, datetime.date) and end > start else start + datetime.timedelta(days=1)
    return begins, datetime.datetime.combine(last, datetime.time(), tz), True


def entries(start: datetime.date, end: datetime.date, actor=None) -> list[Item]:
    """Every enabled module's entries overlapping [start, end), as ``actor`` may see them
    (None: all of the office's, for conflict checks), in time order."""
    tz = zone()
    items = []
    for module in registry.iter_enabled(connection.tenant.profile):
        for entry in module.calendar_entries(start, end, actor):
            begins, ends, all_day = _span(entry, tz)
            kind_name = label(module.calendar_kinds.get(entry.kind, {}), entry.kind)
            items.append(Item(entry, module.id, kind_name, begins, ends, all_day))
    items.sort(key=lambda item: (item.begins, not item.all_day, item.entry.title))
    return items


def only(items: list[Item], *, person: int | None = None, division: str = "") -> list[Item]:
    if person:
        items = [item for item in items if person in item.entry.people]
    if division:
        items = [item for item in items if item.entry.division == division]
    return items


def version() -> str:
    """Changes whenever a case of the city changes (every module's record has one, and its
    services save it on every change): the calendar's cached answers key on it."""
    from django.db.models import Count, Max

    from apps.casework.models import Case

    seen = Case.objects.aggregate(latest=Max("updated_at"), count=Count("id"))
    latest = seen["latest"].timestamp() if seen["latest"] else 0
    return f"{latest:.6f}-{seen['count']}"


def cached_entries(start: datetime.date, end: datetime.date, actor) -> list[Item]:
    """``entries`` with their conflicts marked, for ``actor``, kept a minute in the cache
    under the city's data version (the cache keys carry the schema)."""
    from django.core.cache import cache
    from django.utils import translation

    key = f"calendar:{actor.pk}:{start}:{end}:{translation.get_language()}:{version()}"
    items = cache.get(key)
    if items is None:
        items = entries(start, end, actor)
        conflicts(items)
        cache.set(key, items, 60)
    return items


def own(items: list[Item], user) -> list[Item]:
    """A user's own calendar: what they take part in and what their division handles; a
    unit's submitter sees their unit's items whole (the modules scoped them already)."""
    if is_unit_bound(user):
        return items
    return [
        item
        for item in items
        if user.pk in item.entry.people or (user.unit and item.entry.division == user.unit)
    ]


def conflicts(items: list[Item]) -> list[Conflict]:
    """Pairs of entries that overlap in time and share a person or a resource; each item
    involved is marked (``Item.conflicts``)."""
    from apps.accounts.models import User

    by_key: dict[tuple[str, object], list[Item]] = {}
    for item in items:
        for person in item.entry.people:
            by_key.setdefault(("person", person), []).append(item)
        for resource in item.entry.resources:
            by_key.setdefault(("resource", resource), []).append(item)
    people = [key[1] for key, group in by_key.items() if key[0] == "person" and len(group) > 1]
    names = {user.pk: str(user) for user in User.objects.filter(pk__in=people)} if people else {}
    found = []
    for (kind, key), group in by_key.items():
        if len(group) < 2:
            continue
        about = names.get(key, str(key)) if kind == "person" else str(key).split(":", 1)[-1]
        group.sort(key=lambda item: item.begins)
        latest = group[0]
        for item in group[1:]:
            if item.begins < latest.ends:
                found.append(Conflict(about, latest, item))
                for involved in (latest, item):
                    if about not in involved.conflicts:
                        involved.conflicts.append(about)
            if item.ends > latest.ends:
                latest = item
    return found


def divisions() -> list[tuple[str, str]]:
    profile = connection.tenant.profile or {}
    return [(d["code"], label(d["names"], d["code"])) for d in profile.get("divisions") or []]


def leaders():
    """The office's users a calendar can be shown for (everyone but units' submitters)."""
    from apps.accounts.models import User

    return User.objects.filter(is_active=True).exclude(role="submitter").order_by("role", "username")
