"""What the API and the web form take (one declaration each) and what the API shows."""

from __future__ import annotations

from django.db import connection
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.accounts.personal import PersonalFieldsMixin
from apps.accounts.scoping import is_unit_bound
from apps.casework.api import CaseSerializer
from apps.casework.inputs import CountryField
from apps.invitations.models import (
    CATEGORIES,
    ENTRIES,
    INVITEE_FIELDS,
    PAYERS,
    SEXES,
    VISA_STATUSES,
    VISA_TYPES,
    VISIT_KINDS,
    Invitation,
    Invitee,
    RuleOverride,
    VisaNotice,
    choices,
)
from apps.partners.inputs import PartnerField
from apps.registry.i18n import label


def _choice(table, **kwargs) -> serializers.ChoiceField:
    return serializers.ChoiceField(choices=choices(table), **kwargs)


class InviteeInput(serializers.Serializer):
    name_latin = serializers.CharField(label=_("name as in passport"), max_length=100)
    name_zh = serializers.CharField(
        label=_("Chinese name"), max_length=50, required=False, allow_blank=True, default=""
    )
    sex = _choice(SEXES, label=_("sex"))
    birth_date = serializers.DateField(label=_("date of birth"))
    nationality = CountryField(label=_("nationality"))
    passport_number = serializers.CharField(label=_("passport number"), max_length=20)
    passport_expiry = serializers.DateField(label=_("passport expiry"))
    category = _choice(CATEGORIES, label=_("category"))
    occupation = serializers.CharField(label=_("occupation or title"), max_length=100)
    employer = serializers.CharField(label=_("employer"), max_length=200)
    visa_type = _choice(VISA_TYPES, label=_("visa type"))
    entries = _choice(ENTRIES, label=_("entries"))
    mission = serializers.CharField(label=_("Chinese embassy or consulate applied at"), max_length=200)

    def validate_passport_number(self, value: str) -> str:
        return value.replace(" ", "").upper()

    def validate_name_latin(self, value: str) -> str:
        return " ".join(value.split()).upper()


