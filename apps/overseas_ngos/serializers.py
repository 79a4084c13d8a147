"""What the API and the web forms take (one declaration each) and what the API shows."""

from __future__ import annotations

from django.db import connection
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.accounts.scoping import is_unit_bound
from apps.casework.api import CaseSerializer
from apps.casework.inputs import CountryField
from apps.overseas_ngos.models import (
    DOCUMENT_KINDS,
    FIELDS,
    KINDS,
    OPINIONS,
    STATUSES,
    AnnualDocument,
    Filing,
    Organisation,
)
from apps.overseas_ngos.workflow import STATES
from apps.registry.i18n import choices_of, label


def _choice(table, **kwargs) -> serializers.ChoiceField:
    return serializers.ChoiceField(choices=choices_of(table), **kwargs)


def _optional(field_class=serializers.CharField, **kwargs):
    return field_class(required=False, allow_blank=True, default="", **kwargs)


def _text(label_text, **kwargs) -> serializers.CharField:
    return serializers.CharField(label=label_text, style={"base_template": "textarea.html"}, **kwargs)


def _profile() -> dict:
    return getattr(getattr(connection, "tenant", None), "profile", None) or {}


def unit_choices() -> list[tuple[str, str]]:
    return [(u["code"], label(u["names"], u["code"])) for u in _profile().get("submitting_units") or []]


# --- inputs ---------------------------------------------------------------------------


class OrganisationInput(serializers.Serializer):
    kind = _choice(KINDS, label=_("kind"))
    name_zh = serializers.CharField(label=_("Chinese name"), max_length=200)
    name_en = _optional(label=_("name in English"), max_length=200)
    name_own = _optional(label=_("name in its own language"), max_length=200)
    country = CountryField(label=_("country or region"))
    field = _choice(FIELDS, label=_("field"))
    registration_number = _optional(label=_("registration number"), max_length=64)
    registered_on = serializers.DateField(
        label=_("registered on"), required=False, allow_null=True, default=None
    )
    chief_representative = _optional(label=_("chief representative"), max_length=100)
    scope = _optional(label=_("scope of activities"), style={"base_template": "textarea.html"})
    area = _optional(label=_("area of activity"), max_length=200)
    partners = _optional(label=_("Chinese partner units"), style={"base_template": "textarea.html"})


class DeregisterInput(serializers.Serializer):
    deregistered_on = serializers.DateField(label=_("deregistered on"))
    reason = serializers.CharField(
        label=_("reason for deregistration"), max_length=2000, style={"base_template": "textarea.html"}
    )


class FilingInput(serializers.Serializer):
    organisation = serializers.ChoiceField(label=_("overseas NGO"), choices=[])
    title = serializers.CharField(label=_("name of the activity"), max_length=200)
    unit_code = serializers.ChoiceField(
        label=_("Chinese partner unit"), choices=[], required=False, allow_blank=True
    )
    partner_name = serializers.CharField(label=_("Chinese partner"), max_length=200)
    content = _text(_("content of the activity"))
    place = serializers.CharField(label=_("place"), max_length=200)
    start = serializers.DateField(label=_("first day"))
    end = serializers.DateField(label=_("last day"))
    funding = serializers.DecimalField(label=_("funding (yuan)"), max_digits=14, decimal_places=2)
    funding_source = serializers.CharField(label=_("source of the funding"), max_length=200)
    foreign_participants = serializers.IntegerField(label=_("overseas participants"), max_value=100000)
    chinese_participants = serializers.IntegerField(label=_("Chinese participants"), max_value=100000)
    participants_note = _optional(label=_("participants"), style={"base_template": "textarea.html"})

    def __init__(self, *args, **kwargs):
        from apps.overseas_ngos.selectors import active_organisations

        super().__init__(*args, **kwargs)
        if _profile():
            self.fields["organisation"].choices = [
                (o.pk, f"{o.name_zh}（{o.get_kind_display()}）") for o in active_organisations()
            ]
        self.fields["organisation"].error_messages["invalid_choice"] = _(
            "Not an organisation active in the register."
        )
        user = getattr(self.context.get("request"), "user", None)
        if user is not None and is_unit_bound(user):  # a partner unit files for itself only
            self.fields["unit_code"] = serializers.HiddenField(default=user.unit)
        else:
            self.fields["unit_code"].choices = unit_choices()

    def validate_organisation(self, value):
        return int(value)


