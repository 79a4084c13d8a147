"""What a provincial FAO sees, kept in the public schema so that its portal never has to
visit the cities' schemas at request time. Kernel: the casework engine writes escalations
and the modules write figures here (``services``/``figures``); the provincial portal reads.

``EscalatedCase``: a city's case waiting for (or decided by) the province, with the
summary the province needs to decide (personal details only here, for escalated cases).
``MonthlyFigure``: counters per city, month and dimension, maintained by the modules when
their cases change (trips by destination, by unit kind, ...). ``ProvinceFigure``: the same
counters summed over the province's cities, kept in the same transaction, so the
dashboard reads a few hundred rows whether the province has 5 cities or 300.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EscalatedCase(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("awaiting the province")
        APPROVED = "approved", _("approved by the province")
        REJECTED = "rejected", _("not approved by the province")

    province = models.ForeignKey("tenants.Province", on_delete=models.PROTECT, related_name="escalations")
    city = models.ForeignKey("tenants.City", on_delete=models.CASCADE, related_name="escalations")
    case_id = models.PositiveIntegerField()
    workflow = models.CharField(max_length=64)
    title = models.CharField(_("title"), max_length=200)
    summary = models.JSONField(default=dict, blank=True)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.PENDING)
    escalated_at = models.DateTimeField(_("escalated at"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.CharField(max_length=150, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        db_table = "provincial_escalatedcase"  # kept from when the portal owned it
        constraints = [models.UniqueConstraint(fields=["city", "case_id"], name="one_escalation_per_case")]
        indexes = [models.Index(fields=["province", "state", "escalated_at"])]
        ordering = ["-escalated_at"]

    def __str__(self) -> str:
        return f"{self.city_id}#{self.case_id} {self.title}"


class MonthlyFigure(models.Model):
    """One counter: e.g. (hangzhou, 2026-05, trips.by_destination, "JP") = 3."""

    province = models.ForeignKey("tenants.Province", on_delete=models.CASCADE, related_name="figures")
    city = models.ForeignKey("tenants.City", on_delete=models.CASCADE, related_name="figures")
    month = models.DateField()  # the first day of the month
    metric = models.CharField(max_length=64)
    key = models.CharField(max_length=64, blank=True)
    value = models.BigIntegerField(default=0)

    class Meta:
        db_table = "provincial_monthlyfigure"  # kept from when the portal owned it
        constraints = [
            models.UniqueConstraint(fields=["city", "month", "metric", "key"], name="one_figure_per_key")
        ]
        indexes = [models.Index(fields=["province", "metric", "month"])]

    def __str__(self) -> str:
        return f"{self.city_id} {self.month:%Y-%m} {self.metric}[{self.key}]={self.value}"


class ProvinceFigure(models.Model):
    """A counter of ``MonthlyFigure`` summed over the province's cities."""

    province = models.ForeignKey("tenants.Province", on_delete=models.CASCADE, related_name="rollups")
    month = models.DateField()
    metric = models.CharField(max_length=64)
    key = models.CharField(max_length=64, blank=True)
    value = models.BigIntegerField(default=0)

    class Meta:
        db_table = "provincial_provincefigure"  # kept from when the portal owned it
        constraints = [
            models.UniqueConstraint(fields=["province", "month", "metric", "key"], name="one_rollup_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.province_id} {self.month:%Y-%m} {self.metric}[{self.key}]={self.value}"
