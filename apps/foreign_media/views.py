"""The media pages (server-rendered; the same services and inputs as the API)."""

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
from apps.foreign_media import selectors, services
from apps.foreign_media import serializers as s
from apps.foreign_media.actions import ACTIONS
from apps.foreign_media.models import InterviewRequest
from apps.foreign_media.workflow import EDITABLE_STATES


class InterviewListView(PermissionRequiredMixin, TemplateView):
    template_name = "foreign_media/list.html"
    required_permissions = {"GET": "foreign_media.view"}

    def get_context_data(self, **kwargs):
        filters = query_filters(s.ListFilter, self.request.GET)
        page, query = _page(self.request, selectors.search(self.request.user, **filters))
        return {
            **super().get_context_data(**kwargs),
            "page": page,
            "query": query,
            "filter_form": _filter_form(self.request, s.ListFilter),
            "can_manage": has_permission(self.request, "foreign_media.manage"),
            "can_register": has_permission(self.request, "foreign_media.register"),
        }


class InterviewFormView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "foreign_media.manage", "POST": "foreign_media.manage"}
    template_name = "foreign_media/form.html"

    def _record(self, request, pk):
        if pk is None:
            return None
        interview = get_object_or_404(selectors.interviews_for(request.user), pk=pk)
        if interview.case.state not in EDITABLE_STATES:
            raise Http404
        return interview

    def get(self, request, pk=None):
        interview = self._record(request, pk)
        initial = services.snapshot(interview) if interview is not None else {}
        web = WebInput(s.InterviewInput, initial=initial, context={"request": request})
        return render(request, self.template_name, {"interview": interview, "input": web})

    def post(self, request, pk=None):
        interview = self._record(request, pk)
        web = WebInput(s.InterviewInput, data=request.POST, context={"request": request})
        if web.is_valid():
            try:
                if interview is None:
                    interview = services.create_interview(actor=request.user, data=web.validated_data)
                else:
                    interview = services.update_interview(
                        actor=request.user, interview=interview, data=web.validated_data
                    )
            except ValidationError as error:
                web.add_errors(error)
            else:
                messages.success(request, _("Saved."))
                return redirect("foreign_media:detail", interview.pk)
        return render(request, self.template_name, {"interview": interview, "input": web}, status=400)


class InterviewView(CaseRecordView):
    model = InterviewRequest
    table = ACTIONS
    template_name = "foreign_media/detail.html"
    required_permissions = {"GET": "foreign_media.view", "POST": "foreign_media.view"}
    detail_url_name = "foreign_media:detail"

    def get_record(self, pk):
        return get_object_or_404(
            selectors.interviews_for(self.request.user).prefetch_related("articles"), pk=pk
        )

    def extra_context_for(self, interview):
        editable = interview.case.state in EDITABLE_STATES
        return {
            "interview": interview,
            "action_url_name": "foreign_media:action",
            "editable": editable and has_permission(self.request, "foreign_media.manage"),
            "article_rows": [
                [
                    {"text": a.title, "url": a.url},
                    a.published_on.isoformat(),
                    {"text": a.get_tone_display(), "attrs": {"data-tone": a.tone}},
                    a.notes,
                ]
                for a in interview.articles.all()
            ],
        }


class CaseRedirectView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "foreign_media.view"}

    def get(self, request, case_pk: int):
        interview = get_object_or_404(selectors.interviews_for(request.user), case_id=case_pk)
        return redirect("foreign_media:detail", interview.pk)


class _SimpleFormView(PermissionRequiredMixin, View):
    """A form of one input that calls one service and goes back to a list."""

    required_permissions = {"GET": "foreign_media.register", "POST": "foreign_media.register"}
    template_name = "foreign_media/simple_form.html"
    serializer_class = None
    heading = ""
    done_url = ""

    def service(self, request, data):
        raise NotImplementedError

    def _render(self, request, web, status=200):
        context = {"input": web, "heading": self.heading}
        return render(request, self.template_name, context, status=status)

    def get(self, request):
        return self._render(request, WebInput(self.serializer_class, context={"request": request}))

    def post(self, request):
        web = WebInput(self.serializer_class, data=request.POST, context={"request": request})
        if web.is_valid():
            try:
                self.service(request, web.validated_data)
            except ValidationError as error:
                web.add_errors(error)
            else:
                messages.success(request, _("Saved."))
                return redirect(self.done_url)
        return self._render(request, web, status=400)


class OutletFormView(_SimpleFormView):
    serializer_class = s.OutletInput
    done_url = "foreign_media:journalists"

    @property
    def heading(self):
        return _("New media outlet")

    def service(self, request, data):
        return services.add_outlet(actor=request.user, data=data)


class JournalistFormView(_SimpleFormView):
    serializer_class = s.JournalistInput
    done_url = "foreign_media:journalists"

    @property
    def heading(self):
        return _("Register a journalist")

    def service(self, request, data):
        return services.register_journalist(actor=request.user, data=data)


class JournalistsView(PermissionRequiredMixin, TemplateView):
    template_name = "foreign_media/journalists.html"
    required_permissions = {"GET": "foreign_media.register"}

    def get_context_data(self, **kwargs):
        filters = query_filters(s.JournalistFilter, self.request.GET)
        page, query = _page(self.request, selectors.journalists(**filters), 50)
        return {
            **super().get_context_data(**kwargs),
            "page": page,
            "query": query,
            "filter_form": _filter_form(self.request, s.JournalistFilter),
        }
