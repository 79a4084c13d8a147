"""The official working-day calendar of mainland China, one row per published year.

Public schema (a shared app): the State Council's notice holds for every office. The
read side is ``apps.workdays.calendar``; rows are written only by
``apps.workdays.services`` from a validated calendar file (``apps.workdays.loader``).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarYear(models.Model):
    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    # [{"name": "春节 Spring Festival", "from": "2026-02-15", "to": "2026-02-23"}, ...]
    holidays = models.JSONField(_("public holidays"), default=list)
    # ISO dates of the make-up working days (调休上班), Saturdays or Sundays.
    workdays = models.JSONField(_("make-up working days"), default=list)
    source = models.CharField(_("source"), max_length=300, blank=True)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("calendar year")
        verbose_name_plural = _("calendar years")

    def __str__(self) -> str:
        return str(self.year)

    def off_days(self) -> frozenset[date]:
        """Every day of the listed holidays (each range expanded, both ends included)."""
        days = set()
        for holiday in self.holidays:
            day, last = date.fromisoformat(holiday["from"]), date.fromisoformat(holiday["to"])
            while day <= last:
                days.add(day)
                day += timedelta(days=1)
        return frozenset(days)

    def make_up_days(self) -> frozenset[date]:
        return frozenset(date.fromisoformat(day) for day in self.workdays)
