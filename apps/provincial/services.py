"""Writes of the provincial side: escalations in, decisions out, figures kept current.

Escalations and figures are written by the city's own transaction (the public tables
are on every city's search_path), so a case is never escalated without its row here.
A decision switches to the city's schema and runs the casework engine there, in one
transaction with the update of the escalation row.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import tenant_context

from apps.casework.workflows import PROVINCE_APPROVE, PROVINCE_REJECT, get_workflow
from apps.provincial.models import EscalatedCase, MonthlyFigure, ProvinceFigure


def receive_escalation(*, case, workflow, summary: dict) -> EscalatedCase:
    """Called by the casework engine in the city's transaction when a case goes up."""
    city = connection.tenant
    escalation, _created = EscalatedCase.objects.update_or_create(
        city_id=city.pk,
        case_id=case.pk,
        defaults={
            "province_id": city.province_id,
            "workflow": workflow.id,
            "title": case.title,
            "summary": summary,
            "state": EscalatedCase.State.PENDING,
            "escalated_at": timezone.now(),
            "decided_at": None,
            "decided_by": "",
            "comment": "",
        },
    )
    return escalation


def decide(*, user, province, escalation: EscalatedCase, approve: bool, comment: str = "") -> EscalatedCase:
    """A provincial reviewer approves or refuses an escalated case of one of its cities."""
    from apps.casework.models import Case
    from apps.casework.services import ProvinceActor, perform

    if escalation.province_id != province.pk:
        raise PermissionDenied(_("This case is not in your province's queue."))
    if escalation.state != EscalatedCase.State.PENDING:
        raise ValidationError(_("This case has already been decided."), code="decided")
    workflow = get_workflow(escalation.workflow)
    kind = PROVINCE_APPROVE if approve else PROVINCE_REJECT
    transition = next(t for t in workflow.transitions if t.kind == kind)
    actor = ProvinceActor(
        username=user.get_username(),
        display_name=str(user),
        province_code=province.code,
        office_name=province.name_zh,
    )
    with transaction.atomic():
        locked = EscalatedCase.objects.select_for_update().get(pk=escalation.pk)
        if locked.state != EscalatedCase.State.PENDING:
            raise ValidationError(_("This case has already been decided."), code="decided")
        with tenant_context(locked.city):
            case = Case.objects.get(pk=locked.case_id)
            perform(case=case, name=transition.name, province=actor, comment=comment)
        locked.state = EscalatedCase.State.APPROVED if approve else EscalatedCase.State.REJECTED
        locked.decided_at = timezone.now()
        locked.decided_by = actor.username
        locked.comment = comment
        locked.save()
    return locked


def count(*, metric: str, key: str = "", on: date, by: int = 1) -> None:
    """Adds ``by`` to the current city's counter ``metric[key]`` for the month of ``on``,
    and to its province's sum (upserts: safe when two cases count at once)."""
    city = connection.tenant
    month = on.replace(day=1)
    city_table = f"public.{MonthlyFigure._meta.db_table}"  # from the models; values are parameters
    province_table = f"public.{ProvinceFigure._meta.db_table}"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {city_table} (province_id, city_id, month, metric, key, value) "  # noqa: S608
            "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (city_id, month, metric, key) "
            f"DO UPDATE SET value = {city_table}.value + EXCLUDED.value",
            [city.province_id, city.pk, month, metric, key, by],
        )
        cursor.execute(
            f"INSERT INTO {province_table} (province_id, month, metric, key, value) "  # noqa: S608
            "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (province_id, month, metric, key) "
            f"DO UPDATE SET value = {province_table}.value + EXCLUDED.value",
            [city.province_id, month, metric, key, by],
        )


def rebuild_province_figures(province) -> int:
    """Recomputes a province's sums from its cities' counters (after a city moves to
    another province or its counters are corrected); returns the number of sums."""
    from django.db.models import Sum

    with transaction.atomic():
        ProvinceFigure.objects.filter(province=province).delete()
        sums = (
            MonthlyFigure.objects.filter(province=province)
            .exclude(metric__in=SNAPSHOT_METRICS)
            .values("month", "metric", "key")
            .annotate(total=Sum("value"))
        )
        rows = [ProvinceFigure(province=province, month=row["month"], metric=row["metric"], key=row["key"],
                               value=row["total"]) for row in sums]  # fmt: skip
        ProvinceFigure.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


# Figures that are snapshots (set, not counted): never summed into ProvinceFigure.
SNAPSHOT_METRICS = ("trips.overdue_documents", "trips.overdue_reports")


def set_figure(*, metric: str, key: str = "", on: date, value: int) -> None:
    """Sets the current city's figure ``metric[key]`` for the month of ``on`` to ``value``
    (a snapshot, e.g. what is overdue today; the latest write of the month wins)."""
    city = connection.tenant
    table = f"public.{MonthlyFigure._meta.db_table}"  # from the model; values are parameters
    sql = (
        f"INSERT INTO {table} (province_id, city_id, month, metric, key, value) "  # noqa: S608
        "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (city_id, month, metric, key) "
        "DO UPDATE SET value = EXCLUDED.value"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [city.province_id, city.pk, on.replace(day=1), metric, key, value])
