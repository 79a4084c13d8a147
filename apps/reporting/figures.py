"""The figures modules report to their province (declared as ``Module.figures``).

``count`` adds to the current city's counter for a month and to its province's sum in the
caller's transaction (a rolled-back change counts nothing); ``set_figure`` sets a snapshot
(what is overdue today). The province's portal reads the sums, never a city's schema.
"""

from __future__ import annotations

from datetime import date

from django.db import connection, transaction

from apps.reporting.models import MonthlyFigure, ProvinceFigure


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
            .exclude(metric__in=snapshot_metrics())
            .values("month", "metric", "key")
            .annotate(total=Sum("value"))
        )
        rows = [ProvinceFigure(province=province, month=row["month"], metric=row["metric"], key=row["key"],
                               value=row["total"]) for row in sums]  # fmt: skip
        ProvinceFigure.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def snapshot_metrics() -> list[str]:
    """Figures that are snapshots (set, not counted): never summed into ProvinceFigure."""
    from apps.registry.modules import registry

    return [figure.metric for module in registry for figure in module.figures if figure.snapshot]


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
