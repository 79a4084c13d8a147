"""The Honorary Residents pages (server-rendered; the same services and inputs as the API)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from apps.accounts.access import PermissionRequiredMixin, has_permission
from apps.casework.actions import CaseRecordView
from apps.casework.inputs import WebInput, query_filters
from apps.casework.lists import filter_form as _filter_form
from apps.casework.lists import page_of as _page
from apps.honorary_residents import selectors, services
from apps.honorary_residents import serializers as s
from apps.honorary_residents.actions import ACTIONS
from apps.honorary_residents.models import Nomination
from apps.honorary_residents.workflow import EDITABLE_STATES


class NominationListView(PermissionRequiredMixin, TemplateView):
    template_name = "honorary_residents/list.html"
    required_permissions = {"GET": "honorary_residents.view"}

    def get_context_data(self, **kwargs):
        filters = query_filters(s.ListFilter, self.request.GET)
        page, query = _page(self.request, selectors.search(self.request.user, **filters))
        return {
            **super().get_context_data(**kwargs),
            "page": page,
            "query": query,
            "filter_form": _filter_form(self.request, s.ListFilter),
            "can_submit": has_permission(self.request, "honorary_residents.submit"),
        }


class NominationFormView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "honorary_residents.submit", "POST": "honorary_residents.submit"}
    template_name = "honorary_residents/form.html"

    def _record(self, request, pk):
        if pk is None:
            return None
        nomination = get_object_or_404(selectors.nominations_for(request.user), pk=pk)
        if nomination.case.state not in EDITABLE_STATES:
            raise Http404
        return nomination

    def get(self, request, pk=None):
        nomination = self._record(request, pk)
        initial = {"unit_code": request.user.unit or ""}
        if nomination is not None:
            initial = services.snapshot(nomination)
        web = WebInput(s.NominationInput, initial=initial, context={"request": request})
        return render(request, self.template_name, {"nomination": nomination, "input": web})

    def post(self, request, pk=None):
        nomination = self._record(request, pk)
        web = WebInput(s.NominationInput, data=request.POST, context={"request": request})
        if web.is_valid():
            try:
                if nomination is None:
                    nomination = services.create_nomination(actor=request.user, data=web.validated_data)
                else:
                    nomination = services.update_nomination(
                        actor=request.user, nomination=nomination, data=web.validated_data
                    )
            except ValidationError as error:
                web.add_errors(error)
            else:
                messages.success(request, _("Saved."))
                return redirect("honorary_residents:detail", nomination.pk)
        return render(request, self.template_name, {"nomination": nomination, "input": web}, status=400)


class NominationView(CaseRecordView):
    model = Nomination
    table = ACTIONS
    template_name = "honorary_residents/detail.html"
    required_permissions = {"GET": "honorary_residents.view", "POST": "honorary_residents.view"}
    detail_url_name = "honorary_residents:detail"

    def get_record(self, pk):
        return get_object_or_404(
            selectors.nominations_for(self.request.user).prefetch_related("visits"), pk=pk
        )

    def action_forms(self, record, bound=None):
        """The contacts' form shows the holder's current contacts."""
        forms = []
        for action, web in super().action_forms(record, bound):
            if action.name == "update_contacts" and not (bound and bound[0] == action.name):
                initial = {field: getattr(record, field) for field in services.CONTACT_FIELDS}
                serializer = self.table.input_serializer(action)
                web = WebInput(serializer, initial=initial, context={"request": self.request})
            forms.append((action, web))
        return forms

    def extra_context_for(self, nomination):
        editable = nomination.case.state in EDITABLE_STATES
        return {
            "nomination": nomination,
            "action_url_name": "honorary_residents:action",
            "editable": editable and has_permission(self.request, "honorary_residents.submit"),
            "documents": selectors.documents_of(nomination),
            "visit_rows": [
                [visit.visited_on.isoformat(), visit.purpose, visit.notes]
                for visit in nomination.visits.all()
            ],
        }


class CaseRedirectView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "honorary_residents.view"}

    def get(self, request, case_pk: int):
        nomination = get_object_or_404(selectors.nominations_for(request.user), case_id=case_pk)
        return redirect("honorary_residents:detail", nomination.pk)


class DocumentView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "honorary_residents.view"}

    def get(self, request, pk, item):
        from apps.documents.views import document_pdf_response

        nomination = get_object_or_404(selectors.nominations_for(request.user), pk=pk)
        return document_pdf_response(
            get_object_or_404(selectors.documents_of(nomination).defer(None), pk=item)
        )


class RegisterView(PermissionRequiredMixin, TemplateView):
    template_name = "honorary_residents/register.html"
    required_permissions = {"GET": "honorary_residents.view"}

    def get_context_data(self, **kwargs):
        filters = query_filters(s.RegisterFilter, self.request.GET)
        queryset = selectors.holders(self.request.user, **filters).prefetch_related("visits")
        page, query = _page(self.request, queryset, 50)
        return {
            **super().get_context_data(**kwargs),
            "page": page,
            "query": query,
            "filter_form": _filter_form(self.request, s.RegisterFilter),
        }
