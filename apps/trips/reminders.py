"""What the trips module reminds people of each working morning (``manage.py
send_reminders`` calls ``TripsModule.due_reminders``), and the overdue figures it leaves
for the provincial FAO on the way (the one place they are written).

- post-trip reports due within 3 working days or overdue -> clerks and the unit's submitters
- travel documents due back within 2 days or overdue -> clerks
- approved delegations whose public notice ends today -> clerks (ready to issue)

Each reminder's de-duplication key names the object and the day.
"""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from apps.notifications.recipients import clerks_and_unit, dedupe_key
from apps.notifications.services import in_both, recipients_with_role
from apps.registry.modules import Reminder
from apps.trips import statistics
from apps.trips.models import Delegation, TravelDocument

REPORT_WORKING_DAYS = 3
DOCUMENT_DAYS = 2
OVERDUE_DOCUMENTS_METRIC = "trips.overdue_documents"
OVERDUE_REPORTS_METRIC = "trips.overdue_reports"


def _detail_url(delegation_id: int) -> str:
    return reverse("trips:detail", args=[delegation_id], urlconf="waiban.urls_city")


def _when(due: datetime.date, today: datetime.date) -> str:
    if due < today:
        return _("overdue (due by %(date)s)") % {"date": due.isoformat()}
    if due == today:
        return _("due today")
    return _("due on %(date)s") % {"date": due.isoformat()}


def report_reminders(today: datetime.date) -> list[Reminder]:
    from apps.workdays.calendar import add_working_days

    horizon = add_working_days(today, REPORT_WORKING_DAYS)
    clerks = list(recipients_with_role("clerk"))
    delegations = Delegation.objects.filter(
        case__state="issued", report_due__isnull=False, report_due__lte=horizon
    ).order_by("report_due", "pk")
    reminders = []
    for delegation in delegations:

        def facts(delegation=delegation) -> dict[str, str]:
            return {
                "title": delegation.title,
                "unit": delegation.unit_name,
                "date": delegation.return_date.isoformat(),
                "when": _when(delegation.report_due, today),
            }

        reminders.append(
            Reminder(
                recipients=clerks_and_unit(delegation.unit_code, clerks=clerks),
                kind="trips.report_due",
                subject=in_both(lambda facts=facts: _("Post-trip report %(when)s: %(title)s") % facts()),
                body=in_both(
                    lambda facts=facts: (
                        _(
                            "“%(title)s” (%(unit)s) came back on %(date)s; its post-trip report is %(when)s. "
                            "Please file it in time."
                        )
                        % facts()
                    )
                ),
                url=_detail_url(delegation.pk),
                about=delegation,
                dedupe_key=dedupe_key("trips.report_due", delegation, today),
            )
        )
    return reminders


def document_reminders(today: datetime.date) -> list[Reminder]:
    horizon = today + datetime.timedelta(days=DOCUMENT_DAYS)
    clerks = list(recipients_with_role("clerk"))
    documents = TravelDocument.objects.filter(
        status=TravelDocument.Status.ISSUED, due_back__isnull=False, due_back__lte=horizon
    ).order_by("due_back", "pk")

    def facts(document) -> dict[str, str]:
        return {
            "holder": document.holder_name,
            "number": document.number,
            "type": str(document.get_document_type_display()),
            "when": _when(document.due_back, today),
        }

    return [
        Reminder(
            recipients=clerks,
            kind="trips.document_due",
            subject=in_both(
                lambda d=document: _("Travel document %(when)s: %(holder)s %(number)s") % facts(d)
            ),
            body=in_both(
                lambda d=document: (
                    _("%(holder)s's %(type)s (%(number)s) is %(when)s; have it returned to custody.")
                    % facts(d)
                )
            ),
            url=reverse("trips:custody", urlconf="waiban.urls_city"),
            about=document,
            dedupe_key=dedupe_key("trips.document_due", document, today),
        )
        for document in documents
    ]


def notice_reminders(today: datetime.date) -> list[Reminder]:
    clerks = list(recipients_with_role("clerk"))
    delegations = Delegation.objects.filter(case__state="approved", notice_until=today).order_by("pk")
    return [
        Reminder(
            recipients=clerks,
            kind="trips.notice_ends",
            subject=in_both(
                lambda d=delegation: _("Public notice ends today: %(title)s") % {"title": d.title}
            ),
            body=in_both(
                lambda d=delegation: (
                    _(
                        "The public notice of “%(title)s” ends today (%(date)s); with no objection and the "
                        "pre-departure education acknowledged, the approval document can be issued."
                    )
                    % {"title": d.title, "date": today.isoformat()}
                )
            ),
            url=_detail_url(delegation.pk),
            about=delegation,
            dedupe_key=dedupe_key("trips.notice_ends", delegation, today),
        )
        for delegation in delegations
    ]


def record_overdue_figures(today: datetime.date) -> dict[str, int]:
    """Leaves what is overdue in the city today in the province's figures (a snapshot for
    the month of ``today``, set, not added), so its dashboard never visits the city."""
    from apps.reporting.figures import set_figure

    counts = statistics.overdue_counts(today)
    set_figure(metric=OVERDUE_DOCUMENTS_METRIC, on=today, value=counts["documents"])
    set_figure(metric=OVERDUE_REPORTS_METRIC, on=today, value=counts["reports"])
    return counts


def due_reminders(today: datetime.date) -> list[Reminder]:
    record_overdue_figures(today)
    return [*report_reminders(today), *document_reminders(today), *notice_reminders(today)]
