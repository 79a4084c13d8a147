"""What the API and the web forms take (one declaration each) and what the API shows."""

from __future__ import annotations

from decimal import Decimal

from django.db import connection
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.accounts.scoping import is_unit_bound
from apps.casework.api import CaseSerializer
from apps.casework.inputs import CountryField
from apps.donations import currencies
from apps.donations.models import (
    CONDITION_KINDS,
    DONOR_KINDS,
    FILE_KINDS,
    KINDS,
    RELATIONS,
    DonatedItem,
    Donation,
    DonationFile,
    Donor,
    ExchangeRate,
    Receipt,
    UseReport,
    choices,
)
from apps.registry.i18n import label

MONEY_ERRORS = {
    "max_decimal_places": _("At most two decimal places."),
    "max_whole_digits": _("This amount is too large."),
    "max_digits": _("This amount is too large."),
    "min_value": _("The amount must be more than zero."),
    "invalid": _("Enter an amount, e.g. 1000.00."),
}


def money(label_text, **kwargs) -> serializers.DecimalField:
    """An amount of money: more than zero, at most two decimals (a third is an error, never
    rounded away)."""
    return serializers.DecimalField(
        label=label_text,
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
        error_messages=MONEY_ERRORS,
        **kwargs,
    )


class CurrencyField(serializers.ChoiceField):
    """A currency by its ISO 4217 code (any case on input); a code that does not exist is a
    field error. The web offers the list by name."""

    default_error_messages = {"invalid_choice": _("Unknown currency code “{input}”.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("style", {"choices": currencies.choices, "searchable": True})
        super().__init__(choices=currencies.choices(), **kwargs)

    def to_internal_value(self, data):
        return super().to_internal_value(data.strip().upper() if isinstance(data, str) else data)


def _choice(table, **kwargs) -> serializers.ChoiceField:
    return serializers.ChoiceField(choices=choices(table), **kwargs)


def unit_choices() -> list[tuple[str, str]]:
    units = ((getattr(connection, "tenant", None) and connection.tenant.profile) or {}).get(
        "submitting_units"
    ) or []
    return [(u["code"], label(u["names"], u["code"])) for u in units]


class ItemInput(serializers.Serializer):
    description = serializers.CharField(label=_("item"), max_length=200)
    quantity = serializers.IntegerField(label=_("quantity"), min_value=1)
    unit = serializers.CharField(label=_("unit of measure"), max_length=20)
    estimated_value = money(_("estimated value"))


class DonationInput(serializers.Serializer):
    title = serializers.CharField(label=_("title of the donation"), max_length=200)
    donor = serializers.PrimaryKeyRelatedField(
        label=_("a donor already known"),
        queryset=Donor.objects.all(),
        required=False,
        allow_null=True,
        help_text="id of a known donor; or give the donor_* fields",
    )
    donor_kind = _choice(DONOR_KINDS, label=_("kind of donor"), required=False, allow_blank=True)
    donor_name = serializers.CharField(
        label=_("donor's name"), max_length=200, required=False, allow_blank=True, default=""
    )
    donor_name_zh = serializers.CharField(
        label=_("donor's Chinese name"), max_length=100, required=False, allow_blank=True, default=""
    )
    donor_country = CountryField(label=_("country or region"), required=False, allow_blank=True)
    donor_relation = _choice(RELATIONS, label=_("relation to the city"), required=False, allow_blank=True)
    donor_email = serializers.EmailField(
        label=_("donor's e-mail"), required=False, allow_blank=True, default=""
    )
    donor_address = serializers.CharField(
        label=_("donor's address"), max_length=300, required=False, allow_blank=True, default=""
    )
    unit_code = serializers.ChoiceField(
        label=_("recipient unit"), choices=[], required=False, allow_blank=True
    )
    kind = _choice(KINDS, label=_("kind of donation"))
    currency = CurrencyField(label=_("currency"))
    amount = money(_("amount (money)"), required=False, allow_null=True)
    intended_use = serializers.CharField(label=_("intended use"), style={"base_template": "textarea.html"})
    conditions = serializers.CharField(
        label=_("conditions attached"),
        required=False,
        allow_blank=True,
        default="",
        style={"base_template": "textarea.html"},
    )
    condition_kinds = serializers.MultipleChoiceField(
        label=_("kinds of condition"), choices=choices(CONDITION_KINDS), required=False, default=list
    )
    disclose_name = serializers.BooleanField(label=_("the donor agrees to be named in public"), default=False)
    offered_on = serializers.DateField(label=_("offered on"))
    goods = ItemInput(many=True, required=False, label=_("goods offered"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is not None and is_unit_bound(user):
            self.fields["unit_code"] = serializers.HiddenField(default=user.unit)
        else:
            self.fields["unit_code"].choices = unit_choices()
        if user is not None and getattr(user, "is_authenticated", False):
            from apps.donations.selectors import donors_for

            known = donors_for(user)  # a unit picks among the donors of its own donations
            self.fields["donor"].queryset = known
            self.fields["donor"].style = {
                "choices": lambda: [("", "—"), *((d.pk, str(d)) for d in known[:500])],
                "searchable": True,
            }
        else:
            self.fields["donor"].queryset = Donor.objects.none()

    def validate_condition_kinds(self, value) -> list[str]:
        return sorted(value)


class AttachInput(serializers.Serializer):
    file_kind = _choice(FILE_KINDS, label=_("kind of document"))
    file = serializers.FileField(label=_("file (PDF, PNG or JPEG)"))


class ReceiptInput(serializers.Serializer):
    received_on = serializers.DateField(label=_("received on"))
    amount = money(_("amount or value received"))
    description = serializers.CharField(label=_("what was received"), max_length=300)
    file_kind = _choice(
        {k: FILE_KINDS[k] for k in ("customs", "tax_exemption", "bank", "handover", "other")},
        label=_("kind of document"),
        required=False,
        allow_blank=True,
        default="",
    )
    file = serializers.FileField(label=_("customs, tax-exemption or bank document"), required=False)


class UsePlanInput(serializers.Serializer):
    use_plan = serializers.CharField(label=_("use plan"), style={"base_template": "textarea.html"})
    use_due = serializers.DateField(label=_("use to be completed by"))


class ProgressInput(serializers.Serializer):
    reported_on = serializers.DateField(label=_("report date"))
    spent = serializers.DecimalField(
        label=_("spent in this period"),
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0"),
        error_messages={**MONEY_ERRORS, "min_value": _("The amount cannot be negative.")},
    )
    description = serializers.CharField(label=_("progress"), style={"base_template": "textarea.html"})
    photo = serializers.FileField(label=_("photo (PNG or JPEG)"), required=False)


class CompleteInput(serializers.Serializer):
    completion_summary = serializers.CharField(
        label=_("completion report"), style={"base_template": "textarea.html"}
    )


class SendReportInput(serializers.Serializer):
    send_email = serializers.BooleanField(label=_("e-mail it to the donor"), default=True)


class RateInput(serializers.Serializer):
    currency = CurrencyField(label=_("currency"))
    effective_on = serializers.DateField(label=_("effective from"))
    rate = serializers.DecimalField(
        label=_("CNY per unit"),
        max_digits=16,
        decimal_places=6,
        min_value=Decimal("0.000001"),
        error_messages={
            "min_value": _("The rate must be more than zero."),
            "max_decimal_places": _("At most six decimal places."),
        },
    )
    note = serializers.CharField(
        label=_("source"), max_length=200, required=False, allow_blank=True, default=""
    )


# --- output ----------------------------------------------------------------------------


class DonorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Donor
        fields = ["id", "kind", "name", "name_zh", "country", "relation", "email", "address"]
        read_only_fields = fields


class ItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = DonatedItem
        fields = ["description", "quantity", "unit", "estimated_value"]
        read_only_fields = fields


class ReceiptSerializer(serializers.ModelSerializer):
    class Meta:
        model = Receipt
        fields = ["id", "received_on", "amount", "description"]
        read_only_fields = fields


class UseReportSerializer(serializers.ModelSerializer):
    class Meta:
        model = UseReport
        fields = ["id", "reported_on", "spent", "description"]
        read_only_fields = fields


class FileSerializer(serializers.ModelSerializer):
    class Meta:
        model = DonationFile
        fields = ["attachment_id", "kind", "filename", "receipt", "report"]
        read_only_fields = fields


class DonationSerializer(serializers.ModelSerializer):
    case = CaseSerializer(read_only=True)
    donor = DonorSerializer(read_only=True)
    goods = ItemSerializer(source="items", many=True, read_only=True)
    receipts = ReceiptSerializer(many=True, read_only=True)
    reports = UseReportSerializer(many=True, read_only=True)
    files = FileSerializer(many=True, read_only=True)

    class Meta:
        model = Donation
        fields = [
            "id",
            "case",
            "title",
            "unit_code",
            "donor",
            "kind",
            "currency",
            "amount",
            "value",
            "value_cny",
            "rate",
            "rate_on",
            "intended_use",
            "conditions",
            "condition_kinds",
            "disclose_name",
            "offered_on",
            "accepted_on",
            "certificate_number",
            "certificate_document_id",
            "use_plan",
            "use_due",
            "next_report_due",
            "completed_on",
            "completion_summary",
            "goods",
            "receipts",
            "reports",
            "files",
        ]
        read_only_fields = fields


class DonationListSerializer(serializers.ModelSerializer):
    state = serializers.CharField(source="case.state", read_only=True)
    state_label = serializers.CharField(read_only=True)
    donor = serializers.CharField(source="donor.name", read_only=True)
    country = serializers.CharField(source="donor.country", read_only=True)

    class Meta:
        model = Donation
        fields = [
            "id",
            "title",
            "unit_code",
            "donor",
            "country",
            "kind",
            "currency",
            "value",
            "value_cny",
            "offered_on",
            "state",
            "state_label",
            "certificate_number",
        ]
        read_only_fields = fields


class DonorHistorySerializer(DonorSerializer):
    donations = serializers.SerializerMethodField()

    class Meta(DonorSerializer.Meta):
        fields = [*DonorSerializer.Meta.fields, "donations"]
        read_only_fields = fields

    def get_donations(self, donor) -> list[dict]:
        visible = self.context.get("donations")
        rows = visible if visible is not None else donor.donations.select_related("case")
        return DonationListSerializer(rows, many=True).data


class RateSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExchangeRate
        fields = ["id", "currency", "effective_on", "rate", "note"]
        read_only_fields = fields


def _text(help_text: str, label_text=None) -> serializers.CharField:
    return serializers.CharField(
        required=False, default="", allow_blank=True, help_text=help_text, label=label_text
    )


class ListFilter(serializers.Serializer):
    q = _text("title, donor's name or certificate number contains", _("Donor or title"))
    state = serializers.ChoiceField(
        label=_("State"), choices=[], required=False, allow_blank=True, default=""
    )
    unit = serializers.ChoiceField(
        label=_("Recipient unit"), choices=[], required=False, allow_blank=True, default=""
    )
    country = CountryField(
        label=_("Country or region"), required=False, allow_blank=True, default="", help_text="ISO code"
    )
    kind = _choice(KINDS, label=_("Kind"), required=False, allow_blank=True, default="")
    year = serializers.IntegerField(
        label=_("Year offered"), required=False, allow_null=True, default=None, min_value=2000, max_value=2100
    )

    def __init__(self, *args, **kwargs):
        from apps.donations.workflow import STATES

        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [(code, label(names, code)) for code, names in STATES.items()]
        self.fields["unit"].choices = unit_choices()


class DonorFilter(serializers.Serializer):
    q = _text("donor's name contains", _("Donor"))
    country = CountryField(
        label=_("Country or region"), required=False, allow_blank=True, default="", help_text="ISO code"
    )