class RecordFilingInput(serializers.Serializer):
    psb_number = serializers.CharField(label=_("public security filing number"), max_length=64)
    filed_on = serializers.DateField(label=_("filed on"), required=False, allow_null=True, default=None)


class ReportInput(serializers.Serializer):
    report = _text(_("report on the activity"))
    actual_participants = serializers.IntegerField(
        label=_("participants in fact"), required=False, allow_null=True, default=None, min_value=0
    )


class AttachInput(serializers.Serializer):
    file = serializers.FileField(label=_("file (PDF, PNG or JPEG)"))


class ReceiveInput(serializers.Serializer):
    # On the web the organisation's page gives it; the API names it.
    organisation = serializers.IntegerField(label=_("representative office"), style={"hidden": True})
    kind = _choice(DOCUMENT_KINDS, label=_("document"))
    year = serializers.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    received_on = serializers.DateField(label=_("received on"))
    summary = _text(_("summary"))


REVIEW_OPINIONS = {key: OPINIONS[key] for key in ("accepted", "returned")}


class ReviewInput(serializers.Serializer):
    opinion = _choice(REVIEW_OPINIONS, label=_("opinion"))
    opinion_text = _optional(label=_("review opinion"), style={"base_template": "textarea.html"})


class RemindInput(serializers.Serializer):
    organisation = serializers.IntegerField(label=_("representative office"), style={"hidden": True})
    kind = _choice(DOCUMENT_KINDS, label=_("document"))
    year = serializers.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    note = _optional(label=_("how and to whom"), max_length=200)


# --- filters --------------------------------------------------------------------------


class FilingFilter(serializers.Serializer):
    q = _optional(label=_("Search"))
    state = serializers.ChoiceField(
        label=_("State"), choices=choices_of(STATES), required=False, allow_blank=True, default=""
    )
    field = _choice(FIELDS, label=_("Field"), required=False, allow_blank=True, default="")
    country = CountryField(label=_("Country or region"), required=False, allow_blank=True, default="")
    unit = serializers.ChoiceField(
        label=_("Chinese partner unit"), choices=[], required=False, allow_blank=True, default=""
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = unit_choices()


class OrganisationFilter(serializers.Serializer):
    q = _optional(label=_("Search"))
    kind = _choice(KINDS, label=_("Kind"), required=False, allow_blank=True, default="")
    field = _choice(FIELDS, label=_("Field"), required=False, allow_blank=True, default="")
    country = CountryField(label=_("Country or region"), required=False, allow_blank=True, default="")
    status = _choice(STATUSES, label=_("Status"), required=False, allow_blank=True, default="")


# --- output ---------------------------------------------------------------------------


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = [
            "id",
            "kind",
            "name_zh",
            "name_en",
            "name_own",
            "country",
            "field",
            "registration_number",
            "registered_on",
            "scope",
            "area",
            "chief_representative",
            "partners",
            "status",
            "deregistered_on",
            "deregistration_reason",
        ]
        read_only_fields = fields


class FilingListSerializer(serializers.ModelSerializer):
    state = serializers.CharField(source="case.state", read_only=True)
    state_label = serializers.CharField(read_only=True)

    class Meta:
        model = Filing
        fields = [
            "id",
            "title",
            "organisation",
            "unit_code",
            "partner_name",
            "start",
            "end",
            "state",
            "state_label",
            "psb_number",
        ]
        read_only_fields = fields


class FilingSerializer(FilingListSerializer):
    case = CaseSerializer(read_only=True)

    class Meta(FilingListSerializer.Meta):
        fields = [
            *FilingListSerializer.Meta.fields,
            "case",
            "content",
            "place",
            "funding",
            "funding_source",
            "foreign_participants",
            "chinese_participants",
            "participants_note",
            "filed_on",
            "report",
            "actual_participants",
            "reported_at",
        ]
        read_only_fields = fields


class AnnualDocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = AnnualDocument
        fields = [
            "id",
            "organisation",
            "kind",
            "year",
            "received_on",
            "summary",
            "opinion",
            "opinion_text",
            "reviewed_at",
        ]
        read_only_fields = fields


class AnnualRowSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(source="organisation.pk")
    organisation_name = serializers.CharField(source="organisation.name_zh")
    kind = serializers.CharField()
    year = serializers.IntegerField()
    due = serializers.DateField()
    late = serializers.BooleanField()
    status_label = serializers.CharField()
    reminded_on = serializers.DateField(allow_null=True)
    document = AnnualDocumentSerializer(allow_null=True)
