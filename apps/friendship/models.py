"""The people's association for friendship with foreign countries (人民对外友好协会, the
city's branch of the CPAFFC), whose secretariat the office runs: its council members over
their terms, its activities with foreign friendship groups, and each activity's report."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.registry.i18n import choices_of, label

POSITIONS = {
    "president": {"zh": "会长", "en": "President"},
    "vice_president": {"zh": "副会长", "en": "Vice-president"},
    "secretary_general": {"zh": "秘书长", "en": "Secretary-general"},
    "standing_member": {"zh": "常务理事", "en": "Standing council member"},
    "member": {"zh": "理事", "en": "Council member"},
}
# Positions one person holds at a time.
SINGLE_POSITIONS = ("president", "secretary_general")
ACTIVITY_KINDS = {
    "reception": {"zh": "接待外国友好团体来访", "en": "Visit of a foreign friendship group"},
    "visit_abroad": {"zh": "组团出访", "en": "Visit abroad"},
    "event": {"zh": "纪念、庆祝活动", "en": "Commemoration or celebration"},
    "exchange": {"zh": "民间交流项目", "en": "People-to-people exchange"},
    "other": {"zh": "其他", "en": "Other"},
}
STATUSES = {
    "planned": {"zh": "计划中", "en": "Planned"},
    "awaiting_report": {"zh": "已举办，待报告", "en": "Held, report due"},
    "reported": {"zh": "已报告", "en": "Reported"},
}


class CouncilMember(models.Model):
    name = models.CharField(_("name"), max_length=100)
    position = models.CharField(
        _("position in the association"), max_length=20, choices=choices_of(POSITIONS)
    )
    affiliation = models.CharField(_("employer and title"), max_length=200)
    since = models.DateField(_("term from"))
    until = models.DateField(_("term until"), null=True, blank=True)
    search_text = models.TextField(blank=True, default="", editable=False)

    class Meta:
        ordering = ["position", "since", "pk"]
        verbose_name = _("council member")
        verbose_name_plural = _("council members")

    def __str__(self) -> str:
        return f"{self.name}（{label(POSITIONS.get(self.position, {}), self.position)}）"

    def serving(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.since <= on and (self.until is None or self.until >= on)


class Activity(models.Model):
    title = models.CharField(_("activity"), max_length=200)
    kind = models.CharField(_("kind of activity"), max_length=16, choices=choices_of(ACTIVITY_KINDS))
    foreign_group = models.CharField(_("foreign friendship group"), max_length=200)
    partner = models.ForeignKey(
        "partners.Partner", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    country = models.CharField(_("country or region"), max_length=2, db_index=True)
    start = models.DateField(_("from"), db_index=True)
    end = models.DateField(_("to"))
    place = models.CharField(_("place"), max_length=200)
    participants = models.PositiveIntegerField(_("participants"), default=0)
    description = models.TextField(_("description"), blank=True)
    search_text = models.TextField(blank=True, default="", editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start", "-pk"]
        verbose_name = _("friendship activity")
        verbose_name_plural = _("friendship activities")

    def __str__(self) -> str:
        return self.title

    def status(self, today: datetime.date | None = None) -> str:
        if hasattr(self, "report"):
            return "reported"
        return "planned" if self.end > (today or timezone.localdate()) else "awaiting_report"

    @property
    def status_label(self) -> str:
        code = self.status()
        return label(STATUSES[code], code)


class ActivityReport(models.Model):
    activity = models.OneToOneField(Activity, on_delete=models.CASCADE, related_name="report")
    summary = models.TextField(_("summary"))
    outcomes = models.TextField(_("outcomes"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.activity}: {self.summary[:40]}"
