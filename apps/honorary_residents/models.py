"""An Honorary Resident (荣誉市民) nomination: the unit's application with the foreigner's
contribution, the city government's decision (an external step: date and reference), the
numbered certificate; once certified, the nominee is a holder in the register, with
contacts kept current and later visits to the city."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.casework.records import CaseRecord
from apps.registry.i18n import choices_of

FIELDS_OF_CONTRIBUTION = {
    "economy": {"zh": "经济贸易与投资", "en": "Economy, trade and investment"},
    "science": {"zh": "科技与教育", "en": "Science and education"},
    "culture": {"zh": "文化艺术与体育", "en": "Culture, arts and sport"},
    "health": {"zh": "医疗卫生", "en": "Health"},
    "friendship": {"zh": "友好交流与城市合作", "en": "Friendship and city cooperation"},
    "philanthropy": {"zh": "公益慈善", "en": "Philanthropy"},
    "other": {"zh": "其他", "en": "Other"},
}
SEXES = {"F": {"zh": "女", "en": "Female"}, "M": {"zh": "男", "en": "Male"}}


class Nomination(CaseRecord):
    workflow_id = "honorary_residents.nomination"

    name_latin = models.CharField(_("name as in passport"), max_length=100)
    name_zh = models.CharField(_("Chinese name"), max_length=50, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=choices_of(SEXES))
    nationality = models.CharField(_("nationality"), max_length=2, db_index=True)
    occupation = models.CharField(_("occupation or title"), max_length=150)
    employer = models.CharField(_("employer"), max_length=200)
    in_city_since = models.DateField(_("connected with the city since"), null=True, blank=True)
    field = models.CharField(
        _("field of contribution"), max_length=16, choices=choices_of(FIELDS_OF_CONTRIBUTION)
    )
    contribution = models.TextField(_("contribution to the city"))
    responsible_person = models.CharField(_("responsible person"), max_length=100)
    responsible_phone = models.CharField(_("responsible person's telephone"), max_length=40)
    # The holder's contacts (kept current in the register).
    email = models.CharField(_("e-mail"), max_length=200, blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    address = models.CharField(_("postal address"), max_length=300, blank=True)
    contact_consent = models.BooleanField(_("consents to being contacted"), default=False)
    # The city government's decision (an external step recorded by the office).
    decision_date = models.DateField(_("date of the city government's decision"), null=True, blank=True)
    decision_reference = models.CharField(_("reference of the decision"), max_length=100, blank=True)
    # The certificate.
    certificate_number = models.CharField(_("certificate No."), max_length=64, blank=True, db_index=True)
    certificate_document_id = models.PositiveIntegerField(null=True, blank=True)
    certified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Honorary Resident nomination")
        verbose_name_plural = _("Honorary Resident nominations")

    def search_words(self) -> list[str]:
        return [self.title, self.name_latin, self.name_zh, self.employer, self.certificate_number]

    @property
    def nationality_both(self) -> str:
        from apps.registry import countries

        names = countries.both(self.nationality) or {}
        zh, en = names.get("zh") or self.nationality, names.get("en") or self.nationality
        return zh if zh == en else f"{zh} {en}"


class HolderVisit(models.Model):
    """A later visit of a holder to the city (the register's history of the holder)."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField(_("date of the visit"))
    purpose = models.CharField(_("purpose of the visit"), max_length=300)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-visited_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.visited_on} {self.purpose}"
