"""The sister-cities pages (server-rendered; the same services and inputs as the API)."""

from __future__ import annotations

import datetime

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
from apps.sister_cities import selectors, services
from apps.sister_cities import serializers as s
from apps.sister_cities.actions import ACTIONS
from apps.sister_cities.models import Relationship
from apps.sister_cities.workflow import EDITABLE_STATES


class RelationshipListView(PermissionRequiredMixin, TemplateView):
    template_name = "sister_cities/list.html"
    required_permissions = {"GET": "sister_cities.view"}

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        filters = query_filters(s.ListFilter, self.request.GET)
        rows = selectors.with_last_exchange(selectors.search(self.request.user, **filters, today=today))
        page = Paginator(rows, 30).get_page(self.request.GET.get("page"))
        search_form = filter_form(self.request, s.ListFilter)
        dormant = set(
            selectors.dormant_relationships(
                Relationship.objects.filter(pk__in=[r.pk for r in page]), today
            ).values_list("pk", flat=True)
        )
        return {
            **super().get_context_data(**kwargs),
            "page": page,
            "dormant": dormant,
            "filter_form": search_form,
            "can_submit": has_permission(self.request, "sister_cities.submit"),
        }


class RelationshipFormView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "sister_cities.submit", "POST": "sister_cities.submit"}
    template_name = "sister_cities/form.html"

    def _record(self, request, pk):
        if pk is None:
            return None
        relationship = get_object_or_404(selectors.relationships_for(request.user), pk=pk)
        if relationship.case.state not in EDITABLE_STATES:
            raise Http404
        return relationship

    def get(self, request, pk=None):
        relationship = self._record(request, pk)
        initial = {"unit_code": request.user.unit or ""}
        if relationship is not None:
            initial = services.snapshot(relationship)
        web = WebInput(s.RelationshipInput, initial=initial, context={"request": request})
        return render(request, self.template_name, {"relationship": relationship, "input": web})

    def post(self, request, pk=None):
        relationship = self._record(request, pk)
        web = WebInput(s.RelationshipInput, data=request.POST, context={"request": request})
        if web.is_valid():
            try:
                if relationship is None:
                    relationship = services.create_relationship(actor=request.user, data=web.validated_data)
                else:
                    relationship = services.update_relationship(
                        actor=request.user, relationship=relationship, data=web.validated_data
                    )
            except ValidationError as error:
                web.add_errors(error)
            else:
                messages.success(request, _("Saved."))
                return redirect("sister_cities:detail", relationship.pk)
        return render(request, self.template_name, {"relationship": relationship, "input": web}, status=400)


class RelationshipView(CaseRecordView):
    model = Relationship
    table = ACTIONS
    template_name = "sister_cities/detail.html"
    required_permissions = {"GET": "sister_cities.view", "POST": "sister_cities.view"}
    detail_url_name = "sister_cities:detail"

    def get_record(self, pk):
        return get_object_or_404(selectors.relationships_for(self.request.user), pk=pk)

    def extra_context_for(self, relationship):
        today = timezone.localdate()
        editable = relationship.case.state in EDITABLE_STATES
        return {
            "relationship": relationship,
            "action_url_name": "sister_cities:action",
            "editable": editable and has_permission(self.request, "sister_cities.submit"),
            "attachments": selectors.attachments_of(relationship),
            "exchanges": selectors.exchanges_of(relationship)[:50],
            "plans": relationship.plans.all(),
            "dormant": selectors.is_dormant(relationship, today),
            "today": today,
            "can_report": has_permission(self.request, "sister_cities.statistics"),
        }


class CaseRedirectView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "sister_cities.view"}

    def get(self, request, case_pk: int):
        relationship = get_object_or_404(selectors.relationships_for(request.user), case_id=case_pk)
        return redirect("sister_cities:detail", relationship.pk)


class AttachmentView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "sister_cities.view"}

    def get(self, request, pk, item):
        from apps.documents.views import attachment_response

        relationship = get_object_or_404(selectors.relationships_for(request.user), pk=pk)
        return attachment_response(
            get_object_or_404(selectors.attachments_of(relationship).defer(None), pk=item)
        )


def _year(request) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 1950 <= year <= 2100 else timezone.localdate().year


class ReportView(PermissionRequiredMixin, TemplateView):
    """The yearly report of one relationship: the plan, the exchanges by field and kind."""

    template_name = "sister_cities/report.html"
    required_permissions = {"GET": "sister_cities.statistics"}

    def get_context_data(self, pk, **kwargs):
        relationship = get_object_or_404(selectors.relationships_for(self.request.user), pk=pk)
        year = _year(self.request)
        return {
            **super().get_context_data(**kwargs),
            "relationship": relationship,
            "report": selectors.yearly_report(relationship, year),
            "years": list(range(timezone.localdate().year, datetime.date(2000, 1, 1).year - 1, -1))[:15],
        }
