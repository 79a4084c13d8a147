"""Writes of the donations module. Every state change of a donation's case goes through the
casework engine; every write is one transaction with its audit row."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.roles import permissions_for_role
from apps.accounts.scoping import is_unit_bound
from apps.audit import services as audit
from apps.casework import services as casework
from apps.donations import currencies
from apps.donations.models import (
    CONDITION_KINDS,
    DonatedItem,
    Donation,
    DonationFile,
    Donor,
    ExchangeRate,
    Receipt,
    UseReport,
)
from apps.donations.workflow import EDITABLE_STATES
from apps.registry.i18n import label
from apps.registry.settings import module_settings
from apps.registry.units import unit_kind

WORKFLOW_ID = "donations.donation"
FIELDS = [
    "title",
    "unit_code",
    "kind",
    "currency",
    "amount",
    "intended_use",
    "conditions",
    "condition_kinds",
    "disclose_name",
    "offered_on",
]
DONOR_FIELDS = [
    "donor_kind",
    "donor_name",
    "donor_name_zh",
    "donor_country",
    "donor_relation",
    "donor_email",
    "donor_address",
]
ITEM_FIELDS = ["description", "quantity", "unit", "estimated_value"]
CENT = Decimal("0.01")


def settings() -> dict[str, Any]:
    return module_settings("donations")


def _require(actor, permission: str) -> None:
    if permission not in permissions_for_role(actor.role, connection.tenant.profile):
        raise PermissionDenied(_("You may not do this."))


def _text(value: Any) -> str:
    return "" if value is None else str(value)


# --- exchange rates ----------------------------------------------------------------------


def rate_on(currency: str, on: datetime.date) -> ExchangeRate | None:
    """The office's rate for ``currency`` in force on ``on`` (the latest from before)."""
    return (
        ExchangeRate.objects.filter(currency=currency, effective_on__lte=on).order_by("-effective_on").first()
    )


def to_cny(value: Decimal, currency: str, on: datetime.date) -> tuple[Decimal, Decimal, datetime.date] | None:
    """(value in CNY, rate, the rate's date), or None when the office has no rate yet."""
    if currency == currencies.BASE:
        return value.quantize(CENT), Decimal("1"), on
    rate = rate_on(currency, on)
    if rate is None:
        return None
    return (value * rate.rate).quantize(CENT), rate.rate, rate.effective_on


def record_rate(*, actor, data: dict[str, Any]) -> ExchangeRate:
    _require(actor, "donations.rates")
    currency = data["currency"]
    if currency == currencies.BASE:
        raise ValidationError({"currency": [_("Figures are in CNY already; it needs no rate.")]})
    with transaction.atomic():
        rate, created = ExchangeRate.objects.select_for_update().get_or_create(
            currency=currency,
            effective_on=data["effective_on"],
            defaults={"rate": data["rate"], "note": data.get("note", ""), "recorded_by": actor},
        )
        before = {} if created else {"rate": str(rate.rate), "note": rate.note}
        if not created:
            rate.rate, rate.note, rate.recorded_by = data["rate"], data.get("note", ""), actor
            rate.save()
        audit.record(
            actor=actor,
            action="donations.record_rate",
            obj=rate,
            before=before,
            after={
                "currency": currency,
                "effective_on": rate.effective_on.isoformat(),
                "rate": str(rate.rate),
                "note": rate.note,
            },
        )
    return rate


# --- the offer ---------------------------------------------------------------------------


