"""What the API and the web forms take (one declaration each) and what the API shows."""

from __future__ import annotations

from django.db import connection
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.accounts.scoping import is_unit_bound
from apps.casework.api import CaseSerializer
from apps.casework.inputs import CountryField
from apps.honorary_residents.models import FIELDS_OF_CONTRIBUTION, SEXES, HolderVisit, Nomination
from apps.registry.i18n import choices_of, label

TEXTAREA = {"base_template": "textarea.html"}


def unit_choices() -> list[tuple[str, str]]:
    units = ((getattr(connection, "tenant", None) and connection.tenant.profile) or {}).get(
        "submitting_units"
    ) or []
    return [(u["code"], label(u["names"], u["code"])) for u in units]


def _optional(label_text, max_length) -> serializers.CharField:
    return serializers.CharField(
        label=label_text, max_length=max_length, required=False, allow_blank=True, default=""
    )


class NominationInput(serializers.Serializer):
    unit_code = serializers.ChoiceField(
        label=_("nominating unit"), choices=[], required=False, allow_blank=True
    )
    name_latin = serializers.CharField(label=_("name as in passport"), max_length=100)
    name_zh = _optional(_("Chinese name"), 50)
    sex = serializers.ChoiceField(label=_("sex"), choices=choices_of(SEXES))
    nationality = CountryField(label=_("nationality"))
    occupation = serializers.CharField(label=_("occupation or title"), max_length=150)
    employer = serializers.CharField(label=_("employer"), max_length=200)
    in_city_since = serializers.DateField(
        label=_("connected with the city since"), required=False, allow_null=True, default=None
    )
    field = serializers.ChoiceField(
        label=_("field of contribution"), choices=choices_of(FIELDS_OF_CONTRIBUTION)
    )
    contribution = serializers.CharField(label=_("contribution to the city"), style=TEXTAREA)
    responsible_person = serializers.CharField(label=_("responsible person"), max_length=100)
    responsible_phone = serializers.CharField(label=_("responsible person's telephone"), max_length=40)
    email = serializers.EmailField(
        label=_("e-mail"), max_length=200, required=False, allow_blank=True, default=""
    )
    phone = _optional(_("telephone"), 40)
    address = _optional(_("postal address"), 300)
    contact_consent = serializers.BooleanField(label=_("consents to being contacted"), default=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is not None and is_unit_bound(user):
            self.fields["unit_code"] = serializers.HiddenField(default=user.unit)
            return
        self.fields["unit_code"].choices = unit_choices()

    def validate_name_latin(self, value: str) -> str:
        return " ".join(value.split()).upper()


class DecisionInput(serializers.Serializer):
    decision_date = serializers.DateField(label=_("date of the city government's decision"))
    decision_reference = serializers.CharField(label=_("reference of the decision"), max_length=100)


class ContactsInput(serializers.Serializer):
    email = serializers.EmailField(
        label=_("e-mail"), max_length=200, required=False, allow_blank=True, default=""
    )
    phone = _optional(_("telephone"), 40)
    address = _optional(_("postal address"), 300)
    contact_consent = serializers.BooleanField(label=_("consents to being contacted"), default=False)


class VisitInput(serializers.Serializer):
    visited_on = serializers.DateField(label=_("date of the visit"))
    purpose = serializers.CharField(label=_("purpose of the visit"), max_length=300)
    notes = serializers.CharField(
        label=_("notes"), required=False, allow_blank=True, default="", style=TEXTAREA
    )


class VisitSerializer(serializers.ModelSerializer):
    recorded_by = serializers.CharField(source="recorded_by.username", read_only=True)

    class Meta:
        model = HolderVisit
        fields = ["id", "visited_on", "purpose", "notes", "recorded_by", "recorded_at"]
        read_only_fields = fields


NOMINATION_FIELDS = [
    "id",
    "title",
    "unit_code",
    "name_latin",
    "name_zh",
    "sex",
    "nationality",
    "occupation",
    "employer",
    "in_city_since",
    "field",
    "contribution",
    "responsible_person",
    "responsible_phone",
    "email",
    "phone",
    "address",
    "contact_consent",
    "decision_date",
    "decision_reference",
    "certificate_number",
    "certificate_document_id",
    "certified_at",
]


class NominationSerializer(serializers.ModelSerializer):
    case = CaseSerializer(read_only=True)
    visits = VisitSerializer(many=True, read_only=True)

    class Meta:
        model = Nomination
        fields = [*NOMINATION_FIELDS, "case", "visits"]
        read_only_fields = fields


class NominationListSerializer(serializers.ModelSerializer):
    state = serializers.CharField(source="case.state", read_only=True)
    state_label = serializers.CharField(read_only=True)

    class Meta:
        model = Nomination
        fields = ["id", "title", "unit_code", "name_latin", "name_zh", "nationality", "field", "state",
                  "state_label", "decision_date", "certificate_number"]  # fmt: skip
        read_only_fields = fields


def _text(help_text: str, label=None) -> serializers.CharField:
    return serializers.CharField(
        required=False, default="", allow_blank=True, help_text=help_text, label=label
    )


class ListFilter(serializers.Serializer):
    q = _text("name (either script), employer or certificate number contains", label=_("Name or number"))
    state = serializers.ChoiceField(
        label=_("State"), choices=[], required=False, allow_blank=True, default=""
    )
    unit = serializers.ChoiceField(
        label=_("Nominating unit"), choices=[], required=False, allow_blank=True, default=""
    )
    country = CountryField(label=_("Nationality"), required=False, allow_blank=True, default="")

    def __init__(self, *args, **kwargs):
        from apps.honorary_residents.workflow import STATES

        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [(code, label(names, code)) for code, names in STATES.items()]
        self.fields["unit"].choices = unit_choices()


class RegisterFilter(serializers.Serializer):
    q = _text("name (either script), employer or certificate number contains", label=_("Name or number"))
    country = CountryField(label=_("Nationality"), required=False, allow_blank=True, default="")
