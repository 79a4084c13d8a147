"""What the API and the web forms take (one declaration each) and what the API shows."""

from __future__ import annotations

from django.db import connection
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.accounts.scoping import is_unit_bound
from apps.casework.api import CaseSerializer
from apps.casework.inputs import CountryField
from apps.partners.inputs import PartnerField
from apps.receptions.models import (
    DRESS,
    FOLLOW_UP_KINDS,
    GIFT_DIRECTIONS,
    HOST_LEVELS,
    ITEM_KINDS,
    PLACES,
    PRESS,
    PROTOCOL_RANKS,
    ROLES,
    SEATING_KINDS,
    SIDES,
    FollowUp,
    Gift,
    Participant,
    ProgrammeItem,
    Registration,
    Seat,
    Seating,
    Visit,
    choices,
)
from apps.registry.i18n import label
from apps.registry.ranks import rank_choices


def _choice(table, **kwargs) -> serializers.ChoiceField:
    return serializers.ChoiceField(choices=choices(table), **kwargs)


def _optional_choice(table, **kwargs) -> serializers.ChoiceField:
    return _choice(table, required=False, allow_blank=True, default="", **kwargs)


def _text(max_length, label, **kwargs) -> serializers.CharField:
    return serializers.CharField(
        label=label, max_length=max_length, required=False, allow_blank=True, default="", **kwargs
    )


def _long(label, required=True) -> serializers.CharField:
    extra = {} if required else {"required": False, "allow_blank": True, "default": ""}
    return serializers.CharField(label=label, style={"base_template": "textarea.html"}, **extra)


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


def office_user_choices() -> list[tuple[int, str]]:
    from apps.accounts.models import User
    from apps.accounts.roles import role_label

    users = User.objects.filter(is_active=True).exclude(role="submitter").order_by("username")
    return [(u.pk, f"{u.get_full_name() or u.username} · {role_label(u.role)}") for u in users]


class GuestInput(serializers.Serializer):
    name_zh = _text(60, _("name in Chinese"))
    name_en = _text(100, _("name in English"))
    title_text = _text(120, _("title or position"))
    organisation = _text(200, _("organisation"))
    country = CountryField(label=_("country"), required=False, allow_blank=True, default="")
    protocol_rank = _optional_choice(PROTOCOL_RANKS, label=_("protocol rank"))
    took_office = serializers.DateField(
        label=_("in office since"), required=False, allow_null=True, default=None
    )
    dietary = _text(200, _("dietary needs"))
    languages = _text(100, _("languages"))
    role = _choice(ROLES, label=_("role"), required=False, default="member")


class HostInput(serializers.Serializer):
    name_zh = _text(60, _("name in Chinese"))
    name_en = _text(100, _("name in English"))
    title_text = _text(120, _("title or position"))
    rank = serializers.ChoiceField(label=_("rank"), choices=[], required=False, allow_blank=True, default="")
    took_office = serializers.DateField(
        label=_("in office since"), required=False, allow_null=True, default=None
    )
    user = serializers.IntegerField(
        label=_("user of the office (for the calendar)"),
        required=False,
        allow_null=True,
        default=None,
        style={"choices": lambda: [("", "—"), *office_user_choices()]},
    )
    role = _choice(ROLES, label=_("role"), required=False, default="member")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rank"].choices = rank_choices()


