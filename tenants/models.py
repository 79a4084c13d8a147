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
