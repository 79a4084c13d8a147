"""The notifications' background jobs: e-mails (one job each, retried when the mail server
fails) and the daily reminders (one job per active city, fanned out by a periodic job)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from procrastinate.contrib.django import app

from apps.jobs.runner import PLATFORM_QUEUE, city_task, defer_for_city, platform_task


@city_task(name="notifications.email", label=_("Notification e-mail"))
def notification_email(*, notification: int) -> None:
    from apps.notifications.models import Notification
    from apps.notifications.services import send_notification_email

    note = Notification.objects.select_related("recipient").filter(pk=notification).first()
    if note is not None:
        send_notification_email(note)


@city_task(name="notifications.mail_outside", label=_("E-mail to someone outside the platform"))
def mail_outside_job(*, to: list[str], subject: str, body: str, attachments: list) -> None:
    from apps.notifications.services import send_outside_email

    send_outside_email(to=to, subject=subject, body=body, attachments=attachments)


@city_task(name="notifications.city_reminders", label=_("The city's daily reminders"))
def city_reminders(*, day: str) -> dict:
    """One city's reminders for ``day`` (idempotent: reminders carry a dedupe key)."""
    from apps.notifications.reminders import send_city_reminders

    run = send_city_reminders(city=connection.tenant, today=date.fromisoformat(day))
    return {"modules": run.modules, "reminders": run.reminders, "sent": run.sent}


@platform_task(name="notifications.remind_every_city", label=_("Daily reminders of every city"))
def remind_every_city(*, day: str) -> list[str]:
    """One ``city_reminders`` job per active city (a suspended city gets none)."""
    from apps.notifications.reminders import cities_to_remind

    codes = []
    for city in cities_to_remind():
        defer_for_city(city_reminders, city, day=day, queueing_lock=f"reminders:{city.code}:{day}")
        codes.append(city.code)
    return codes


@app.periodic(cron=settings.REMINDERS_CRON, periodic_id="daily-reminders")
@app.task(
    name="notifications.daily_reminders", queue=PLATFORM_QUEUE, queueing_lock="notifications.daily_reminders"
)
async def daily_reminders(timestamp: int) -> None:
    """Daily (``REMINDERS_CRON``, UTC): fans the day's reminders out, one job per city."""
    from asgiref.sync import sync_to_async

    from apps.jobs.runner import defer_on_platform

    def fan_out() -> None:
        day = timezone.localdate(datetime.fromtimestamp(timestamp, tz=UTC)).isoformat()
        defer_on_platform(remind_every_city, day=day, queueing_lock=f"reminders:{day}")

    await sync_to_async(fan_out, thread_sensitive=True)()
