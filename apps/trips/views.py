"""The trips module's pages (server-rendered; the same services as the API)."""

from __future__ import annotations

import calendar
import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from apps.accounts.access import PermissionRequiredMixin, has_permission
from apps.casework.actions import CaseRecordView
from apps.casework.inputs import query_filters
from apps.registry.i18n import label
from apps.trips import forms, selectors, services, validation
from apps.trips.actions import ACTIONS, as_id
from apps.trips.filters import DelegationFilterForm
from apps.trips.models import Delegation, TravelDocument
from apps.trips.serializers import ListFilterSerializer
from apps.trips.workflow import STATES


def _delegation(request, pk) -> Delegation:
    return get_object_or_404(
        selectors.delegations_for(request.user).prefetch_related("members", "destinations", "overrides"),
        pk=pk,
    )


class DelegationListView(PermissionRequiredMixin, TemplateView):
    template_name = "trips/list.html"
    required_permissions = {"GET": "trips.view"}

    def get_context_data(self, **kwargs):
        params = self.request.GET
        filters = query_filters(ListFilterSerializer, params)
        queryset = selectors.search(self.request.user, **filters)
        page = Paginator(queryset, 30).get_page(params.get("page"))
        return {
            **super().get_context_data(**kwargs),
            "page": page,
            "filters": filters,
            "filter_form": DelegationFilterForm(params),
            "states": [(code, label(names, code)) for code, names in STATES.items()],
            "can_submit": has_permission(self.request, "trips.submit"),
            "can_manage": has_permission(self.request, "trips.manage"),
            "can_see_statistics": has_permission(self.request, "trips.statistics"),
        }


class DelegationFormView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "trips.submit", "POST": "trips.submit"}
    template_name = "trips/form.html"

    def initial(self, delegation):
        if delegation is None:
            return {}, [{}], [{}]
        data = services.snapshot(delegation)
        members, destinations = data.pop("members"), data.pop("destinations")
        return data, members, destinations

    def get(self, request, pk=None):
        delegation = _delegation(request, pk) if pk else None
        initial, members, destinations = self.initial(delegation)
        return self.show(
            request,
            delegation,
            forms.DelegationForm(initial=initial, user=request.user),
            forms.member_formset(initial=members, prefix="members"),
            forms.DestinationFormSet(initial=destinations, prefix="destinations"),
        )

    def post(self, request, pk=None):
        delegation = _delegation(request, pk) if pk else None
        form = forms.DelegationForm(request.POST, user=request.user)
        members = forms.member_formset(request.POST, prefix="members")
        destinations = forms.DestinationFormSet(request.POST, prefix="destinations")
        if form.is_valid() and members.is_valid() and destinations.is_valid():
            data = {
                **form.cleaned_data,
                "members": [f.cleaned_data for f in members.forms if f.cleaned_data],
                "destinations": [f.cleaned_data for f in destinations.forms if f.cleaned_data],
            }
            try:
                if delegation is None:
                    delegation = services.create_delegation(actor=request.user, data=data)
                else:
                    delegation = services.update_delegation(
                        actor=request.user, delegation=delegation, data=data
                    )
            except ValidationError as error:
                forms.place_errors(
                    error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages},
                    form,
                    members,
                    destinations,
                )
            else:
                messages.success(request, _("Saved."))
                return redirect("trips:detail", delegation.pk)
        return self.show(request, delegation, form, members, destinations, status=400)

    def show(self, request, delegation, form, members, destinations, status=200):
        warnings = selectors.travel_document_warnings(delegation) if delegation else []
        context = {"delegation": delegation, "form": form, "members": members, "destinations": destinations,
                   "warnings": warnings}  # fmt: skip
        return render(request, self.template_name, context, status=status)


class DelegationDetailView(CaseRecordView):
    """A delegation's page and (POST ``act/``, the action posted as ``action``) its actions,
    from the one action table."""

    model = Delegation
    table = ACTIONS
    template_name = "trips/detail.html"
    required_permissions = {"GET": "trips.view", "POST": "trips.view"}
    detail_url_name = "trips:detail"

    def get_record(self, pk):
        return _delegation(self.request, pk)

    def action_forms(self, record, bound=None):
        forms_ = super().action_forms(record, bound)
        if services.can_report(record):
            return forms_
        return [(action, web) for action, web in forms_ if action.name != "close"]  # filed once back

    def get_context_data(self, pk, bound=None, **kwargs):
        context = super().get_context_data(pk=pk, bound=bound, **kwargs)
        if bound:  # a refused action: what was typed, and why it was refused
            name, web = bound
            typed = ("comment", "report", "outcome", "justification")
            context["typed"] = {"action": name, **{key: web.data.get(key, "") for key in typed}}
            context["action_errors"] = [message for errors in web.form.errors.values() for message in errors]
        return context

    def extra_context_for(self, delegation):
        case = delegation.case
        close = ACTIONS.get("close")
        report_from = None
        if ACTIONS.refusal(close, delegation, self.request.user) is None and not services.can_report(
            delegation
        ):
            report_from = delegation.return_date
        breaches = services.open_breaches(delegation) if case.state in services.EDITABLE_STATES else []
        return {
            "delegation": delegation,
            "report_from": report_from,
            "breaches": [(b, validation.rule_label(b.rule)) for b in breaches],
            "warnings": selectors.travel_document_warnings(delegation)
            if case.state in services.EDITABLE_STATES
            else [],
            "can_override": has_permission(self.request, "trips.override"),
            "can_manage": has_permission(self.request, "trips.manage"),
            "editable": case.state in services.EDITABLE_STATES
            and has_permission(self.request, "trips.submit"),
        }


