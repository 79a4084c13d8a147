from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.accounts.personal import PersonalFieldsMixin
from apps.casework.api import CaseEventSerializer, CaseSerializer
from apps.partners.inputs import PartnerField
from apps.registry import countries
from apps.registry.ranks import RANKS, rank_choices
from apps.trips import selectors
from apps.trips.models import Delegation, Destination, LimitOverride, Member, TravelDocument


class MemberSerializer(PersonalFieldsMixin, serializers.ModelSerializer):
    personal_fields = ("birth_date", "document_number")

    class Meta:
        model = Member
        fields = ["id", "name", "gender", "birth_date", "unit", "position", "rank", "document_type",
                  "document_number", "visa_or_endorsement", "is_interpreter",
                  "education_acknowledged_at"]  # fmt: skip
        read_only_fields = ["id", "education_acknowledged_at"]
        extra_kwargs = {"birth_date": {"allow_null": True, "help_text": "null unless the caller may see it"}}


class DestinationSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()

    class Meta:
        model = Destination
        fields = ["country", "name", "arrive", "leave", "transit_airside"]

    def get_name(self, destination) -> str:
        return countries.name(destination.country)


class OverrideSerializer(serializers.ModelSerializer):
    decided_by = serializers.CharField(source="decided_by.username", read_only=True)

    class Meta:
        model = LimitOverride
        fields = ["rule", "justification", "decided_by", "decided_at"]
        read_only_fields = fields


class WarningSerializer(serializers.Serializer):
    rule = serializers.CharField()
    rule_label = serializers.CharField()
    message = serializers.CharField()


class DelegationSerializer(serializers.ModelSerializer):
    case = CaseSerializer(read_only=True)
    warnings = serializers.SerializerMethodField(
        help_text="what does not block the application but needs attention (e.g. a travel document overdue)"
    )
    members = MemberSerializer(many=True, read_only=True)
    destinations = DestinationSerializer(many=True, read_only=True)
    overrides = OverrideSerializer(many=True, read_only=True)

    class Meta:
        model = Delegation
        fields = ["id", "case", "kind", "title", "unit_code", "unit_kind", "purpose", "inviter_name",
                  "inviter_country", "invitation_attachment_id", "funding_source", "budget", "departure",
                  "return_date", "days", "notice_from", "notice_until", "objection", "approval_number",
                  "approval_document_id", "report_due", "report", "outcome_notice", "report_filed_at",
                  "members", "destinations", "overrides", "warnings"]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(WarningSerializer(many=True))
    def get_warnings(self, delegation) -> list[dict]:
        if delegation.case.state not in ("draft", "returned", "in_review", "escalated"):
            return []
        return selectors.travel_document_warnings(delegation)


class DelegationListSerializer(serializers.ModelSerializer):
    state = serializers.CharField(source="case.state", read_only=True)

    class Meta:
        model = Delegation
        fields = ["id", "title", "kind", "unit_code", "departure", "return_date", "state", "approval_number"]
        read_only_fields = fields


def _units() -> list[tuple[str, str]]:
    from apps.registry.units import unit_choices

    return [("", "—"), *unit_choices()]


def _countries() -> list[tuple[str, str]]:
    """Every country or region a trip goes to or an inviter is in, in the active language."""
    return [("", "—"), *countries.choices("abroad"), *countries.choices("hkmo")]


def _max_member_rows() -> int:
    from apps.trips.validation import max_member_rows

    return max_member_rows()


COUNTRY = {"choices": _countries, "searchable": True}


class MemberInputSerializer(serializers.Serializer):
    name = serializers.CharField(label=_("name"), max_length=100)
    gender = serializers.ChoiceField(label=_("gender"), choices=Member.Gender.choices)
    birth_date = serializers.DateField(label=_("birth date"))
    unit = serializers.CharField(label=_("unit"), max_length=200)
    position = serializers.CharField(label=_("position"), max_length=200)
    rank = serializers.ChoiceField(label=_("rank"), choices=RANKS, style={"choices": rank_choices})
    document_type = serializers.ChoiceField(label=_("document type"), choices=Member.DocumentType.choices)
    document_number = serializers.CharField(label=_("document number"), max_length=20)
    visa_or_endorsement = serializers.CharField(
        label=_("visa (abroad) or endorsement (Hong Kong/Macao)"),
        max_length=100,
        required=False,
        allow_blank=True,
        default="",
    )
    is_interpreter = serializers.BooleanField(label=_("interpreter"), default=False)


class DestinationInputSerializer(serializers.Serializer):
    country = serializers.CharField(label=_("country/region"), max_length=2, min_length=2, style=COUNTRY)
    arrive = serializers.DateField(label=_("arrive"))
    leave = serializers.DateField(label=_("leave"))
    transit_airside = serializers.BooleanField(label=_("airside transit only"), default=False)


