"""Overseas Chinese affairs (侨务): the register of people and organisations (sensitive
personal data, collected with its legal basis), identity confirmation (归侨侨眷身份确认,
a casework application), complaints and rights protection (侨益保护、侨务信访, also taken
from the public without sign-in), returned overseas Chinese settling in the city, and
restricted records (emergencies, Taiwan-related items)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.casework.records import CaseRecord
from apps.registry.i18n import choices_of, label

PERSON_KINDS = {
    "returnee": {"zh": "归侨", "en": "Returned overseas Chinese"},
    "relative": {"zh": "侨眷", "en": "Relative of overseas Chinese"},
    "overseas": {"zh": "华侨", "en": "Overseas Chinese"},
    "ethnic": {"zh": "外籍华人", "en": "Ethnic Chinese abroad"},
}
SEXES = {"F": {"zh": "女", "en": "Female"}, "M": {"zh": "男", "en": "Male"}}
# Personal Information Protection Law, art. 13: why the office may hold the data.
LEGAL_BASES = {
    "consent": {"zh": "本人同意", "en": "The person's consent"},
    "statutory_duty": {"zh": "履行法定职责所必需", "en": "Needed for a statutory duty"},
    "emergency": {
        "zh": "紧急情况下保护生命健康和财产安全所必需",
        "en": "Needed to protect life, health or property in an emergency",
    },
}
ORGANISATION_KINDS = {
    "association": {"zh": "侨团", "en": "Overseas Chinese association"},
    "enterprise": {"zh": "侨资企业", "en": "Overseas-Chinese-funded enterprise"},
}
RELATIONS = {
    "spouse": {"zh": "配偶", "en": "Spouse"},
    "parent": {"zh": "父母", "en": "Parent"},
    "child": {"zh": "子女", "en": "Child"},
    "sibling": {"zh": "兄弟姐妹", "en": "Sibling"},
    "grandparent": {"zh": "祖父母、外祖父母", "en": "Grandparent"},
    "grandchild": {"zh": "孙子女、外孙子女", "en": "Grandchild"},
    "other": {"zh": "其他有抚养关系的亲属", "en": "Other dependent relative"},
}
CLAIMS = {
    "returnee": {"zh": "归侨", "en": "Returned overseas Chinese"},
    "relative": {"zh": "侨眷", "en": "Relative of overseas Chinese"},
}
CHANNELS = {
    "visit": {"zh": "来访", "en": "Visit"},
    "letter": {"zh": "来信", "en": "Letter"},
    "phone": {"zh": "来电", "en": "Telephone"},
    "online": {"zh": "网上投诉", "en": "Online form"},
}
COMPLAINT_SUBJECTS = {
    "rights": {"zh": "侨益保护（房产、财产等）", "en": "Rights and property"},
    "oc_investment": {"zh": "侨资企业投资权益", "en": "Overseas-Chinese investment"},
    "hkm_investment": {"zh": "港澳投资权益", "en": "Hong Kong or Macao investment"},
    "policy": {"zh": "侨务政策落实", "en": "Overseas Chinese policies"},
    "other": {"zh": "其他", "en": "Other"},
}
SATISFACTION = {
    "satisfied": {"zh": "满意", "en": "Satisfied"},
    "basically": {"zh": "基本满意", "en": "Basically satisfied"},
    "unsatisfied": {"zh": "不满意", "en": "Not satisfied"},
}
NEEDS = {
    "employment": {"zh": "就业", "en": "Employment"},
    "housing": {"zh": "住房", "en": "Housing"},
    "schooling": {"zh": "子女入学", "en": "Schooling"},
    "social_insurance": {"zh": "社会保险", "en": "Social insurance"},
}
RESTRICTED_KINDS = {
    "emergency": {"zh": "涉侨突发事件", "en": "Emergency involving overseas Chinese"},
    "taiwan": {"zh": "涉台事务", "en": "Taiwan-related item"},
}
OPEN_CLOSED = {
    "open": {"zh": "处理中", "en": "Open"},
    "closed": {"zh": "已办结", "en": "Closed"},
}


def mask(value: str) -> str:
    """An identity or passport number as lists and exports show it: the first two and the
    last two characters, stars between (``33**************12``)."""
    value = (value or "").strip()
    if not value:
        return ""
    if len(value) <= 4:
        return "*" * len(value)
    return value[:2] + "*" * (len(value) - 4) + value[-2:]


class Person(models.Model):
    """One person of the register: sensitive personal data, read only by the roles the
    module grants; every view of the full record leaves an audit row."""

    kind = models.CharField(_("category"), max_length=16, choices=choices_of(PERSON_KINDS), db_index=True)
    name = models.CharField(_("name"), max_length=100)
    foreign_name = models.CharField(_("name abroad"), max_length=100, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=choices_of(SEXES))
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    id_number = models.CharField(_("identity card number"), max_length=32, blank=True)
    passport_number = models.CharField(_("passport number"), max_length=32, blank=True)
    country = models.CharField(_("country or region abroad"), max_length=2)
    unit_code = models.CharField(_("district or county"), max_length=64, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=20, choices=choices_of(LEGAL_BASES))
    legal_basis_note = models.CharField(_("legal basis: details"), max_length=300, blank=True)
    collected_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    collected_at = models.DateTimeField(default=timezone.now)
    search_text = models.TextField(default="", editable=False)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:  # audit rows use it: the name only, never a number
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = " ".join(
            [self.name, self.foreign_name, self.phone, self.id_number, self.passport_number]
        ).lower()
        super().save(*args, **kwargs)

    @property
    def kind_label(self) -> str:
        return label(PERSON_KINDS.get(self.kind, {}), self.kind)

    @property
    def id_masked(self) -> str:
        return mask(self.id_number)

    @property
    def passport_masked(self) -> str:
        return mask(self.passport_number)


class Organisation(models.Model):
    """An overseas Chinese association (侨团) or an overseas-Chinese-funded enterprise
    (侨资企业), with its contact person."""

    kind = models.CharField(_("kind"), max_length=16, choices=choices_of(ORGANISATION_KINDS), db_index=True)
    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country or region"), max_length=2)
    address = models.CharField(_("address"), max_length=300, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=100)
    contact_phone = models.CharField(_("contact telephone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=20, choices=choices_of(LEGAL_BASES))
    collected_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    collected_at = models.DateTimeField(default=timezone.now)
    search_text = models.TextField(default="", editable=False)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = f"{self.name} {self.contact_name}".lower()
        super().save(*args, **kwargs)

    @property
    def kind_label(self) -> str:
        return label(ORGANISATION_KINDS.get(self.kind, {}), self.kind)


class IdentityConfirmation(CaseRecord):
    """An application to confirm a person as a returned overseas Chinese (归侨) or a
    relative (侨眷): evidence, review on the profile's chain, certificate or refusal."""

    workflow_id = "overseas_chinese.identity"

    claim = models.CharField(_("identity claimed"), max_length=16, choices=choices_of(CLAIMS))
    applicant_name = models.CharField(_("applicant's name"), max_length=100)
    sex = models.CharField(_("sex"), max_length=1, choices=choices_of(SEXES))
    birth_date = models.DateField(_("date of birth"))
    id_number = models.CharField(_("identity card number"), max_length=32)
    phone = models.CharField(_("telephone"), max_length=40)
    address = models.CharField(_("address"), max_length=300)
    country = models.CharField(_("country or region of residence abroad"), max_length=2)
    abroad_from = models.DateField(_("lived abroad from"), null=True, blank=True)
    abroad_to = models.DateField(_("returned on"), null=True, blank=True)
    overseas_relative_name = models.CharField(
        _("name of the overseas Chinese relative"), max_length=100, blank=True
    )
    relation = models.CharField(_("relation"), max_length=16, choices=choices_of(RELATIONS), blank=True)
    grounds = models.TextField(_("grounds"))
    due_on = models.DateField(_("decision due"), null=True, blank=True, db_index=True)
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reapplications"
    )
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    certificate_number = models.CharField(_("certificate No."), max_length=64, blank=True, db_index=True)
    certificate_document_id = models.PositiveIntegerField(null=True, blank=True)
    issued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def search_words(self) -> list[str]:
        return [self.title, self.applicant_name, self.certificate_number, self.id_number]

    @property
    def id_masked(self) -> str:
        return mask(self.id_number)

    @property
    def claim_label(self) -> str:
        return label(CLAIMS.get(self.claim, {}), self.claim)


