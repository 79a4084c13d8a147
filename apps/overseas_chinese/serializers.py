"""What the API and the web forms take (one declaration each) and what the API shows.
Lists show identity and passport numbers masked; the full record (retrieve) shows them
and is audited."""

from __future__ import annotations

from django.db import connection
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.accounts.scoping import is_unit_bound
from apps.casework.api import CaseSerializer
from apps.casework.inputs import CountryField
from apps.overseas_chinese.models import (
    CHANNELS,
    CLAIMS,
    COMPLAINT_SUBJECTS,
    LEGAL_BASES,
    NEEDS,
    ORGANISATION_KINDS,
    PERSON_KINDS,
    RELATIONS,
    RESTRICTED_KINDS,
    SATISFACTION,
    SEXES,
    Complaint,
    IdentityConfirmation,
    Organisation,
    Person,
    RestrictedMatter,
    Settlement,
    SettlementTask,
)
from apps.registry.i18n import choices_of, label

TEXTAREA = {"base_template": "textarea.html"}


def _choice(table, **kwargs) -> serializers.ChoiceField:
    return serializers.ChoiceField(choices=choices_of(table), **kwargs)


def unit_choices() -> list[tuple[str, str]]:
    profile = getattr(getattr(connection, "tenant", None), "profile", None) or {}
    units = profile.get("submitting_units") or []
    return [(u["code"], label(u["names"], u["code"])) for u in units]


def _text(label_, max_length=None, **kwargs):
    return serializers.CharField(
        label=label_, required=False, allow_blank=True, default="", max_length=max_length, **kwargs
    )


def _upper(value: str) -> str:
    return "".join((value or "").split()).upper()


# --- people and organisations ----------------------------------------------------------


