"""Hong Kong and Macao liaison (港澳事务): official exchanges approved as cases, and
non-governmental exchanges recorded. Counterparts and bodies are partners of the kernel's
register (kind "hkmo"); trips to Hong Kong or Macao stay in the trips module."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.casework.records import CaseRecord
from apps.registry.i18n import choices_of, label

REGIONS = {"HK": {"zh": "中国香港", "en": "Hong Kong, China"}, "MO": {"zh": "中国澳门", "en": "Macao, China"}}
DIRECTIONS = {
    "inbound": {"zh": "港澳来访", "en": "Visit to the city"},
    "outbound": {"zh": "赴港澳交流", "en": "Visit to Hong Kong or Macao"},
    "online": {"zh": "线上或书面交流", "en": "Online or in writing"},
}
KINDS = {
    "government": {"zh": "政务交流", "en": "Government"},
    "economy": {"zh": "经贸合作", "en": "Economy and trade"},
    "culture": {"zh": "文化交流", "en": "Culture"},
    "education": {"zh": "教育科技", "en": "Education and science"},
    "youth": {"zh": "青少年交流", "en": "Youth"},
    "other": {"zh": "其他", "en": "Other"},
}


class Exchange(CaseRecord):
    """An official exchange with a Hong Kong or Macao counterpart, approved as a case."""

    workflow_id = "hk_macao.exchange"

    partner = models.ForeignKey("partners.Partner", on_delete=models.PROTECT, related_name="+")
    region = models.CharField(_("region"), max_length=2, choices=choices_of(REGIONS))
    direction = models.CharField(_("direction"), max_length=16, choices=choices_of(DIRECTIONS))
    kind = models.CharField(_("kind of exchange"), max_length=16, choices=choices_of(KINDS))
    purpose = models.TextField(_("purpose"))
    participants = models.TextField(_("participants"))
    participant_count = models.PositiveIntegerField(_("number of participants"))
    start = models.DateField(_("from"), db_index=True)
    end = models.DateField(_("until"))
    outcome = models.TextField(_("outcome"), blank=True)

    class Meta:
        ordering = ["-start", "-pk"]
        verbose_name = _("official exchange with Hong Kong or Macao")

    def search_words(self) -> list[str]:
        return [self.title, self.partner.name_zh, self.partner.name_en, self.participants]

    @property
    def kind_label(self) -> str:
        return label(KINDS.get(self.kind, {}), self.kind)

    @property
    def region_label(self) -> str:
        return label(REGIONS.get(self.region, {}), self.region)

    @property
    def record_ref(self) -> str:
        return f"exchange:{self.pk}"


class NonGovExchange(models.Model):
    """A non-governmental exchange (associations, schools, enterprises) recorded for the figures."""

    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    region = models.CharField(_("region"), max_length=2, choices=choices_of(REGIONS))
    kind = models.CharField(_("kind of exchange"), max_length=16, choices=choices_of(KINDS))
    date = models.DateField(_("date"), db_index=True)
    title = models.CharField(_("title"), max_length=200)
    organiser = models.CharField(_("organiser in the city"), max_length=200)
    participant_count = models.PositiveIntegerField(_("number of participants"), default=0)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def kind_label(self) -> str:
        return label(KINDS.get(self.kind, {}), self.kind)

    @property
    def region_label(self) -> str:
        return label(REGIONS.get(self.region, {}), self.region)

    @property
    def record_ref(self) -> str:
        return f"non_governmental:{self.pk}"