COMPLAINT_OPEN_STATES = ("received", "accepted", "transferred")


class Complaint(CaseRecord):
    """A complaint or petition (侨务信访) on overseas Chinese rights or overseas-Chinese /
    Hong Kong / Macao investment. ``unit_code`` is the department it was transferred to
    (that department sees it); ``due_on`` is the deadline now running (acceptance, then
    handling), kept with ``is_open`` so the list filters on one table."""

    workflow_id = "overseas_chinese.complaint"

    channel = models.CharField(_("received by"), max_length=8, choices=choices_of(CHANNELS))
    subject = models.CharField(_("kind of complaint"), max_length=16, choices=choices_of(COMPLAINT_SUBJECTS))
    complainant_name = models.CharField(_("complainant"), max_length=100)
    complainant_phone = models.CharField(_("telephone"), max_length=40, blank=True)
    complainant_email = models.EmailField(_("e-mail"), blank=True)
    complainant_address = models.CharField(_("address"), max_length=300, blank=True)
    details = models.TextField(_("details"))
    received_on = models.DateField(_("received on"))
    tracking_code = models.CharField(max_length=24, unique=True)
    accept_due = models.DateField(_("acceptance due"))
    handle_due = models.DateField(_("handling due"), null=True, blank=True)
    extended = models.BooleanField(default=False)
    extension_reason = models.TextField(blank=True)
    due_on = models.DateField(null=True, blank=True)
    is_open = models.BooleanField(default=True)
    decision_reason = models.TextField(blank=True)  # why it was not accepted
    transfer_note = models.TextField(blank=True)
    transferred_due = models.DateField(null=True, blank=True)
    department_reply = models.TextField(blank=True)
    reply = models.TextField(blank=True)
    replied_on = models.DateField(null=True, blank=True)
    satisfaction = models.CharField(max_length=16, choices=choices_of(SATISFACTION), blank=True)
    satisfaction_note = models.TextField(blank=True)
    reopened = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(
                fields=["due_on", "id"], name="oc_complaint_open_due", condition=models.Q(is_open=True)
            ),
            models.Index(fields=["-received_on", "-id"], name="oc_complaint_received"),
            models.Index(
                fields=["-received_on", "-id"],
                name="oc_complaint_extended",
                condition=models.Q(extended=True),
            ),
        ]

    def search_words(self) -> list[str]:
        return [self.title, self.complainant_name, self.complainant_phone]

    @property
    def channel_label(self) -> str:
        return label(CHANNELS.get(self.channel, {}), self.channel)

    @property
    def subject_label(self) -> str:
        return label(COMPLAINT_SUBJECTS.get(self.subject, {}), self.subject)

    @property
    def satisfaction_label(self) -> str:
        return label(SATISFACTION.get(self.satisfaction, {}), self.satisfaction)

    def overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.due_on is not None and self.due_on < today


