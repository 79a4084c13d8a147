"""The register's pages: search across partners, people and their history; a partner's
page with its whole history (agreements, exchanges, visits both ways, contacts over time,
open follow-ups); the consular jurisdictions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from apps.accounts.access import PermissionRequiredMixin, has_permission
from apps.casework.inputs import WebInput, query_filters
from apps.casework.lists import filter_form
from apps.partners import selectors, services
from apps.partners.inputs import JurisdictionInput, PartnerInput, PersonInput, SearchFilter
from apps.partners.models import LINK_KINDS, Partner
from apps.registry.i18n import label


class PartnerListView(PermissionRequiredMixin, TemplateView):
    template_name = "partners/list.html"
    required_permissions = {"GET": "partners.view"}

    def get_context_data(self, **kwargs):
        filters = query_filters(SearchFilter, self.request.GET)
        q = filters.get("q", "")
        rows = selectors.partners(q=q, kind=filters.get("kind", ""), country=filters.get("country", ""))
        page = Paginator(rows, 30).get_page(self.request.GET.get("page"))
        search_form = filter_form(self.request, SearchFilter)
        return {
            **super().get_context_data(**kwargs),
            "page": page,
            "filter_form": search_form,
            "q": q,
            "people": selectors.search_people(q)[:20] if q else [],
            "links": selectors.search_links(q)[:20] if q else [],
            "can_manage": has_permission(self.request, "partners.manage"),
        }


class PartnerFormView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "partners.manage", "POST": "partners.manage"}
    template_name = "partners/form.html"

    def get(self, request, pk=None):
        partner = get_object_or_404(Partner, pk=pk) if pk else None
        initial = {"kind": request.GET.get("kind", ""), "active": True}
        if partner is not None:
            initial = {field: getattr(partner, field) for field in services.PARTNER_FIELDS}
        web = WebInput(PartnerInput, initial=initial, context={"request": request})
        return render(request, self.template_name, {"partner": partner, "input": web})

    def post(self, request, pk=None):
        partner = get_object_or_404(Partner, pk=pk) if pk else None
        web = WebInput(PartnerInput, data=request.POST, context={"request": request})
        if web.is_valid():
            try:
                if partner is None:
                    partner = services.create_partner(actor=request.user, **web.validated_data)
                else:
                    partner = services.update_partner(
                        actor=request.user, partner=partner, **web.validated_data
                    )
            except ValidationError as error:
                web.add_errors(error)
            else:
                messages.success(request, _("Saved."))
                return redirect("partners:detail", partner.pk)
        return render(request, self.template_name, {"partner": partner, "input": web}, status=400)


class PartnerView(PermissionRequiredMixin, TemplateView):
    """GET: the partner's page. POST: add a person (the form on the page)."""

    template_name = "partners/detail.html"
    required_permissions = {"GET": "partners.view", "POST": "partners.manage"}

    def get_context_data(self, pk, person_input=None, **kwargs):
        partner = get_object_or_404(Partner, pk=pk)
        history = selectors.partner_history(partner)
        page = Paginator(history.links, 30).get_page(self.request.GET.get("page"))
        can_manage = has_permission(self.request, "partners.manage")
        return {
            **super().get_context_data(**kwargs),
            "partner": partner,
            "history": history,
            "counted": [
                (kind, label(LINK_KINDS.get(kind, LINK_KINDS["other"]), kind), n)
                for kind, n in sorted(history.counts.items())
            ],
            "page": page,
            "today": timezone.localdate(),
            "can_manage": can_manage,
            "person_input": person_input or (WebInput(PersonInput) if can_manage else None),
        }

    def post(self, request, pk):
        partner = get_object_or_404(Partner, pk=pk)
        web = WebInput(PersonInput, data=request.POST, context={"request": request})
        if web.is_valid():
            try:
                services.add_person(actor=request.user, partner=partner, **web.validated_data)
            except ValidationError as error:
                web.add_errors(error)
            else:
                messages.success(request, _("Saved."))
                return redirect("partners:detail", partner.pk)
        return self.render_to_response(self.get_context_data(pk=pk, person_input=web), status=400)


class JurisdictionView(PermissionRequiredMixin, TemplateView):
    """Which consulate covers the city for each country (read by the invitations' letters)."""

    template_name = "partners/jurisdictions.html"
    required_permissions = {"GET": "partners.view", "POST": "partners.manage"}

    def get_context_data(self, web=None, **kwargs):
        can_manage = has_permission(self.request, "partners.manage")
        return {
            **super().get_context_data(**kwargs),
            "rows": selectors.jurisdictions(),
            "input": web or (WebInput(JurisdictionInput) if can_manage else None),
        }

    def post(self, request):
        web = WebInput(JurisdictionInput, data=request.POST, context={"request": request})
        if web.is_valid():
            try:
                services.set_jurisdiction(actor=request.user, **web.validated_data)
            except ValidationError as error:
                web.add_errors(error)
            else:
                messages.success(request, _("Saved."))
                return redirect("partners:jurisdictions")
        return self.render_to_response(self.get_context_data(web=web), status=400)
