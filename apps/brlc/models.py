"""The Belt and Road Local Cooperation (BRLC) secretariat: its members (local governments
abroad and in China) and their contact persons, membership applications (a casework
record), the committee's meetings with their resolutions and follow-up, cooperation
projects between members, and notices mailed to members with their delivery."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.casework.records import CaseRecord
from apps.registry.i18n import choices_of, label, speaks_english

LEVELS = {
    "province": {"zh": "省、州级", "en": "Province or state"},
    "city": {"zh": "市级", "en": "City"},
    "county": {"zh": "县、区级", "en": "County or district"},
    "other": {"zh": "其他", "en": "Other"},
}
MEMBER_STATUSES = {
    "active": {"zh": "正式成员", "en": "Active"},
    "withdrawn": {"zh": "已退出", "en": "Withdrawn"},
}
MEETING_KINDS = {
    "council": {"zh": "理事会会议", "en": "Council meeting"},
    "executive": {"zh": "执行委员会会议", "en": "Executive committee meeting"},
    "forum": {"zh": "专题论坛", "en": "Thematic forum"},
}
MEETING_STATUSES = {
    "planned": {"zh": "筹备中", "en": "Planned"},
    "held": {"zh": "已召开", "en": "Held"},
    "cancelled": {"zh": "已取消", "en": "Cancelled"},
}
RESOLUTION_STATUSES = {
    "draft": {"zh": "草案", "en": "Draft"},
    "adopted": {"zh": "已通过", "en": "Adopted"},
    "rejected": {"zh": "未通过", "en": "Not adopted"},
}
ADOPTION_METHODS = {
    "consensus": {"zh": "协商一致", "en": "By consensus"},
    "vote": {"zh": "表决", "en": "By vote"},
}
FOLLOW_UP_STATUSES = {
    "in_progress": {"zh": "落实中", "en": "In progress"},
    "done": {"zh": "已落实", "en": "Done"},
}
PROJECT_STATUSES = {
    "planned": {"zh": "筹备中", "en": "Planned"},
    "ongoing": {"zh": "实施中", "en": "Ongoing"},
    "completed": {"zh": "已完成", "en": "Completed"},
    "cancelled": {"zh": "已终止", "en": "Cancelled"},
}
DELIVERY_STATUSES = {
    "pending": {"zh": "待发送", "en": "Pending"},
    "sent": {"zh": "已发送", "en": "Sent"},
    "failed": {"zh": "发送失败", "en": "Failed"},
    "no_address": {"zh": "无电子邮箱", "en": "No e-mail address"},
}


def pick(table: dict[str, dict[str, str]], code: str) -> str:
    return label(table.get(code, {}), code)


class Member(models.Model):
    """A local government that is (or was) a member of the BRLC."""

    name_zh = models.CharField(_("name in Chinese"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)
    name_native = models.CharField(_("name in the member's own language"), max_length=200, blank=True)
    country = models.CharField(_("country or region"), max_length=2, db_index=True)
    level = models.CharField(_("level"), max_length=16, choices=choices_of(LEVELS))
    join_date = models.DateField(_("joined on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=choices_of(MEMBER_STATUSES), default="active", db_index=True
    )
    withdrawn_on = models.DateField(_("withdrew on"), null=True, blank=True)
    website = models.CharField(_("website"), max_length=200, blank=True)
    search_text = models.TextField(blank=True, default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["country", "name_en", "pk"]

    def __str__(self) -> str:
        return f"{self.name_zh} {self.name_en}"

    def save(self, *args, **kwargs):
        from apps.registry import countries

        words = [
            self.name_zh,
            self.name_en,
            self.name_native,
            self.country,
            countries.name_in(self.country, "zh-hans"),
            countries.name_in(self.country, "en"),
        ]
        self.search_text = " ".join(word for word in words if word).lower()
        super().save(*args, **kwargs)

    @property
    def name(self) -> str:
        """The name in the page's language."""
        return self.name_en if speaks_english() else self.name_zh

    @property
    def level_label(self) -> str:
        return pick(LEVELS, self.level)

    @property
    def status_label(self) -> str:
        return pick(MEMBER_STATUSES, self.status)

    @property
    def country_name(self) -> str:
        from apps.registry import countries

        return countries.name(self.country)


