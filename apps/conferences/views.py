"""The conferences pages (server-rendered; the same services and inputs as the API)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from apps.accounts.access import PermissionRequiredMixin, has_permission, site_profile
from apps.casework.actions import CaseRecordView
from apps.casework.inputs import WebInput, query_filters
from apps.casework.lists import filter_form
from apps.conferences import selectors, services
from apps.conferences import serializers as s
from apps.conferences.actions import ACTIONS
from apps.conferences.models import Conference
from apps.conferences.workflow import EDITABLE_STATES, SCHEDULED_STATES
from apps.registry.modules import ProgrammeGuest, ProgrammeRequest, programme_planner

LEGENDS = {
    "countries": gettext_lazy("Foreign participants by country or region"),
    "heads": gettext_lazy("Heads of delegation"),
}


def _filter_form(request):
    return filter_form(request, s.ListFilter)


def _filters(request) -> dict:
    filters = query_filters(s.ListFilter, request.GET)
    filters["overdue_only"] = bool(filters.pop("overdue", False))
    return filters


class ConferenceListView(PermissionRequiredMixin, TemplateView):
    template_name = "conferences/list.html"
    required_permissions = {"GET": "conferences.view"}

    def get_context_data(self, **kwargs):
        page = Paginator(selectors.search(self.request.user, **_filters(self.request)), 30).get_page(
            self.request.GET.get("page")
        )
        query = self.request.GET.copy()
        query.pop("page", None)
        return {
            **super().get_context_data(**kwargs),
            "page": page,
            "filter_form": _filter_form(self.request),
            "query": query.urlencode(),
            "can_submit": has_permission(self.request, "conferences.submit"),
            "today": timezone.localdate(),
        }


class ConferenceFormView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "conferences.submit", "POST": "conferences.submit"}
    template_name = "conferences/form.html"

    def _record(self, request, pk):
        if pk is None:
            return None
        conference = get_object_or_404(selectors.conferences_for(request.user), pk=pk)
        if conference.case.state not in EDITABLE_STATES:
            raise Http404
        return conference

    def get(self, request, pk=None):
        conference = self._record(request, pk)
        initial = {"unit_code": request.user.unit or ""}
        if conference is not None:
            initial = services.snapshot(conference)
        web = WebInput(s.ConferenceInput, initial=initial, context={"request": request})
        return render(
            request, self.template_name, {"conference": conference, "input": web, "legends": LEGENDS}
        )

    def post(self, request, pk=None):
        conference = self._record(request, pk)
        web = WebInput(s.ConferenceInput, data=request.POST, context={"request": request})
        if web.is_valid():
            try:
                if conference is None:
                    conference = services.create_conference(actor=request.user, data=web.validated_data)
                else:
                    conference = services.update_conference(
                        actor=request.user, conference=conference, data=web.validated_data
                    )
            except ValidationError as error:
                web.add_errors(error)
            else:
                messages.success(request, _("Saved."))
                return redirect("conferences:detail", conference.pk)
        context = {"conference": conference, "input": web, "legends": LEGENDS}
        return render(request, self.template_name, context, status=400)


class ConferenceView(CaseRecordView):
    model = Conference
    table = ACTIONS
    template_name = "conferences/detail.html"
    required_permissions = {"GET": "conferences.view", "POST": "conferences.view"}
    detail_url_name = "conferences:detail"

    def get_record(self, pk):
        return get_object_or_404(
            selectors.conferences_for(self.request.user)
            .select_related("office_leader")
            .prefetch_related("countries", "heads"),
            pk=pk,
        )

    def extra_context_for(self, conference):
        from apps.conferences.rules import province_reasons
        from apps.registry.ranks import highest

        editable = conference.case.state in EDITABLE_STATES
        heads = list(conference.heads.all())
        return {
            "conference": conference,
            "heads": heads,
            "action_url_name": "conferences:action",
            "editable": editable and has_permission(self.request, "conferences.submit"),
            "documents": selectors.documents_of(conference),
            "today": timezone.localdate(),
            # approved conferences plan their VIP programme with the protocol planner of the
            # module that plans programmes (receptions), where the city has one
            "can_plan_programme": conference.case.state in SCHEDULED_STATES
            and programme_planner(site_profile(self.request)) is not None,
            "province_reasons": province_reasons(
                conference.foreign_participants,
                highest(h.rank for h in heads),
                [row.country for row in conference.countries.all()],
            ),
        }


class CaseRedirectView(PermissionRequiredMixin, View):
    """A conference's page by its case's id (the engine's links)."""

    required_permissions = {"GET": "conferences.view"}

    def get(self, request, case_pk: int):
        conference = get_object_or_404(selectors.conferences_for(request.user), case_id=case_pk)
        return redirect("conferences:detail", conference.pk)


class DocumentView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "conferences.view"}

    def get(self, request, pk, item):
        from apps.documents.views import document_pdf_response

        conference = get_object_or_404(selectors.conferences_for(request.user), pk=pk)
        return document_pdf_response(
            get_object_or_404(selectors.documents_of(conference).defer(None), pk=item)
        )


class ProgrammeView(PermissionRequiredMixin, View):
    """Starts the VIP programme of an approved conference in the module that plans protocol
    programmes: a draft reception plan with the heads of delegation as its guests, ranked;
    the clerk goes on there (hosts, programme, precedence, seating)."""

    required_permissions = {"POST": "conferences.view"}

    def post(self, request, pk: int):
        conference = get_object_or_404(
            selectors.conferences_for(request.user).prefetch_related("heads"), pk=pk
        )
        planner = programme_planner(site_profile(request))
        if planner is None or conference.case.state not in SCHEDULED_STATES:
            raise Http404
        event = ProgrammeRequest(
            title=_("VIP programme: %(title)s") % {"title": conference.title},
            purpose=conference.title,
            start=conference.start,
            end=conference.end,
            unit_code=conference.unit_code,
            guests=tuple(
                ProgrammeGuest(name=head.name, country=head.country, title=head.title, rank=head.rank)
                for head in conference.heads.all()
            ),
            source_url=reverse("conferences:detail", args=[conference.pk]),
        )
        try:
            path = planner.plan_programme(request.user, event)
        except PermissionDenied:
            messages.error(request, _("You may not plan receptions; ask the protocol division."))
            return redirect("conferences:detail", conference.pk)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("conferences:detail", conference.pk)
        messages.success(request, _("A draft reception plan was made for the VIP programme."))
        return redirect(path)