class InvitationInput(serializers.Serializer):
    title = serializers.CharField(label=_("title of the visit"), max_length=200)
    unit_code = serializers.ChoiceField(
        label=_("inviting unit"), choices=[], required=False, allow_blank=True
    )
    responsible_person = serializers.CharField(label=_("responsible person"), max_length=100)
    responsible_phone = serializers.CharField(label=_("responsible person's telephone"), max_length=40)
    visit_kind = _choice(VISIT_KINDS, label=_("kind of visit"))
    purpose = serializers.CharField(label=_("purpose"), style={"base_template": "textarea.html"})
    programme = serializers.CharField(label=_("programme"), style={"base_template": "textarea.html"})
    arrival = serializers.DateField(label=_("arrival in China"))
    departure = serializers.DateField(label=_("departure from China"))
    places = serializers.CharField(label=_("places to visit"), max_length=300)
    costs_paid_by = _choice(PAYERS, label=_("costs paid by"))
    # Optional: the visitors' organisation as a partner of the office's register (its page
    # then shows this visit).
    partner = PartnerField(
        label=_("visitors' organisation in the register of partners"), required=False, allow_null=True
    )
    acknowledge_responsibility = serializers.BooleanField(
        label=_("The inviting unit undertakes responsibility for its guests during the visit"), default=False
    )
    invitees = InviteeInput(many=True, label=_("invitees"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is not None and is_unit_bound(user):  # a unit invites for itself only
            self.fields["unit_code"] = serializers.HiddenField(default=user.unit)
            return
        self.fields["unit_code"].choices = unit_choices()


def unit_choices() -> list[tuple[str, str]]:
    """The city's submitting units (its profile), by name in the active language."""
    units = ((getattr(connection, "tenant", None) and connection.tenant.profile) or {}).get(
        "submitting_units"
    ) or []
    return [(u["code"], label(u["names"], u["code"])) for u in units]


class OverrideInput(serializers.Serializer):
    rule = serializers.ChoiceField(label=_("rule"), choices=[])
    justification = serializers.CharField(label=_("justification"), style={"base_template": "textarea.html"})

    def __init__(self, *args, **kwargs):
        from apps.invitations.rules import RULE_LABELS

        super().__init__(*args, **kwargs)
        self.fields["rule"].choices = choices(RULE_LABELS)


class AttachInput(serializers.Serializer):
    file = serializers.FileField(label=_("file (PDF, PNG or JPEG)"))


class RegisterInput(serializers.Serializer):
    invitee = serializers.IntegerField(label=_("invitee"))
    visa_status = _choice(VISA_STATUSES, label=_("visa"))
    entered_on = serializers.DateField(label=_("entered China on"), required=False, allow_null=True)
    exited_on = serializers.DateField(label=_("left China on"), required=False, allow_null=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # On an invitation's page (and its API action) the invitee is one of its own,
        # picked by name; the id stays what is posted.
        request = self.context.get("request")
        match = getattr(request, "resolver_match", None)
        pk = match.kwargs.get("pk") if match is not None else None
        if pk is None or not getattr(request.user, "is_authenticated", False):
            return
        invitees = Invitee.objects.filter(
            invitation__in=Invitation.objects.visible_to(request.user), invitation_id=pk
        ).order_by("pk")
        self.fields["invitee"] = serializers.ChoiceField(
            label=_("invitee"),
            choices=[(i.pk, f"{i.name_latin} ({i.passport_number})") for i in invitees],
            error_messages={"invalid_choice": _("Not an invitee of this application.")},
        )


class InviteeSerializer(PersonalFieldsMixin, serializers.ModelSerializer):
    personal_fields = ("birth_date", "passport_number")
    in_city = serializers.BooleanField(read_only=True)

    class Meta:
        model = Invitee
        fields = ["id", *INVITEE_FIELDS, "visa_status", "entered_on", "exited_on", "planned_exit", "in_city"]
        read_only_fields = fields
        extra_kwargs = {"birth_date": {"allow_null": True, "help_text": "null unless the caller may see it"}}


class RegisterEntrySerializer(InviteeSerializer):
    invitation = serializers.IntegerField(source="invitation_id", read_only=True)
    unit_code = serializers.CharField(read_only=True)
    overstaying = serializers.SerializerMethodField()

    class Meta(InviteeSerializer.Meta):
        fields = [*InviteeSerializer.Meta.fields, "invitation", "unit_code", "overstaying"]
        read_only_fields = fields

    def get_overstaying(self, invitee) -> bool:
        return invitee.overstaying()


class OverrideSerializer(serializers.ModelSerializer):
    decided_by = serializers.CharField(source="decided_by.username", read_only=True)

    class Meta:
        model = RuleOverride
        fields = ["rule", "justification", "decided_by", "decided_at"]
        read_only_fields = fields


class VisaNoticeSerializer(serializers.ModelSerializer):
    class Meta:
        model = VisaNotice
        fields = ["mission", "number", "document_id"]
        read_only_fields = fields


class InvitationSerializer(serializers.ModelSerializer):
    case = CaseSerializer(read_only=True)
    invitees = InviteeSerializer(many=True, read_only=True)
    overrides = OverrideSerializer(many=True, read_only=True)
    visa_notices = VisaNoticeSerializer(many=True, read_only=True)
    acknowledged_by = serializers.CharField(source="acknowledged_by.username", read_only=True, default=None)

    class Meta:
        model = Invitation
        fields = [
            "id",
            "case",
            "title",
            "unit_code",
            "responsible_person",
            "responsible_phone",
            "visit_kind",
            "purpose",
            "programme",
            "arrival",
            "departure",
            "places",
            "costs_paid_by",
            "acknowledged_by",
            "acknowledged_at",
            "letter_number",
            "letter_document_id",
            "issued_at",
            "invitees",
            "overrides",
            "visa_notices",
        ]
        read_only_fields = fields


class InvitationListSerializer(serializers.ModelSerializer):
    state = serializers.CharField(source="case.state", read_only=True)
    state_label = serializers.CharField(read_only=True)

    class Meta:
        model = Invitation
        fields = [
            "id",
            "title",
            "unit_code",
            "visit_kind",
            "arrival",
            "departure",
            "state",
            "state_label",
            "letter_number",
        ]
        read_only_fields = fields


def _text(help_text: str, label=None) -> serializers.CharField:
    return serializers.CharField(
        required=False, default="", allow_blank=True, help_text=help_text, label=label
    )


def _country(help_text: str) -> CountryField:
    return CountryField(
        label=_("Nationality"), required=False, allow_blank=True, default="", help_text=help_text
    )


def _unit() -> serializers.ChoiceField:
    return serializers.ChoiceField(
        label=_("Inviting unit"),
        choices=[],
        required=False,
        allow_blank=True,
        default="",
        help_text="inviting unit code",
    )


class ListFilter(serializers.Serializer):
    """The list's filters (the page's and the API's query): each field labelled for the page."""

    q = _text("title, an invitee's name or passport number contains", label=_("Name or passport number"))
    state = serializers.ChoiceField(
        label=_("State"), choices=[], required=False, allow_blank=True, default=""
    )
    unit = _unit()
    country = _country("an invitee's nationality (ISO code)")
    visit_kind = _choice(VISIT_KINDS, label=_("Kind of visit"), required=False, allow_blank=True, default="")

    def __init__(self, *args, **kwargs):
        from apps.invitations.workflow import STATES

        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [(code, label(names, code)) for code, names in STATES.items()]
        self.fields["unit"].choices = unit_choices()


REGISTER_STATUSES = {
    "in_city": {"zh": "目前在本市", "en": "in the city now"},
    "overstaying": {"zh": "已过计划离境日期、未报离境", "en": "planned exit passed, no exit reported"},
    "pending": {"zh": "待办签证", "en": "visa pending"},
    "obtained": {"zh": "已获签证", "en": "visa obtained"},
    "refused": {"zh": "拒签", "en": "visa refused"},
}


class RegisterFilter(serializers.Serializer):
    q = _text("name (Latin or Chinese) or passport number contains", label=_("Name or passport number"))
    country = _country("nationality (ISO code)")
    unit = _unit()
    status = _choice(
        REGISTER_STATUSES,
        label=_("Status"),
        required=False,
        allow_blank=True,
        default="",
        help_text="in_city: entered, no exit reported; overstaying: planned exit passed, no exit reported",
    )
    passport = _text("exact passport number (a visitor's earlier and later visits)", label=_("Passport"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = unit_choices()
