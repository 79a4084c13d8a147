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
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from apps.accounts.access import PermissionRequiredMixin, has_permission
from apps.accounts.scoping import is_unit_bound
from apps.casework.actions import CaseRecordView
from apps.casework.inputs import WebInput, query_filters
from apps.registry.i18n import label
from apps.trips import forms, selectors, services, validation
from apps.trips import serializers as s
from apps.trips.actions import ACTIONS, as_id
from apps.trips.filters import DelegationFilterForm
from apps.trips.models import Delegation, TravelDocument
from apps.trips.serializers import ListFilterSerializer
from apps.trips.workflow import STATES
from apps.workdays.periods import month_from_query


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
    """A new delegation or a change: the form is the API's input (``DelegationInputSerializer``
    through ``WebInput``), its errors on the field or row they name."""

    required_permissions = {"GET": "trips.submit", "POST": "trips.submit"}
    template_name = "trips/form.html"

    def get(self, request, pk=None):
        delegation = _delegation(request, pk) if pk else None
        initial = services.snapshot(delegation) if delegation else {"kind": Delegation.Kind.ABROAD}
        return self.show(request, delegation, self.input(request, initial=initial))

    def post(self, request, pk=None):
        delegation = _delegation(request, pk) if pk else None
        web = self.input(request, data=request.POST)
        if web.is_valid():
            data = web.validated_data
            try:
                if delegation is None:
                    delegation = services.create_delegation(actor=request.user, data=data)
                else:
                    delegation = services.update_delegation(
                        actor=request.user, delegation=delegation, data=data
                    )
            except ValidationError as error:
                web.add_errors(error)
            else:
                messages.success(request, _("Saved."))
                return redirect("trips:detail", delegation.pk)
        return self.show(request, delegation, web, status=400)

    def input(self, request, **kwargs) -> WebInput:
        web = WebInput(s.DelegationInputSerializer, context={"request": request}, **kwargs)
        if is_unit_bound(request.user):  # a department submits for itself only
            web.form.fields["unit_code"].disabled = True
            web.form.fields["unit_code"].initial = request.user.unit
        return web

    def show(self, request, delegation, web: WebInput, status=200):
        warnings = selectors.travel_document_warnings(delegation) if delegation else []
        context = {"delegation": delegation, "form": web.form, "members": web.formsets["members"],
                   "destinations": web.formsets["destinations"], "warnings": warnings}  # fmt: skip
        return render(request, self.template_name, context, status=status)


def facts(delegation) -> list[dict]:
    """The application as label/value pairs (kit/field_list.html)."""
    letter = delegation.invitation_attachment_id
    rows = [
        {"label": _("Unit"), "value": delegation.unit_name},
        {"label": _("Dates"), "value": f"{delegation.departure:%Y-%m-%d} – {delegation.return_date:%Y-%m-%d} "
                                       f"({delegation.days})"},
        {"label": _("Inviting organisation"),
         "value": f"{delegation.inviter_name} ({delegation.inviter_country_name})"},
        {"label": _("Invitation letter"), "value": _("Download") if letter else _("not uploaded"),
         "url": reverse("documents:attachment", args=[letter]) if letter else ""},
        {"label": _("Funding"), "value": f"{delegation.funding_source} · {delegation.budget}"},
        {"label": _("Purpose and tasks"), "value": delegation.purpose},
    ]  # fmt: skip
    if delegation.notice_until:
        notice = f"{delegation.notice_from:%Y-%m-%d} – {delegation.notice_until:%Y-%m-%d}"
        rows.append({"label": _("Public notice"), "value": notice})
    if delegation.report_due:
        rows.append({"label": _("Report due"), "value": f"{delegation.report_due:%Y-%m-%d}"})
    return rows


class DelegationDetailView(CaseRecordView):
    """A delegation's page and (POST ``act/``, the action posted as ``action``) its actions,
    from the one action table."""

    model = Delegation
    table = ACTIONS
    template_name = "trips/detail.html"
    required_permissions = {"GET": "trips.view", "POST": "trips.view"}
    detail_url_name = "trips:detail"
    refusal_redirects = True  # the reasons as messages on the page (refusal_messages)

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
        return context

    def done_message(self, action):
        return _("Done.")

    def refusal_messages(self, action, web):
        """The reasons themselves, on top (the buttons' forms have no room for them)."""
        reasons = []
        for name, errors in web.form.errors.items():
            field = web.form.fields.get(name)
            prefix = f"{field.label}: " if field is not None and field.label else ""
            reasons.extend(f"{prefix}{message}" for message in errors)
        return reasons or super().refusal_messages(action, web)

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
            "facts": facts(delegation),
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
        first = month_from_query(self.request.GET.get("month"), today)
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
                for name, errors in error.message_dict.items():
                    for message in errors:
                        form.add_error(name if name in form.fields else None, message)
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
