"""What the API and the web forms take (one declaration each) and what the API shows."""

from __future__ import annotations

from django.db import connection
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.accounts.scoping import is_unit_bound
from apps.casework.api import CaseSerializer
from apps.leading_group.models import (
    AGENDA_STATUSES,
    ATTENDANCE,
    MEETING_KINDS,
    AgendaItem,
    Attendance,
    Decision,
    KeyPoint,
    Meeting,
    ProgressReport,
    Task,
)
from apps.leading_group.workflow import MEETING_STATES, TASK_STATES
from apps.registry.i18n import choices_of, label


def _choice(table, **kwargs) -> serializers.ChoiceField:
    return serializers.ChoiceField(choices=choices_of(table), **kwargs)


def _text(label_text, **kwargs) -> serializers.CharField:
    return serializers.CharField(label=label_text, style={"base_template": "textarea.html"}, **kwargs)


def _profile() -> dict:
    return getattr(getattr(connection, "tenant", None), "profile", None) or {}


def unit_choices() -> list[tuple[str, str]]:
    units = _profile().get("submitting_units") or []
    return [(u["code"], label(u["names"], u["code"])) for u in units]


def division_choices() -> list[tuple[str, str]]:
    divisions = _profile().get("divisions") or []
    return [(d["code"], label(d["names"], d["code"])) for d in divisions]


def _record_pk(context) -> int | None:
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    return match.kwargs.get("pk") if match is not None else None


# --- inputs ---------------------------------------------------------------------------


class MeetingInput(serializers.Serializer):
    title = serializers.CharField(label=_("title of the meeting"), max_length=200)
    kind = _choice(MEETING_KINDS, label=_("kind of meeting"))
    meeting_date = serializers.DateField(label=_("date of the meeting"))
    place = serializers.CharField(label=_("place"), max_length=200)
    chair = serializers.CharField(label=_("chaired by"), max_length=100)
    agenda_deadline = serializers.DateField(
        label=_("agenda items by"), required=False, allow_null=True, default=None
    )


class AgendaItemInput(serializers.Serializer):
    meeting = serializers.ChoiceField(label=_("meeting"), choices=[])
    unit_code = serializers.ChoiceField(
        label=_("submitting unit"), choices=[], required=False, allow_blank=True, default=""
    )
    title = serializers.CharField(label=_("topic"), max_length=200)
    summary = _text(_("explanation"))

    def __init__(self, *args, **kwargs):
        from apps.leading_group.selectors import open_for_agenda

        super().__init__(*args, **kwargs)
        self.fields["meeting"].choices = [
            (m.pk, f"{m.meeting_date:%Y-%m-%d} {m.title}") for m in open_for_agenda()
        ]
        self.fields["meeting"].error_messages["invalid_choice"] = _(
            "This meeting no longer takes agenda items."
        )
        user = getattr(self.context.get("request"), "user", None)
        if user is not None and is_unit_bound(user):
            self.fields["unit_code"] = serializers.HiddenField(default=user.unit)
        else:
            self.fields["unit_code"].choices = [("", _("The office")), *unit_choices()]


REVIEW_CHOICES = {
    "accepted": AGENDA_STATUSES["accepted"],
    "declined": AGENDA_STATUSES["declined"],
}


