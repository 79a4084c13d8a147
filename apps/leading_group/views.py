"""The Leading Group office's pages (server-rendered; the same services and inputs as the API)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from apps.accounts.access import PermissionRequiredMixin, has_permission
from apps.casework.actions import CaseRecordView
from apps.casework.inputs import WebInput
from apps.casework.lists import filter_form as _filter_form
from apps.casework.lists import page_of as _page
from apps.documents.exports import table_response
from apps.leading_group import exports, selectors, services
from apps.leading_group import serializers as s
from apps.leading_group.actions import MEETING_ACTIONS, TASK_ACTIONS
from apps.leading_group.models import Meeting, Task

LEGENDS = {"attendance": gettext_lazy("Attendance")}


def _filters(request, serializer_class) -> dict:
    serializer = serializer_class(data=request.GET)
    if serializer.is_valid():
        return dict(serializer.validated_data)
    return dict.fromkeys(serializer_class().fields, "")


class HomeView(PermissionRequiredMixin, View):
    """The module's entry: the office goes to its meetings, a department to its tasks."""

    required_permissions = {"GET": "leading_group.view"}

    def get(self, request):
        if has_permission(request, "leading_group.oversee"):
            return redirect("leading_group:meetings")
        return redirect("leading_group:tasks")


class MeetingListView(PermissionRequiredMixin, TemplateView):
    template_name = "leading_group/meetings.html"
    required_permissions = {"GET": "leading_group.oversee"}

    def get_context_data(self, **kwargs):
        filters = _filters(self.request, s.MeetingFilter)
        page, query = _page(self.request, selectors.search_meetings(self.request.user, **filters))
        return {
            **super().get_context_data(**kwargs),
            "page": page,
            "query": query,
            "filter_form": _filter_form(self.request, s.MeetingFilter),
            "can_manage": has_permission(self.request, "leading_group.manage"),
        }


class MeetingFormView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "leading_group.manage", "POST": "leading_group.manage"}
    template_name = "leading_group/form.html"

    def get(self, request):
        web = WebInput(s.MeetingInput, initial={"kind": "plenary"}, context={"request": request})
        return render(request, self.template_name, {"input": web, "heading": _("New meeting")})

    def post(self, request):
        web = WebInput(s.MeetingInput, data=request.POST, context={"request": request})
        if web.is_valid():
            try:
                meeting = services.create_meeting(actor=request.user, data=web.validated_data)
            except ValidationError as error:
                web.add_errors(error)
            else:
                messages.success(request, _("Saved."))
                return redirect("leading_group:meeting", meeting.pk)
        return render(request, self.template_name, {"input": web, "heading": _("New meeting")}, status=400)


class MeetingView(CaseRecordView):
    model = Meeting
    table = MEETING_ACTIONS
    template_name = "leading_group/meeting.html"
    required_permissions = {"GET": "leading_group.oversee", "POST": "leading_group.oversee"}
    detail_url_name = "leading_group:meeting"

    def get_record(self, pk):
        return get_object_or_404(
            selectors.meetings_for(self.request.user).prefetch_related(
                "agenda_items", "attendance", "decisions"
            ),
            pk=pk,
        )

    def extra_context_for(self, meeting):
        return {
            "meeting": meeting,
            "action_url_name": "leading_group:meeting-action",
            "rows": selectors.supervision_rows(meeting),
            "legends": LEGENDS,
            "today": timezone.localdate(),
        }


class MeetingCaseView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "leading_group.oversee"}

    def get(self, request, case_pk: int):
        meeting = get_object_or_404(selectors.meetings_for(request.user), case_id=case_pk)
        return redirect("leading_group:meeting", meeting.pk)


class SupervisionSheetView(PermissionRequiredMixin, View):
    """The meeting's supervision sheet (督办单): its decisions and their tasks, as PDF."""

    required_permissions = {"GET": "leading_group.oversee"}

    def get(self, request, pk: int):
        meeting = get_object_or_404(selectors.meetings_for(request.user), pk=pk)
        content = exports.supervision_sheet_pdf(meeting)
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="supervision-sheet-{meeting.pk}.pdf"'
        return response


class TaskListView(PermissionRequiredMixin, TemplateView):
    template_name = "leading_group/tasks.html"
    required_permissions = {"GET": "leading_group.view"}
    overdue_only = False

    def get_context_data(self, **kwargs):
        filters = _filters(self.request, s.TaskFilter)
        if self.overdue_only:
            filters["status"] = "overdue"
        page, query = _page(self.request, selectors.search_tasks(self.request.user, **filters))
        return {
            **super().get_context_data(**kwargs),
            "page": page,
            "query": query,
            "filter_form": _filter_form(self.request, s.TaskFilter),
            "overdue_only": self.overdue_only,
            "today": timezone.localdate(),
            "can_oversee": has_permission(self.request, "leading_group.oversee"),
            "can_propose": has_permission(self.request, "leading_group.propose"),
        }