def _check(actor, data: dict[str, Any]) -> dict[str, Any]:
    """The offer's own rules, every error on its field; nothing is written before."""
    data = dict(data)
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if is_unit_bound(actor):
        data["unit_code"] = actor.unit  # a unit registers the offers made to it
    known = {unit["code"] for unit in connection.tenant.profile.get("submitting_units") or []}
    if data.get("unit_code") not in known:
        add("unit_code", _("Unknown recipient unit."))
    items = data.get("goods") or []
    if data.get("kind") == "money":
        if data.get("amount") is None:
            add("amount", _("Give the amount of money offered."))
        if items:
            add("goods", _("A donation of money lists no goods."))
        data["value"] = data.get("amount") or Decimal("0")
    else:
        if not items:
            add("goods", _("List at least one item of the goods offered."))
        data["amount"] = None
        data["value"] = sum((row["estimated_value"] for row in items), Decimal("0"))
    offered_on = data.get("offered_on")
    if offered_on and offered_on > timezone.localdate():
        add("offered_on", _("This date is in the future."))
    if data.get("donor") is None and not (data.get("donor_name") or "").strip():
        add("donor_name", _("Name the donor (or pick one already known)."))
    if data.get("donor") is None:
        for field in ("donor_kind", "donor_country", "donor_relation"):
            if not data.get(field):
                add(field, _("This field is required."))
    if errors:
        raise ValidationError(errors)
    return data


def _donor(data: dict[str, Any]) -> Donor:
    """The donor picked, or the one with this kind, name and country (made if new; what
    was typed updates its contact details)."""
    if data.get("donor") is not None:
        return data["donor"]
    donor, _created = Donor.objects.get_or_create(
        kind=data["donor_kind"],
        name=" ".join(data["donor_name"].split()),
        country=data["donor_country"],
        defaults={"relation": data["donor_relation"]},
    )
    donor.relation = data["donor_relation"]
    for field in ("name_zh", "email", "address"):
        value = (data.get(f"donor_{field}") or "").strip()
        if value:
            setattr(donor, field, value)
    donor.save()
    return donor


def snapshot(donation: Donation) -> dict[str, Any]:
    return {
        **{field: getattr(donation, field) for field in FIELDS},
        "donor": donation.donor_id,
        "donor_name": donation.donor.name,
        "goods": [{key: getattr(i, key) for key in ITEM_FIELDS} for i in donation.items.all()],
    }


def _audit_json(values: dict[str, Any]) -> dict[str, Any]:
    def plain(value):
        if isinstance(value, Decimal | datetime.date):
            return str(value)
        if isinstance(value, list):
            return [plain(v) for v in value]
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        return value

    return {key: plain(value) for key, value in values.items()}


def _write_items(donation: Donation, data: dict[str, Any]) -> None:
    donation.items.all().delete()
    DonatedItem.objects.bulk_create(
        DonatedItem(donation=donation, order=index, **{key: row[key] for key in ITEM_FIELDS})
        for index, row in enumerate(data.get("goods") or [])
    )


def create_donation(*, actor, data: dict[str, Any]) -> Donation:
    _require(actor, "donations.submit")
    data = _check(actor, data)
    with transaction.atomic():
        donor = _donor(data)
        case = casework.open_case(
            actor=actor, workflow_id=WORKFLOW_ID, title=data["title"], unit_code=data["unit_code"]
        )
        donation = Donation.objects.create(
            case=case,
            donor=donor,
            unit_kind=unit_kind(data["unit_code"]),
            value=data["value"],
            **{field: data.get(field) if field != "conditions" else data.get(field, "") for field in FIELDS},
        )
        _write_items(donation, data)
        donation.refresh_search_text()
        audit.record(
            actor=actor, action="donations.create", obj=donation, after=_audit_json(snapshot(donation))
        )
    return donation


def update_donation(*, actor, donation: Donation, data: dict[str, Any]) -> Donation:
    _require(actor, "donations.submit")
    data = _check(actor, data)
    with transaction.atomic():
        locked = Donation.objects.select_for_update().select_related("case", "donor").get(pk=donation.pk)
        if locked.case.state not in EDITABLE_STATES:
            raise ValidationError(_("Only a draft or a returned offer can be changed."))
        before = snapshot(locked)
        locked.donor = _donor(data)
        for field in FIELDS:
            setattr(locked, field, data.get(field))
        locked.value = data["value"]
        locked.unit_kind = unit_kind(locked.unit_code)
        locked.save()
        _write_items(locked, data)
        locked.refresh_search_text()
        locked.case.title, locked.case.unit_code = locked.title, locked.unit_code
        locked.case.save(update_fields=["title", "unit_code", "updated_at"])
        old, new = audit.changes(_audit_json(before), _audit_json(snapshot(locked)))
        audit.record(actor=actor, action="donations.update", obj=locked, before=old, after=new)
    return locked


