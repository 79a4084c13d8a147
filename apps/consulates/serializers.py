"""What the consulates API and forms take (one declaration each) and what the API shows."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.consulates.models import LIAISON_KINDS, POSTS, RESPONSES, LiaisonEntry, NationalDay, Posting
from apps.partners.inputs import PartnerField
from apps.registry.i18n import choices_of

STATUSES = {
    "open": {"zh": "待答复", "en": "Awaiting our answer"},
    "overdue": {"zh": "逾期未复", "en": "Past the deadline"},
}


class PostingInput(serializers.Serializer):
    partner = PartnerField(label=_("consulate or mission"), kinds=("consulate",))
    name_latin = serializers.CharField(label=_("name in the original script"), max_length=100)
    name_zh = serializers.CharField(
        label=_("name in Chinese"), max_length=100, required=False, allow_blank=True
    )
    post = serializers.ChoiceField(label=_("post"), choices=choices_of(POSTS))
    term_start = serializers.DateField(label=_("term from"))
    term_end = serializers.DateField(label=_("term until"), required=False, allow_null=True)


class LiaisonInput(serializers.Serializer):
    partner = PartnerField(label=_("consulate, mission or organisation"), kinds=("consulate", "organisation"))
    kind = serializers.ChoiceField(label=_("kind of contact"), choices=choices_of(LIAISON_KINDS))
    date = serializers.DateField(label=_("date (held or received)"))
    subject = serializers.CharField(label=_("subject"), max_length=300)
    reference = serializers.CharField(
        label=_("their reference"), max_length=100, required=False, allow_blank=True
    )
    deadline = serializers.DateField(label=_("answer due by"), required=False, allow_null=True)
    notes = serializers.CharField(
        label=_("notes"), required=False, allow_blank=True, style={"base_template": "textarea.html"}
    )


class AnswerInput(serializers.Serializer):
    answered_on = serializers.DateField(label=_("answered on"))
    answer_reference = serializers.CharField(
        label=_("our reference"), max_length=100, required=False, allow_blank=True
    )


class NationalDayInput(serializers.Serializer):
    partner = PartnerField(label=_("consulate or mission"), kinds=("consulate",))
    date = serializers.DateField(label=_("date of the reception"))
    title = serializers.CharField(label=_("title"), max_length=200)
    invitation_received_on = serializers.DateField(
        label=_("invitation received on"), required=False, allow_null=True
    )
    notes = serializers.CharField(
        label=_("notes"), required=False, allow_blank=True, style={"base_template": "textarea.html"}
    )


class NationalDayAnswerInput(serializers.Serializer):
    response = serializers.ChoiceField(label=_("our answer"), choices=choices_of(RESPONSES))
    attended_by = serializers.CharField(
        label=_("attended by"), max_length=200, required=False, allow_blank=True
    )


class LiaisonFilter(serializers.Serializer):
    q = serializers.CharField(
        label=_("Subject or reference"), required=False, allow_blank=True, default="", max_length=100
    )
    status = serializers.ChoiceField(
        label=_("Status"), choices=choices_of(STATUSES), required=False, allow_blank=True, default=""
    )


class PostingSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.__str__", read_only=True)

    class Meta:
        model = Posting
        fields = ["id", "partner", "person", "person_name", "post", "term_start", "term_end"]
        read_only_fields = fields


class LiaisonSerializer(serializers.ModelSerializer):
    class Meta:
        model = LiaisonEntry
        fields = ["id", "partner", "kind", "date", "subject", "reference", "notes", "deadline", "answered_on",
                  "answer_reference"]  # fmt: skip
        read_only_fields = fields


class NationalDaySerializer(serializers.ModelSerializer):
    class Meta:
        model = NationalDay
        fields = [
            "id",
            "partner",
            "date",
            "title",
            "invitation_received_on",
            "response",
            "attended_by",
            "notes",
        ]
        read_only_fields = fields
