"""The ICS (iCalendar, RFC 5545) feed of a user's calendar, written with the ``icalendar``
library: all-day entries as dates, timed ones in UTC (so no VTIMEZONE is needed and
Outlook, iPhone and WPS/Feishu calendars read them alike), each with a stable UID and a
DTSTAMP. Entries carry no passport numbers or birth dates (``CalendarEntry``)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import connection
from icalendar import Calendar, Event

from apps.calendar.selectors import Item


def feed(items: list[Item], *, name: str, base_url: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//waiban//foreign-affairs calendar//ZH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("x-published-ttl", "PT1H")
    stamp = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    domain = f"{connection.tenant.code}.{settings.PLATFORM_DOMAIN}"
    for item in items:
        entry = item.entry
        event = Event()
        event.add("uid", f"{entry.uid}@{domain}")
        event.add("dtstamp", stamp)
        if item.all_day:
            event.add("dtstart", item.begins.date())
            event.add("dtend", item.ends.date())
        else:
            event.add("dtstart", item.begins.astimezone(datetime.UTC))
            event.add("dtend", item.ends.astimezone(datetime.UTC))
        event.add("summary", f"【{item.kind_name}】{entry.title}")
        if entry.location:
            event.add("location", entry.location)
        text = entry.description
        if item.conflicts:
            text = f"{text}\n⚠ {'、'.join(item.conflicts)}".strip()
        if entry.url:
            event.add("url", base_url + entry.url)
            text = f"{text}\n{base_url}{entry.url}".strip()
        if text:
            event.add("description", text)
        event.add("categories", [item.kind_name])
        event.add("transp", "TRANSPARENT" if item.all_day else "OPAQUE")
        calendar.add_component(event)
    return calendar.to_ical()
