"""An invitation of foreigners to China (邀请外国人来华): the inviting unit's application,
its invitees, the rules overridden for it, the letters issued, and - per invitee - the
register of the visit (visa, actual entry and exit)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.casework.records import CaseRecord
from apps.registry.i18n import choices_of

VISIT_KINDS = {
    "official": {"zh": "公务访问", "en": "Official visit"},
    "business": {"zh": "商务洽谈", "en": "Business"},
    "academic": {"zh": "学术交流", "en": "Academic exchange"},
    "culture": {"zh": "文化交流", "en": "Cultural exchange"},
    "sports": {"zh": "体育交流", "en": "Sports exchange"},
    "health": {"zh": "医疗卫生", "en": "Health"},
    "other": {"zh": "其他", "en": "Other"},
}
PAYERS = {
    "inviting_unit": {"zh": "邀请单位承担", "en": "The inviting unit"},
    "guests": {"zh": "来访方自理", "en": "The guests"},
    "shared": {"zh": "双方分担", "en": "Shared"},
}
CATEGORIES = {
    "government": {"zh": "外国政府官员", "en": "Foreign government official"},
    "parliament": {"zh": "议员", "en": "Member of parliament"},
    "business": {"zh": "企业人员", "en": "Business person"},
    "academic": {"zh": "专家学者", "en": "Scholar or expert"},
    "culture": {"zh": "文化艺术人士", "en": "Artist or cultural figure"},
    "journalist": {"zh": "记者", "en": "Journalist"},
    "ngo": {"zh": "非政府组织人员", "en": "NGO staff"},
    "other": {"zh": "其他", "en": "Other"},
}


def both_text(labels: dict[str, str] | None, fallback: str) -> str:
    """ "女 Female": both names of a code, for bilingual documents."""
    labels = labels or {}
    zh, en = labels.get("zh") or fallback, labels.get("en") or fallback
    return zh if zh == en else f"{zh} {en}"


VISA_TYPES = {
    "F": {"zh": "F字（交流访问）", "en": "F (exchanges, visits)"},
    "M": {"zh": "M字（商贸）", "en": "M (business, trade)"},
    "Z": {"zh": "Z字（工作）", "en": "Z (work)"},
    "J2": {"zh": "J2字（短期采访）", "en": "J2 (short-term journalism)"},
    "C": {"zh": "C字（乘务）", "en": "C (crew)"},
}
ENTRIES = {
    "single": {"zh": "一次", "en": "Single"},
    "double": {"zh": "两次", "en": "Double"},
    "multiple": {"zh": "多次", "en": "Multiple"},
}
VISA_STATUSES = {
    "pending": {"zh": "待办签证", "en": "Visa pending"},
    "obtained": {"zh": "已获签证", "en": "Visa obtained"},
    "refused": {"zh": "拒签", "en": "Visa refused"},
}
SEXES = {"F": {"zh": "女", "en": "Female"}, "M": {"zh": "男", "en": "Male"}}


def choices(table: dict[str, dict[str, str]]) -> list[tuple[str, str]]:
    """Each label in the page's language only (not "中文 English" together)."""
    return choices_of(table)


class Invitation(CaseRecord):
    workflow_id = "invitations.invitation"

    responsible_person = models.CharField(_("responsible person"), max_length=100)
    responsible_phone = models.CharField(_("responsible person's telephone"), max_length=40)
    visit_kind = models.CharField(_("kind of visit"), max_length=16, choices=choices(VISIT_KINDS))
    purpose = models.TextField(_("purpose"))
    programme = models.TextField(_("programme"))
    arrival = models.DateField(_("arrival in China"), db_index=True)
    departure = models.DateField(_("departure from China"))
    places = models.CharField(_("places to visit"), max_length=300)
    costs_paid_by = models.CharField(_("costs paid by"), max_length=16, choices=choices(PAYERS))
    # The unit's undertaking of responsibility for its guests.
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True)
    letter_document_id = models.PositiveIntegerField(null=True, blank=True)
    letter_number = models.CharField(_("invitation letter No."), max_length=64, blank=True, db_index=True)
    issued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-arrival", "-pk"]
        indexes = [models.Index(fields=["arrival", "id"], name="invitations_arrival_id")]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def search_words(self) -> list[str]:
        return [
            self.title,
            self.letter_number,
            *(f"{i.name_latin} {i.name_zh} {i.passport_number}" for i in self.invitees.all()),
        ]

    @property
    def days(self) -> int:
        return (self.departure - self.arrival).days + 1