class DelegationActionView(DelegationDetailView):
    """``act/``: where every form of the page posts (``action`` names the action)."""

    http_method_names = ["post"]


class CaseRedirectView(PermissionRequiredMixin, View):
    """A case's page by the case's id (the engine's links, e.g. in notifications)."""

    required_permissions = {"GET": "trips.view"}

    def get(self, request, case_pk: int):
        delegation = get_object_or_404(selectors.delegations_for(request.user), case_id=case_pk)
        return redirect("trips:detail", delegation.pk)


class PublicNoticeView(TemplateView):
    """公示: delegations in their notice period, on the city host, for anyone to read.
    No document numbers, no birth dates."""

    template_name = "trips/notices.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        notices = (
            Delegation.objects.filter(case__state__in=["approved", "on_hold"], notice_until__gte=today)
            .prefetch_related("members", "destinations")
            .order_by("departure")
        )
        outcomes = (
            Delegation.objects.filter(case__state="closed")
            .exclude(outcome_notice="")
            .order_by("-return_date")[:20]
        )
        return {**super().get_context_data(**kwargs), "notices": notices, "outcomes": outcomes}


class OverdueView(PermissionRequiredMixin, TemplateView):
    """Post-trip reports and travel documents past their deadlines."""

    template_name = "trips/overdue.html"
    required_permissions = {"GET": "trips.view"}

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        documents = (
            selectors.overdue_travel_documents(today)
            if has_permission(self.request, "trips.manage")
            else None
        )
        return {**super().get_context_data(**kwargs), "today": today, "documents": documents,
                "reports": selectors.overdue_reports(self.request.user, today)}  # fmt: skip


class CalendarView(PermissionRequiredMixin, TemplateView):
    template_name = "trips/calendar.html"
    required_permissions = {"GET": "trips.view"}

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        try:
            year, month = (int(part) for part in self.request.GET.get("month", "").split("-"))
            first = datetime.date(year, month, 1)
        except ValueError:
            first = today.replace(day=1)
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        delegations = list(selectors.abroad_between(self.request.user, first, last))
        days = [first + datetime.timedelta(days=offset) for offset in range(last.day)]
        rows = [
            {"delegation": d, "cells": [d.departure <= day <= d.return_date for day in days]}
            for d in delegations
        ]
        previous = (first - datetime.timedelta(days=1)).replace(day=1)
        following = last + datetime.timedelta(days=1)
        return {
            **super().get_context_data(**kwargs),
            "first": first,
            "days": days,
            "rows": rows,
            "previous": f"{previous:%Y-%m}",
            "next": f"{following:%Y-%m}",
        }


class CustodyView(PermissionRequiredMixin, TemplateView):
    template_name = "trips/custody.html"
    required_permissions = {"GET": "trips.manage", "POST": "trips.manage"}

    def get_context_data(self, **kwargs):
        params = self.request.GET
        overdue_only = bool(params.get("overdue"))
        grouped = params.get("group") == "delegation"
        documents = selectors.custody_ledger(q=params.get("q", ""), overdue_only=overdue_only)
        if grouped:  # by the trip each document went out for; those never issued last
            documents = documents.order_by(
                F("issued_for__departure").desc(nulls_last=True), "issued_for_id", "holder_name"
            )
        return {
            **super().get_context_data(**kwargs),
            "documents": documents,
            "overdue_only": overdue_only,
            "grouped": grouped,
            "q": params.get("q", ""),
            "today": timezone.localdate(),
            "intake": kwargs.get("intake") or forms.CustodyIntakeForm(),
        }

    def post(self, request):
        if request.POST.get("action") == "take_in":
            return self.take_in(request)
        document = get_object_or_404(TravelDocument, pk=as_id(request.POST.get("document")))
        try:
            services.return_travel_document(actor=request.user, document=document)
            messages.success(request, _("Back in custody."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("trips:custody")

    def take_in(self, request):
        form = forms.CustodyIntakeForm(request.POST)
        if form.is_valid():
            try:
                document = services.take_into_custody(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                forms.place_errors(error.message_dict, form, None, None)
            else:
                messages.success(request, _("%(number)s taken into custody.") % {"number": document.number})
                return redirect("trips:custody")
        return self.render_to_response(self.get_context_data(intake=form), status=400)


class StatisticsView(PermissionRequiredMixin, View):
    """The biannual statistics by submitting unit (``?year=&half=``), as a page or as a
    download (``export.xlsx``, ``export.pdf``)."""

    template_name = "trips/statistics.html"
    required_permissions = {"GET": "trips.statistics"}

    def get(self, request, fmt: str | None = None):
        from apps.casework.statistics import period_form
        from apps.trips import exports, statistics

        if fmt not in (None, "xlsx", "pdf"):
            raise Http404
        form, period = period_form(request.GET)
        if period is None:
            return render(request, self.template_name, {"form": form, "stats": None}, status=400)
        stats = statistics.biannual(request.user, year=period[0], half=period[1])
        if fmt == "xlsx":
            return exports.statistics_xlsx(stats)
        if fmt == "pdf":
            return exports.statistics_pdf(stats)
        context = {
            "form": form,
            "stats": stats,
            "columns": list(statistics.COLUMNS.values()),
            "query": f"year={stats.year}&half={stats.half}",
        }
        return render(request, self.template_name, context)
