"""The calendar pages (server-rendered month, week and day views; no JavaScript needed),
the user's feed subscription, and the ICS feed itself (public, by its secret token)."""

from __future__ import annotations

import calendar as month_calendar
import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from rest_framework import serializers

from apps.accounts.access import PermissionRequiredMixin
from apps.calendar import selectors, services
from apps.casework.inputs import query_filters
from apps.casework.lists import filter_form

VIEWS = {"month": gettext_lazy("Month"), "week": gettext_lazy("Week"), "day": gettext_lazy("Day")}
FEED_DAYS_BACK, FEED_DAYS_AHEAD = 30, 365
FEED_CACHE_SECONDS = 300
SESSION_KEY = "calendar_feed_url"


class CalendarFilter(serializers.Serializer):
    view = serializers.ChoiceField(label=gettext_lazy("View"), choices=[], required=False, default="month")
    date = serializers.DateField(label=gettext_lazy("Date"), required=False, allow_null=True, default=None)
    person = serializers.ChoiceField(
        label=gettext_lazy("Leader or staff member"), choices=[], required=False, allow_blank=True, default=""
    )
    division = serializers.ChoiceField(
        label=gettext_lazy("Division"), choices=[], required=False, allow_blank=True, default=""
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["view"].choices = list(VIEWS.items())
        self.fields["person"].choices = [(user.pk, str(user)) for user in selectors.leaders()]
        self.fields["division"].choices = selectors.divisions()


def period(view: str, day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """[start, end) of the view around ``day``; a month view spans whole weeks."""
    if view == "day":
        return day, day + datetime.timedelta(days=1)
    if view == "week":
        start = day - datetime.timedelta(days=day.weekday())
        return start, start + datetime.timedelta(days=7)
    first = day.replace(day=1)
    last = first.replace(day=month_calendar.monthrange(first.year, first.month)[1])
    start = first - datetime.timedelta(days=first.weekday())
    end = last + datetime.timedelta(days=7 - last.weekday())
    return start, end


def step(view: str, day: datetime.date, sign: int) -> datetime.date:
    if view == "day":
        return day + datetime.timedelta(days=sign)
    if view == "week":
        return day + datetime.timedelta(days=7 * sign)
    month = day.month - 1 + sign
    return datetime.date(day.year + month // 12, month % 12 + 1, 1)


class CalendarView(PermissionRequiredMixin, TemplateView):
    template_name = "calendar/calendar.html"
    required_permissions = {"GET": "core.view_home"}

    def get_context_data(self, **kwargs):
        filters = query_filters(CalendarFilter, self.request.GET)
        view = filters.get("view") or "month"
        day = filters.get("date") or timezone.localdate()
        person = int(filters["person"]) if filters.get("person") else None
        division = filters.get("division") or ""
        start, end = period(view, day)
        shown = self.shown(view, start, end, person, division)
        query = self.request.GET.copy()
        for key in ("date", "page"):
            query.pop(key, None)
        feed_url = self.request.session.pop(SESSION_KEY, None)
        from apps.calendar.models import FeedToken

        return {
            **super().get_context_data(**kwargs),
            "view": view,
            "view_name": VIEWS[view],
            "day": day,
            "today": timezone.localdate(),
            **shown,
            "previous": step(view, day, -1).isoformat(),
            "next": step(view, day, 1).isoformat(),
            "query": query.urlencode(),
            "filter_form": filter_form(self.request, CalendarFilter),
            "views": list(VIEWS.items()),
            "conflict_word": _("conflict"),
            "feed_url": feed_url,
            "feed": FeedToken.objects.filter(user=self.request.user, revoked_at__isnull=True).first(),
        }

    def shown(self, view, start, end, person, division) -> dict:
        """What the view shows (the month's cells already written), kept a minute in the
        cache under the city's data version: a calendar is looked at far more often than
        it changes."""
        from django.core.cache import cache
        from django.utils import translation

        user = self.request.user
        key = (
            f"calendar-view:{user.pk}:{view}:{start}:{end}:{person}:{division}:"
            f"{translation.get_language()}:{selectors.version()}"
        )
        shown = cache.get(key)
        if shown is not None:
            return shown
        # Conflicts are marked over everything the user sees, whichever filter is on.
        everything = selectors.cached_entries(start, end, user)
        items = selectors.only(everything, person=person, division=division)
        by_day: dict[datetime.date, list] = {}
        for item in items:
            for covered in item.days():
                if start <= covered < end:
                    by_day.setdefault(covered, []).append(item)
        days = [start + datetime.timedelta(days=n) for n in range((end - start).days)]
        keep = {key: value for key, value in (("person", person or ""), ("division", division)) if value}
        day_link = "?" + urlencode({"view": "day", **keep}) + "&date="
        shown = {
            "weeks": [
                [(d, cell(d, by_day.get(d, []), day_link)) for d in days[i : i + 7]]
                for i in range(0, len(days), 7)
            ]
            if view == "month"
            else [],
            "agenda": [(d, by_day[d]) for d in days if d in by_day] if view != "month" else [],
            "count": len(items),
            "conflicted": sum(1 for item in items if item.conflicts),
        }
        cache.set(key, shown, 60)
        return shown


CELL_ROWS = 6  # entries shown in a month's day; the rest are behind the day's link


def cell(day: datetime.date, items: list, day_link: str) -> str:
    """One day of the month grid, written here rather than in the template: a month can
    hold hundreds of entries, and this keeps the page fast (``bench/calendar_bench.py``)."""
    parts = []
    for item in items[:CELL_ROWS]:
        time = "" if item.all_day else f"{item.begins:%H:%M} "
        conflict = ""
        if item.conflicts:
            conflict = format_html(
                '<span class="visually-hidden"> ({}: {})</span>', _("conflict"), item.conflict_text
            )
        parts.append(
            format_html(
                '<a class="calendar-entry{}" data-uid="{}" href="{}">{}'
                '<span class="badge text-bg-light border">{}</span> {}{}</a>',
                " conflict text-danger" if item.conflicts else "",
                item.uid,
                item.entry.url or "#",
                time,
                item.kind_name,
                item.entry.title,
                conflict,
            )
        )
    if len(items) > CELL_ROWS:
        more = _("%(n)d more") % {"n": len(items) - CELL_ROWS}
        parts.append(
            format_html('<a class="calendar-more small" href="{}{}">{}</a>', day_link, day.isoformat(), more)
        )
    return mark_safe("".join(parts))  # noqa: S308  (every part escaped by format_html)


class FeedSubscriptionView(PermissionRequiredMixin, View):
    """POST: make a new private feed address (the old one stops working) or revoke it."""

    required_permissions = {"POST": "core.view_home"}

    def post(self, request):
        if request.POST.get("revoke"):
            if services.revoke_feed(actor=request.user):
                messages.success(
                    request, _("The subscription address is revoked; calendars using it stop updating.")
                )
        else:
            token = services.issue_feed(actor=request.user)
            request.session[SESSION_KEY] = request.build_absolute_uri(f"/agenda/feed/{token}.ics")
            messages.success(
                request, _("Your private subscription address is below. Copy it now: it is shown once.")
            )
        return redirect("calendar:calendar")


class FeedView(View):
    """The ICS feed of the token's user: their own calendar from 30 days back to a year
    ahead. An unknown, revoked or another city's token is a plain 404."""

    def get(self, request, token: str):
        user = services.user_for_token(token)
        if user is None:
            raise Http404
        from django.core.cache import cache

        from apps.calendar import ics
        from apps.registry.i18n import label

        today = timezone.localdate()
        base_url = f"{request.scheme}://{request.get_host()}"
        # A feed is polled again and again: its body is kept five minutes under the city's
        # data version, so an unchanged calendar is served without asking the modules.
        key = f"calendar-feed:{user.pk}:{today}:{base_url}:{selectors.version()}"
        body = cache.get(key)
        if body is None:
            start = today - datetime.timedelta(days=FEED_DAYS_BACK)
            end = today + datetime.timedelta(days=FEED_DAYS_AHEAD)
            everything = selectors.entries(start, end, user)
            selectors.conflicts(everything)
            city = request.city
            office = label((city.profile or {}).get("short_names") or {}, city.name)
            name = f"{office} {_('Foreign-affairs calendar')} · {user}"
            body = ics.feed(selectors.own(everything, user), name=name, base_url=base_url)
            cache.set(key, body, FEED_CACHE_SECONDS)
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="waiban.ics"'
        response["Cache-Control"] = "private, max-age=300"
        response["X-Robots-Tag"] = "noindex"
        return response
