"""The Foreign Affairs Leading Group's office (外事工作领导小组办公室): the group's
meetings (agenda items submitted by departments, attendance, minutes, decisions), the
follow-up tasks (督办事项) assigned to departments from each decision or from the year's key
points of foreign-affairs work, and the departments' progress reports on them."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.casework.records import CaseRecord
from apps.leading_group.workflow import OPEN_TASK_STATES
from apps.registry.i18n import choices_of
from apps.registry.units import unit_label

MEETING_KINDS = {
    "plenary": {"zh": "领导小组全体会议", "en": "Plenary meeting of the leading group"},
    "special": {"zh": "专题会议", "en": "Special meeting"},
    "office": {"zh": "领导小组办公室会议", "en": "Meeting of the group's office"},
}
AGENDA_STATUSES = {
    "proposed": {"zh": "待审核", "en": "Proposed"},
    "accepted": {"zh": "列入议程", "en": "On the agenda"},
    "declined": {"zh": "未列入议程", "en": "Not on the agenda"},
}
ATTENDANCE = {
    "present": {"zh": "出席", "en": "Present"},
    "deputy": {"zh": "委托出席", "en": "Represented by a deputy"},
    "absent": {"zh": "请假", "en": "Excused"},
}


class Meeting(CaseRecord):
    """A meeting of the leading group; its case runs planned → held → minutes issued.
    ``unit_code`` is empty: the office's own (departments never see meetings, only their
    agenda items and tasks)."""

    workflow_id = "leading_group.meeting"

    kind = models.CharField(_("kind of meeting"), max_length=16, choices=choices_of(MEETING_KINDS))
    meeting_date = models.DateField(_("date of the meeting"), db_index=True)
    place = models.CharField(_("place"), max_length=200)
    chair = models.CharField(_("chaired by"), max_length=100)
    agenda_deadline = models.DateField(_("agenda items by"), null=True, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_issued_at = models.DateTimeField(null=True, blank=True)
    held_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-meeting_date", "-pk"]
        verbose_name = _("leading group meeting")
        verbose_name_plural = _("leading group meetings")

    @property
    def happened(self) -> bool:
        return self.case.state in ("held", "minuted")


class AgendaItem(models.Model):
    """A topic a department (or the office) asks the meeting to consider."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    unit_code = models.CharField(_("submitting unit"), max_length=64, blank=True, db_index=True)
    title = models.CharField(_("topic"), max_length=200)
    summary = models.TextField(_("explanation"))
    status = models.CharField(
        _("status"), max_length=10, choices=choices_of(AGENDA_STATUSES), default="proposed"
    )
    order = models.PositiveSmallIntegerField(default=0)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def unit_name(self) -> str:
        return unit_label(self.unit_code) if self.unit_code else str(_("The office"))


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    order = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("name"), max_length=100)
    position = models.CharField(_("position"), max_length=200)
    status = models.CharField(_("attendance"), max_length=10, choices=choices_of(ATTENDANCE))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class Decision(models.Model):
    """A decision (议定事项) of a meeting that was held; its follow-up tasks hang on it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("decision"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="leading_group_decision_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"


class KeyPoint(models.Model):
    """One of the year's key points of foreign-affairs work (年度外事工作要点), tracked by
    the same follow-up tasks as the meetings' decisions."""

    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("key point"), max_length=200)
    text = models.TextField(_("content"), blank=True)
    division = models.CharField(_("division in charge"), max_length=64, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "number"]
        constraints = [models.UniqueConstraint(fields=["year", "number"], name="leading_group_key_point")]

    def __str__(self) -> str:
        return f"{self.year}-{self.number} {self.title}"


class Task(CaseRecord):
    """A follow-up task (督办事项): what a department must do, from a meeting's decision or
    from a key point, by a deadline (a working day). ``unit_code`` is the department in
    charge: its submitters see and answer it, nobody else's."""

    workflow_id = "leading_group.task"

    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="tasks"
    )
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="tasks"
    )
    key_point = models.ForeignKey(
        KeyPoint, null=True, blank=True, on_delete=models.PROTECT, related_name="tasks"
    )
    requirement = models.TextField(_("what is required"))
    assigned_on = models.DateField(_("assigned on"))
    deadline = models.DateField(_("deadline"), db_index=True)
    escalated_at = models.DateTimeField(_("escalated to the director"), null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("follow-up task")
        verbose_name_plural = _("follow-up tasks")

    def search_words(self) -> list[str]:
        return [self.title, self.requirement, self.unit_name]

    @property
    def is_open(self) -> bool:
        return self.case.state in OPEN_TASK_STATES

    def overdue(self, today: datetime.date | None = None) -> bool:
        return self.is_open and self.deadline < (today or timezone.localdate())

    @property
    def latest_report(self):
        reports = list(self.reports.all())
        return reports[-1] if reports else None

    @property
    def source_label(self) -> str:
        if self.decision_id:
            return f"{self.meeting.title if self.meeting_id else ''} · {self.decision.number}"
        if self.key_point_id:
            return str(self.key_point)
        return ""


class ProgressReport(models.Model):
    """What the department reports on a task (progress, or that it is done)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports")
    text = models.TextField(_("report"))
    done = models.BooleanField(_("reported as done"), default=False)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["reported_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]