def forbidden_conditions(donation: Donation) -> list[str]:
    """The kinds of condition attached to the offer that the office cannot accept."""
    forbidden = set(settings().get("forbidden_conditions") or [])
    return [kind for kind in donation.condition_kinds or [] if kind in forbidden]


def facts(donation: Donation, value_cny: Decimal) -> dict[str, Any]:
    """What the approval chain's conditions look at (``DonationsModule.chain_facts``)."""
    rules = settings()
    country = donation.donor.country
    return {
        "value_cny": float(value_cny),
        "condition_kinds": sorted(set(donation.condition_kinds or [])),
        "donor_country": [country],
        "needs_province": float(value_cny) >= float(rules["province_threshold_cny"])
        or country in (rules.get("province_countries") or []),
    }


def submit(*, actor, record: Donation, data: dict[str, Any]) -> Donation:
    """Submits the offer for acceptance: conditions the office cannot accept and a currency
    without a recorded rate stop it (its value in CNY decides the chain)."""
    errors: dict[str, list[str]] = {}
    refused = forbidden_conditions(record)
    if refused:
        names = "、".join(label(CONDITION_KINDS.get(kind, {}), kind) for kind in refused)
        errors["condition_kinds"] = [
            _("The office cannot accept a donation with these conditions: %(names)s.") % {"names": names}
        ]
    converted = to_cny(record.value, record.currency, record.offered_on)
    if converted is None:
        errors["currency"] = [
            _("No exchange rate for %(currency)s on or before %(date)s: record one first.")
            % {"currency": record.currency, "date": record.offered_on.isoformat()}
        ]
    if errors:
        raise ValidationError(errors)
    value_cny, rate, rate_date = converted
    with transaction.atomic():
        Donation.objects.filter(pk=record.pk).update(value_cny=value_cny, rate=rate, rate_on=rate_date)
        record.value_cny = value_cny
        case = record.case
        case.facts = facts(record, value_cny)
        case.save(update_fields=["facts", "updated_at"])
        casework.perform(
            case=case,
            name="submit",
            actor=actor,
            comment=data.get("comment", ""),
            version=data.get("version"),
        )
    return record


# --- acceptance --------------------------------------------------------------------------


def issue_certificate(*, actor, record: Donation, data: dict[str, Any]) -> Donation:
    """Issues, numbered from the profile's ``donation`` series, the bilingual certificate of
    acceptance and thank-you letter; all or nothing."""
    from apps.documents import services as documents

    with transaction.atomic():
        casework.perform(
            case=record.case,
            name="issue_certificate",
            actor=actor,
            comment=data.get("comment", ""),
            version=data.get("version"),
        )
        donation = Donation.objects.select_related("case", "donor").get(pk=record.pk)
        document = documents.issue_document(
            actor=actor,
            kind="donation",
            title=_("Certificate of acceptance: %(title)s") % {"title": donation.title},
            template_name="donations/certificate_pdf.html",
            context={"donation": donation, "items": list(donation.items.all()), "office": connection.tenant},
            subject=donation,
            unit_code=donation.unit_code,
            language="bilingual",
        )
        Donation.objects.filter(pk=donation.pk).update(
            certificate_number=document.number, certificate_document_id=document.pk
        )
        donation.certificate_number = document.number
        donation.refresh_search_text()
    return record


# --- files -------------------------------------------------------------------------------

EXTENSIONS = {"pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg"}


