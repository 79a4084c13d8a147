"""What the API and the web forms take (one declaration each) and what the API shows."""

from __future__ import annotations

from django.db import connection
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.casework.inputs import CountryField
from apps.friendship.models import (
    ACTIVITY_KINDS,
    POSITIONS,
    STATUSES,
    Activity,
    ActivityReport,
    CouncilMember,
)
from apps.registry.i18n import choices_of

TEXTAREA = {"base_template": "textarea.html"}


def partner_choices() -> list[tuple[int, str]]:
    from apps.partners.selectors import partner_choices as choices

    if getattr(connection, "schema_name", "public") == "public":
        return []
    return choices(kind=["organisation", "city"])


class MemberInput(serializers.Serializer):
    name = serializers.CharField(label=_("name"), max_length=100)
    position = serializers.ChoiceField(label=_("position in the association"), choices=choices_of(POSITIONS))
    affiliation = serializers.CharField(label=_("employer and title"), max_length=200)
    since = serializers.DateField(label=_("term from"))
    until = serializers.DateField(label=_("term until"), required=False, allow_null=True, default=None)


class ActivityInput(serializers.Serializer):
    title = serializers.CharField(label=_("activity"), max_length=200)
    kind = serializers.ChoiceField(label=_("kind of activity"), choices=choices_of(ACTIVITY_KINDS))
    foreign_group = serializers.CharField(label=_("foreign friendship group"), max_length=200)
    partner = serializers.ChoiceField(
        label=_("the group in the register of partners"),
        choices=[],
        required=False,
        allow_null=True,
        allow_blank=True,
        default=None,
        style={"searchable": True},
    )
    country = CountryField(label=_("country or region"))
    start = serializers.DateField(label=_("from"))
    end = serializers.DateField(label=_("to"))
    place = serializers.CharField(label=_("place"), max_length=200)
    participants = serializers.IntegerField(label=_("participants"), min_value=0, max_value=100000)
    description = serializers.CharField(
        label=_("description"), required=False, allow_blank=True, default="", style=TEXTAREA
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].choices = partner_choices()

    def validate_partner(self, value):
        return int(value) if value not in (None, "") else None


class ReportInput(serializers.Serializer):
    summary = serializers.CharField(label=_("summary"), style=TEXTAREA)
    outcomes = serializers.CharField(
        label=_("outcomes"), required=False, allow_blank=True, default="", style=TEXTAREA
    )
    follow_up = serializers.CharField(
        label=_("follow-up"), required=False, allow_blank=True, default="", style=TEXTAREA
    )


class MemberSerializer(serializers.ModelSerializer):
    class Meta:
        model = CouncilMember
        fields = ["id", "name", "position", "affiliation", "since", "until"]
        read_only_fields = fields


class ReportSerializer(serializers.ModelSerializer):
    submitted_by = serializers.CharField(source="submitted_by.username", read_only=True)

    class Meta:
        model = ActivityReport
        fields = ["summary", "outcomes", "follow_up", "submitted_by", "submitted_at"]
        read_only_fields = fields


class ActivitySerializer(serializers.ModelSerializer):
    status = serializers.SerializerMethodField()
    report = serializers.SerializerMethodField()

    class Meta:
        model = Activity
        fields = [
            "id",
            "title",
            "kind",
            "foreign_group",
            "partner",
            "country",
            "start",
            "end",
            "place",
            "participants",
            "description",
            "status",
            "report",
        ]
        read_only_fields = fields

    def get_status(self, activity) -> str:
        return activity.status()

    def get_report(self, activity) -> dict | None:
        report = getattr(activity, "report", None)
        return ReportSerializer(report).data if report is not None else None


class ActivityFilter(serializers.Serializer):
    q = serializers.CharField(
        label=_("Search"),
        required=False,
        allow_blank=True,
        default="",
        help_text="activity, group or place contains",
    )
    kind = serializers.ChoiceField(
        label=_("Kind of activity"),
        choices=choices_of(ACTIVITY_KINDS),
        required=False,
        allow_blank=True,
        default="",
    )
    country = CountryField(label=_("Country or region"), required=False, allow_blank=True, default="")
    status = serializers.ChoiceField(
        label=_("Status"), choices=choices_of(STATUSES), required=False, allow_blank=True, default=""
    )