class Settlement(models.Model):
    """A returned overseas Chinese settling in the city (安置): arrival, needs, tasks
    handed to departments; closed when settled."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="settlements")
    arrived_on = models.DateField(_("arrived on"))
    needs = models.JSONField(default=list)
    notes = models.TextField(_("notes"), blank=True)
    state = models.CharField(max_length=8, choices=choices_of(OPEN_CLOSED), default="open", db_index=True)
    closed_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-arrived_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.person.name} {self.arrived_on:%Y-%m-%d}"

    @property
    def state_label(self) -> str:
        return label(OPEN_CLOSED.get(self.state, {}), self.state)

    @property
    def needs_labels(self) -> list[str]:
        return [label(NEEDS.get(need, {}), need) for need in self.needs]


class SettlementTask(models.Model):
    """One need handed to a department, with its deadline and the department's reply
    (the department sees and answers only its own)."""

    settlement = models.ForeignKey(Settlement, on_delete=models.CASCADE, related_name="tasks")
    need = models.CharField(_("need"), max_length=20, choices=choices_of(NEEDS))
    unit_code = models.CharField(_("department"), max_length=64, db_index=True)
    request = models.TextField(_("what is asked"))
    due_on = models.DateField(_("reply due"))
    reply = models.TextField(_("reply"), blank=True)
    replied_on = models.DateField(null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.need} → {self.unit_code}"

    @property
    def need_label(self) -> str:
        return label(NEEDS.get(self.need, {}), self.need)

    @property
    def unit_name(self) -> str:
        from apps.registry.units import unit_label

        return unit_label(self.unit_code)

    def overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return not self.replied_on and self.due_on < today


class RestrictedMatter(models.Model):
    """An emergency involving overseas Chinese or a Taiwan-related item: seen only with
    ``overseas_chinese.restricted``; for everyone else it does not exist (no list, no count)."""

    kind = models.CharField(_("kind"), max_length=16, choices=choices_of(RESTRICTED_KINDS), db_index=True)
    title = models.CharField(_("title"), max_length=200)
    occurred_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    people_involved = models.TextField(_("people involved"), blank=True)
    summary = models.TextField(_("summary"))
    actions_taken = models.TextField(_("actions taken"), blank=True)
    state = models.CharField(max_length=8, choices=choices_of(OPEN_CLOSED), default="open")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    search_text = models.TextField(default="", editable=False)

    class Meta:
        ordering = ["-occurred_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = f"{self.title} {self.place} {self.people_involved}".lower()
        super().save(*args, **kwargs)

    @property
    def kind_label(self) -> str:
        return label(RESTRICTED_KINDS.get(self.kind, {}), self.kind)

    @property
    def state_label(self) -> str:
        return label(OPEN_CLOSED.get(self.state, {}), self.state)
