"""Each office's home page is a dashboard: what waits for the user, and for each module the
profile switches on, the office's own figures (this month, this year, by month) and what is
overdue now - from its own counters, never another city's, in both languages."""

import datetime

from django.utils import timezone

from apps.registry.modules import registry
from apps.reporting.figures import count, set_figure
from tests.conftest import in_city
from tests.invitations.helpers import InvitationFactory, people


def figures_of_hangzhou():
    """A counted total and a snapshot of a module Hangzhou switches on (the first that has both)."""
    with in_city("hangzhou"):
        from django.db import connection

        module = next(
            m
            for m in registry.iter_enabled(connection.tenant.profile)
            if any(f.snapshot for f in m.figures) and any(not (f.snapshot or f.breakdown) for f in m.figures)
        )
    counted = next(f for f in module.figures if not f.snapshot and not f.breakdown)
    snapshot = next(f for f in module.figures if f.snapshot)
    return module, counted, snapshot


def row_of(page: str, metric: str) -> str:
    return page.split(f'data-figure="{metric}"')[1].split("</tr>")[0]


def test_the_home_shows_the_offices_own_figures_and_never_another_citys(db, client_for):
    module, counted, snapshot = figures_of_hangzhou()
    today = timezone.localdate()
    january = today.replace(month=1, day=1)
    with in_city("hangzhou"):
        users = people()
        count(metric=counted.metric, on=today, by=7)
        count(metric=counted.metric, on=january, by=2)
        count(metric=counted.metric, on=january - datetime.timedelta(days=1), by=40)  # last year
        set_figure(metric=snapshot.metric, on=today, value=3)
    for other in ("quzhou", "guangzhou"):  # the same province and another one
        with in_city(other):
            count(metric=counted.metric, on=today, by=900)
            set_figure(metric=snapshot.metric, on=today, value=555)

    client = client_for("hangzhou", users["director"])
    zh = client.get("/").content.decode()
    client.cookies["django_language"] = "en"
    en = client.get("/").content.decode()

    month = 7 + (2 if today.month == 1 else 0)
    for page, language in ((zh, "zh"), (en, "en")):
        assert f'data-figures="{module.id}"' in page and module.names[language] in page
        row = row_of(page, counted.metric)
        assert counted.names[language] in row
        assert f'data-period="month">{month}<' in row and 'data-period="year">9<' in row
        assert f'data-figure="{snapshot.metric}"' in page and snapshot.names[language] in page
        assert row_of(page, snapshot.metric).count('data-value="3"') == 1
        assert "900" not in page and "555" not in page and "949" not in page  # no other city
        assert f'id="chart-{module.id}-data"' in page  # the chart's data island
    island = zh.split(f'id="chart-{module.id}-data"')[1].split("</script>")[0]
    assert f"{today:%Y-%m}" in island


def test_the_home_lists_what_waits_for_the_user_and_hides_figures_from_units(db, client_for):
    from django.db import connection

    from apps.casework.selectors import waiting_for

    with in_city("hangzhou"):
        users = people()
        InvitationFactory(users=users, submitted=True)
        waiting = waiting_for(users["reviewer"], connection.tenant.profile)["decisions"]
    assert waiting  # the invitation awaits the reviewer
    reviewer = client_for("hangzhou", users["reviewer"]).get("/").content.decode()
    decisions = reviewer.split('data-list="decisions"')[1].split("</section>")[0]
    for item in waiting[:10]:  # the first ten, the rest one click away
        assert f'href="{item.url}"' in decisions and item.title in decisions
    # each link leads to its case's page by the case's id (an invitation's id is another)
    with in_city("hangzhou"):
        from apps.casework.services import case_url
        from apps.invitations.models import Invitation

        ours = Invitation.objects.select_related("case").latest("pk")
        url = case_url(Invitation.workflow(), ours.case)
    assert url == f"/invitations/case/{ours.case.pk}/"
    assert client_for("hangzhou", users["reviewer"]).get(url).url == f"/invitations/{ours.pk}/"
