"""What the API and the web form take (one declaration each) and what the API shows."""

from __future__ import annotations

from django.db import connection
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.accounts.scoping import is_unit_bound
from apps.casework.api import CaseSerializer
from apps.casework.inputs import CountryField
from apps.conferences.models import FUNDING, KINDS, SCALES, Conference, HeadOfDelegation, ParticipantCountry
from apps.registry.i18n import choices_of, label
from apps.registry.ranks import RANKS, rank_choices

LEADER_ROLES = ("director", "division_head")


def _choice(table, **kwargs) -> serializers.ChoiceField:
    return serializers.ChoiceField(choices=choices_of(table), **kwargs)


def unit_choices() -> list[tuple[str, str]]:
    units = ((getattr(connection, "tenant", None) and connection.tenant.profile) or {}).get(
        "submitting_units"
    ) or []
    return [(u["code"], label(u["names"], u["code"])) for u in units]


def division_choices() -> list[tuple[str, str]]:
    divisions = ((getattr(connection, "tenant", None) and connection.tenant.profile) or {}).get(
        "divisions"
    ) or []
    return [(d["code"], label(d["names"], d["code"])) for d in divisions]


def leader_choices() -> list[tuple[int, str]]:
    from apps.accounts.models import User

    leaders = User.objects.filter(role__in=LEADER_ROLES, is_active=True).order_by("role", "username")
    return [(user.pk, f"{user} ({user.role_label})") for user in leaders]


class CountryInput(serializers.Serializer):
    country = CountryField(label=_("country or region"))
    participants = serializers.IntegerField(label=_("participants"), min_value=1, max_value=100000)


def rank_or_blank() -> list[tuple[str, str]]:
    """The ranks by name, after a blank: an untouched row of heads stays empty (optional)."""
    return [("", "—"), *rank_choices()]


class HeadInput(serializers.Serializer):
    name = serializers.CharField(label=_("name"), max_length=100)
    country = CountryField(label=_("country or region"))
    title = serializers.CharField(label=_("title and organisation"), max_length=200)
    rank = serializers.ChoiceField(label=_("protocol rank"), choices=RANKS, style={"choices": rank_or_blank})


class ConferenceInput(serializers.Serializer):
    title = serializers.CharField(label=_("name in Chinese"), max_length=200)
    name_en = serializers.CharField(label=_("name in English"), max_length=300)
    kind = _choice(KINDS, label=_("kind of activity"))
    unit_code = serializers.ChoiceField(label=_("organiser"), choices=[], required=False, allow_blank=True)
    responsible_person = serializers.CharField(label=_("responsible person"), max_length=100)
    responsible_phone = serializers.CharField(label=_("responsible person's telephone"), max_length=40)
    start = serializers.DateField(label=_("first day"))
    end = serializers.DateField(label=_("last day"))
    venue = serializers.CharField(label=_("venue"), max_length=200)
    total_participants = serializers.IntegerField(
        label=_("participants in all"), min_value=1, max_value=1000000
    )
    media = serializers.IntegerField(label=_("media (journalists)"), min_value=0, max_value=100000, default=0)
    foreign_media = serializers.IntegerField(
        label=_("foreign journalists"), min_value=0, max_value=100000, default=0
    )
    sponsors = serializers.CharField(label=_("sponsors"), style={"base_template": "textarea.html"})
    co_organisers = serializers.CharField(
        label=_("co-organisers"),
        required=False,
        allow_blank=True,
        default="",
        style={"base_template": "textarea.html"},
    )
    budget = serializers.DecimalField(label=_("budget (yuan)"), max_digits=12, decimal_places=2, min_value=0)
    funding = _choice(FUNDING, label=_("funding"))
    security_plan = serializers.CharField(label=_("security plan"), style={"base_template": "textarea.html"})
    health_plan = serializers.CharField(
        label=_("health and epidemic-prevention plan"), style={"base_template": "textarea.html"}
    )
    division = serializers.ChoiceField(
        label=_("division in charge"), choices=[], required=False, allow_blank=True, default=""
    )
    office_leader = serializers.ChoiceField(
        label=_("office leader attending"),
        choices=[],
        required=False,
        allow_null=True,
        allow_blank=True,
        default=None,
    )
    countries = CountryInput(many=True, label=_("foreign participants by country"))
    heads = HeadInput(many=True, label=_("heads of delegation"), required=False, default=list)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is not None and is_unit_bound(user):  # a unit applies for itself only
            self.fields["unit_code"] = serializers.HiddenField(default=user.unit)
        else:
            self.fields["unit_code"].choices = unit_choices()
        self.fields["division"].choices = division_choices()
        self.fields["office_leader"].choices = leader_choices()

    def validate_office_leader(self, value):
        return int(value) if value not in (None, "") else None


class ReportInput(serializers.Serializer):
    report = serializers.CharField(label=_("outcome report"), style={"base_template": "textarea.html"})
    actual_foreign_participants = serializers.IntegerField(
        label=_("foreign participants who came"), min_value=0, max_value=1000000
    )


class CountrySerializer(serializers.ModelSerializer):
    class Meta:
        model = ParticipantCountry
        fields = ["country", "participants"]
        read_only_fields = fields


class HeadSerializer(serializers.ModelSerializer):
    class Meta:
        model = HeadOfDelegation
        fields = ["name", "country", "title", "rank"]
        read_only_fields = fields


class ConferenceSerializer(serializers.ModelSerializer):
    case = CaseSerializer(read_only=True)
    countries = CountrySerializer(many=True, read_only=True)
    heads = HeadSerializer(many=True, read_only=True)

    class Meta:
        model = Conference
        fields = [
            "id",
            "case",
            "title",
            "name_en",
            "kind",
            "unit_code",
            "responsible_person",
            "responsible_phone",
            "start",
            "end",
            "venue",
            "total_participants",
            "foreign_participants",
            "media",
            "foreign_media",
            "sponsors",
            "co_organisers",
            "budget",
            "funding",
            "security_plan",
            "health_plan",
            "division",
            "office_leader",
            "scale",
            "approval_number",
            "approval_document_id",
            "report_due",
            "report",
            "actual_foreign_participants",
            "report_filed_at",
            "countries",
            "heads",
        ]
        read_only_fields = fields


class ConferenceListSerializer(serializers.ModelSerializer):
    state = serializers.CharField(source="case.state", read_only=True)
    state_label = serializers.CharField(read_only=True)

    class Meta:
        model = Conference
        fields = [
            "id",
            "title",
            "name_en",
            "unit_code",
            "start",
            "end",
            "venue",
            "foreign_participants",
            "scale",
            "state",
            "state_label",
            "approval_number",
            "report_due",
        ]
        read_only_fields = fields


class ListFilter(serializers.Serializer):
    q = serializers.CharField(
        label=_("Name or venue"),
        required=False,
        default="",
        allow_blank=True,
        help_text="name or venue contains",
    )
    state = serializers.ChoiceField(
        label=_("State"), choices=[], required=False, allow_blank=True, default=""
    )
    unit = serializers.ChoiceField(
        label=_("Organiser"), choices=[], required=False, allow_blank=True, default="", help_text="unit code"
    )
    scale = _choice(SCALES, label=_("Scale"), required=False, allow_blank=True, default="")
    overdue = serializers.BooleanField(
        label=_("Outcome report overdue"),
        required=False,
        default=False,
        help_text="only approved conferences whose outcome report is overdue",
    )

    def __init__(self, *args, **kwargs):
        from apps.conferences.workflow import STATES

        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [(code, label(names, code)) for code, names in STATES.items()]
        self.fields["unit"].choices = unit_choices()
