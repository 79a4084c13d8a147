"""Public-schema models: the cities (tenants), their domains, the provinces.

A City row owns a PostgreSQL schema holding all of that office's data. The template
city (``is_template``) is the kept-migrated schema new cities are cloned from: it has
no domain, never answers a request and is excluded by ``City.offices``.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_tenants.models import DomainMixin, TenantMixin

from apps.registry.i18n import label


def _in_language(zh: str, en: str) -> str:
    return label({"zh": zh, "en": en}, zh)


class Province(models.Model):
    code = models.SlugField(_("code"), max_length=32, unique=True)
    subdomain = models.SlugField(_("subdomain"), max_length=63, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    profile = models.JSONField(_("applied profile"), default=dict)
    profile_version = models.PositiveIntegerField(_("profile version"), default=0)
    profile_sha256 = models.CharField(max_length=64, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self) -> str:
        return self.code

    @property
    def name(self) -> str:
        return _in_language(self.name_zh, self.name_en)

    @property
    def region_name(self) -> str:
        names = (self.profile or {}).get("province_names", {})
        return _in_language(names.get("zh", self.code), names.get("en", self.code))


class OfficeManager(models.Manager):
    """Real offices only: never the template schema."""

    def get_queryset(self):
        return super().get_queryset().filter(is_template=False)


class City(TenantMixin):
    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        SUSPENDED = "suspended", _("suspended")
        # Read-only: pages and API answer GET, every write is refused; jobs skip it. The
        # step before removal (tenants.backup.remove_city).
        ARCHIVED = "archived", _("archived")

    code = models.SlugField(_("code"), max_length=31, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="cities", null=True, blank=True
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ACTIVE)
    is_template = models.BooleanField(default=False, editable=False)
    profile = models.JSONField(_("applied profile"), default=dict)
    profile_version = models.PositiveIntegerField(_("profile version"), default=0)
    profile_sha256 = models.CharField(max_length=64, blank=True)
    profile_applied_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # django-tenants' commands (migrate_schemas) use the default manager and must see the
    # template to keep it migrated; everything user-facing uses ``offices``.
    objects = models.Manager()
    offices = OfficeManager()

    auto_create_schema = True
    auto_drop_schema = False

    class Meta:
        ordering = ["code"]
        verbose_name = _("city office")
        verbose_name_plural = _("city offices")

    def __str__(self) -> str:
        return self.code

    def create_schema(self, check_if_exists=False, sync_schema=True, verbosity=1):
        """A new city's schema: a replay of the template (tenants/clone.py), flat in time
        whatever the number of cities; django-tenants' own way when there is no template
        (the template itself) or no ``pg_dump``."""
        from django.db import connection
        from django_tenants.postgresql_backend.base import _check_schema_name
        from django_tenants.utils import get_creation_fakes_migrations, schema_exists

        from tenants import clone

        base = self.get_base_schema() if get_creation_fakes_migrations() else None
        if not (sync_schema and base and base != self.schema_name and clone.available()):
            return super().create_schema(check_if_exists, sync_schema, verbosity)
        _check_schema_name(self.schema_name)
        if check_if_exists and schema_exists(self.schema_name):
            return False
        if not schema_exists(base):
            return super().create_schema(check_if_exists, sync_schema, verbosity)
        try:
            clone.clone(base, self.schema_name)
        except clone.CloneUnavailable:
            return super().create_schema(check_if_exists, sync_schema, verbosity)
        connection.set_schema_to_public()
        return True

    @property
    def address(self) -> str:
        """The office's address (profile ``contact.address``) in the active language."""
        names = ((self.profile or {}).get("contact") or {}).get("address") or {}
        return _in_language(names.get("zh", ""), names.get("en") or names.get("zh", ""))

    @property
    def name(self) -> str:
        return _in_language(self.name_zh, self.name_en)

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def is_archived(self) -> bool:
        return self.status == self.Status.ARCHIVED


class Domain(DomainMixin):
    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domains")


class ProfileVersion(models.Model):
    """Every applied version of a city's or a province's profile, as submitted (issue 13).

    Written by onboarding (``tenants.versions.record``) in the same transaction as the
    profile itself; never changed afterwards. Restoring a version applies its text again
    as a new version."""

    class Kind(models.TextChoices):
        CITY = "city", _("city office")
        PROVINCE = "province", _("province")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    owner = models.SlugField(_("code"), max_length=32)  # the city's or the province's code
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("profile text"))
    sha256 = models.CharField(max_length=64)
    applied_by = models.CharField(_("applied by"), max_length=150, blank=True)
    proposed_by = models.CharField(_("proposed by"), max_length=150, blank=True)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    restored_from = models.PositiveIntegerField(null=True, blank=True)
    applied_at = models.DateTimeField(_("applied at"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "owner", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "owner", "number"], name="one_profile_version_number")
        ]
        verbose_name = _("profile version")
        verbose_name_plural = _("profile versions")

    def __str__(self) -> str:
        return f"{self.kind}:{self.owner} v{self.number}"


class ProfileProposal(models.Model):
    """A change of a city's submitting units or divisions proposed by its office
    administrator, waiting for an operator (issue 13)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="profile_proposals")
    base_version = models.PositiveIntegerField(_("based on version"))
    text = models.TextField(_("proposed profile"))
    summary = models.JSONField(_("change"), default=dict)  # {"action", "section", "code", ...}
    proposed_by = models.CharField(_("proposed by"), max_length=150)
    reason = models.CharField(_("reason"), max_length=500)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    decided_by = models.CharField(_("decided by"), max_length=150, blank=True)
    decision_reason = models.CharField(_("decision reason"), max_length=500, blank=True)
    version = models.PositiveIntegerField(_("applied as version"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("profile proposal")
        verbose_name_plural = _("profile proposals")

    def __str__(self) -> str:
        return f"{self.city.code} proposal {self.pk}"

    @property
    def name(self) -> str:
        """The unit's or division's name in the active language (the proposed one, or the
        profile's for a retirement or removal)."""
        names = self.summary.get("names")
        if not names:
            section = (self.city.profile or {}).get(self.summary.get("section"), []) or []
            names = next(
                (item.get("names") for item in section if item.get("code") == self.summary.get("code")), {}
            )
        return _in_language((names or {}).get("zh", ""), (names or {}).get("en", "")) or self.summary.get(
            "code", ""
        )


class TemplateSnapshot(models.Model):
    """The template schema's replayable script (tenants/clone.py), kept until the template
    changes (``fingerprint``): every process clones from it without dumping again."""

    schema_name = models.CharField(max_length=63, unique=True)
    fingerprint = models.CharField(max_length=64)
    script = models.TextField()
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.schema_name} {self.fingerprint}"


class RoutingStamp(models.Model):
    """One row whose ``version`` the database bumps on any change of a city, a domain or a
    province (triggers, migration 0002): each worker compares it with the version its host
    table was built from (tenants/routing_table.py), a 0.2 ms query instead of a reload."""

    version = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return str(self.version)