class VisitInput(serializers.Serializer):
    title = serializers.CharField(label=_("title of the visit"), max_length=200)
    unit_code = serializers.ChoiceField(
        label=_("submitting unit"), choices=[], required=False, allow_blank=True
    )
    division = serializers.ChoiceField(
        label=_("division in charge"), choices=[], required=False, allow_blank=True, default=""
    )
    purpose = _long(_("purpose"))
    arrival = serializers.DateField(label=_("arrival"))
    departure = serializers.DateField(label=_("departure"))
    budget = serializers.DecimalField(
        label=_("budget (yuan)"), max_digits=12, decimal_places=2, min_value=0, default=0
    )
    meets_level = _optional_choice(HOST_LEVELS, label=_("meets the guests (blank: as the table says)"))
    banquet_level = _optional_choice(HOST_LEVELS, label=_("hosts the banquet (blank: as the table says)"))
    sees_off_level = _optional_choice(HOST_LEVELS, label=_("sees them off (blank: as the table says)"))
    level_reason = _long(_("reason for a higher level"), required=False)
    # Optional: the guests' organisation or city as a partner of the office's register (its
    # page then lists this visit among the partner's exchanges).
    partner = PartnerField(
        label=_("guests' organisation in the register of partners"), required=False, allow_null=True
    )
    guests = GuestInput(many=True, label=_("guests"))
    hosts = HostInput(many=True, label=_("hosts"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        self.fields["division"].choices = division_choices()
        if user is not None and is_unit_bound(user):
            self.fields["unit_code"] = serializers.HiddenField(default=user.unit)
            return
        self.fields["unit_code"].choices = unit_choices()


def _visit_people(context) -> list[tuple[int, str]]:
    """The participants of the visit the request is about (for its action forms)."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    pk = match.kwargs.get("pk") if match is not None else None
    if pk is None or not getattr(getattr(request, "user", None), "is_authenticated", False):
        return []
    people = Participant.objects.filter(
        visit__in=Visit.objects.visible_to(request.user), visit_id=pk
    ).order_by("-side", "precedence", "order")
    return [(p.pk, f"{p.both_names}（{label(SIDES[p.side])}）") for p in people]


class AddGuestInput(serializers.Serializer):
    ref = serializers.CharField(label=_("person from a register"), max_length=80)
    protocol_rank = _optional_choice(PROTOCOL_RANKS, label=_("protocol rank"))


class ItemInput(serializers.Serializer):
    kind = _choice(ITEM_KINDS, label=_("kind"))
    title = serializers.CharField(label=_("item"), max_length=200)
    start = serializers.DateTimeField(label=_("start"))
    end = serializers.DateTimeField(label=_("end"))
    venue = _text(200, _("venue"))
    participants = serializers.MultipleChoiceField(
        label=_("participants"), choices=[], required=False, default=list
    )
    vehicles = _text(200, _("vehicles"))
    dress = _optional_choice(DRESS, label=_("dress"))
    press = _optional_choice(PRESS, label=_("press"))
    notes = _long(_("notes"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].choices = _visit_people(self.context)

    def validate_participants(self, value):
        return sorted(int(v) for v in value)


class EditItemInput(ItemInput):
    item = serializers.IntegerField(label=_("programme item"))


class ItemRefInput(serializers.Serializer):
    item = serializers.IntegerField(label=_("programme item"))


class ReorderInput(serializers.Serializer):
    side = _choice(SIDES, label=_("side"))
    order = serializers.ListField(
        child=serializers.IntegerField(), label=_("participants in order"), allow_empty=False
    )


class MoveInput(serializers.Serializer):
    participant = serializers.IntegerField(label=_("participant"))
    direction = serializers.ChoiceField(label=_("direction"), choices=[("up", _("up")), ("down", _("down"))])


class SideInput(serializers.Serializer):
    side = _choice(SIDES, label=_("side"))


class SeatingInput(serializers.Serializer):
    kind = _choice(SEATING_KINDS, label=_("layout"))
    title = serializers.CharField(label=_("occasion"), max_length=200)
    seats_per_table = serializers.IntegerField(
        label=_("seats per table (banquet)"),
        min_value=2,
        max_value=24,
        required=False,
        allow_null=True,
        default=None,
    )


class RegenerateInput(serializers.Serializer):
    seating = serializers.IntegerField(label=_("seating plan"))
    kind = _choice(SEATING_KINDS, label=_("layout"))
    seats_per_table = serializers.IntegerField(
        min_value=2, max_value=24, required=False, allow_null=True, default=None
    )


class SeatRowInput(serializers.Serializer):
    table = serializers.IntegerField(label=_("table"), min_value=1, max_value=200)
    seat = serializers.IntegerField(label=_("seat"), min_value=1, max_value=60)
    place = _choice(PLACES, label=_("place"), required=False, default="seat")
    participant = serializers.IntegerField(label=_("participant"))


class SeatsInput(serializers.Serializer):
    seating = serializers.IntegerField(label=_("seating plan"))
    seats = SeatRowInput(many=True, label=_("seats"), allow_empty=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        match = getattr(request, "resolver_match", None)
        if match is not None and match.kwargs.get("seating"):  # the seating page: the plan is its own
            self.fields["seating"] = serializers.HiddenField(default=int(match.kwargs["seating"]))
        people = _visit_people(self.context)
        if people:  # the web picks each seat's person by name (the API gives the id)
            self.fields["seats"].child.fields["participant"].style["choices"] = [("", "—"), *people]


class SeatingRefInput(serializers.Serializer):
    seating = serializers.IntegerField(label=_("seating plan"))


class GiftInput(serializers.Serializer):
    direction = _choice(GIFT_DIRECTIONS, label=_("given or received"))
    item = serializers.CharField(label=_("gift"), max_length=200)
    value = serializers.DecimalField(label=_("value (yuan)"), max_digits=12, decimal_places=2)
    counterpart = _text(200, _("given to / received from"))
    approved_by = _text(100, _("approved by (gifts given)"))
    handed_in = serializers.BooleanField(label=_("handed in (gifts received)"), default=False)
    kept_at = _text(200, _("where kept"))


class HandInInput(serializers.Serializer):
    gift = serializers.IntegerField(label=_("gift"))
    kept_at = serializers.CharField(label=_("where kept"), max_length=200)


class FollowUpInput(serializers.Serializer):
    kind = _choice(FOLLOW_UP_KINDS, label=_("kind"))
    title = serializers.CharField(label=_("task"), max_length=200)
    due = serializers.DateField(label=_("due"))


class FollowUpRefInput(serializers.Serializer):
    follow_up = serializers.IntegerField(label=_("follow-up"))


class CompleteInput(serializers.Serializer):
    summary = _long(_("summary of the visit"))
    actual_cost = serializers.DecimalField(
        label=_("actual cost (yuan)"),
        max_digits=12,
        decimal_places=2,
        required=False,
        allow_null=True,
        default=None,
    )
    follow_ups = FollowUpInput(many=True, label=_("follow-ups"), required=False)


class RegistrationInput(serializers.Serializer):
    title = serializers.CharField(label=_("title of the visit"), max_length=200)
    unit_code = serializers.ChoiceField(label=_("unit"), choices=[], required=False, allow_blank=True)
    purpose = _long(_("purpose"))
    arrival = serializers.DateField(label=_("arrival"))
    departure = serializers.DateField(label=_("departure"))
    country = CountryField(label=_("country"))
    chief_guest = serializers.CharField(label=_("head of the delegation (name and title)"), max_length=200)
    protocol_rank = _choice(PROTOCOL_RANKS, label=_("protocol rank"))
    guests = serializers.IntegerField(label=_("number of guests"), min_value=1, max_value=999)
    host = serializers.CharField(label=_("who receives them"), max_length=200)
    programme = _long(_("programme"))
    budget = serializers.DecimalField(
        label=_("budget (yuan)"), max_digits=12, decimal_places=2, min_value=0, default=0
    )
    contact = serializers.CharField(label=_("contact person and telephone"), max_length=120)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is not None and is_unit_bound(user):
            self.fields["unit_code"] = serializers.HiddenField(default=user.unit)
            return
        self.fields["unit_code"].choices = unit_choices()


# --- what the API shows ------------------------------------------------------------------


class ParticipantSerializer(serializers.ModelSerializer):
    class Meta:
        model = Participant
        fields = [
            "id", "side", "role", "precedence", "name_zh", "name_en", "title_text", "organisation", "country",
            "protocol_rank", "rank", "took_office", "dietary", "languages", "user", "source",
        ]  # fmt: skip
        read_only_fields = fields


class ItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgrammeItem
        fields = [
            "id",
            "kind",
            "title",
            "start",
            "end",
            "venue",
            "participants",
            "vehicles",
            "dress",
            "press",
            "notes",
        ]
        read_only_fields = fields


class SeatSerializer(serializers.ModelSerializer):
    class Meta:
        model = Seat
        fields = ["table", "seat", "place", "participant"]
        read_only_fields = fields


class SeatingSerializer(serializers.ModelSerializer):
    seats = SeatSerializer(many=True, read_only=True)

    class Meta:
        model = Seating
        fields = ["id", "kind", "title", "seats_per_table", "seats"]
        read_only_fields = fields


class GiftSerializer(serializers.ModelSerializer):
    class Meta:
        model = Gift
        fields = ["id", "direction", "item", "value", "counterpart", "approved_by", "handed_in", "kept_at"]
        read_only_fields = fields


class FollowUpSerializer(serializers.ModelSerializer):
    class Meta:
        model = FollowUp
        fields = ["id", "kind", "title", "due", "owner", "done_at"]
        read_only_fields = fields


class VisitSerializer(serializers.ModelSerializer):
    case = CaseSerializer(read_only=True)
    participants = ParticipantSerializer(many=True, read_only=True)
    items = ItemSerializer(many=True, read_only=True)
    seatings = SeatingSerializer(many=True, read_only=True)
    gifts = GiftSerializer(many=True, read_only=True)
    follow_ups = FollowUpSerializer(many=True, read_only=True)
    conflicts = serializers.SerializerMethodField()

    class Meta:
        model = Visit
        fields = [
            "id", "case", "title", "unit_code", "division", "purpose", "arrival", "departure", "country",
            "budget", "meets_level", "banquet_level", "sees_off_level", "level_reason", "plan_number",
            "plan_document_id", "actual_cost", "summary", "participants", "items", "seatings", "gifts",
            "follow_ups", "conflicts",
        ]  # fmt: skip
        read_only_fields = fields

    def get_conflicts(self, visit) -> dict[str, list[dict[str, str]]]:
        from apps.receptions.selectors import conflicts

        return {
            str(item): [{"kind": c.kind, "message": str(c.message)} for c in found]
            for item, found in conflicts(visit).items()
        }


class VisitListSerializer(serializers.ModelSerializer):
    state = serializers.CharField(source="case.state", read_only=True)
    state_label = serializers.CharField(read_only=True)

    class Meta:
        model = Visit
        fields = [
            "id",
            "title",
            "unit_code",
            "country",
            "arrival",
            "departure",
            "state",
            "state_label",
            "plan_number",
        ]
        read_only_fields = fields


class RegistrationSerializer(serializers.ModelSerializer):
    case = CaseSerializer(read_only=True)

    class Meta:
        model = Registration
        fields = [
            "id", "case", "title", "unit_code", "purpose", "arrival", "departure", "country", "chief_guest",
            "protocol_rank", "guests", "host", "programme", "budget", "contact",
        ]  # fmt: skip
        read_only_fields = fields


class RegistrationListSerializer(serializers.ModelSerializer):
    state = serializers.CharField(source="case.state", read_only=True)
    state_label = serializers.CharField(read_only=True)

    class Meta:
        model = Registration
        fields = ["id", "title", "unit_code", "country", "arrival", "departure", "state", "state_label"]
        read_only_fields = fields


def _filter_text(help_text, label):
    return serializers.CharField(
        required=False, default="", allow_blank=True, help_text=help_text, label=label
    )


class ListFilter(serializers.Serializer):
    q = _filter_text("title, a participant's name or the plan's number contains", _("Name or number"))
    state = serializers.ChoiceField(
        label=_("State"), choices=[], required=False, allow_blank=True, default=""
    )
    unit = serializers.ChoiceField(label=_("Unit"), choices=[], required=False, allow_blank=True, default="")
    country = CountryField(label=_("Country"), required=False, allow_blank=True, default="")

    def __init__(self, *args, **kwargs):
        from apps.receptions.workflow import STATES

        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [(code, label(names, code)) for code, names in STATES.items()]
        self.fields["unit"].choices = unit_choices()


class RegistrationFilter(serializers.Serializer):
    q = _filter_text("title, head of delegation or host contains", _("Name"))
    state = serializers.ChoiceField(
        label=_("State"), choices=[], required=False, allow_blank=True, default=""
    )
    unit = serializers.ChoiceField(label=_("Unit"), choices=[], required=False, allow_blank=True, default="")

    def __init__(self, *args, **kwargs):
        from apps.receptions.workflow import REGISTRATION_STATES

        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [
            (code, label(names, code)) for code, names in REGISTRATION_STATES.items()
        ]
        self.fields["unit"].choices = unit_choices()
