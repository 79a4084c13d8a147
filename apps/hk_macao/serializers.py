"""What the Hong Kong and Macao API and forms take and show."""

from __future__ import annotations

from django.db import connection
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.accounts.scoping import is_unit_bound
from apps.casework.api import CaseSerializer
from apps.hk_macao.models import DIRECTIONS, KINDS, REGIONS, Exchange, NonGovExchange
from apps.partners.inputs import PartnerField
from apps.registry.i18n import choices_of, label


def unit_choices() -> list[tuple[str, str]]:
    units = ((getattr(connection, "tenant", None) and connection.tenant.profile) or {}).get(
        "submitting_units"
    ) or []
    return [(u["code"], label(u["names"], u["code"])) for u in units]


class ExchangeInput(serializers.Serializer):
    title = serializers.CharField(label=_("title"), max_length=200)
    unit_code = serializers.ChoiceField(
        label=_("submitting unit"), choices=[], required=False, allow_blank=True
    )
    partner = PartnerField(label=_("Hong Kong or Macao counterpart"), kinds=("hkmo",))
    region = serializers.ChoiceField(label=_("region"), choices=choices_of(REGIONS))
    direction = serializers.ChoiceField(label=_("direction"), choices=choices_of(DIRECTIONS))
    kind = serializers.ChoiceField(label=_("kind of exchange"), choices=choices_of(KINDS))
    purpose = serializers.CharField(label=_("purpose"), style={"base_template": "textarea.html"})
    participants = serializers.CharField(label=_("participants"), style={"base_template": "textarea.html"})
    participant_count = serializers.IntegerField(
        label=_("number of participants"), min_value=1, max_value=500
    )
    start = serializers.DateField(label=_("from"))
    end = serializers.DateField(label=_("until"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is not None and is_unit_bound(user):
            self.fields["unit_code"] = serializers.HiddenField(default=user.unit)
            return
        self.fields["unit_code"].choices = unit_choices()


class OutcomeInput(serializers.Serializer):
    outcome = serializers.CharField(label=_("outcome"), style={"base_template": "textarea.html"})


class NonGovInput(serializers.Serializer):
    partner = PartnerField(
        label=_("Hong Kong or Macao counterpart"), kinds=("hkmo",), required=False, allow_null=True
    )
    region = serializers.ChoiceField(label=_("region"), choices=choices_of(REGIONS))
    kind = serializers.ChoiceField(label=_("kind of exchange"), choices=choices_of(KINDS))
    date = serializers.DateField(label=_("date"))
    title = serializers.CharField(label=_("title"), max_length=200)
    organiser = serializers.CharField(label=_("organiser in the city"), max_length=200)
    participant_count = serializers.IntegerField(label=_("number of participants"), min_value=0, default=0)
    notes = serializers.CharField(
        label=_("notes"), required=False, allow_blank=True, style={"base_template": "textarea.html"}
    )


class ListFilter(serializers.Serializer):
    q = serializers.CharField(
        label=_("Counterpart or title"), required=False, allow_blank=True, default="", max_length=100
    )
    state = serializers.ChoiceField(
        label=_("State"), choices=[], required=False, allow_blank=True, default=""
    )
    kind = serializers.ChoiceField(
        label=_("Kind of exchange"), choices=choices_of(KINDS), required=False, allow_blank=True, default=""
    )
    region = serializers.ChoiceField(
        label=_("Region"), choices=choices_of(REGIONS), required=False, allow_blank=True, default=""
    )

    def __init__(self, *args, **kwargs):
        from apps.hk_macao.workflow import STATES

        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [(code, label(names, code)) for code, names in STATES.items()]


class ExchangeSerializer(serializers.ModelSerializer):
    case = CaseSerializer(read_only=True)
    partner_name = serializers.CharField(source="partner.display_name", read_only=True)

    class Meta:
        model = Exchange
        fields = [
            "id",
            "case",
            "title",
            "unit_code",
            "partner",
            "partner_name",
            "region",
            "direction",
            "kind",
            "purpose",
            "participants",
            "participant_count",
            "start",
            "end",
            "outcome",
        ]
        read_only_fields = fields


class ExchangeListSerializer(serializers.ModelSerializer):
    state = serializers.CharField(source="case.state", read_only=True)
    state_label = serializers.CharField(read_only=True)

    class Meta:
        model = Exchange
        fields = [
            "id",
            "title",
            "unit_code",
            "partner",
            "region",
            "direction",
            "kind",
            "start",
            "end",
            "state",
            "state_label",
        ]
        read_only_fields = fields


class NonGovSerializer(serializers.ModelSerializer):
    class Meta:
        model = NonGovExchange
        fields = [
            "id",
            "partner",
            "region",
            "kind",
            "date",
            "title",
            "organiser",
            "participant_count",
            "notes",
        ]
        read_only_fields = fields
