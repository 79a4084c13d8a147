"""Sister cities and twinning (友好城市、友好交流城市): the relationship (established as a
case), its exchanges and its annual plans. The partner city is a partner of the kernel's
register (``apps.partners``); the relationship, its exchanges and plans are linked there."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.casework.records import CaseRecord
from apps.registry.i18n import choices_of, label

LEVELS = {
    "sister_city": {"zh": "友好城市", "en": "Sister city"},
    "friendship_city": {"zh": "友好交流城市", "en": "Friendship city"},
}
EXCHANGE_KINDS = {
    "visit_in": {"zh": "来访", "en": "Visit to the city"},
    "visit_out": {"zh": "出访", "en": "Visit abroad"},
    "project": {"zh": "合作项目", "en": "Joint project"},
    "event": {"zh": "活动", "en": "Event"},
    "correspondence": {"zh": "函电往来", "en": "Correspondence"},
}
FIELDS = {
    "government": {"zh": "政府往来", "en": "Government"},
    "education": {"zh": "教育", "en": "Education"},
    "culture": {"zh": "文化", "en": "Culture"},
    "health": {"zh": "卫生健康", "en": "Health"},
    "trade": {"zh": "经贸", "en": "Trade"},
    "science": {"zh": "科技", "en": "Science and technology"},
    "youth": {"zh": "青少年", "en": "Youth"},
    "sport": {"zh": "体育", "en": "Sport"},
    "other": {"zh": "其他", "en": "Other"},
}
# What a partner link of each exchange kind is in the register.
LINK_KIND = {"visit_in": "visit_in", "visit_out": "visit_out"}


class Relationship(CaseRecord):
    """A proposed, then established, relationship with a foreign city or region. ``unit_code``
    is the district or county that proposes its own twinning through the city (blank: the
    city itself)."""

    workflow_id = "sister_cities.relationship"

    partner = models.ForeignKey("partners.Partner", on_delete=models.PROTECT, related_name="+")
    level = models.CharField(_("kind of relationship"), max_length=16, choices=choices_of(LEVELS))
    background = models.TextField(_("background"))
    exchanges_so_far = models.TextField(_("exchanges so far"), blank=True)
    proposed_term_years = models.PositiveSmallIntegerField(_("proposed term (years)"), null=True, blank=True)
    national_approval_on = models.DateField(_("national approval date"), null=True, blank=True)
    national_approval_reference = models.CharField(
        _("national approval reference"), max_length=100, blank=True
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True, db_index=True)
    signed_place = models.CharField(_("signed at"), max_length=200, blank=True)
    term_start = models.DateField(_("term from"), null=True, blank=True)
    term_end = models.DateField(_("term until"), null=True, blank=True)
    agreement_attachment_id = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("sister-city relationship")
        verbose_name_plural = _("sister-city relationships")

    def search_words(self) -> list[str]:
        partner = self.partner
        return [self.title, partner.name_zh, partner.name_en, partner.place, self.national_approval_reference]

    @property
    def level_label(self) -> str:
        return label(LEVELS.get(self.level, {}), self.level)

    @property
    def proposer_name(self) -> str:
        return self.unit_name if self.unit_code else ""

    def anniversary_in(self, year: int) -> int:
        return year - self.signed_on.year if self.signed_on else 0

    @property
    def record_ref(self) -> str:
        return f"relationship:{self.pk}"


class Exchange(models.Model):
    """One entry of a relationship's exchange log."""

    relationship = models.ForeignKey(Relationship, on_delete=models.PROTECT, related_name="exchanges")
    kind = models.CharField(_("kind of exchange"), max_length=16, choices=choices_of(EXCHANGE_KINDS))
    field = models.CharField(_("field"), max_length=16, choices=choices_of(FIELDS))
    date = models.DateField(_("date"), db_index=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    participants = models.PositiveIntegerField(_("participants"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("exchange")

    def __str__(self) -> str:
        return self.title

    @property
    def record_ref(self) -> str:
        return f"exchange:{self.pk}"


class AnnualPlan(models.Model):
    """The plan of exchanges agreed with the partner for one year."""

    relationship = models.ForeignKey(Relationship, on_delete=models.PROTECT, related_name="plans")
    year = models.PositiveSmallIntegerField(_("year"))
    items = models.TextField(_("planned exchanges"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["relationship", "year"], name="sister_cities_one_plan_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.year}"

    @property
    def record_ref(self) -> str:
        return f"plan:{self.relationship_id}:{self.year}"


def years_between(start: datetime.date, end: datetime.date) -> int:
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))
