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

from apps.accounts.models import User
from apps.notifications.services import recipients_with_role
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
        return f"已逾期（应于{due:%Y-%m-%d}前）"
    if due == today:
        return "今天到期"
    return f"将于{due:%Y-%m-%d}到期"


def report_reminders(today: datetime.date) -> list[Reminder]:
    from apps.workdays.calendar import add_working_days

    horizon = add_working_days(today, REPORT_WORKING_DAYS)
    clerks = list(recipients_with_role("clerk"))
    delegations = Delegation.objects.filter(
        case__state="issued", report_due__isnull=False, report_due__lte=horizon
    ).order_by("report_due", "pk")
    reminders = []
    for delegation in delegations:
        submitters = User.objects.filter(role="submitter", unit=delegation.unit_code, is_active=True)
        reminders.append(
            Reminder(
                recipients=[*clerks, *submitters],
                kind="trips.report_due",
                subject=f"出访报告{_when(delegation.report_due, today)}：{delegation.title}",
                body=(
                    f"“{delegation.title}”（{delegation.unit_name}）已于{delegation.return_date:%Y-%m-%d}回国，"
                    f"出访报告{_when(delegation.report_due, today)}，请及时提交。"
                ),
                url=_detail_url(delegation.pk),
                about=delegation,
                dedupe_key=f"trips.report_due:{delegation.pk}:{today.isoformat()}",
            )
        )
    return reminders


def document_reminders(today: datetime.date) -> list[Reminder]:
    horizon = today + datetime.timedelta(days=DOCUMENT_DAYS)
    clerks = list(recipients_with_role("clerk"))
    documents = TravelDocument.objects.filter(
        status=TravelDocument.Status.ISSUED, due_back__isnull=False, due_back__lte=horizon
    ).order_by("due_back", "pk")
    return [
        Reminder(
            recipients=clerks,
            kind="trips.document_due",
            subject=f"因公证照{_when(document.due_back, today)}：{document.holder_name} {document.number}",
            body=(
                f"{document.holder_name}的{document.get_document_type_display()}（{document.number}）"
                f"{_when(document.due_back, today)}，请督促交回保管。"
            ),
            url=reverse("trips:custody", urlconf="waiban.urls_city"),
            about=document,
            dedupe_key=f"trips.document_due:{document.pk}:{today.isoformat()}",
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
            subject=f"公示今天期满：{delegation.title}",
            body=(
                f"“{delegation.title}”的公示于今天（{today:%Y-%m-%d}）期满；如无异议且行前教育已确认，"
                "即可出具任务批件。"
            ),
            url=_detail_url(delegation.pk),
            about=delegation,
            dedupe_key=f"trips.notice_ends:{delegation.pk}:{today.isoformat()}",
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
