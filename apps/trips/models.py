"""A delegation going abroad (or to Hong Kong/Macao), its members and destinations, the
limits overridden for it, and the office's ledger of travel documents in custody."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.casework.records import CaseRecord
from apps.registry.ranks import RANKS

RANK_CHOICES = [(rank, rank) for rank in RANKS]


class Delegation(CaseRecord):
    workflow_id = "trips.delegation"

    class Kind(models.TextChoices):
        ABROAD = "abroad", _("Abroad")
        HKMO = "hkmo", _("Hong Kong / Macao")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.ABROAD)
    purpose = models.TextField(_("purpose and tasks"))
    inviter_name = models.CharField(_("inviting organisation"), max_length=200)
    inviter_country = models.CharField(_("inviter's country/region"), max_length=2)
    invitation_attachment_id = models.PositiveIntegerField(null=True, blank=True)
    funding_source = models.CharField(_("funding source"), max_length=200)
    budget = models.DecimalField(_("budget (yuan)"), max_digits=12, decimal_places=2)
    departure = models.DateField(_("departure"), db_index=True)
    return_date = models.DateField(_("return"))
    # Public notice (公示) and after return.
    notice_from = models.DateField(null=True, blank=True)
    notice_until = models.DateField(null=True, blank=True)
    objection = models.TextField(blank=True)
    approval_document_id = models.PositiveIntegerField(null=True, blank=True)
    approval_number = models.CharField(max_length=64, blank=True)
    report_due = models.DateField(null=True, blank=True)
    report = models.TextField(_("post-trip report"), blank=True)
    report_filed_at = models.DateTimeField(null=True, blank=True)
    outcome_notice = models.TextField(_("outcome notice"), blank=True)

    class Meta:
        ordering = ["-departure", "-pk"]
        # The list's order (read backwards): a page deep in the list walks this index
        # alone instead of sorting (bench/trip_list.py).
        indexes = [models.Index(fields=["departure", "id"], name="trips_deleg_departure_id")]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")

    @property
    def unit_names(self) -> dict[str, str]:
        """The submitting unit's names ({"zh", "en"}) from the office profile."""
        from apps.registry.units import unit_names

        return unit_names(self.unit_code)

    @property
    def unit_name_zh(self) -> str:
        return self.unit_names.get("zh") or self.unit_code

    @property
    def destination_names_zh(self) -> str:
        from django.utils import translation

        from apps.registry import countries

        with translation.override("zh-hans"):
            return "、".join(countries.name(d.country) for d in self.destinations.all())

    @property
    def destination_names_en(self) -> str:
        from django.utils import translation

        from apps.registry import countries

        with translation.override("en"):
            return ", ".join(countries.name(d.country) for d in self.destinations.all())

    @property
    def inviter_country_name(self) -> str:
        from apps.registry import countries

        return countries.name(self.inviter_country)

    @property
    def is_hkmo(self) -> bool:
        return self.kind == self.Kind.HKMO

    @property
    def days(self) -> int:
        """Days abroad, counting the days of leaving and re-entering China."""
        return (self.return_date - self.departure).days + 1


def search_text_for(title: str, inviter_name: str, member_names) -> str:
    return " ".join([title, inviter_name, *member_names]).lower()


class Destination(models.Model):
    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="destinations")
    order = models.PositiveSmallIntegerField(default=0)
    country = models.CharField(_("country/region"), max_length=2)
    arrive = models.DateField(_("arrive"))
    leave = models.DateField(_("leave"))
    transit_airside = models.BooleanField(_("airside transit only"), default=False)

    class Meta:
        ordering = ["order", "arrive"]

    def __str__(self) -> str:
        return f"{self.country} {self.arrive}–{self.leave}"

    @property
    def name(self) -> str:
        from apps.registry import countries

        return countries.name(self.country)


class Member(models.Model):
    class Gender(models.TextChoices):
        FEMALE = "F", _("Female")
        MALE = "M", _("Male")

    class DocumentType(models.TextChoices):
        OFFICIAL_PASSPORT = "official_passport", _("Official passport")
        SERVICE_PASSPORT = "service_passport", _("Service passport")
        HKMO_PERMIT = "hkmo_permit", _("Exit-entry permit for Hong Kong and Macao")

    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="members")
    order = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("name"), max_length=100)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    birth_date = models.DateField(_("birth date"))
    unit = models.CharField(_("unit"), max_length=200)
    position = models.CharField(_("position"), max_length=200)
    rank = models.CharField(_("rank"), max_length=32, choices=RANK_CHOICES)
    document_type = models.CharField(_("document type"), max_length=32, choices=DocumentType.choices)
    document_number = models.CharField(_("document number"), max_length=20)
    # A visa for trips abroad; for Hong Kong/Macao an endorsement (签注) on the permit.
    visa_or_endorsement = models.CharField(_("visa or endorsement"), max_length=100, blank=True)
    is_interpreter = models.BooleanField(_("interpreter"), default=False)
    education_acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def rank_label(self) -> str:
        from apps.registry.ranks import rank_label

        return rank_label(self.rank)


class LimitOverride(models.Model):
    """An authorised decision to let a delegation exceed one limit, with its reason."""

    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="overrides")
    rule = models.CharField(max_length=40)
    justification = models.TextField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["delegation", "rule"], name="one_override_per_rule")]

    def __str__(self) -> str:
        return f"{self.rule}: {self.justification}"

    @property
    def rule_label(self) -> str:
        from apps.trips.validation import rule_label

        return rule_label(self.rule)


class TravelDocument(models.Model):
    """A passport or permit in the office's custody ledger."""

    class Status(models.TextChoices):
        IN_CUSTODY = "in_custody", _("In custody")
        ISSUED = "issued", _("Issued for a trip")

    holder_name = models.CharField(_("holder"), max_length=100)
    holder_birth_date = models.DateField(_("birth date"))
    document_type = models.CharField(_("document type"), max_length=32, choices=Member.DocumentType.choices)
    number = models.CharField(_("number"), max_length=20, unique=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.IN_CUSTODY)
    issued_for = models.ForeignKey(
        Delegation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField(null=True, blank=True)
    due_back = models.DateField(_("due back"), null=True, blank=True, db_index=True)
    returned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["holder_name", "number"]

    def __str__(self) -> str:
        return f"{self.holder_name} {self.number}"

    @property
    def audit_repr(self) -> str:
        """The audit log names the holder and the kind, never the number (issue 14)."""
        return f"{self.holder_name} ({self.get_document_type_display()})"