class PersonInput(serializers.Serializer):
    kind = _choice(PERSON_KINDS, label=_("category"))
    name = serializers.CharField(label=_("name"), max_length=100)
    foreign_name = _text(_("name abroad"), 100)
    sex = _choice(SEXES, label=_("sex"))
    birth_date = serializers.DateField(
        label=_("date of birth"), required=False, allow_null=True, default=None
    )
    id_number = _text(_("identity card number"), 32)
    passport_number = _text(_("passport number"), 32)
    country = CountryField(label=_("country or region abroad"))
    unit_code = serializers.ChoiceField(
        label=_("district or county"), choices=[], required=False, allow_blank=True, default=""
    )
    address = _text(_("address"), 300)
    phone = _text(_("telephone"), 40)
    notes = _text(_("notes"), style=TEXTAREA)
    legal_basis = _choice(LEGAL_BASES, label=_("legal basis"))
    legal_basis_note = _text(_("legal basis: details"), 300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit_code"].choices = unit_choices()

    def validate_id_number(self, value: str) -> str:
        value = _upper(value)
        if value and not (
            len(value) == 18 and value[:17].isdigit() and (value[17].isdigit() or value[17] == "X")
        ):
            raise serializers.ValidationError(_("An identity card number has 17 digits and a digit or X."))
        return value

    def validate_passport_number(self, value: str) -> str:
        value = _upper(value)
        if value and not (value.isalnum() and 5 <= len(value) <= 20):
            raise serializers.ValidationError(_("A passport number has 5 to 20 letters and digits."))
        return value


class OrganisationInput(serializers.Serializer):
    kind = _choice(ORGANISATION_KINDS, label=_("kind"))
    name = serializers.CharField(label=_("name"), max_length=200)
    country = CountryField(label=_("country or region"))
    address = _text(_("address"), 300)
    contact_name = serializers.CharField(label=_("contact person"), max_length=100)
    contact_phone = _text(_("contact telephone"), 40)
    contact_email = serializers.EmailField(
        label=_("contact e-mail"), required=False, allow_blank=True, default=""
    )
    notes = _text(_("notes"), style=TEXTAREA)
    legal_basis = _choice(LEGAL_BASES, label=_("legal basis"))


class PersonListSerializer(serializers.ModelSerializer):
    """A row of the register: numbers masked."""

    id_number = serializers.CharField(source="id_masked", read_only=True)
    passport_number = serializers.CharField(source="passport_masked", read_only=True)

    class Meta:
        model = Person
        fields = ["id", "kind", "name", "foreign_name", "sex", "country", "id_number", "passport_number"]
        read_only_fields = fields


class PersonSerializer(serializers.ModelSerializer):
    """The full record (its every view is audited)."""

    collected_by = serializers.CharField(source="collected_by.username", read_only=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "kind",
            "name",
            "foreign_name",
            "sex",
            "birth_date",
            "id_number",
            "passport_number",
            "country",
            "unit_code",
            "address",
            "phone",
            "notes",
            "legal_basis",
            "legal_basis_note",
            "collected_by",
            "collected_at",
        ]
        read_only_fields = fields


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = [
            "id",
            "kind",
            "name",
            "country",
            "address",
            "contact_name",
            "contact_phone",
            "contact_email",
            "notes",
            "legal_basis",
            "collected_at",
        ]
        read_only_fields = fields


class PeopleFilter(serializers.Serializer):
    q = _text(_("Name or telephone"), help_text="name, name abroad or telephone contains; or an exact number")
    kind = _choice(PERSON_KINDS, label=_("Category"), required=False, allow_blank=True, default="")
    country = CountryField(label=_("Country or region"), required=False, allow_blank=True, default="")


# --- identity confirmation -------------------------------------------------------------


class IdentityInput(serializers.Serializer):
    claim = _choice(CLAIMS, label=_("identity claimed"))
    unit_code = serializers.ChoiceField(
        label=_("applying unit"), choices=[], required=False, allow_blank=True
    )
    applicant_name = serializers.CharField(label=_("applicant's name"), max_length=100)
    sex = _choice(SEXES, label=_("sex"))
    birth_date = serializers.DateField(label=_("date of birth"))
    id_number = serializers.CharField(label=_("identity card number"), max_length=32)
    phone = serializers.CharField(label=_("telephone"), max_length=40)
    address = serializers.CharField(label=_("address"), max_length=300)
    country = CountryField(label=_("country or region of residence abroad"))
    abroad_from = serializers.DateField(
        label=_("lived abroad from"), required=False, allow_null=True, default=None
    )
    abroad_to = serializers.DateField(label=_("returned on"), required=False, allow_null=True, default=None)
    overseas_relative_name = _text(_("name of the overseas Chinese relative"), 100)
    relation = _choice(RELATIONS, label=_("relation"), required=False, allow_blank=True, default="")
    grounds = serializers.CharField(label=_("grounds"), style=TEXTAREA)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is not None and is_unit_bound(user):
            self.fields["unit_code"] = serializers.HiddenField(default=user.unit)
            return
        self.fields["unit_code"].choices = unit_choices()

    validate_id_number = PersonInput.validate_id_number


class AttachInput(serializers.Serializer):
    file = serializers.FileField(label=_("evidence (PDF, PNG or JPEG)"))


class IdentityListSerializer(serializers.ModelSerializer):
    state = serializers.CharField(source="case.state", read_only=True)
    state_label = serializers.CharField(read_only=True)
    id_number = serializers.CharField(source="id_masked", read_only=True)

    class Meta:
        model = IdentityConfirmation
        fields = [
            "id",
            "title",
            "claim",
            "applicant_name",
            "id_number",
            "unit_code",
            "due_on",
            "state",
            "state_label",
            "certificate_number",
        ]
        read_only_fields = fields


class IdentitySerializer(serializers.ModelSerializer):
    case = CaseSerializer(read_only=True)
    evidence = serializers.SerializerMethodField()
    reapplied_as = serializers.SerializerMethodField()

    class Meta:
        model = IdentityConfirmation
        fields = [
            "id",
            "case",
            "title",
            "unit_code",
            "claim",
            "applicant_name",
            "sex",
            "birth_date",
            "id_number",
            "phone",
            "address",
            "country",
            "abroad_from",
            "abroad_to",
            "overseas_relative_name",
            "relation",
            "grounds",
            "due_on",
            "previous",
            "reapplied_as",
            "person",
            "certificate_number",
            "certificate_document_id",
            "issued_at",
            "evidence",
        ]
        read_only_fields = fields

    def get_evidence(self, record) -> list[dict]:
        from apps.overseas_chinese.services import evidence_of

        return [
            {"id": a.pk, "filename": a.filename, "content_type": a.content_type, "size": a.size}
            for a in evidence_of(record)
        ]

    def get_reapplied_as(self, record) -> int | None:
        nxt = record.reapplications.order_by("pk").first()
        return nxt.pk if nxt else None


class IdentityFilter(serializers.Serializer):
    q = _text(_("Name or certificate No."))
    state = serializers.ChoiceField(
        label=_("State"), choices=[], required=False, allow_blank=True, default=""
    )
    overdue = serializers.BooleanField(label=_("Past the deadline"), required=False, default=False)

    def __init__(self, *args, **kwargs):
        from apps.overseas_chinese.workflow import IDENTITY_STATES

        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [(code, label(names, code)) for code, names in IDENTITY_STATES.items()]


# --- complaints ------------------------------------------------------------------------


class ComplaintInput(serializers.Serializer):
    """A complaint as the office registers it (visit, letter, telephone)."""

    channel = serializers.ChoiceField(
        label=_("received by"), choices=[(k, v) for k, v in choices_of(CHANNELS) if k != "online"]
    )
    received_on = serializers.DateField(label=_("received on"), required=False, allow_null=True, default=None)
    subject = _choice(COMPLAINT_SUBJECTS, label=_("kind of complaint"))
    title = serializers.CharField(label=_("summary"), max_length=200)
    complainant_name = serializers.CharField(label=_("complainant"), max_length=100)
    complainant_phone = _text(_("telephone"), 40)
    complainant_email = serializers.EmailField(
        label=_("e-mail"), required=False, allow_blank=True, default=""
    )
    complainant_address = _text(_("address"), 300)
    details = serializers.CharField(label=_("details"), style=TEXTAREA, max_length=10000)


class PublicComplaintInput(serializers.Serializer):
    """The public online form (no sign-in)."""

    subject = _choice(COMPLAINT_SUBJECTS, label=_("kind of complaint"))
    title = serializers.CharField(label=_("summary"), max_length=200)
    complainant_name = serializers.CharField(label=_("your name"), max_length=100)
    complainant_phone = serializers.CharField(label=_("your telephone"), max_length=40)
    complainant_email = serializers.EmailField(
        label=_("your e-mail"), required=False, allow_blank=True, default=""
    )
    complainant_address = _text(_("your address"), 300)
    details = serializers.CharField(label=_("what happened"), style=TEXTAREA, max_length=10000)


class TrackInput(serializers.Serializer):
    code = serializers.CharField(label=_("tracking code"), max_length=40)


class RateInput(TrackInput):
    satisfaction = _choice(SATISFACTION, label=_("are you satisfied with the reply?"))
    note = _text(_("your comments"), 2000, style=TEXTAREA)


class TransferInput(serializers.Serializer):
    unit_code = serializers.ChoiceField(label=_("responsible department"), choices=[])
    due_on = serializers.DateField(
        label=_("the department replies by"), required=False, allow_null=True, default=None
    )
    instructions = _text(_("instructions"), style=TEXTAREA)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit_code"].choices = unit_choices()


class AnswerInput(serializers.Serializer):
    answer = serializers.CharField(label=_("department's reply"), style=TEXTAREA, max_length=10000)


class ReplyInput(serializers.Serializer):
    reply = serializers.CharField(label=_("reply to the complainant"), style=TEXTAREA, max_length=10000)


class CloseInput(serializers.Serializer):
    satisfaction = _choice(
        SATISFACTION, label=_("complainant's satisfaction"), required=False, allow_blank=True, default=""
    )
    satisfaction_note = _text(_("notes on satisfaction"), style=TEXTAREA)


class ExtendInput(serializers.Serializer):
    reason = serializers.CharField(label=_("reason for the extension"), style=TEXTAREA, max_length=2000)


class ComplaintListSerializer(serializers.ModelSerializer):
    state = serializers.CharField(source="case.state", read_only=True)
    state_label = serializers.CharField(read_only=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Complaint
        fields = [
            "id",
            "title",
            "channel",
            "subject",
            "complainant_name",
            "received_on",
            "due_on",
            "extended",
            "unit_code",
            "state",
            "state_label",
            "overdue",
        ]
        read_only_fields = fields

    def get_overdue(self, complaint) -> bool:
        return complaint.overdue()


class ComplaintSerializer(serializers.ModelSerializer):
    case = CaseSerializer(read_only=True)

    class Meta:
        model = Complaint
        fields = [
            "id",
            "case",
            "title",
            "channel",
            "subject",
            "complainant_name",
            "complainant_phone",
            "complainant_email",
            "complainant_address",
            "details",
            "received_on",
            "accept_due",
            "handle_due",
            "due_on",
            "extended",
            "extension_reason",
            "decision_reason",
            "unit_code",
            "transfer_note",
            "transferred_due",
            "department_reply",
            "reply",
            "replied_on",
            "satisfaction",
            "satisfaction_note",
            "reopened",
            "tracking_code",
        ]
        read_only_fields = fields


DEADLINES = {
    "overdue": {"zh": "已逾期", "en": "overdue"},
    "due_soon": {"zh": "5个工作日内到期", "en": "due within 5 working days"},
    "open": {"zh": "办理中（全部）", "en": "open (all)"},
    "extended": {"zh": "已延期", "en": "extended"},
}


class ComplaintFilter(serializers.Serializer):
    q = _text(_("Summary or complainant"))
    state = serializers.ChoiceField(
        label=_("State"), choices=[], required=False, allow_blank=True, default=""
    )
    deadline = _choice(DEADLINES, label=_("Deadline"), required=False, allow_blank=True, default="")
    channel = _choice(CHANNELS, label=_("Received by"), required=False, allow_blank=True, default="")
    subject = _choice(
        COMPLAINT_SUBJECTS, label=_("Kind of complaint"), required=False, allow_blank=True, default=""
    )

    def __init__(self, *args, **kwargs):
        from apps.overseas_chinese.workflow import COMPLAINT_STATES

        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [
            (code, label(names, code)) for code, names in COMPLAINT_STATES.items()
        ]


class TrackSerializer(serializers.Serializer):
    """What the complainant sees with their code: the matter's progress, nothing else."""

    title = serializers.CharField()
    received_on = serializers.DateField()
    state = serializers.CharField()
    state_label = serializers.CharField()
    due_on = serializers.DateField(allow_null=True)
    extension_reason = serializers.CharField()
    decision_reason = serializers.CharField()
    reply = serializers.CharField()
    replied_on = serializers.DateField(allow_null=True)
    satisfaction = serializers.CharField()


# --- settling and restricted -----------------------------------------------------------


class SettlementInput(serializers.Serializer):
    person = serializers.PrimaryKeyRelatedField(
        label=_("returned overseas Chinese"), queryset=Person.objects.none()
    )
    arrived_on = serializers.DateField(label=_("arrived on"))
    needs = serializers.MultipleChoiceField(label=_("needs"), choices=choices_of(NEEDS), allow_empty=False)
    notes = _text(_("notes"), style=TEXTAREA)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(kind="returnee")

    def validate_arrived_on(self, value):
        from django.utils import timezone

        if value > timezone.localdate():
            raise serializers.ValidationError(_("This date is in the future."))
        return value

    def validate_needs(self, value):
        return sorted(value)


class TaskInput(serializers.Serializer):
    need = _choice(NEEDS, label=_("need"))
    unit_code = serializers.ChoiceField(label=_("department"), choices=[])
    request = serializers.CharField(label=_("what is asked"), style=TEXTAREA, max_length=5000)
    due_on = serializers.DateField(label=_("reply due"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit_code"].choices = unit_choices()

    def validate_due_on(self, value):
        from django.utils import timezone

        if value < timezone.localdate():
            raise serializers.ValidationError(_("This date is in the past."))
        return value


class TaskReplyInput(serializers.Serializer):
    reply = serializers.CharField(label=_("reply"), style=TEXTAREA, max_length=5000)


class TaskSerializer(serializers.ModelSerializer):
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = SettlementTask
        fields = [
            "id",
            "settlement",
            "need",
            "unit_code",
            "request",
            "due_on",
            "reply",
            "replied_on",
            "overdue",
        ]
        read_only_fields = fields

    def get_overdue(self, task) -> bool:
        return task.overdue()


class SettlementSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.name", read_only=True)
    tasks = TaskSerializer(many=True, read_only=True)

    class Meta:
        model = Settlement
        fields = [
            "id",
            "person",
            "person_name",
            "arrived_on",
            "needs",
            "notes",
            "state",
            "closed_on",
            "tasks",
        ]
        read_only_fields = fields


class RestrictedInput(serializers.Serializer):
    kind = _choice(RESTRICTED_KINDS, label=_("kind"))
    title = serializers.CharField(label=_("title"), max_length=200)
    occurred_on = serializers.DateField(label=_("date"))
    place = _text(_("place"), 200)
    people_involved = _text(_("people involved"), style=TEXTAREA)
    summary = serializers.CharField(label=_("summary"), style=TEXTAREA)
    actions_taken = _text(_("actions taken"), style=TEXTAREA)


class RestrictedSerializer(serializers.ModelSerializer):
    class Meta:
        model = RestrictedMatter
        fields = [
            "id",
            "kind",
            "title",
            "occurred_on",
            "place",
            "people_involved",
            "summary",
            "actions_taken",
            "state",
        ]
        read_only_fields = fields
