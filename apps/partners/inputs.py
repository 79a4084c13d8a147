"""The register's inputs (one declaration for form and API) and ``PartnerField``, the field
a module's input uses to name a partner of the register (a searchable list on the web, the
partner's id in the API)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.casework.inputs import CountryField
from apps.partners.models import LINK_KINDS, PARTNER_KINDS, Partner
from apps.registry.i18n import choices_of


class PartnerField(serializers.IntegerField):
    """A partner of the register by its id, optionally only of some kinds."""

    default_error_messages = {"unknown": _("Unknown partner.")}

    def __init__(self, *, kinds: tuple[str, ...] = (), **kwargs):
        self.kinds = tuple(kinds)
        required = kwargs.get("required", True)
        style = {"choices": self._choices(blank=not required), "searchable": True}
        super().__init__(style=style, **kwargs)

    def _choices(self, *, blank: bool):
        kinds = self.kinds

        def choices():
            from apps.partners.selectors import partner_choices

            rows = [(str(pk), name) for pk, name in partner_choices(kind=list(kinds))]
            return [("", "—"), *rows] if blank else rows

        return choices

    def to_internal_value(self, data):
        if data in ("", None) and not self.required:
            return None
        value = super().to_internal_value(data)
        rows = Partner.objects.filter(pk=value)
        if self.kinds:
            rows = rows.filter(kind__in=self.kinds)
        if not rows.exists():
            self.fail("unknown")
        return value


class PartnerInput(serializers.Serializer):
    kind = serializers.ChoiceField(label=_("kind of partner"), choices=choices_of(PARTNER_KINDS))
    name_zh = serializers.CharField(label=_("name in Chinese"), max_length=200)
    name_en = serializers.CharField(label=_("name in the original script or English"), max_length=200)
    country = CountryField(label=_("country or region"), required=False, allow_blank=True, default="")
    place = serializers.CharField(label=_("city or place"), max_length=200, required=False, allow_blank=True)
    website = serializers.URLField(label=_("website"), required=False, allow_blank=True)
    notes = serializers.CharField(
        label=_("notes"), required=False, allow_blank=True, style={"base_template": "textarea.html"}
    )
    active = serializers.BooleanField(label=_("still in contact"), default=True, required=False)


class PersonInput(serializers.Serializer):
    name_latin = serializers.CharField(label=_("name in the original script"), max_length=100)
    name_zh = serializers.CharField(
        label=_("name in Chinese"), max_length=100, required=False, allow_blank=True
    )
    title = serializers.CharField(label=_("position"), max_length=200, required=False, allow_blank=True)
    since = serializers.DateField(label=_("since"), required=False, allow_null=True)
    until = serializers.DateField(label=_("until"), required=False, allow_null=True)
    email = serializers.EmailField(label=_("e-mail"), required=False, allow_blank=True)
    phone = serializers.CharField(label=_("telephone"), max_length=40, required=False, allow_blank=True)
    contact_consent = serializers.BooleanField(
        label=_("consents to contact details being kept"), default=False, required=False
    )
    notes = serializers.CharField(
        label=_("notes"), required=False, allow_blank=True, style={"base_template": "textarea.html"}
    )


class SearchFilter(serializers.Serializer):
    q = serializers.CharField(
        label=_("name (Chinese or foreign)"), required=False, allow_blank=True, max_length=100
    )
    kind = serializers.ChoiceField(
        label=_("kind of partner"), choices=choices_of(PARTNER_KINDS), required=False, allow_blank=True
    )
    country = CountryField(label=_("country or region"), required=False, allow_blank=True)


class JurisdictionInput(serializers.Serializer):
    country = CountryField(label=_("country or region"))
    partner = PartnerField(label=_("consulate"), kinds=("consulate",), required=False, allow_null=True)
    notes = serializers.CharField(label=_("notes"), max_length=300, required=False, allow_blank=True)


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name_zh = serializers.CharField()
    name_latin = serializers.CharField()
    title = serializers.CharField()
    since = serializers.DateField()
    until = serializers.DateField()
    email = serializers.CharField()
    phone = serializers.CharField()
    contact_consent = serializers.BooleanField()


class LinkSerializer(serializers.Serializer):
    module = serializers.CharField()
    module_name = serializers.CharField(source="module_label")
    record_ref = serializers.CharField()
    kind = serializers.CharField()
    kind_name = serializers.CharField(source="kind_label")
    date = serializers.DateField()
    title = serializers.CharField()
    url = serializers.CharField()
    follow_up_open = serializers.BooleanField()
    due = serializers.DateField()


class PartnerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    kind_name = serializers.CharField(source="kind_label")
    name_zh = serializers.CharField()
    name_en = serializers.CharField()
    country = serializers.CharField()
    country_name = serializers.CharField()
    place = serializers.CharField()
    website = serializers.CharField()
    notes = serializers.CharField()
    active = serializers.BooleanField()


class PartnerDetailSerializer(PartnerSerializer):
    people = PersonSerializer(many=True, source="people.all")


__all__ = ["LINK_KINDS", "JurisdictionInput", "PartnerField", "PartnerInput", "PersonInput", "SearchFilter"]
