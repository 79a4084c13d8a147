"""What the API and the web forms take (one declaration each) and what the API shows."""

from __future__ import annotations

import datetime

from django.db import connection
from django.db.models import Max
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.casework.api import CaseSerializer
from apps.casework.inputs import CountryField
from apps.foreign_media.models import (
    INTERVIEW_KINDS,
    PRESS_CARDS,
    TONES,
    Article,
    InterviewRequest,
    Journalist,
)
from apps.registry.i18n import choices_of, label

TEXTAREA = {"base_template": "textarea.html"}


def unit_choices() -> list[tuple[str, str]]:
    units = ((getattr(connection, "tenant", None) and connection.tenant.profile) or {}).get(
        "submitting_units"
    ) or []
    return [(u["code"], label(u["names"], u["code"])) for u in units]


def outlet_choices() -> list[tuple[int, str]]:
    from apps.partners.selectors import partner_choices

    if getattr(connection, "schema_name", "public") == "public":
        return []  # the OpenAPI document's generation outside a city
    return partner_choices(kind="media")


def _optional(label_text, max_length, **kwargs) -> serializers.CharField:
    return serializers.CharField(
        label=label_text, max_length=max_length, required=False, allow_blank=True, default="", **kwargs
    )


class OutletField(serializers.ChoiceField):
    """A media outlet of the register of partners, by id (offered by name). Left empty, the
    service says clearly that a journalist needs an outlet."""

    default_error_messages = {"invalid_choice": _("Not a media outlet of the register.")}

    def __init__(self, **kwargs):
        super().__init__(
            choices=outlet_choices(),
            required=False,
            allow_null=True,
            allow_blank=True,
            style={"searchable": True},
            **kwargs,
        )

    def to_internal_value(self, data):
        if data in ("", None):
            return None
        return int(super().to_internal_value(int(data) if str(data).isdigit() else data))


class JournalistInput(serializers.Serializer):
    outlet = OutletField(label=_("media outlet"))
    name_latin = serializers.CharField(label=_("name as in passport"), max_length=100)
    name_zh = _optional(_("Chinese name"), 50)
    nationality = CountryField(label=_("nationality"))
    press_card_kind = serializers.ChoiceField(label=_("press card"), choices=choices_of(PRESS_CARDS))
    press_card_number = serializers.CharField(label=_("press card No."), max_length=40)
    accredited_until = serializers.DateField(
        label=_("accredited until"), required=False, allow_null=True, default=None
    )

    def validate_name_latin(self, value: str) -> str:
        return " ".join(value.split()).upper()