class ReviewItemInput(serializers.Serializer):
    item = serializers.IntegerField(label=_("agenda item"))
    outcome = _choice(REVIEW_CHOICES, label=_("outcome"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        pk = _record_pk(self.context)
        if pk is None:
            return
        items = AgendaItem.objects.filter(meeting_id=pk, status="proposed").order_by("order")
        self.fields["item"] = serializers.ChoiceField(
            label=_("agenda item"),
            choices=[(i.pk, f"{i.title}（{i.unit_name}）") for i in items],
            error_messages={"invalid_choice": _("Not an agenda item of this meeting.")},
        )

    def validate(self, attrs):
        attrs["item"] = int(attrs["item"])
        attrs["accept"] = attrs["outcome"] == "accepted"
        return attrs


class AttendeeInput(serializers.Serializer):
    name = serializers.CharField(label=_("name"), max_length=100)
    position = serializers.CharField(label=_("position"), max_length=200)
    status = _choice(ATTENDANCE, label=_("attendance"))
    note = serializers.CharField(
        label=_("note"), max_length=200, required=False, allow_blank=True, default=""
    )


class HoldInput(serializers.Serializer):
    attendance = AttendeeInput(many=True, label=_("attendance"))


class MinutesInput(serializers.Serializer):
    minutes = _text(_("minutes"))


class DecisionInput(serializers.Serializer):
    text = _text(_("decision"))


class _TaskFields(serializers.Serializer):
    unit_code = serializers.ChoiceField(label=_("department in charge"), choices=[])
    title = serializers.CharField(label=_("task"), max_length=200)
    requirement = _text(_("what is required"))
    deadline = serializers.DateField(label=_("deadline"), required=False, allow_null=True, default=None)
    working_days = serializers.IntegerField(
        label=_("or within working days"),
        required=False,
        allow_null=True,
        default=None,
        min_value=1,
        max_value=250,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit_code"].choices = unit_choices()


class AssignInput(_TaskFields):
    """On a meeting's page (and its API action): a task from one of its decisions."""

    decision = serializers.IntegerField(label=_("decision"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        pk = _record_pk(self.context)
        if pk is None:
            return
        decisions = Decision.objects.filter(meeting_id=pk).order_by("number")
        self.fields["decision"] = serializers.ChoiceField(
            label=_("decision"),
            choices=[(d.pk, f"{d.number}. {d.text[:40]}") for d in decisions],
            error_messages={"invalid_choice": _("Not a decision of this meeting.")},
        )

    def validate(self, attrs):
        attrs["decision"] = int(attrs["decision"])
        return attrs


class KeyPointTaskInput(_TaskFields):
    """On a key point's page: a task for it."""


class TaskInput(_TaskFields):
    """The API's new task: from a decision or a key point (one of the two)."""

    decision = serializers.IntegerField(required=False, allow_null=True, default=None)
    key_point = serializers.IntegerField(required=False, allow_null=True, default=None)


class KeyPointInput(serializers.Serializer):
    year = serializers.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    title = serializers.CharField(label=_("key point"), max_length=200)
    text = _text(_("content"), required=False, allow_blank=True, default="")
    division = serializers.ChoiceField(
        label=_("division in charge"), choices=[], required=False, allow_blank=True, default=""
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["division"].choices = division_choices()


class ReportInput(serializers.Serializer):
    text = _text(_("report"))


# --- filters --------------------------------------------------------------------------

TASK_STATUSES = {
    "open": {"zh": "未办结", "en": "open"},
    "overdue": {"zh": "已逾期", "en": "overdue"},
    "escalated": {"zh": "已报主任", "en": "escalated to the director"},
    "closed": {"zh": "已办结", "en": "closed"},
}


class TaskFilter(serializers.Serializer):
    q = serializers.CharField(label=_("Search"), required=False, allow_blank=True, default="")
    status = _choice(TASK_STATUSES, label=_("Status"), required=False, allow_blank=True, default="")
    state = _choice(TASK_STATES, label=_("State"), required=False, allow_blank=True, default="")
    unit = serializers.ChoiceField(
        label=_("Department"), choices=[], required=False, allow_blank=True, default=""
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = unit_choices()


class MeetingFilter(serializers.Serializer):
    q = serializers.CharField(label=_("Search"), required=False, allow_blank=True, default="")
    state = _choice(MEETING_STATES, label=_("State"), required=False, allow_blank=True, default="")
    year = serializers.IntegerField(
        label=_("Year"), required=False, allow_null=True, default=None, min_value=2000, max_value=2100
    )


# --- output ---------------------------------------------------------------------------


class AgendaItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["id", "meeting", "unit_code", "title", "summary", "status", "proposed_at"]
        read_only_fields = fields


class AttendanceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Attendance
        fields = ["name", "position", "status", "note"]
        read_only_fields = fields


class DecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Decision
        fields = ["id", "number", "text", "recorded_at"]
        read_only_fields = fields


class MeetingSerializer(serializers.ModelSerializer):
    case = CaseSerializer(read_only=True)
    agenda_items = AgendaItemSerializer(many=True, read_only=True)
    attendance = AttendanceSerializer(many=True, read_only=True)
    decisions = DecisionSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "case",
            "title",
            "kind",
            "meeting_date",
            "place",
            "chair",
            "agenda_deadline",
            "minutes",
            "minutes_issued_at",
            "held_at",
            "agenda_items",
            "attendance",
            "decisions",
        ]
        read_only_fields = fields


class MeetingListSerializer(serializers.ModelSerializer):
    state = serializers.CharField(source="case.state", read_only=True)
    state_label = serializers.CharField(read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "title", "kind", "meeting_date", "place", "state", "state_label"]
        read_only_fields = fields


class ProgressReportSerializer(serializers.ModelSerializer):
    reported_by = serializers.CharField(source="reported_by.username", read_only=True)

    class Meta:
        model = ProgressReport
        fields = ["text", "done", "reported_by", "reported_at"]
        read_only_fields = fields


class TaskListSerializer(serializers.ModelSerializer):
    state = serializers.CharField(source="case.state", read_only=True)
    state_label = serializers.CharField(read_only=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Task
        fields = [
            "id",
            "title",
            "unit_code",
            "deadline",
            "state",
            "state_label",
            "overdue",
            "escalated_at",
            "meeting",
            "decision",
            "key_point",
        ]
        read_only_fields = fields

    def get_overdue(self, task) -> bool:
        return task.overdue()


class TaskSerializer(TaskListSerializer):
    case = CaseSerializer(read_only=True)
    reports = ProgressReportSerializer(many=True, read_only=True)

    class Meta(TaskListSerializer.Meta):
        fields = [
            *TaskListSerializer.Meta.fields,
            "case",
            "requirement",
            "assigned_on",
            "closed_at",
            "reports",
        ]
        read_only_fields = fields


class KeyPointSerializer(serializers.ModelSerializer):
    tasks = TaskListSerializer(many=True, read_only=True)

    class Meta:
        model = KeyPoint
        fields = ["id", "year", "number", "title", "text", "division", "tasks"]
        read_only_fields = fields
