"""The register of foreign partners (kernel): the foreign cities and regions, consulates and
missions, foreign organisations and chambers, media outlets and Hong Kong/Macao bodies the
office deals with, the people in them over time, and a generic link from a partner to any
module's record (a trip's host, an invitation's inviter, a reception's guests, an agreement,
an exchange). Modules write through ``apps.partners.services`` and read through
``apps.partners.selectors``; nothing here names a module: a link carries the module's id and
the module's own reference of its record as data."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.registry import search as text_search
from apps.registry.i18n import choices_of, label

PARTNER_KINDS = {
    "city": {"zh": "外国城市/地区", "en": "Foreign city or region"},
    "consulate": {"zh": "领事馆/外交机构", "en": "Consulate or diplomatic mission"},
    "organisation": {"zh": "外国组织/商会", "en": "Foreign organisation or chamber"},
    "media": {"zh": "外国媒体", "en": "Media outlet"},
    "hkmo": {"zh": "港澳机构", "en": "Hong Kong or Macao body"},
}

# What a link says about the partner's part in the record (modules may add their own kinds;
# an unknown kind is shown as "other").
LINK_KINDS = {
    "agreement": {"zh": "协议", "en": "Agreement"},
    "exchange": {"zh": "交流", "en": "Exchange"},
    "visit_in": {"zh": "来访", "en": "Visit to the city"},
    "visit_out": {"zh": "出访", "en": "Visit abroad"},
    "contact": {"zh": "联络", "en": "Contact"},
    "correspondence": {"zh": "往来文书", "en": "Correspondence"},
    "event": {"zh": "活动", "en": "Event"},
    "interview": {"zh": "采访", "en": "Interview"},
    "plan": {"zh": "年度计划", "en": "Annual plan"},
    "other": {"zh": "其他", "en": "Other"},
}


class PartnerQuerySet(models.QuerySet):
    def matching(self, q: str):
        """Partners whose name (either script), country or people's names contain ``q``."""
        q = (q or "").strip().lower()
        return text_search.matching(self, q) if q else self


class Partner(models.Model):
    kind = models.CharField(_("kind of partner"), max_length=16, choices=choices_of(PARTNER_KINDS))
    name_zh = models.CharField(_("name in Chinese"), max_length=200)
    name_en = models.CharField(_("name in the original script or English"), max_length=200)
    country = models.CharField(_("country or region"), max_length=2, blank=True)
    place = models.CharField(_("city or place"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    active = models.BooleanField(_("still in contact"), default=True)
    # Lower case: both names, the country's names, the place and the people's names.
    search_text = models.TextField(blank=True, default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        ordering = ["name_zh", "pk"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        indexes = [
            models.Index(fields=["kind", "name_zh"], name="partners_kind_name"),
            GinIndex(fields=["search_text"], opclasses=["gin_trgm_ops"], name="partners_search_trgm"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.name_en and self.name_en != self.name_zh:
            return f"{self.name_zh} ({self.name_en})"
        return self.name_zh

    @property
    def kind_label(self) -> str:
        return label(PARTNER_KINDS.get(self.kind, {}), self.kind)

    @property
    def country_name(self) -> str:
        from apps.registry import countries

        return countries.name(self.country) if self.country else ""

    def search_words(self) -> list[str]:
        from apps.registry import countries

        words = [self.name_zh, self.name_en, self.place]
        if self.country:
            names = countries.both(self.country)
            words += [names["zh"], names["en"]]
        if self.pk:
            for person in self.people.all():
                words += [person.name_zh, person.name_latin]
        return words

    def refresh_search_text(self, save: bool = True) -> None:
        self.search_text = " ".join(w for w in self.search_words() if w).lower()
        if save:
            Partner.objects.filter(pk=self.pk).update(search_text=self.search_text)


class Person(models.Model):
    """Someone at a partner, for a period: a consul general, a mayor, a journalist."""

    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="people")
    name_zh = models.CharField(_("name in Chinese"), max_length=100, blank=True)
    name_latin = models.CharField(_("name in the original script"), max_length=100)
    title = models.CharField(_("title"), max_length=200, blank=True)
    since = models.DateField(_("since"), null=True, blank=True)
    until = models.DateField(_("until"), null=True, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    # Contact details are kept only with the person's consent, recorded with who and when.
    contact_consent = models.BooleanField(_("consents to contact details being kept"), default=False)
    consent_recorded_at = models.DateTimeField(null=True, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    notes = models.TextField(_("notes"), blank=True)
    search_text = models.TextField(blank=True, default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-since", "pk"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [
            GinIndex(fields=["search_text"], opclasses=["gin_trgm_ops"], name="partners_person_trgm"),
        ]

    def __str__(self) -> str:
        if self.name_zh and self.name_zh != self.name_latin:
            return f"{self.name_zh} ({self.name_latin})"
        return self.name_latin

    def is_current(self, on=None) -> bool:
        import datetime

        on = on or datetime.date.today()
        return (self.since is None or self.since <= on) and (self.until is None or self.until >= on)


class PartnerLink(models.Model):
    """A partner's part in a module's record. ``module`` is the module's id, ``record_ref``
    the module's own reference of its record (e.g. "12" or "exchange:12"); a partner is
    linked at most once to one record."""

    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="links")
    module = models.CharField(max_length=40)
    record_ref = models.CharField(max_length=80)
    kind = models.CharField(_("kind of link"), max_length=24)
    date = models.DateField(_("date"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=300)
    url = models.CharField(_("address"), max_length=300, blank=True)
    # An open follow-up (a note to answer, a plan to carry out), due by ``due``.
    follow_up_open = models.BooleanField(default=False)
    due = models.DateField(_("due"), null=True, blank=True)
    search_text = models.TextField(blank=True, default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "module", "record_ref"], name="partners_link_once_per_record"
            )
        ]
        indexes = [
            models.Index(fields=["partner", "date"], name="partners_link_partner_date"),
            models.Index(fields=["module", "record_ref"], name="partners_link_record"),
            GinIndex(fields=["search_text"], opclasses=["gin_trgm_ops"], name="partners_link_trgm"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def kind_label(self) -> str:
        return label(LINK_KINDS.get(self.kind, LINK_KINDS["other"]), self.kind)

    @property
    def module_label(self) -> str:
        from apps.registry.modules import registry

        module = registry.get(self.module)
        return module.name if module is not None else self.module


class ConsularJurisdiction(models.Model):
    """Which consulate (a partner of kind "consulate") covers this city for a country: read
    by any module (e.g. an invitation's visa letters) through
    ``apps.partners.selectors.consulate_for(country)``."""

    country = models.CharField(_("country or region"), max_length=2, unique=True)
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="jurisdictions")
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["country"]
        verbose_name = _("consular jurisdiction")

    def __str__(self) -> str:
        return f"{self.country}: {self.partner}"

    @property
    def country_name(self) -> str:
        from apps.registry import countries

        return countries.name(self.country)