class ContactPerson(models.Model):
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=100)
    position = models.CharField(_("position"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class Application(CaseRecord):
    """A local government's application for membership, registered by the secretariat."""

    workflow_id = "brlc.application"

    name_zh = models.CharField(_("name in Chinese"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)
    name_native = models.CharField(_("name in the member's own language"), max_length=200, blank=True)
    country = models.CharField(_("country or region"), max_length=2)
    level = models.CharField(_("level"), max_length=16, choices=choices_of(LEVELS))
    received_on = models.DateField(_("received on"))
    motivation = models.TextField(_("reasons for joining"))
    contact_name = models.CharField(_("contact person"), max_length=100)
    contact_position = models.CharField(_("contact person's position"), max_length=100, blank=True)
    contact_email = models.EmailField(_("contact person's e-mail"), blank=True)
    contact_phone = models.CharField(_("contact person's telephone"), max_length=40, blank=True)
    # The committee's decision.
    meeting = models.ForeignKey("Meeting", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.PROTECT, related_name="applications"
    )
    letter_document_id = models.PositiveIntegerField(null=True, blank=True)
    letter_number = models.CharField(_("welcome letter No."), max_length=64, blank=True)

    class Meta:
        ordering = ["-received_on", "-pk"]

    def search_words(self) -> list[str]:
        return [self.title, self.name_zh, self.name_en, self.name_native, self.letter_number]

    @property
    def level_label(self) -> str:
        return pick(LEVELS, self.level)

    @property
    def country_name(self) -> str:
        from apps.registry import countries

        return countries.name(self.country)


class Meeting(models.Model):
    kind = models.CharField(_("kind of meeting"), max_length=16, choices=choices_of(MEETING_KINDS))
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"), db_index=True)
    place = models.CharField(_("place"), max_length=200)
    agenda = models.TextField(_("agenda"))
    status = models.CharField(
        _("status"), max_length=16, choices=choices_of(MEETING_STATUSES), default="planned"
    )
    minutes = models.TextField(_("minutes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    search_text = models.TextField(blank=True, default="", editable=False)

    class Meta:
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.title}"

    def save(self, *args, **kwargs):
        self.search_text = f"{self.title} {self.place}".lower()
        super().save(*args, **kwargs)

    @property
    def kind_label(self) -> str:
        return pick(MEETING_KINDS, self.kind)

    @property
    def status_label(self) -> str:
        return pick(MEETING_STATUSES, self.status)

    @property
    def has_happened(self) -> bool:
        return self.status == "held" and self.date <= timezone.localdate()


class Participation(models.Model):
    """A member invited to a meeting, and whether it attended."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participations")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="participations")
    invited_at = models.DateTimeField(default=timezone.now)
    attended = models.BooleanField(null=True)

    class Meta:
        ordering = ["member__name_en", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="brlc_one_participation")]

    def __str__(self) -> str:
        return f"{self.meeting_id}:{self.member_id}"


class Resolution(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="resolutions")
    number = models.CharField(_("resolution No."), max_length=40)
    title_zh = models.CharField(_("title in Chinese"), max_length=200)
    title_en = models.CharField(_("title in English"), max_length=200)
    text_zh = models.TextField(_("text in Chinese"))
    text_en = models.TextField(_("text in English"))
    status = models.CharField(
        _("status"), max_length=16, choices=choices_of(RESOLUTION_STATUSES), default="draft", db_index=True
    )
    method = models.CharField(
        _("how adopted"), max_length=16, choices=choices_of(ADOPTION_METHODS), blank=True
    )
    votes_for = models.PositiveIntegerField(_("votes for"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("votes against"), null=True, blank=True)
    abstentions = models.PositiveIntegerField(_("abstentions"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    class Meta:
        ordering = ["-meeting__date", "number", "pk"]
        constraints = [models.UniqueConstraint(fields=["number"], name="brlc_resolution_number")]

    def __str__(self) -> str:
        return f"{self.number} {self.title_zh}"

    @property
    def title(self) -> str:
        return self.title_en if speaks_english() else self.title_zh

    @property
    def text(self) -> str:
        return self.text_en if speaks_english() else self.text_zh

    @property
    def status_label(self) -> str:
        return pick(RESOLUTION_STATUSES, self.status)

    @property
    def method_label(self) -> str:
        return pick(ADOPTION_METHODS, self.method) if self.method else ""

    @property
    def follow_up_status(self) -> str:
        latest = self.follow_ups.order_by("-reported_on", "-pk").first()
        return latest.status if latest else ""


class FollowUp(models.Model):
    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="follow_ups")
    reported_on = models.DateField(_("reported on"))
    note = models.TextField(_("what was done"))
    status = models.CharField(_("status"), max_length=16, choices=choices_of(FOLLOW_UP_STATUSES))
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["reported_on", "pk"]

    def __str__(self) -> str:
        return f"{self.reported_on} {self.status}"

    @property
    def status_label(self) -> str:
        return pick(FOLLOW_UP_STATUSES, self.status)


class Project(models.Model):
    """A cooperation project between members."""

    title_zh = models.CharField(_("title in Chinese"), max_length=200)
    title_en = models.CharField(_("title in English"), max_length=200)
    summary = models.TextField(_("summary"))
    lead = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="led_projects", verbose_name=_("lead member")
    )
    partners = models.ManyToManyField(Member, related_name="projects", verbose_name=_("partners"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(
        _("status"), max_length=16, choices=choices_of(PROJECT_STATUSES), default="planned", db_index=True
    )
    outcome = models.TextField(_("outcome"), blank=True)
    search_text = models.TextField(blank=True, default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.title_zh} {self.title_en}"

    def save(self, *args, **kwargs):
        self.search_text = f"{self.title_zh} {self.title_en}".lower()
        super().save(*args, **kwargs)

    @property
    def title(self) -> str:
        return self.title_en if speaks_english() else self.title_zh

    @property
    def status_label(self) -> str:
        return pick(PROJECT_STATUSES, self.status)


class Milestone(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("reached on"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class StatusReport(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="reports")
    reported_on = models.DateField(_("reported on"))
    progress = models.PositiveSmallIntegerField(_("progress (%)"))
    text = models.TextField(_("report"))
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["reported_on", "pk"]

    def __str__(self) -> str:
        return f"{self.reported_on} {self.progress}%"


class Notice(models.Model):
    """A notice mailed to members' contact persons from the platform."""

    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="notices"
    )
    sent_at = models.DateTimeField(default=timezone.now)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return self.subject


class Delivery(models.Model):
    """One recipient of a notice and what became of the e-mail to it."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="deliveries")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    contact_name = models.CharField(max_length=100, blank=True)
    email = models.CharField(max_length=254, blank=True)
    status = models.CharField(max_length=16, choices=choices_of(DELIVERY_STATUSES))
    detail = models.CharField(max_length=300, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.email or self.contact_name} {self.status}"

    @property
    def status_label(self) -> str:
        return pick(DELIVERY_STATUSES, self.status)
