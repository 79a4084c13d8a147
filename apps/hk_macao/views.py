"""The Hong Kong and Macao pages: official exchanges (cases), non-governmental exchanges,
figures by kind."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from apps.accounts.access import PermissionRequiredMixin, has_permission
from apps.casework.actions import CaseRecordView
from apps.casework.inputs import WebInput, query_filters
from apps.casework.lists import filter_form
from apps.hk_macao import selectors, services
from apps.hk_macao import serializers as s
from apps.hk_macao.actions import ACTIONS
from apps.hk_macao.models import Exchange
from apps.hk_macao.workflow import EDITABLE_STATES


def year_of(params) -> int:
    try:
        year = int(params.get("year", ""))
    except (TypeError, ValueError):
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


class ExchangeListView(PermissionRequiredMixin, TemplateView):
    template_name = "hk_macao/list.html"
    required_permissions = {"GET": "hk_macao.view"}

    def get_context_data(self, **kwargs):
        filters = query_filters(s.ListFilter, self.request.GET)
        page = Paginator(selectors.search(self.request.user, **filters), 30).get_page(
            self.request.GET.get("page")
        )
        search_form = filter_form(self.request, s.ListFilter)
        year = year_of(self.request.GET)
        return {
            **super().get_context_data(**kwargs),
            "page": page,
            "filter_form": search_form,
            "year": year,
            "figures": selectors.figures_by_kind(self.request.user, year),
            "can_submit": has_permission(self.request, "hk_macao.submit"),
        }


class ExchangeFormView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "hk_macao.submit", "POST": "hk_macao.submit"}
    template_name = "hk_macao/form.html"

    def _record(self, request, pk):
        if pk is None:
            return None
        exchange = get_object_or_404(selectors.exchanges_for(request.user), pk=pk)
        if exchange.case.state not in EDITABLE_STATES:
            raise Http404
        return exchange

    def get(self, request, pk=None):
        exchange = self._record(request, pk)
        initial = services.snapshot(exchange) if exchange else {"unit_code": request.user.unit or ""}
        web = WebInput(s.ExchangeInput, initial=initial, context={"request": request})
        return render(request, self.template_name, {"exchange": exchange, "input": web})

    def post(self, request, pk=None):
        exchange = self._record(request, pk)
        web = WebInput(s.ExchangeInput, data=request.POST, context={"request": request})
        if web.is_valid():
            try:
                if exchange is None:
                    exchange = services.create_exchange(actor=request.user, data=web.validated_data)
                else:
                    exchange = services.update_exchange(
                        actor=request.user, exchange=exchange, data=web.validated_data
                    )
            except ValidationError as error:
                web.add_errors(error)
            else:
                messages.success(request, _("Saved."))
                return redirect("hk_macao:detail", exchange.pk)
        return render(request, self.template_name, {"exchange": exchange, "input": web}, status=400)


class ExchangeView(CaseRecordView):
    model = Exchange
    table = ACTIONS
    template_name = "hk_macao/detail.html"
    required_permissions = {"GET": "hk_macao.view", "POST": "hk_macao.view"}
    detail_url_name = "hk_macao:detail"

    def get_record(self, pk):
        return get_object_or_404(selectors.exchanges_for(self.request.user), pk=pk)

    def extra_context_for(self, exchange):
        editable = exchange.case.state in EDITABLE_STATES
        return {
            "exchange": exchange,
            "action_url_name": "hk_macao:action",
            "editable": editable and has_permission(self.request, "hk_macao.submit"),
        }


class CaseRedirectView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "hk_macao.view"}

    def get(self, request, case_pk: int):
        exchange = get_object_or_404(selectors.exchanges_for(request.user), case_id=case_pk)
        return redirect("hk_macao:detail", exchange.pk)


class NonGovView(PermissionRequiredMixin, TemplateView):
    template_name = "hk_macao/non_governmental.html"
    required_permissions = {"GET": "hk_macao.view", "POST": "hk_macao.manage"}

    def get_context_data(self, bound=None, **kwargs):
        page = Paginator(selectors.non_governmental(), 30).get_page(self.request.GET.get("page"))
        can_manage = has_permission(self.request, "hk_macao.manage")
        return {
            **super().get_context_data(**kwargs),
            "page": page,
            "input": bound
            or (WebInput(s.NonGovInput, context={"request": self.request}) if can_manage else None),
        }

    def post(self, request):
        web = WebInput(s.NonGovInput, data=request.POST, context={"request": request})
        if web.is_valid():
            try:
                services.add_non_governmental(actor=request.user, data=web.validated_data)
            except ValidationError as error:
                web.add_errors(error)
            else:
                messages.success(request, _("Saved."))
                return redirect("hk_macao:non_governmental")
        return self.render_to_response(self.get_context_data(bound=web), status=400)