def _store(actor, donation: Donation, uploaded, kind: str, field: str, **links) -> DonationFile:
    """Stores a file of the donation: what it is is told by its first bytes, and its name
    must say the same (a “.pdf” that is a web page or a picture is refused)."""
    from apps.documents import services as documents

    name = (getattr(uploaded, "name", "") or "").rsplit("/", 1)[-1]
    uploaded.seek(0)
    sniffed = documents.sniff_content_type(uploaded.read(documents.SNIFF_BYTES))
    uploaded.seek(0)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if sniffed is None:
        raise ValidationError(
            {field: [_("%(name)s: only PDF, PNG or JPEG files are accepted") % {"name": name}]}
        )
    if EXTENSIONS.get(extension) != sniffed:
        raise ValidationError(
            {field: [_("%(name)s is not what its name says; upload the document itself.") % {"name": name}]}
        )
    if kind == "photo" and not sniffed.startswith("image/"):
        raise ValidationError(
            {field: [_("%(name)s: a photo must be a PNG or JPEG picture.") % {"name": name}]}
        )
    try:
        attachment = documents.store_attachment(
            actor=actor, uploaded_file=uploaded, subject=donation, unit_code=donation.unit_code
        )
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from error
    return DonationFile.objects.create(
        donation=donation, attachment_id=attachment.pk, kind=kind, filename=attachment.filename, **links
    )


def attach(*, actor, record: Donation, data: dict[str, Any]) -> Donation:
    _require(actor, "donations.submit")
    with transaction.atomic():
        _store(actor, record, data["file"], data["file_kind"], "file")
    return record


# --- receipt and use ---------------------------------------------------------------------


def _not_future(errors: dict, field: str, value) -> None:
    if value and value > timezone.localdate():
        errors.setdefault(field, []).append(_("This date is in the future."))


def record_receipt(*, actor, record: Donation, data: dict[str, Any]) -> Donation:
    """Funds or goods received (an instalment), with its customs, tax-exemption or bank
    document; the first receipt moves the donation to “received”."""
    _require(actor, "donations.report")
    errors: dict[str, list[str]] = {}
    _not_future(errors, "received_on", data["received_on"])
    if data["received_on"] < record.offered_on:
        errors.setdefault("received_on", []).append(_("This is before the offer."))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        if record.case.state == "certified":
            casework.perform(case=record.case, name="receive", actor=actor, version=data.get("version"))
        receipt = Receipt.objects.create(
            donation=record,
            received_on=data["received_on"],
            amount=data["amount"],
            description=data["description"],
            recorded_by=actor,
        )
        if data.get("file"):
            _store(actor, record, data["file"], data.get("file_kind") or "other", "file", receipt=receipt)
        audit.record(
            actor=actor,
            action="donations.record_receipt",
            obj=record,
            after=_audit_json(
                {
                    "received_on": receipt.received_on,
                    "amount": receipt.amount,
                    "currency": record.currency,
                    "description": receipt.description,
                }
            ),
        )
    return record


def plan_use(*, actor, record: Donation, data: dict[str, Any]) -> Donation:
    _require(actor, "donations.report")
    today = timezone.localdate()
    if data["use_due"] <= today:
        raise ValidationError({"use_due": [_("The completion date must be after today.")]})
    interval = datetime.timedelta(days=settings()["report_interval_days"])
    with transaction.atomic():
        casework.perform(
            case=record.case,
            name="plan_use",
            actor=actor,
            comment=data.get("comment", ""),
            version=data.get("version"),
        )
        Donation.objects.filter(pk=record.pk).update(
            use_plan=data["use_plan"],
            use_due=data["use_due"],
            next_report_due=min(today + interval, data["use_due"]),
        )
        audit.record(
            actor=actor,
            action="donations.plan_use",
            obj=record,
            after={"use_plan": data["use_plan"], "use_due": data["use_due"].isoformat()},
        )
    return record


