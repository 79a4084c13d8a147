"""The reminder runner: asks every enabled module of every active city for the
reminders due today and sends them through ``notify``.

Run by ``manage.py send_reminders`` (cron or a systemd timer, see README). Each city is
one transaction in its own schema; a city that fails is rolled back, reported and
skipped, and the others still get their reminders. Reminders carry a ``dedupe_key``, so
running twice on the same day sends nothing new.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import translation
from django_tenants.utils import tenant_context

from apps.notifications.services import notify
from apps.registry.modules import registry
from tenants.models import City

logger = logging.getLogger(__name__)


@dataclass
class CityRun:
    """What one run did in one city."""

    code: str
    modules: int = 0
    reminders: int = 0
    sent: int = 0  # notifications written now (recipients that already had one are not counted)
    error: str = ""

    def summary(self) -> str:
        if self.error:
            return f"{self.code}: FAILED, nothing sent ({self.error})"
        return (
            f"{self.code}: {self.modules} module(s), {self.reminders} reminder(s), "
            f"{self.sent} new notification(s)"
        )


def cities_to_remind(code: str | None = None) -> QuerySet[City]:
    """The active offices (never the template, never a suspended city), optionally one."""
    cities = City.offices.filter(status=City.Status.ACTIVE).order_by("code")
    return cities.filter(code=code) if code else cities


def send_city_reminders(*, city: City, today: date) -> CityRun:
    """Sends one city's due reminders in one transaction, in the city's schema. Raises on
    failure (nothing of that city is then kept)."""
    run = CityRun(code=city.code)
    with (
        tenant_context(city),
        translation.override(settings.LANGUAGE_CODE),
        transaction.atomic(),
    ):
        for module in registry.iter_enabled(city.profile):
            run.modules += 1
            for reminder in module.due_reminders(today):
                run.reminders += 1
                run.sent += len(
                    notify(
                        recipients=reminder.recipients,
                        kind=reminder.kind,
                        subject=reminder.subject,
                        body=reminder.body,
                        url=reminder.url,
                        about=reminder.about,
                        dedupe_key=reminder.dedupe_key,
                    )
                )
    return run


def run_reminders(*, today: date, cities: QuerySet[City] | None = None) -> list[CityRun]:
    """Every city in turn; a failure in one is logged and reported, the others go on."""
    results = []
    for city in cities if cities is not None else cities_to_remind():
        try:
            results.append(send_city_reminders(city=city, today=today))
        except Exception as error:
            logger.exception("send_reminders: city %s failed", city.code)
            results.append(CityRun(code=city.code, error=f"{type(error).__name__}: {error}"))
    return results
