"""The provincial report rendered in the background (``apps.jobs`` renderer)."""

from __future__ import annotations

from apps.jobs.renderers import Rendered, register


@register("provincial.report")
def render_report(*, scope: str, province: str, year: int, half: int) -> Rendered:
    from apps.provincial.views import XLSX_TYPE, report_workbook
    from tenants.models import Province

    if scope != f"province:{province}":  # a rendition renders only its own audience's figures
        raise PermissionError(f"scope {scope!r} does not match province {province!r}")
    record = Province.objects.get(code=province)
    return Rendered(
        filename=f"{record.code}-{year}-H{half}.xlsx",
        content_type=XLSX_TYPE,
        content=report_workbook(record, int(year), int(half)),
    )