class InterviewInput(serializers.Serializer):
    outlet = OutletField(label=_("media outlet"))
    journalist_name_latin = serializers.CharField(label=_("journalist's name as in passport"), max_length=100)
    journalist_name_zh = _optional(_("journalist's Chinese name"), 50)
    journalist_nationality = CountryField(label=_("journalist's nationality"))
    journalist_press_card_kind = serializers.ChoiceField(
        label=_("press card"), choices=choices_of(PRESS_CARDS)
    )
    journalist_press_card_number = serializers.CharField(label=_("press card No."), max_length=40)
    journalist_accredited_until = serializers.DateField(
        label=_("accredited until"), required=False, allow_null=True, default=None
    )
    topic = serializers.CharField(label=_("topic"), max_length=300)
    unit_code = serializers.ChoiceField(label=_("interviewee's unit"), choices=[])
    interviewees = serializers.CharField(label=_("whom they want to meet"), max_length=300)
    kind = serializers.ChoiceField(label=_("kind of interview"), choices=choices_of(INTERVIEW_KINDS))
    start = serializers.DateField(label=_("from"))
    end = serializers.DateField(label=_("to"))
    questions = serializers.CharField(
        label=_("questions or outline"), required=False, allow_blank=True, default="", style=TEXTAREA
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit_code"].choices = unit_choices()

    def validate_journalist_name_latin(self, value: str) -> str:
        return " ".join(value.split()).upper()


class OutletInput(serializers.Serializer):
    name_zh = serializers.CharField(label=_("name in Chinese"), max_length=200)
    name_en = serializers.CharField(label=_("name in the original script or English"), max_length=200)
    country = CountryField(label=_("country or region"))
    place = _optional(_("city or place"), 200)
    website = serializers.URLField(label=_("website"), required=False, allow_blank=True, default="")


class ArrangementInput(serializers.Serializer):
    held_on = serializers.DateField(label=_("interview date"))
    place = serializers.CharField(label=_("place"), max_length=200)
    escort = serializers.CharField(label=_("escort"), max_length=100)
    interpreter = _optional(_("interpreter"), 100)


class ArticleInput(serializers.Serializer):
    title = serializers.CharField(label=_("headline"), max_length=300)
    url = serializers.URLField(label=_("link"), max_length=500)
    published_on = serializers.DateField(label=_("published on"))
    tone = serializers.ChoiceField(label=_("tone"), choices=choices_of(TONES))
    notes = serializers.CharField(
        label=_("notes"), required=False, allow_blank=True, default="", style=TEXTAREA
    )


class ArticleSerializer(serializers.ModelSerializer):
    class Meta:
        model = Article
        fields = ["id", "title", "url", "published_on", "tone", "notes", "recorded_at"]
        read_only_fields = fields


class JournalistSerializer(serializers.ModelSerializer):
    outlet_name = serializers.CharField(source="outlet.display_name", read_only=True)
    interview_count = serializers.SerializerMethodField()
    last_interview = serializers.SerializerMethodField()

    class Meta:
        model = Journalist
        fields = [
            "id",
            "outlet",
            "outlet_name",
            "name_latin",
            "name_zh",
            "nationality",
            "press_card_kind",
            "press_card_number",
            "accredited_until",
            "interview_count",
            "last_interview",
        ]
        read_only_fields = fields

    def get_interview_count(self, journalist) -> int:
        count = getattr(journalist, "interview_count", None)
        return journalist.interviews.count() if count is None else count

    def get_last_interview(self, journalist) -> datetime.date | None:
        if hasattr(journalist, "last_interview"):
            return journalist.last_interview
        return journalist.interviews.aggregate(last=Max("start"))["last"]


class InterviewSerializer(serializers.ModelSerializer):
    case = CaseSerializer(read_only=True)
    outlet_name = serializers.CharField(source="outlet.display_name", read_only=True)
    journalist = JournalistSerializer(read_only=True)
    articles = ArticleSerializer(many=True, read_only=True)
    consent_by = serializers.CharField(source="consent_by.username", read_only=True, default=None)

    class Meta:
        model = InterviewRequest
        fields = [
            "id",
            "case",
            "title",
            "unit_code",
            "outlet",
            "outlet_name",
            "journalist",
            "topic",
            "interviewees",
            "kind",
            "start",
            "end",
            "questions",
            "consent_by",
            "consent_at",
            "escort",
            "interpreter",
            "place",
            "held_on",
            "articles",
        ]
        read_only_fields = fields


class InterviewListSerializer(serializers.ModelSerializer):
    state = serializers.CharField(source="case.state", read_only=True)
    state_label = serializers.CharField(read_only=True)
    outlet_name = serializers.CharField(source="outlet.display_name", read_only=True)
    journalist_name = serializers.CharField(source="journalist.name_latin", read_only=True)

    class Meta:
        model = InterviewRequest
        fields = [
            "id",
            "title",
            "unit_code",
            "outlet",
            "outlet_name",
            "journalist_name",
            "topic",
            "start",
            "end",
            "state",
            "state_label",
        ]
        read_only_fields = fields


def _text(help_text: str, label=None) -> serializers.CharField:
    return serializers.CharField(
        required=False, default="", allow_blank=True, help_text=help_text, label=label
    )


class ListFilter(serializers.Serializer):
    q = _text("topic, journalist (either script), press card or outlet contains", label=_("Search"))
    state = serializers.ChoiceField(
        label=_("State"), choices=[], required=False, allow_blank=True, default=""
    )
    unit = serializers.ChoiceField(
        label=_("Interviewee's unit"), choices=[], required=False, allow_blank=True, default=""
    )
    country = CountryField(
        label=_("Outlet's country or region"), required=False, allow_blank=True, default=""
    )

    def __init__(self, *args, **kwargs):
        from apps.foreign_media.workflow import STATES

        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [(code, label(names, code)) for code, names in STATES.items()]
        self.fields["unit"].choices = unit_choices()


class JournalistFilter(serializers.Serializer):
    q = _text("name (either script), press card or outlet contains", label=_("Search"))
    country = CountryField(label=_("Nationality"), required=False, allow_blank=True, default="")
