"""What the API and the web forms take (one declaration each) and what the API shows."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.brlc.models import (
    ADOPTION_METHODS,
    FOLLOW_UP_STATUSES,
    LEVELS,
    MEETING_KINDS,
    PROJECT_STATUSES,
    Application,
    ContactPerson,
    Delivery,
    FollowUp,
    Meeting,
    Member,
    Milestone,
    Notice,
    Participation,
    Project,
    Resolution,
    StatusReport,
)
from apps.casework.api import CaseSerializer
from apps.casework.inputs import CountryField
from apps.registry.i18n import choices_of

TEXTAREA = {"base_template": "textarea.html"}


def _choice(table, **kwargs) -> serializers.ChoiceField:
    return serializers.ChoiceField(choices=choices_of(table), **kwargs)


def _member_choices(queryset) -> list[tuple[int, str]]:
    return [(m.pk, f"{m.name_zh} {m.name_en}") for m in queryset]


class _Members(serializers.MultipleChoiceField):
    """Members picked by name (the web) or by id (the API); only the ones offered."""

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", [])
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, str | int):
            data = [data]
        try:
            data = [int(item) for item in data]
        except (TypeError, ValueError):
            self.fail("invalid_choice", input=data)
        return sorted(super().to_internal_value(data))

    def to_representation(self, value):
        return sorted(value)


def active_member_choices():
    return _member_choices(Member.objects.filter(status="active").order_by("name_en"))


# --- members and applications ---------------------------------------------------------


class ContactInput(serializers.Serializer):
    name = serializers.CharField(label=_("name"), max_length=100)
    position = serializers.CharField(
        label=_("position"), max_length=100, required=False, allow_blank=True, default=""
    )
    email = serializers.EmailField(label=_("e-mail"), required=False, allow_blank=True, default="")
    phone = serializers.CharField(
        label=_("telephone"), max_length=40, required=False, allow_blank=True, default=""
    )


class MemberInput(serializers.Serializer):
    name_zh = serializers.CharField(label=_("name in Chinese"), max_length=200)
    name_en = serializers.CharField(label=_("name in English"), max_length=200)
    name_native = serializers.CharField(
        label=_("name in the member's own language"),
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
    )
    level = _choice(LEVELS, label=_("level"))
    website = serializers.CharField(
        label=_("website"), max_length=200, required=False, allow_blank=True, default=""
    )


class WithdrawInput(serializers.Serializer):
    withdrawn_on = serializers.DateField(label=_("withdrew on"))
    reason = serializers.CharField(label=_("reason"), style=TEXTAREA)


def _record_pk(serializer) -> int | None:
    """The record of the page (or API action) the input is posted to."""
    request = serializer.context.get("request")
    match = getattr(request, "resolver_match", None)
    pk = match.kwargs.get("pk") if match is not None else None
    try:
        return int(pk) if pk is not None else None
    except (TypeError, ValueError):
        return None


class RemoveContactInput(serializers.Serializer):
    contact = serializers.ChoiceField(label=_("contact person"), choices=[])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not _live(self):
            return
        contacts = ContactPerson.objects.filter(member_id=_record_pk(self))
        self.fields["contact"].choices = [(c.pk, f"{c.name} {c.position}".strip()) for c in contacts]
        self.fields["contact"].error_messages["invalid_choice"] = _("Not a contact person of this member.")

    def validate_contact(self, value):
        return int(value)


class ApplicationInput(serializers.Serializer):
    name_zh = serializers.CharField(label=_("name in Chinese"), max_length=200)
    name_en = serializers.CharField(label=_("name in English"), max_length=200)
    name_native = serializers.CharField(
        label=_("name in the member's own language"),
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
    )
    country = CountryField(kind="country", label=_("country or region"))
    level = _choice(LEVELS, label=_("level"))
    received_on = serializers.DateField(label=_("received on"))
    motivation = serializers.CharField(label=_("reasons for joining"), style=TEXTAREA)
    contact_name = serializers.CharField(label=_("contact person"), max_length=100)
    contact_position = serializers.CharField(
        label=_("contact person's position"), max_length=100, required=False, allow_blank=True, default=""
    )
    contact_email = serializers.EmailField(
        label=_("contact person's e-mail"), required=False, allow_blank=True, default=""
    )
    contact_phone = serializers.CharField(
        label=_("contact person's telephone"), max_length=40, required=False, allow_blank=True, default=""
    )


def _live(serializer) -> bool:
    """Choices from the database only for a request (not when the class is inspected at
    import, before any city schema is there)."""
    return serializer.context.get("request") is not None


class DecisionInput(serializers.Serializer):
    meeting = serializers.ChoiceField(label=_("meeting that decided"), choices=[])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not _live(self):
            return
        meetings = Meeting.objects.filter(kind__in=("council", "executive")).exclude(status="cancelled")
        self.fields["meeting"].choices = [(m.pk, str(m)) for m in meetings.order_by("-date")[:50]]
        self.fields["meeting"].error_messages["invalid_choice"] = _("Choose a council or executive meeting.")

    def validate_meeting(self, value):
        return int(value)


class ContactSerializer(serializers.ModelSerializer):
    class Meta:
        model = ContactPerson
        fields = ["id", "name", "position", "email", "phone"]


class MemberSerializer(serializers.ModelSerializer):
    contacts = ContactSerializer(many=True, read_only=True)

    class Meta:
        model = Member
        fields = [
            "id",
            "name_zh",
            "name_en",
            "name_native",
            "country",
            "level",
            "join_date",
            "status",
            "withdrawn_on",
            "website",
            "contacts",
        ]
        read_only_fields = fields


class MemberListSerializer(MemberSerializer):
    class Meta(MemberSerializer.Meta):
        fields = [f for f in MemberSerializer.Meta.fields if f != "contacts"]
        read_only_fields = fields


class ApplicationSerializer(serializers.ModelSerializer):
    case = CaseSerializer(read_only=True)
    state = serializers.CharField(read_only=True)
    state_label = serializers.CharField(read_only=True)

    class Meta:
        model = Application
        fields = [
            "id",
            "title",
            "state",
            "state_label",
            "name_zh",
            "name_en",
            "name_native",
            "country",
            "level",
            "received_on",
            "motivation",
            "contact_name",
            "contact_position",
            "contact_email",
            "contact_phone",
            "meeting",
            "member",
            "letter_number",
            "case",
        ]
        read_only_fields = fields


class ApplicationListSerializer(ApplicationSerializer):
    class Meta(ApplicationSerializer.Meta):
        fields = [f for f in ApplicationSerializer.Meta.fields if f not in ("case", "motivation")]
        read_only_fields = fields


class ListFilter(serializers.Serializer):
    q = serializers.CharField(label=_("search"), required=False, allow_blank=True, default="", max_length=100)


# --- meetings and resolutions ---------------------------------------------------------


class MeetingInput(serializers.Serializer):
    kind = _choice(MEETING_KINDS, label=_("kind of meeting"))
    title = serializers.CharField(label=_("title"), max_length=200)
    date = serializers.DateField(label=_("date"))
    place = serializers.CharField(label=_("place"), max_length=200)
    agenda = serializers.CharField(label=_("agenda"), style=TEXTAREA)


class InviteInput(serializers.Serializer):
    members = _Members(label=_("members to invite"))
    message = serializers.CharField(label=_("invitation message"), style=TEXTAREA)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not _live(self):
            return
        self.fields["members"].choices = active_member_choices()


class RecordMeetingInput(serializers.Serializer):
    attended = _Members(label=_("members who attended"), allow_empty=True, required=False, default=list)
    minutes = serializers.CharField(label=_("minutes"), style=TEXTAREA)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not _live(self):
            return
        self.fields["attended"].choices = _member_choices(Member.objects.order_by("name_en"))


class CancelInput(serializers.Serializer):
    reason = serializers.CharField(label=_("reason"), style=TEXTAREA)


class AdoptionInput(serializers.Serializer):
    method = _choice(ADOPTION_METHODS, label=_("how adopted"))
    votes_for = serializers.IntegerField(label=_("votes for"), min_value=0, required=False, allow_null=True)
    votes_against = serializers.IntegerField(
        label=_("votes against"), min_value=0, required=False, allow_null=True
    )
    abstentions = serializers.IntegerField(
        label=_("abstentions"), min_value=0, required=False, allow_null=True
    )


class ResolutionInput(serializers.Serializer):
    meeting = serializers.IntegerField(label=_("meeting"))
    number = serializers.CharField(label=_("resolution No."), max_length=40)
    title_zh = serializers.CharField(label=_("title in Chinese"), max_length=200)
    title_en = serializers.CharField(label=_("title in English"), max_length=200)
    text_zh = serializers.CharField(label=_("text in Chinese"), style=TEXTAREA)
    text_en = serializers.CharField(label=_("text in English"), style=TEXTAREA)
    adoption = AdoptionInput(
        required=False, allow_null=True, help_text="given: the resolution is adopted now"
    )


class DraftResolutionInput(serializers.Serializer):
    """A draft resolution put on a meeting's table (the web form on the meeting's page)."""

    number = serializers.CharField(label=_("resolution No."), max_length=40)
    title_zh = serializers.CharField(label=_("title in Chinese"), max_length=200)
    title_en = serializers.CharField(label=_("title in English"), max_length=200)
    text_zh = serializers.CharField(label=_("text in Chinese"), style=TEXTAREA)
    text_en = serializers.CharField(label=_("text in English"), style=TEXTAREA)


class RejectInput(serializers.Serializer):
    votes_for = serializers.IntegerField(label=_("votes for"), min_value=0, required=False, allow_null=True)
    votes_against = serializers.IntegerField(
        label=_("votes against"), min_value=0, required=False, allow_null=True
    )
    abstentions = serializers.IntegerField(
        label=_("abstentions"), min_value=0, required=False, allow_null=True
    )


class FollowUpInput(serializers.Serializer):
    reported_on = serializers.DateField(label=_("reported on"))
    status = _choice(FOLLOW_UP_STATUSES, label=_("status"))
    note = serializers.CharField(label=_("what was done"), style=TEXTAREA)


class ParticipationSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.name_en", read_only=True)

    class Meta:
        model = Participation
        fields = ["member", "member_name", "invited_at", "attended"]
        read_only_fields = fields


class FollowUpSerializer(serializers.ModelSerializer):
    class Meta:
        model = FollowUp
        fields = ["id", "reported_on", "status", "note"]
        read_only_fields = fields


class ResolutionSerializer(serializers.ModelSerializer):
    follow_ups = FollowUpSerializer(many=True, read_only=True)

    class Meta:
        model = Resolution
        fields = [
            "id",
            "meeting",
            "number",
            "title_zh",
            "title_en",
            "text_zh",
            "text_en",
            "status",
            "method",
            "votes_for",
            "votes_against",
            "abstentions",
            "decided_on",
            "follow_ups",
        ]
        read_only_fields = fields


class MeetingSerializer(serializers.ModelSerializer):
    participations = ParticipationSerializer(many=True, read_only=True)
    resolutions = ResolutionSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "kind",
            "title",
            "date",
            "place",
            "agenda",
            "status",
            "minutes",
            "participations",
            "resolutions",
        ]
        read_only_fields = fields


class MeetingListSerializer(serializers.ModelSerializer):
    class Meta:
        model = Meeting
        fields = ["id", "kind", "title", "date", "place", "status"]
        read_only_fields = fields


class PublicResolutionSerializer(serializers.ModelSerializer):
    """What the committee publishes of an adopted resolution."""

    meeting_title = serializers.CharField(source="meeting.title", read_only=True)
    meeting_date = serializers.DateField(source="meeting.date", read_only=True)

    class Meta:
        model = Resolution
        fields = [
            "number",
            "title_zh",
            "title_en",
            "text_zh",
            "text_en",
            "method",
            "votes_for",
            "votes_against",
            "abstentions",
            "decided_on",
            "meeting_title",
            "meeting_date",
        ]
        read_only_fields = fields


class PublicMemberSerializer(serializers.ModelSerializer):
    """The member directory: names, country, level, joining date; no contacts."""

    class Meta:
        model = Member
        fields = ["name_zh", "name_en", "name_native", "country", "level", "join_date", "website"]
        read_only_fields = fields


# --- projects -------------------------------------------------------------------------


class ProjectInput(serializers.Serializer):
    title_zh = serializers.CharField(label=_("title in Chinese"), max_length=200)
    title_en = serializers.CharField(label=_("title in English"), max_length=200)
    summary = serializers.CharField(label=_("summary"), style=TEXTAREA)
    lead = serializers.ChoiceField(label=_("lead member"), choices=[])
    partners = _Members(label=_("partners"))
    starts_on = serializers.DateField(label=_("starts on"))
    ends_on = serializers.DateField(label=_("ends on"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not _live(self):
            return
        choices = active_member_choices()
        self.fields["lead"].choices = choices
        self.fields["partners"].choices = choices

    def validate_lead(self, value):
        return int(value)


class MilestoneInput(serializers.Serializer):
    title = serializers.CharField(label=_("milestone"), max_length=200)
    due_on = serializers.DateField(label=_("due on"))


class ReachMilestoneInput(serializers.Serializer):
    milestone = serializers.ChoiceField(label=_("milestone"), choices=[])
    done_on = serializers.DateField(label=_("reached on"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not _live(self):
            return
        milestones = Milestone.objects.filter(project_id=_record_pk(self), done_on__isnull=True)
        self.fields["milestone"].choices = [(m.pk, f"{m.title} ({m.due_on:%Y-%m-%d})") for m in milestones]
        self.fields["milestone"].error_messages["invalid_choice"] = _(
            "Not an open milestone of this project."
        )

    def validate_milestone(self, value):
        return int(value)


class StatusReportInput(serializers.Serializer):
    reported_on = serializers.DateField(label=_("reported on"))
    progress = serializers.IntegerField(label=_("progress (%)"), min_value=0, max_value=100)
    text = serializers.CharField(label=_("report"), style=TEXTAREA)


class CloseProjectInput(serializers.Serializer):
    status = serializers.ChoiceField(
        label=_("result"),
        choices=choices_of({k: v for k, v in PROJECT_STATUSES.items() if k in ("completed", "cancelled")}),
    )
    outcome = serializers.CharField(label=_("outcome"), style=TEXTAREA)


class MilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Milestone
        fields = ["id", "title", "due_on", "done_on"]
        read_only_fields = fields


class StatusReportSerializer(serializers.ModelSerializer):
    class Meta:
        model = StatusReport
        fields = ["id", "reported_on", "progress", "text"]
        read_only_fields = fields


class ProjectSerializer(serializers.ModelSerializer):
    milestones = MilestoneSerializer(many=True, read_only=True)
    reports = StatusReportSerializer(many=True, read_only=True)

    class Meta:
        model = Project
        fields = [
            "id",
            "title_zh",
            "title_en",
            "summary",
            "lead",
            "partners",
            "starts_on",
            "ends_on",
            "status",
            "outcome",
            "milestones",
            "reports",
        ]
        read_only_fields = fields


class ProjectListSerializer(ProjectSerializer):
    class Meta(ProjectSerializer.Meta):
        fields = ["id", "title_zh", "title_en", "lead", "starts_on", "ends_on", "status"]
        read_only_fields = fields


# --- notices --------------------------------------------------------------------------


class NoticeInput(serializers.Serializer):
    subject = serializers.CharField(label=_("subject"), max_length=200)
    body = serializers.CharField(label=_("message"), style=TEXTAREA)
    members = _Members(label=_("to members"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not _live(self):
            return
        self.fields["members"].choices = active_member_choices()


class DeliverySerializer(serializers.ModelSerializer):
    class Meta:
        model = Delivery
        fields = ["member", "contact_name", "email", "status", "detail", "delivered_at"]
        read_only_fields = fields


class NoticeSerializer(serializers.ModelSerializer):
    deliveries = DeliverySerializer(many=True, read_only=True)

    class Meta:
        model = Notice
        fields = ["id", "subject", "body", "meeting", "sent_at", "deliveries"]
        read_only_fields = fields


class NoticeListSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notice
        fields = ["id", "subject", "meeting", "sent_at"]
        read_only_fields = fields