class OverdueListView(TaskListView):
    required_permissions = {"GET": "leading_group.oversee"}
    overdue_only = True


class OverdueExportView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "leading_group.oversee"}

    def get(self, request, fmt: str):
        items = selectors.search_tasks(request.user, status="overdue")
        stamp = timezone.localdate().isoformat()
        return table_response(exports.TASK_COLUMNS, items, fmt=fmt, filename=f"overdue-tasks-{stamp}")


class TaskView(CaseRecordView):
    model = Task
    table = TASK_ACTIONS
    template_name = "leading_group/task.html"
    required_permissions = {"GET": "leading_group.view", "POST": "leading_group.view"}
    detail_url_name = "leading_group:task"

    def get_record(self, pk):
        return get_object_or_404(selectors.tasks_for(self.request.user).prefetch_related("reports"), pk=pk)

    def extra_context_for(self, task):
        return {
            "task": task,
            "action_url_name": "leading_group:task-action",
            "overdue": task.overdue(),
            "can_oversee": has_permission(self.request, "leading_group.oversee"),
        }


class TaskCaseView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "leading_group.view"}

    def get(self, request, case_pk: int):
        task = get_object_or_404(selectors.tasks_for(request.user), case_id=case_pk)
        return redirect("leading_group:task", task.pk)


class AgendaView(PermissionRequiredMixin, View):
    """A department's (or the office's) agenda proposals, and the form to propose one."""

    required_permissions = {"GET": "leading_group.propose", "POST": "leading_group.propose"}
    template_name = "leading_group/agenda.html"

    def _render(self, request, web, status=200):
        page, query = _page(request, selectors.agenda_items_for(request.user))
        return render(
            request, self.template_name, {"input": web, "page": page, "query": query}, status=status
        )

    def get(self, request):
        return self._render(request, WebInput(s.AgendaItemInput, context={"request": request}))

    def post(self, request):
        web = WebInput(s.AgendaItemInput, data=request.POST, context={"request": request})
        if web.is_valid():
            try:
                services.propose_item(actor=request.user, data=web.validated_data)
            except ValidationError as error:
                web.add_errors(error)
            else:
                messages.success(request, _("Saved."))
                return redirect("leading_group:agenda")
        return self._render(request, web, status=400)


class KeyPointsView(PermissionRequiredMixin, View):
    """The year's key points of foreign-affairs work, each with its tasks."""

    required_permissions = {"GET": "leading_group.oversee", "POST": "leading_group.manage"}
    template_name = "leading_group/key_points.html"

    def _year(self, request) -> int:
        try:
            return int(request.GET.get("year") or timezone.localdate().year)
        except ValueError:
            return timezone.localdate().year

    def _render(self, request, web, status=200):
        year = self._year(request)
        points = selectors.key_points_for(request.user, year=year)
        return render(
            request,
            self.template_name,
            {
                "input": web,
                "year": year,
                "points": points,
                "today": timezone.localdate(),
                "can_manage": has_permission(request, "leading_group.manage"),
            },
            status=status,
        )

    def get(self, request):
        web = WebInput(s.KeyPointInput, initial={"year": self._year(request)}, context={"request": request})
        return self._render(request, web)

    def post(self, request):
        web = WebInput(s.KeyPointInput, data=request.POST, context={"request": request})
        if web.is_valid():
            try:
                point = services.create_key_point(actor=request.user, data=web.validated_data)
            except ValidationError as error:
                web.add_errors(error)
            else:
                messages.success(request, _("Saved."))
                return redirect(f"{request.path}?year={point.year}")
        return self._render(request, web, status=400)


class KeyPointView(PermissionRequiredMixin, View):
    """One key point: its tasks, and the form to assign one more."""

    required_permissions = {"GET": "leading_group.oversee", "POST": "leading_group.manage"}
    template_name = "leading_group/key_point.html"

    def _point(self, request, pk):
        return get_object_or_404(selectors.key_points_for(request.user), pk=pk)

    def _render(self, request, point, web, status=200):
        context = {
            "point": point,
            "input": web,
            "tasks": point.tasks.select_related("case").order_by("deadline", "pk"),
            "division": selectors.division_label(point.division),
            "can_manage": has_permission(request, "leading_group.manage"),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk):
        point = self._point(request, pk)
        initial = {"working_days": services.settings().get("default_task_working_days")}
        return self._render(
            request, point, WebInput(s.KeyPointTaskInput, initial=initial, context={"request": request})
        )

    def post(self, request, pk):
        point = self._point(request, pk)
        web = WebInput(s.KeyPointTaskInput, data=request.POST, context={"request": request})
        if web.is_valid():
            try:
                task = services.assign_task(
                    actor=request.user, data={**web.validated_data, "key_point": point.pk}
                )
            except ValidationError as error:
                web.add_errors(error)
            except PermissionDenied:
                raise
            else:
                messages.success(request, _("Saved."))
                return redirect("leading_group:task", task.pk)
        return self._render(request, point, web, status=400)


__all__ = ["Http404"]
