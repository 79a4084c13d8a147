"""An international conference or major foreign-related activity (国际会议和重大涉外活动):
the organiser's application, its foreign participants by country and heads of delegation,
the approval issued for it and the organiser's outcome report."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.casework.records import CaseRecord
from apps.registry.i18n import choices_of
from apps.registry.ranks import RANKS

SCALES = {
    "small": {"zh": "小型", "en": "Small"},
    "medium": {"zh": "中型", "en": "Medium"},
    "large": {"zh": "大型", "en": "Large"},
}
KINDS = {
    "conference": {"zh": "国际会议", "en": "International conference"},
    "forum": {"zh": "论坛、峰会", "en": "Forum or summit"},
    "exhibition": {"zh": "展览、博览会", "en": "Exhibition or fair"},
    "sports": {"zh": "国际体育赛事", "en": "International sports event"},
    "culture": {"zh": "国际文化活动", "en": "International cultural event"},
    "other": {"zh": "其他重大涉外活动", "en": "Other major foreign-related activity"},
}
FUNDING = {
    "fiscal": {"zh": "财政拨款", "en": "Government budget"},
    "self": {"zh": "主办单位自筹", "en": "The organiser's own funds"},
    "sponsorship": {"zh": "社会赞助", "en": "Sponsorship"},
    "mixed": {"zh": "多渠道筹措", "en": "Mixed"},
}


class Conference(CaseRecord):
    workflow_id = "conferences.conference"

    name_en = models.CharField(_("name in English"), max_length=300)
    kind = models.CharField(_("kind of activity"), max_length=16, choices=choices_of(KINDS))
    responsible_person = models.CharField(_("responsible person"), max_length=100)
    responsible_phone = models.CharField(_("responsible person's telephone"), max_length=40)
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))
    venue = models.CharField(_("venue"), max_length=200)
    total_participants = models.PositiveIntegerField(_("participants in all"))
    foreign_participants = models.PositiveIntegerField(_("foreign participants"), default=0)
    media = models.PositiveIntegerField(_("media (journalists)"), default=0)
    foreign_media = models.PositiveIntegerField(_("foreign journalists"), default=0)
    sponsors = models.TextField(_("sponsors"))
    co_organisers = models.TextField(_("co-organisers"), blank=True)
    budget = models.DecimalField(_("budget (yuan)"), max_digits=12, decimal_places=2)
    funding = models.CharField(_("funding"), max_length=16, choices=choices_of(FUNDING))
    security_plan = models.TextField(_("security plan"))
    health_plan = models.TextField(_("health and epidemic-prevention plan"))
    # The office's division in charge and the office leader who attends (the calendar).
    division = models.CharField(_("division in charge"), max_length=64, blank=True)
    office_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("office leader attending"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    scale = models.CharField(_("scale"), max_length=8, choices=choices_of(SCALES), default="small")
    approval_document_id = models.PositiveIntegerField(null=True, blank=True)
    approval_number = models.CharField(_("approval No."), max_length=64, blank=True, db_index=True)
    report_due = models.DateField(_("outcome report due"), null=True, blank=True)
    report = models.TextField(_("outcome report"), blank=True)
    actual_foreign_participants = models.PositiveIntegerField(null=True, blank=True)
    report_filed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-start", "-pk"]
        indexes = [
            models.Index(fields=["start", "id"], name="conferences_start_id"),
            # The calendar asks for what overlaps a date range: start <= range end and end >= range start.
            models.Index(fields=["end", "start"], name="conferences_end_start"),
        ]
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")

    def search_words(self) -> list[str]:
        return [self.title, self.name_en, self.venue, self.approval_number]

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


class ParticipantCountry(models.Model):
    """How many foreign participants come from one country or region."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="countries")
    order = models.PositiveSmallIntegerField(default=0)
    country = models.CharField(_("country or region"), max_length=2, db_index=True)
    participants = models.PositiveIntegerField(_("participants"))

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.country} {self.participants}"

    @property
    def country_both(self) -> str:
        """ "德国 Germany": for the bilingual approval."""
        from apps.registry import countries

        names = countries.both(self.country) or {}
        return " ".join(dict.fromkeys(filter(None, (names.get("zh"), names.get("en"))))) or self.country


class HeadOfDelegation(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="heads")
    order = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("name"), max_length=100)
    country = models.CharField(_("country or region"), max_length=2)
    title = models.CharField(_("title and organisation"), max_length=200)
    rank = models.CharField(_("protocol rank"), max_length=32, choices=[(rank, rank) for rank in RANKS])

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def rank_label(self) -> str:
        from apps.registry.ranks import rank_label

        return rank_label(self.rank)
