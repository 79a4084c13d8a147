"""The friendship association's pages (the same services and inputs as the API)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from apps.accounts.access import PermissionRequiredMixin, has_permission
from apps.casework.inputs import WebInput, query_filters
from apps.casework.lists import filter_form
from apps.friendship import selectors, services
from apps.friendship import serializers as s
from apps.friendship.models import Activity, CouncilMember


class ActivityListView(PermissionRequiredMixin, TemplateView):
    template_name = "friendship/list.html"
    required_permissions = {"GET": "friendship.view"}

    def get_context_data(self, **kwargs):
        filters = query_filters(s.ActivityFilter, self.request.GET)
        page = Paginator(selectors.activities(**filters), 30).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        search_form = filter_form(self.request, s.ActivityFilter)
        return {
            **super().get_context_data(**kwargs),
            "page": page,
            "query": query.urlencode(),
            "filter_form": search_form,
            "can_manage": has_permission(self.request, "friendship.manage"),
        }


class _FormView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "friendship.manage", "POST": "friendship.manage"}
    template_name = "friendship/form.html"
    serializer_class = None
    model = None

    def heading(self, obj) -> str:
        raise NotImplementedError

    def initial(self, obj) -> dict:
        raise NotImplementedError

    def save(self, request, data, obj):
        raise NotImplementedError

    def done(self, obj):
        raise NotImplementedError

    def _object(self, pk):
        return None if pk is None else get_object_or_404(self.model, pk=pk)

    def _render(self, request, web, obj, status=200):
        return render(
            request, self.template_name, {"input": web, "heading": self.heading(obj)}, status=status
        )

    def get(self, request, pk=None):
        obj = self._object(pk)
        initial = self.initial(obj) if obj is not None else {}
        return self._render(
            request, WebInput(self.serializer_class, initial=initial, context={"request": request}), obj
        )

    def post(self, request, pk=None):
        obj = self._object(pk)
        web = WebInput(self.serializer_class, data=request.POST, context={"request": request})
        if web.is_valid():
            try:
                obj = self.save(request, web.validated_data, obj)
            except ValidationError as error:
                web.add_errors(error)
            else:
                messages.success(request, _("Saved."))
                return self.done(obj)
        return self._render(request, web, obj, status=400)


class ActivityFormView(_FormView):
    serializer_class = s.ActivityInput
    model = Activity

    def heading(self, obj):
        return _("Change activity") if obj else _("New friendship activity")

    def initial(self, obj):
        return {**{f: getattr(obj, f) for f in services.ACTIVITY_FIELDS}, "partner": obj.partner_id}

    def save(self, request, data, obj):
        return services.save_activity(actor=request.user, data=data, activity=obj)

    def done(self, obj):
        return redirect("friendship:detail", obj.pk)


class MemberFormView(_FormView):
    serializer_class = s.MemberInput
    model = CouncilMember

    def heading(self, obj):
        return _("Change council member") if obj else _("New council member")

    def initial(self, obj):
        return {f: getattr(obj, f) for f in services.MEMBER_FIELDS}

    def save(self, request, data, obj):
        return services.save_member(actor=request.user, data=data, member=obj)

    def done(self, obj):
        return redirect("friendship:council")


class ActivityView(PermissionRequiredMixin, View):
    """An activity and its report (the report's form while it is due)."""

    required_permissions = {"GET": "friendship.view", "POST": "friendship.manage"}
    template_name = "friendship/detail.html"

    def _render(self, request, activity, web=None, status=200):
        can_report = has_permission(request, "friendship.manage") and activity.status() == "awaiting_report"
        if can_report and web is None:
            web = WebInput(s.ReportInput, context={"request": request})
        context = {
            "activity": activity,
            "report": getattr(activity, "report", None),
            "report_input": web if can_report else None,
            "can_edit": has_permission(request, "friendship.manage") and activity.status() != "reported",
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk):
        return self._render(
            request, get_object_or_404(Activity.objects.select_related("report", "partner"), pk=pk)
        )

    def post(self, request, pk):
        activity = get_object_or_404(Activity.objects.select_related("report", "partner"), pk=pk)
        web = WebInput(s.ReportInput, data=request.POST, context={"request": request})
        if web.is_valid():
            try:
                services.file_report(actor=request.user, activity=activity, data=web.validated_data)
            except ValidationError as error:
                web.add_errors(error)
            else:
                messages.success(request, _("Report filed."))
                return redirect("friendship:detail", activity.pk)
        return self._render(request, activity, web, status=400)


class CouncilView(PermissionRequiredMixin, TemplateView):
    template_name = "friendship/council.html"
    required_permissions = {"GET": "friendship.view"}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "members": selectors.council(),
            "can_manage": has_permission(self.request, "friendship.manage"),
        }
