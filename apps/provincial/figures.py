"""The province's figures, assembled from the modules' declarations (``Module.figures``).

The portal names no module: for each registered module that at least one of the
province's cities switches on, it shows the module's headline figures, its breakdowns,
its figures by month and by city, and its snapshots (overdue items) by city. A city whose
profile switches a module off contributes nothing to that module's figures.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from apps.provincial import selectors
from apps.registry.modules import Figure, Module, registry
from tenants import selectors as tenant_selectors


@dataclass
class ModuleFigures:
    module: Module
    cities: list  # the province's cities that switch the module on
    headlines: list[tuple[Figure, int]] = field(default_factory=list)
    breakdowns: list[tuple[Figure, list[tuple[str, str, int]]]] = field(default_factory=list)
    by_month: list[tuple[str, int]] = field(default_factory=list)
    by_month_figure: Figure | None = None
    counted: list[Figure] = field(default_factory=list)  # figures without breakdown, for the table
    snapshots: list[Figure] = field(default_factory=list)
    by_city: list[dict] = field(
        default_factory=list
    )  # {"city", "values": [...], "snapshots": [...], "as_of"}

    @property
    def name(self) -> str:
        return self.module.name


def modules_of(province) -> list[tuple[Module, list]]:
    """(module, its cities) for each module that a city of the province switches on."""
    cities = list(tenant_selectors.cities_of_province(province))
    found = []
    for module in registry:
        if not module.figures:
            continue
        enabling = [city for city in cities if module.id in (city.profile or {}).get("modules", {})]
        if enabling:
            found.append((module, enabling))
    return found


def assemble(
    province, *, since: datetime.date, until: datetime.date, latest: bool = False
) -> list[ModuleFigures]:
    """Every module's figures between two months (first days, inclusive). Snapshots are
    each city's latest up to ``until``, or (``latest``) the latest of all."""
    sections = []
    all_city_ids = {city.pk for city in tenant_selectors.cities_of_province(province)}
    for module, cities in modules_of(province):
        city_ids = {city.pk for city in cities}
        # The province's sums when every city counts; else only the enabling cities' rows.
        only = None if city_ids == all_city_ids else city_ids
        section = ModuleFigures(module=module, cities=cities)
        counted = [figure for figure in module.figures if not figure.snapshot]
        totals = selectors.totals(
            province, [f.metric for f in counted], since=since, until=until, city_ids=only
        )
        for figure in counted:
            values = totals.get(figure.metric, {})
            if figure.breakdown:
                rows = [(key, figure.key_label(key), value) for key, value in values.items() if value]
                section.breakdowns.append((figure, rows))
            if figure.in_city_table:
                section.counted.append(figure)
            if figure.headline:
                section.headlines.append((figure, sum(values.values())))
        section.by_month_figure = section.headlines[0][0] if section.headlines else None
        if section.by_month_figure is not None:
            section.by_month = selectors.by_month(
                province, section.by_month_figure.metric, since=since, until=until, city_ids=only
            )
        section.snapshots = [figure for figure in module.figures if figure.snapshot]
        per_city = selectors.totals_by_city(
            province, [f.metric for f in section.counted], since=since, until=until
        )
        latest = {
            row["city_id"]: row
            for row in selectors.latest_by_city(
                province, [f.metric for f in section.snapshots], until=None if latest else until
            )
        }
        for city in sorted(cities, key=lambda c: c.code):
            snapshot = latest.get(city.pk, {})
            section.by_city.append(
                {
                    "city": city,
                    "values": [per_city.get(city.pk, {}).get(f.metric, 0) for f in section.counted],
                    "snapshots": [(f, snapshot.get(f.metric, 0)) for f in section.snapshots],
                    "as_of": snapshot.get("month"),
                }
            )
        sections.append(section)
    return sections
