"""Donations from abroad (境外捐赠): the donor, the offer (money or goods), its acceptance
on the profile's chain and certificate, what was received, the use plan, progress reports
and completion; the exchange rates the office records to convert figures to CNY."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.casework.records import CaseRecord
from apps.registry.i18n import choices_of

DONOR_KINDS = {
    "person": {"zh": "个人", "en": "Person"},
    "organisation": {"zh": "组织（企业、社团、基金会）", "en": "Organisation"},
}
RELATIONS = {
    "native": {"zh": "祖籍本市的华侨华人", "en": "Overseas Chinese with roots in the city"},
    "relatives": {"zh": "在本市有亲属", "en": "Has relatives in the city"},
    "compatriot": {"zh": "港澳台同胞", "en": "Compatriot of Hong Kong, Macao or Taiwan"},
    "investor": {"zh": "在本市投资兴业", "en": "Invests in the city"},
    "sister_city": {"zh": "友好城市", "en": "Sister city"},
    "alumni": {"zh": "校友", "en": "Alumnus"},
    "friend": {"zh": "外国友好人士或组织", "en": "Foreign friend of the city"},
    "other": {"zh": "其他", "en": "Other"},
}
KINDS = {
    "money": {"zh": "资金", "en": "Money"},
    "goods": {"zh": "物资", "en": "Goods"},
}
CONDITION_KINDS = {
    "designated_use": {"zh": "指定用途", "en": "Designated use"},
    "naming": {"zh": "冠名", "en": "Naming"},
    "reporting": {"zh": "定期报告使用情况", "en": "Regular reports on the use"},
    "publicity": {"zh": "公开致谢、宣传", "en": "Public acknowledgement"},
    "procurement": {"zh": "指定供应商采购", "en": "Purchases from a named supplier"},
    "commercial_promotion": {"zh": "商业推广", "en": "Commercial promotion"},
    "political": {"zh": "政治性附加条件", "en": "Political conditions"},
    "religious": {"zh": "宗教性附加条件", "en": "Religious conditions"},
    "return_benefit": {"zh": "要求经济回报", "en": "A financial return"},
}
FILE_KINDS = {
    "customs": {"zh": "海关报关单", "en": "Customs declaration"},
    "tax_exemption": {"zh": "免税证明", "en": "Tax exemption certificate"},
    "bank": {"zh": "银行到账凭证", "en": "Bank credit advice"},
    "handover": {"zh": "物资交接清单", "en": "Handover list of goods"},
    "offer_letter": {"zh": "捐赠意向书", "en": "Letter of offer"},
    "photo": {"zh": "照片", "en": "Photo"},
    "other": {"zh": "其他", "en": "Other"},
}
# States where a donation has been accepted (the public page lists these).
ACCEPTED_STATES = ("accepted", "certified", "received", "in_use", "completed")
PUBLIC_STATES = ("certified", "received", "in_use", "completed")
# What the public page says of each (the office's own state names are for the office).
PUBLIC_USE = {
    "certified": {"zh": "待接收", "en": "To be received"},
    "received": {"zh": "已接收", "en": "Received"},
    "in_use": {"zh": "使用中", "en": "In use"},
    "completed": {"zh": "使用完毕", "en": "Use completed"},
}


def choices(table):
    return choices_of(table)


class Donor(models.Model):
    """A person or organisation abroad who gives (one row across all their donations)."""

    kind = models.CharField(_("kind of donor"), max_length=16, choices=choices(DONOR_KINDS))
    name = models.CharField(_("donor's name"), max_length=200)
    name_zh = models.CharField(_("donor's Chinese name"), max_length=100, blank=True)
    country = models.CharField(_("country or region"), max_length=2, db_index=True)
    relation = models.CharField(_("relation to the city"), max_length=16, choices=choices(RELATIONS))
    email = models.EmailField(_("donor's e-mail"), blank=True)
    address = models.CharField(_("donor's address"), max_length=300, blank=True)
    search_text = models.CharField(max_length=320, default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "name", "country"], name="donations_one_donor")
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.name_zh}".strip()

    def save(self, *args, **kwargs):
        self.search_text = f"{self.name} {self.name_zh}".lower()[:320]
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return f"{self.name_zh}（{self.name}）" if self.name_zh and self.name_zh != self.name else self.name


class Donation(CaseRecord):
    workflow_id = "donations.donation"

    donor = models.ForeignKey(Donor, on_delete=models.PROTECT, related_name="donations")
    kind = models.CharField(_("kind of donation"), max_length=8, choices=choices(KINDS))
    currency = models.CharField(_("currency"), max_length=3)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2, null=True, blank=True)
    # Money: the amount; goods: the sum of the items' estimated values (same currency).
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2, default=Decimal("0"))
    intended_use = models.TextField(_("intended use"))
    conditions = models.TextField(_("conditions attached"), blank=True)
    condition_kinds = models.JSONField(_("kinds of condition"), default=list, blank=True)
    disclose_name = models.BooleanField(_("the donor agrees to be named in public"), default=False)
    offered_on = models.DateField(_("offered on"), db_index=True)
    # Fixed at submission from the office's rate table.
    value_cny = models.DecimalField(_("value in CNY"), max_digits=16, decimal_places=2, null=True)
    rate = models.DecimalField(max_digits=16, decimal_places=6, null=True)
    rate_on = models.DateField(null=True)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True, db_index=True)
    certificate_number = models.CharField(_("certificate No."), max_length=64, blank=True, db_index=True)
    certificate_document_id = models.PositiveIntegerField(null=True, blank=True)
    use_plan = models.TextField(_("use plan"), blank=True)
    use_due = models.DateField(_("use to be completed by"), null=True, blank=True)
    next_report_due = models.DateField(_("next progress report due"), null=True, blank=True, db_index=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    completion_summary = models.TextField(_("completion report"), blank=True)

    class Meta:
        ordering = ["-offered_on", "-pk"]
        verbose_name = _("donation")
        verbose_name_plural = _("donations")

    def search_words(self) -> list[str]:
        return [self.title, self.donor.name, self.donor.name_zh, self.certificate_number]

    @property
    def received_total(self) -> Decimal:
        return sum((r.amount for r in self.receipts.all()), Decimal("0"))

    @property
    def spent_total(self) -> Decimal:
        return sum((r.spent for r in self.reports.all()), Decimal("0"))

    @property
    def public_use(self) -> str:
        from apps.registry.i18n import label

        return label(PUBLIC_USE.get(self.case.state, {}), "")

    def report_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.case.state == "in_use" and (
            (self.next_report_due is not None and self.next_report_due < today)
            or (self.use_due is not None and self.use_due < today)
        )


class DonatedItem(models.Model):
    """One line of donated goods."""

    donation = models.ForeignKey(Donation, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(default=0)
    description = models.CharField(_("item"), max_length=200)
    quantity = models.PositiveIntegerField(_("quantity"))
    unit = models.CharField(_("unit of measure"), max_length=20)
    estimated_value = models.DecimalField(_("estimated value"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.description} × {self.quantity}"


class Receipt(models.Model):
    """Funds or goods received (there may be several instalments)."""

    donation = models.ForeignKey(Donation, on_delete=models.CASCADE, related_name="receipts")
    received_on = models.DateField(_("received on"))
    amount = models.DecimalField(_("amount or value received"), max_digits=14, decimal_places=2)
    description = models.CharField(_("what was received"), max_length=300)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["received_on", "pk"]

    def __str__(self) -> str:
        return f"{self.received_on} {self.amount}"


class UseReport(models.Model):
    """A progress report on the use of a donation: what was done and spent."""

    donation = models.ForeignKey(Donation, on_delete=models.CASCADE, related_name="reports")
    reported_on = models.DateField(_("report date"))
    spent = models.DecimalField(_("spent in this period"), max_digits=14, decimal_places=2)
    description = models.TextField(_("progress"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["reported_on", "pk"]

    def __str__(self) -> str:
        return f"{self.reported_on} {self.spent}"


class DonationFile(models.Model):
    """An attachment of a donation (apps.documents.Attachment) and what it is."""

    donation = models.ForeignKey(Donation, on_delete=models.CASCADE, related_name="files")
    attachment_id = models.PositiveIntegerField()
    kind = models.CharField(_("kind of document"), max_length=16, choices=choices(FILE_KINDS))
    filename = models.CharField(max_length=255)
    receipt = models.ForeignKey(
        Receipt, null=True, blank=True, on_delete=models.CASCADE, related_name="files"
    )
    report = models.ForeignKey(
        UseReport, null=True, blank=True, on_delete=models.CASCADE, related_name="files"
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.filename


class ExchangeRate(models.Model):
    """What one unit of a currency is worth in CNY from a date on (the office records it)."""

    currency = models.CharField(_("currency"), max_length=3)
    effective_on = models.DateField(_("effective from"))
    rate = models.DecimalField(_("CNY per unit"), max_digits=16, decimal_places=6)
    note = models.CharField(_("source"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["currency", "-effective_on"]
        constraints = [
            models.UniqueConstraint(fields=["currency", "effective_on"], name="donations_one_rate_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.currency} {self.effective_on} {self.rate}"
