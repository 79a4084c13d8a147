"""Overseas NGOs active in the city (境外非政府组织): the register of representative
offices and of organisations running temporary activities, the Chinese partners' temporary
activity filings (临时活动备案), and the representative offices' annual work plans and
reports with the office's review opinion and reminders."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.casework.records import CaseRecord
from apps.registry.i18n import choices_of

KINDS = {
    "office": {"zh": "代表机构", "en": "Representative office"},
    "temporary": {"zh": "开展临时活动的组织", "en": "Organisation running temporary activities"},
}
# The fields of the law on overseas NGOs' activities in mainland China (article 3).
FIELDS = {
    "economy": {"zh": "经济", "en": "Economy"},
    "education": {"zh": "教育", "en": "Education"},
    "science": {"zh": "科技", "en": "Science and technology"},
    "culture": {"zh": "文化", "en": "Culture"},
    "health": {"zh": "卫生", "en": "Health"},
    "sports": {"zh": "体育", "en": "Sports"},
    "environment": {"zh": "环保", "en": "Environmental protection"},
    "poverty": {"zh": "济困", "en": "Poverty relief"},
    "disaster": {"zh": "救灾", "en": "Disaster relief"},
}
STATUSES = {
    "active": {"zh": "正常", "en": "Active"},
    "deregistered": {"zh": "已注销", "en": "Deregistered"},
}
DOCUMENT_KINDS = {
    "plan": {"zh": "年度活动计划", "en": "Annual work plan"},
    "report": {"zh": "年度工作报告", "en": "Annual work report"},
}
OPINIONS = {
    "received": {"zh": "已收到，待审核", "en": "Received, to review"},
    "accepted": {"zh": "审核通过", "en": "Accepted"},
    "returned": {"zh": "退回修改", "en": "Returned for changes"},
}


class Organisation(models.Model):
    kind = models.CharField(_("kind"), max_length=10, choices=choices_of(KINDS))
    name_zh = models.CharField(_("Chinese name"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    name_own = models.CharField(_("name in its own language"), max_length=200, blank=True)
    country = models.CharField(_("country or region"), max_length=2, db_index=True)
    field = models.CharField(_("field"), max_length=12, choices=choices_of(FIELDS), db_index=True)
    registration_number = models.CharField(_("registration number"), max_length=64, blank=True, db_index=True)
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    scope = models.TextField(_("scope of activities"), blank=True)
    area = models.CharField(_("area of activity"), max_length=200, blank=True)
    chief_representative = models.CharField(_("chief representative"), max_length=100, blank=True)
    partners = models.TextField(_("Chinese partner units"), blank=True)
    status = models.CharField(_("status"), max_length=14, choices=choices_of(STATUSES), default="active")
    deregistered_on = models.DateField(_("deregistered on"), null=True, blank=True)
    deregistration_reason = models.TextField(_("reason for deregistration"), blank=True)
    search_text = models.TextField(blank=True, default="", editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name_zh", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration_number"],
                condition=~models.Q(registration_number=""),
                name="overseas_ngos_one_registration",
            )
        ]

    def __str__(self) -> str:
        return self.name_zh

    def save(self, *args, **kwargs):
        self.search_text = " ".join(
            [self.name_zh, self.name_en, self.name_own, self.registration_number, self.chief_representative]
        ).lower()
        super().save(*args, **kwargs)

    @property
    def is_office(self) -> bool:
        return self.kind == "office"


class Filing(CaseRecord):
    """A temporary activity filing (临时活动备案) by the Chinese partner unit."""

    workflow_id = "overseas_ngos.filing"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="filings")
    partner_name = models.CharField(_("Chinese partner"), max_length=200)
    content = models.TextField(_("content of the activity"))
    place = models.CharField(_("place"), max_length=200)
    start = models.DateField(_("first day"), db_index=True)
    end = models.DateField(_("last day"))
    funding = models.DecimalField(_("funding (yuan)"), max_digits=14, decimal_places=2)
    funding_source = models.CharField(_("source of the funding"), max_length=200)
    foreign_participants = models.PositiveIntegerField(_("overseas participants"))
    chinese_participants = models.PositiveIntegerField(_("Chinese participants"))
    participants_note = models.TextField(_("participants"), blank=True)
    psb_number = models.CharField(
        _("public security filing number"), max_length=64, blank=True, db_index=True
    )
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    report = models.TextField(_("report on the activity"), blank=True)
    actual_participants = models.PositiveIntegerField(_("participants in fact"), null=True, blank=True)
    reported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-start", "-pk"]
        verbose_name = _("temporary activity filing")
        verbose_name_plural = _("temporary activity filings")

    def search_words(self) -> list[str]:
        return [
            self.title,
            self.partner_name,
            self.psb_number,
            self.organisation.name_zh,
            self.organisation.name_en,
        ]


class AnnualDocument(models.Model):
    """A representative office's annual work plan or report as the office received it, and
    the office's review opinion."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="annual_documents")
    kind = models.CharField(_("document"), max_length=8, choices=choices_of(DOCUMENT_KINDS))
    year = models.PositiveSmallIntegerField(_("year"))
    received_on = models.DateField(_("received on"))
    summary = models.TextField(_("summary"))
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opinion = models.CharField(_("opinion"), max_length=10, choices=choices_of(OPINIONS), default="received")
    opinion_text = models.TextField(_("review opinion"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "year"], name="overseas_ngos_one_document"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year} {self.kind}"


class AnnualReminder(models.Model):
    """The office reminded a representative office of a plan or report not in yet."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="annual_reminders")
    kind = models.CharField(max_length=8, choices=choices_of(DOCUMENT_KINDS))
    year = models.PositiveSmallIntegerField()
    reminded_on = models.DateField()
    note = models.CharField(_("how and to whom"), max_length=200, blank=True)
    reminded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-reminded_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year} {self.kind} {self.reminded_on}"


def due_date(kind: str, year: int, settings_: dict) -> datetime.date:
    """When a representative office's plan (for ``year``: in the year before) or report
    (on ``year``: in the year after) is due, from the module's settings ("MM-DD")."""
    if kind == "plan":
        month, day = (int(part) for part in settings_.get("plan_due", "12-31").split("-"))
        return datetime.date(year - 1, month, day)
    month, day = (int(part) for part in settings_.get("report_due", "01-31").split("-"))
    return datetime.date(year + 1, month, day)
