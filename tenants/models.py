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


class Domain(DomainMixin):
    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domains")


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