# What an application gives of each invitee (the input; the register adds the rest).
INVITEE_FIELDS = [
    "name_latin",
    "name_zh",
    "sex",
    "birth_date",
    "nationality",
    "passport_number",
    "passport_expiry",
    "category",
    "occupation",
    "employer",
    "visa_type",
    "entries",
    "mission",
]


class Invitee(models.Model):
    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="invitees")
    order = models.PositiveSmallIntegerField(default=0)
    name_latin = models.CharField(_("name as in passport"), max_length=100)
    name_zh = models.CharField(_("Chinese name"), max_length=50, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=choices(SEXES))
    birth_date = models.DateField(_("date of birth"))
    nationality = models.CharField(_("nationality"), max_length=2, db_index=True)
    passport_number = models.CharField(_("passport number"), max_length=20, db_index=True)
    passport_expiry = models.DateField(_("passport expiry"))
    category = models.CharField(_("category"), max_length=16, choices=choices(CATEGORIES))
    occupation = models.CharField(_("occupation or title"), max_length=100)
    employer = models.CharField(_("employer"), max_length=200)
    visa_type = models.CharField(_("visa type"), max_length=4, choices=choices(VISA_TYPES))
    entries = models.CharField(_("entries"), max_length=8, choices=choices(ENTRIES))
    mission = models.CharField(_("Chinese embassy or consulate applied at"), max_length=200)
    # The register (reported by the inviting unit after the letters are issued).
    visa_status = models.CharField(_("visa"), max_length=8, choices=choices(VISA_STATUSES), default="pending")
    entered_on = models.DateField(_("entered China on"), null=True, blank=True)
    exited_on = models.DateField(_("left China on"), null=True, blank=True)
    # Copied from the invitation so that the register is one table to search and page.
    planned_exit = models.DateField(_("planned exit"), db_index=True)
    unit_code = models.CharField(max_length=64, db_index=True)
    issued = models.BooleanField(default=False)
    search_text = models.CharField(max_length=200, default="", editable=False)

    class Meta:
        ordering = ["order", "pk"]
        indexes = [
            models.Index(fields=["issued", "-planned_exit", "-id"], name="invitations_register"),
            models.Index(
                fields=["planned_exit", "id"],
                name="invitations_in_city",
                condition=models.Q(entered_on__isnull=False, exited_on__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.name_latin

    def save(self, *args, **kwargs):
        self.search_text = f"{self.name_latin} {self.name_zh} {self.passport_number}".lower()
        super().save(*args, **kwargs)

    # Both languages side by side, for the bilingual letters (PDF).
    @property
    def sex_both(self) -> str:
        return both_text(SEXES.get(self.sex), self.sex)

    @property
    def nationality_both(self) -> str:
        from apps.registry import countries

        return both_text(countries.both(self.nationality), self.nationality)

    @property
    def entries_both(self) -> str:
        return both_text(ENTRIES.get(self.entries), self.entries)

    @property
    def in_city(self) -> bool:
        return self.entered_on is not None and self.exited_on is None

    def overstaying(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return (
            self.issued
            and self.visa_status != "refused"
            and self.exited_on is None
            and self.planned_exit < today
        )


class RuleOverride(models.Model):
    """An authorised decision to let an invitation break one rule, with its reason."""

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="overrides")
    rule = models.CharField(max_length=40)
    justification = models.TextField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["invitation", "rule"], name="invitations_one_override")
        ]

    def __str__(self) -> str:
        return f"{self.rule}: {self.justification}"


class VisaNotice(models.Model):
    """The visa notification letter (签证通知函) to one embassy or consulate."""

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="visa_notices")
    mission = models.CharField(max_length=200)
    document_id = models.PositiveIntegerField()
    number = models.CharField(max_length=64, db_index=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.number} {self.mission}"