class DelegationInputSerializer(serializers.Serializer):
    """A delegation's application: the API's input and (``WebInput``) the web form."""

    kind = serializers.ChoiceField(
        label=_("kind"), choices=Delegation.Kind.choices, default=Delegation.Kind.ABROAD
    )
    title = serializers.CharField(label=_("title"), max_length=200)
    unit_code = serializers.CharField(
        label=_("submitting unit"),
        max_length=64,
        required=False,
        allow_blank=True,
        default="",
        style={"choices": _units, "searchable": True},
    )
    purpose = serializers.CharField(label=_("purpose and tasks"))
    inviter_name = serializers.CharField(label=_("inviting organisation"), max_length=200)
    inviter_country = serializers.CharField(
        label=_("inviter's country/region"), max_length=2, min_length=2, style=COUNTRY
    )
    # Optional: the inviter as a partner of the office's register (its page then shows the trip).
    inviter_partner = PartnerField(
        label=_("inviter in the register of partners"), required=False, allow_null=True
    )
    funding_source = serializers.CharField(label=_("funding source"), max_length=200)
    budget = serializers.DecimalField(label=_("budget (yuan)"), max_digits=12, decimal_places=2, min_value=0)
    departure = serializers.DateField(label=_("departure"))
    return_date = serializers.DateField(label=_("return"))
    members = MemberInputSerializer(many=True, style={"max_rows": _max_member_rows})
    destinations = DestinationInputSerializer(many=True, style={"max_rows": 8})


def _optional_text(help_text: str) -> serializers.CharField:
    return serializers.CharField(required=False, default="", allow_blank=True, help_text=help_text)


class ListFilterSerializer(serializers.Serializer):
    """The list's query parameters (the keyword arguments of ``selectors.search``)."""

    q = serializers.CharField(
        required=False, default="", allow_blank=True, help_text="title, inviter or member name contains"
    )
    state = serializers.CharField(
        required=False, default="", allow_blank=True, help_text="case state, e.g. in_review"
    )
    kind = _optional_text("abroad or hkmo")
    unit = serializers.CharField(
        required=False, default="", allow_blank=True, help_text="submitting unit code"
    )
    country = serializers.CharField(
        required=False, default="", allow_blank=True, help_text="ISO 3166 code of a destination"
    )
    departs_from = serializers.DateField(required=False, default=None, allow_null=True)
    departs_until = serializers.DateField(required=False, default=None, allow_null=True)


class VersionSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)


class ObjectionSerializer(VersionSerializer):
    objection = serializers.CharField()


class ReportSerializer(VersionSerializer):
    report = serializers.CharField()
    outcome = serializers.CharField(required=False, allow_blank=True, default="")


class OverrideInputSerializer(serializers.Serializer):
    rule = serializers.CharField()
    justification = serializers.CharField()


class InvitationUploadSerializer(serializers.Serializer):
    file = serializers.FileField()


class CustodyIntakeSerializer(serializers.Serializer):
    holder_name = serializers.CharField(max_length=100)
    holder_birth_date = serializers.DateField()
    document_type = serializers.ChoiceField(choices=Member.DocumentType.choices)
    number = serializers.CharField(max_length=20, help_text="upper-cased, e.g. SE1234567")


class TravelDocumentSerializer(PersonalFieldsMixin, serializers.ModelSerializer):
    personal_fields = ("number",)

    class Meta:
        model = TravelDocument
        fields = ["id", "holder_name", "document_type", "number", "status", "issued_for", "issued_at",
                  "due_back", "returned_at"]  # fmt: skip
        read_only_fields = fields


class StatisticsFiguresSerializer(serializers.Serializer):
    delegations = serializers.IntegerField()
    people = serializers.IntegerField()
    countries = serializers.IntegerField(help_text="distinct countries/regions visited")
    person_days = serializers.IntegerField()
    overrides = serializers.IntegerField(help_text="limits overridden (LimitOverride)")
    overdue_documents = serializers.IntegerField(help_text="travel documents overdue now")
    overdue_reports = serializers.IntegerField(help_text="post-trip reports overdue now")


class StatisticsUnitSerializer(StatisticsFiguresSerializer):
    unit_code = serializers.CharField()
    unit_name = serializers.CharField()


class StatisticsSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    half = serializers.IntegerField()
    start = serializers.DateField()
    end = serializers.DateField()
    as_of = serializers.DateField(help_text="the day the overdue items are counted on")
    units = StatisticsUnitSerializer(many=True)
    total = StatisticsFiguresSerializer()


__all__ = ["CaseEventSerializer"]


class TransitionInput(serializers.Serializer):
    """The API's one endpoint for the engine's transitions (``transition/``)."""

    transition = serializers.ChoiceField(
        choices=sorted(["approve", "return", "reject", "withdraw", "release"])
    )
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class AcknowledgeInput(serializers.Serializer):
    member = serializers.CharField(help_text="the member's id (in the API's URL)")
