"""What the API and the web form take (one declaration each) and what the API shows."""

from __future__ import annotations

import datetime

from django.db import connection
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.accounts.scoping import is_unit_bound
from apps.casework.api import CaseSerializer
from apps.partners.inputs import PartnerField
from apps.registry.i18n import choices_of, label
from apps.sister_cities.models import EXCHANGE_KINDS, FIELDS, LEVELS, AnnualPlan, Exchange, Relationship


def unit_choices() -> list[tuple[str, str]]:
    units = ((getattr(connection, "tenant", None) and connection.tenant.profile) or {}).get(
        "submitting_units"
    ) or []
    return [("", _("The city itself")), *((u["code"], label(u["names"], u["code"])) for u in units)]


class RelationshipInput(serializers.Serializer):
    title = serializers.CharField(label=_("title"), max_length=200)
    partner = PartnerField(label=_("partner city or region"), kinds=("city",))
    level = serializers.ChoiceField(label=_("kind of relationship"), choices=choices_of(LEVELS))
    unit_code = serializers.ChoiceField(
        label=_("proposed by (district or county)"), choices=[], required=False, allow_blank=True, default=""
    )
    background = serializers.CharField(label=_("background"), style={"base_template": "textarea.html"})
    exchanges_so_far = serializers.CharField(
        label=_("exchanges so far"), required=False, allow_blank=True, default="",
        style={"base_template": "textarea.html"},
    )  # fmt: skip
    proposed_term_years = serializers.IntegerField(
        label=_("proposed term (years)"), required=False, allow_null=True, min_value=1, max_value=50
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is not None and is_unit_bound(user):  # a district proposes for itself only
            self.fields["unit_code"] = serializers.HiddenField(default=user.unit)
            return
        self.fields["unit_code"].choices = unit_choices()


class AttachInput(serializers.Serializer):
    file = serializers.FileField(label=_("file (PDF, PNG or JPEG)"))


class NationalApprovalInput(serializers.Serializer):
    approved_on = serializers.DateField(label=_("national approval date"))
    reference = serializers.CharField(label=_("national approval reference"), max_length=100)


class SignInput(serializers.Serializer):
    signed_on = serializers.DateField(label=_("signed on"))
    signed_place = serializers.CharField(
        label=_("signed at"), max_length=200, required=False, allow_blank=True
    )
    term_start = serializers.DateField(label=_("term from"))
    term_end = serializers.DateField(label=_("term until (blank: no end)"), required=False, allow_null=True)
    agreement = serializers.FileField(label=_("the signed agreement (PDF)"), required=False)


class RenewInput(serializers.Serializer):
    term_end = serializers.DateField(label=_("new end of the term"))


class ExchangeInput(serializers.Serializer):
    kind = serializers.ChoiceField(label=_("kind of exchange"), choices=choices_of(EXCHANGE_KINDS))
    field = serializers.ChoiceField(label=_("field"), choices=choices_of(FIELDS))
    date = serializers.DateField(label=_("date"))
    title = serializers.CharField(label=_("title"), max_length=200)
    description = serializers.CharField(
        label=_("description"),
        required=False,
        allow_blank=True,
        default="",
        style={"base_template": "textarea.html"},
    )
    participants = serializers.IntegerField(label=_("participants"), required=False, min_value=0, default=0)


class PlanInput(serializers.Serializer):
    year = serializers.IntegerField(label=_("year"), min_value=1950, max_value=2100)
    items = serializers.CharField(label=_("planned exchanges"), style={"base_template": "textarea.html"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = datetime.date.today().year


class ExchangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Exchange
        fields = ["id", "kind", "field", "date", "title", "description", "participants"]
        read_only_fields = fields


class PlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = AnnualPlan
        fields = ["year", "items"]
        read_only_fields = fields


class RelationshipSerializer(serializers.ModelSerializer):
    case = CaseSerializer(read_only=True)
    partner_name = serializers.CharField(source="partner.display_name", read_only=True)
    exchanges = ExchangeSerializer(many=True, read_only=True)
    plans = PlanSerializer(many=True, read_only=True)

    class Meta:
        model = Relationship
        fields = [
            "id", "case", "title", "unit_code", "partner", "partner_name", "level", "background",
            "exchanges_so_far", "proposed_term_years", "national_approval_on", "national_approval_reference",
            "signed_on", "signed_place", "term_start", "term_end", "exchanges", "plans",
        ]  # fmt: skip
        read_only_fields = fields


class RelationshipListSerializer(serializers.ModelSerializer):
    state = serializers.CharField(source="case.state", read_only=True)
    state_label = serializers.CharField(read_only=True)
    partner_name = serializers.CharField(source="partner.display_name", read_only=True)

    class Meta:
        model = Relationship
        fields = ["id", "title", "unit_code", "partner", "partner_name", "level", "state", "state_label",
                  "signed_on", "term_end"]  # fmt: skip
        read_only_fields = fields


class ListFilter(serializers.Serializer):
    q = serializers.CharField(
        label=_("Partner or title"), required=False, allow_blank=True, default="", max_length=100
    )
    state = serializers.ChoiceField(
        label=_("State"), choices=[], required=False, allow_blank=True, default=""
    )
    level = serializers.ChoiceField(
        label=_("Kind of relationship"),
        choices=choices_of(LEVELS),
        required=False,
        allow_blank=True,
        default="",
    )
    dormant = serializers.BooleanField(label=_("Dormant only"), required=False, default=False)

    def __init__(self, *args, **kwargs):
        from apps.sister_cities.workflow import STATES

        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [(code, label(names, code)) for code, names in STATES.items()]
