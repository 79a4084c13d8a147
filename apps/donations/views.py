"""The donations pages (server-rendered; the same services and inputs as the API)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from apps.accounts.access import PermissionRequiredMixin, has_permission
from apps.casework.actions import CaseRecordView
from apps.casework.inputs import WebInput, query_filters
from apps.casework.lists import filter_form as _filter_form
from apps.documents.exports import table_response
from apps.donations import exports, selectors, services
from apps.donations import serializers as s
from apps.donations.actions import ACTIONS
from apps.donations.models import CONDITION_KINDS, Donation
from apps.donations.workflow import EDITABLE_STATES
from apps.registry.i18n import label

LEGENDS = {"goods": gettext_lazy("Goods offered")}


def _query(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


class DonationListView(PermissionRequiredMixin, TemplateView):
    template_name = "donations/list.html"
    required_permissions = {"GET": "donations.view"}

    def get_context_data(self, **kwargs):
        filters = query_filters(s.ListFilter, self.request.GET)
        page = Paginator(selectors.search(self.request.user, **filters), 30).get_page(
            self.request.GET.get("page")
        )
        return {
            **super().get_context_data(**kwargs),
            "page": page,
            "filter_form": _filter_form(self.request, s.ListFilter),
            "query": _query(self.request),
            "can_submit": has_permission(self.request, "donations.submit"),
            "can_export": has_permission(self.request, "donations.statistics"),
        }


class DonationFormView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "donations.submit", "POST": "donations.submit"}
    template_name = "donations/form.html"

    def _record(self, request, pk):
        if pk is None:
            return None
        donation = get_object_or_404(selectors.donations_for(request.user), pk=pk)
        if donation.case.state not in EDITABLE_STATES:
            raise Http404
        return donation

    def get(self, request, pk=None):
        donation = self._record(request, pk)
        initial = {
            "unit_code": request.user.unit or "",
            "offered_on": timezone.localdate(),
            "currency": "USD",
        }
        if donation is not None:
            initial = services.snapshot(donation)
        web = WebInput(s.DonationInput, initial=initial, context={"request": request})
        return render(request, self.template_name, {"donation": donation, "input": web, "legends": LEGENDS})

    def post(self, request, pk=None):
        donation = self._record(request, pk)
        web = WebInput(s.DonationInput, data=request.POST, context={"request": request})
        if web.is_valid():
            try:
                if donation is None:
                    donation = services.create_donation(actor=request.user, data=web.validated_data)
                else:
                    donation = services.update_donation(
                        actor=request.user, donation=donation, data=web.validated_data
                    )
            except ValidationError as error:
                web.add_errors(error)
            else:
                messages.success(request, _("Saved."))
                return redirect("donations:detail", donation.pk)
        context = {"donation": donation, "input": web, "legends": LEGENDS}
        return render(request, self.template_name, context, status=400)


class DonationView(CaseRecordView):
    model = Donation
    table = ACTIONS
    template_name = "donations/detail.html"
    required_permissions = {"GET": "donations.view", "POST": "donations.view"}
    detail_url_name = "donations:detail"

    def get_record(self, pk):
        return get_object_or_404(
            selectors.donations_for(self.request.user).prefetch_related(
                "items", "receipts", "reports", "files"
            ),
            pk=pk,
        )

    def extra_context_for(self, donation):
        editable = donation.case.state in EDITABLE_STATES
        refused = services.forbidden_conditions(donation) if editable else []
        return {
            "donation": donation,
            "action_url_name": "donations:action",
            "editable": editable and has_permission(self.request, "donations.submit"),
            "documents": selectors.documents_of(donation),
            "files": donation.files.all(),
            "condition_labels": [
                label(CONDITION_KINDS.get(k, {}), k) for k in donation.condition_kinds or []
            ],
            "refused_conditions": [label(CONDITION_KINDS.get(k, {}), k) for k in refused],
            "overdue": donation.report_overdue(),
        }


class CaseRedirectView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "donations.view"}

    def get(self, request, case_pk: int):
        donation = get_object_or_404(selectors.donations_for(request.user), case_id=case_pk)
        return redirect("donations:detail", donation.pk)


class DocumentView(PermissionRequiredMixin, View):
    """A certificate, a use report or an attachment of a donation the user may see."""

    required_permissions = {"GET": "donations.view"}

    def get(self, request, pk, kind, item):
        from apps.documents.views import attachment_response, document_pdf_response

        donation = get_object_or_404(selectors.donations_for(request.user), pk=pk)
        if kind == "documents":
            return document_pdf_response(
                get_object_or_404(selectors.documents_of(donation).defer(None), pk=item)
            )
        if kind == "attachments":
            return attachment_response(
                get_object_or_404(selectors.attachments_of(donation).defer(None), pk=item)
            )
        raise Http404


class DonorListView(PermissionRequiredMixin, TemplateView):
    template_name = "donations/donors.html"
    required_permissions = {"GET": "donations.view"}

    def get_context_data(self, **kwargs):
        filters = query_filters(s.DonorFilter, self.request.GET)
        page = Paginator(selectors.donors_for(self.request.user, **filters), 50).get_page(
            self.request.GET.get("page")
        )
        return {
            **super().get_context_data(**kwargs),
            "page": page,
            "filter_form": _filter_form(self.request, s.DonorFilter),
            "query": _query(self.request),
        }


class DonorView(PermissionRequiredMixin, TemplateView):
    template_name = "donations/donor.html"
    required_permissions = {"GET": "donations.view"}

    def get_context_data(self, pk, **kwargs):
        donor = get_object_or_404(selectors.donors_for(self.request.user), pk=pk)
        return {
            **super().get_context_data(**kwargs),
            "donor": donor,
            "donations": selectors.history_of(self.request.user, donor),
        }


class RateView(PermissionRequiredMixin, TemplateView):
    """The office's exchange rates (CNY per unit of each currency from a date on)."""

    template_name = "donations/rates.html"
    required_permissions = {"GET": "donations.view", "POST": "donations.rates"}

    def get_context_data(self, web=None, **kwargs):
        page = Paginator(selectors.rates(), 50).get_page(self.request.GET.get("page"))
        if web is None and has_permission(self.request, "donations.rates"):
            web = WebInput(s.RateInput, initial={"effective_on": timezone.localdate()})
        return {**super().get_context_data(**kwargs), "page": page, "input": web, "query": ""}

    def post(self, request):
        web = WebInput(s.RateInput, data=request.POST, context={"request": request})
        if web.is_valid():
            try:
                services.record_rate(actor=request.user, data=web.validated_data)
            except ValidationError as error:
                web.add_errors(error)
            else:
                messages.success(request, _("Saved."))
                return redirect("donations:rates")
        return self.render_to_response(self.get_context_data(web=web), status=400)


class ExportView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "donations.statistics"}

    def get(self, request, fmt: str):
        items = selectors.search(request.user, **query_filters(s.ListFilter, request.GET))
        stamp = timezone.localdate().isoformat()
        return table_response(exports.DONATION_COLUMNS, items, fmt=fmt, filename=f"donations-{stamp}")


class PublicNoticeView(TemplateView):
    """公示: accepted donations and their use, on the city host, for anyone to read. The
    donor is named only where they agreed; nothing internal (contacts, conditions,
    certificate numbers, files, who handled it)."""

    template_name = "donations/public.html"

    def get_context_data(self, **kwargs):
        page = Paginator(selectors.public_donations(), 20).get_page(self.request.GET.get("page"))
        return {**super().get_context_data(**kwargs), "page": page, "query": ""}