def report_progress(*, actor, record: Donation, data: dict[str, Any]) -> Donation:
    """A progress report: what was done and spent, with a photo."""
    _require(actor, "donations.report")
    interval = datetime.timedelta(days=settings()["report_interval_days"])
    with transaction.atomic():
        errors: dict[str, list[str]] = {}
        _not_future(errors, "reported_on", data["reported_on"])
        locked = Donation.objects.select_for_update().get(pk=record.pk)
        spent = locked.spent_total + data["spent"]
        received = locked.received_total
        if spent > received:
            errors.setdefault("spent", []).append(
                _("Spending would come to %(spent)s, more than the %(received)s received.")
                % {"spent": spent, "received": received}
            )
        if errors:
            raise ValidationError(errors)
        report = UseReport.objects.create(
            donation=record,
            reported_on=data["reported_on"],
            spent=data["spent"],
            description=data["description"],
            recorded_by=actor,
        )
        if data.get("photo"):
            _store(actor, record, data["photo"], "photo", "photo", report=report)
        next_due = data["reported_on"] + interval
        if locked.use_due:
            next_due = min(next_due, locked.use_due)
        Donation.objects.filter(pk=record.pk).update(next_report_due=next_due)
        audit.record(
            actor=actor,
            action="donations.report_progress",
            obj=record,
            after=_audit_json({"reported_on": report.reported_on, "spent": report.spent}),
        )
    return record


def complete(*, actor, record: Donation, data: dict[str, Any]) -> Donation:
    _require(actor, "donations.manage")
    if not record.reports.exists():
        raise ValidationError(
            {"completion_summary": [_("Report on the use at least once before completing.")]}
        )
    with transaction.atomic():
        casework.perform(
            case=record.case,
            name="complete",
            actor=actor,
            comment=data.get("comment", ""),
            version=data.get("version"),
        )
        Donation.objects.filter(pk=record.pk).update(
            completion_summary=data["completion_summary"],
            completed_on=timezone.localdate(),
            next_report_due=None,
        )
        audit.record(
            actor=actor,
            action="donations.complete",
            obj=record,
            after={"completion_summary": data["completion_summary"]},
        )
    return record


def send_use_report(*, actor, record: Donation, data: dict[str, Any]) -> Donation:
    """The report on the use of the donation as a bilingual PDF (kept with the donation),
    e-mailed to the donor when asked and the donor has an address."""
    from apps.documents import services as documents
    from apps.notifications.services import mail_outside

    _require(actor, "donations.manage")
    donor = record.donor
    if data.get("send_email") and not donor.email:
        raise ValidationError(
            {"send_email": [_("The donor has no e-mail address: record one, or download the PDF.")]}
        )
    with transaction.atomic():
        donation = Donation.objects.select_related("case", "donor").get(pk=record.pk)
        document = documents.issue_document(
            actor=actor,
            kind="donation_report",
            title=_("Report on the use of the donation: %(title)s") % {"title": donation.title},
            template_name="donations/use_report_pdf.html",
            context={
                "donation": donation,
                "receipts": list(donation.receipts.all()),
                "reports": list(donation.reports.all()),
                "office": connection.tenant,
            },
            subject=donation,
            unit_code=donation.unit_code,
            language="bilingual",
            numbered=False,
        )
        if data.get("send_email"):
            office = connection.tenant
            mail_outside(
                to=[donor.email],
                subject=f"{office.name_zh}：捐赠使用情况报告 Report on the use of your donation",
                body=(
                    f"尊敬的{donor.display_name}：\n\n感谢您的捐赠。随函附上“{donation.title}”的使用情况报告。\n\n"
                    f"Dear {donor.name},\n\nThank you for your donation. Please find attached the report on "
                    f"the use of “{donation.title}”.\n\n{office.name_zh}\n{office.name_en}\n"
                ),
                attachments=[("use-report.pdf", bytes(document.content), "application/pdf")],
            )
        audit.record(
            actor=actor,
            action="donations.send_use_report",
            obj=record,
            after={"document": document.pk, "emailed_to": donor.email if data.get("send_email") else ""},
        )
    return record
