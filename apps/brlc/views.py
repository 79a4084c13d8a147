"""The secretariat's pages and the public pages (server-rendered; the same services and
inputs as the API)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from apps.accounts.access import PermissionRequiredMixin, has_permission
from apps.brlc import report, selectors, services
from apps.brlc import serializers as s
from apps.brlc.actions import APPLICATION_ACTIONS, MEETING_OPS, MEMBER_OPS, PROJECT_OPS, RESOLUTION_OPS
from apps.brlc.models import LEVELS, MEMBER_STATUSES, Application, Meeting, Member, Project, Resolution, pick
from apps.brlc.ops import RecordPage
from apps.brlc.workflow import EDITABLE_STATES
from apps.casework.actions import CaseRecordView
from apps.casework.inputs import WebInput
from apps.registry.i18n import label

PAGE_SIZE = 30


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _q(request) -> str:
    return (request.GET.get("q") or "").strip()[:100]


class HomeView(PermissionRequiredMixin, TemplateView):
    template_name = "brlc/home.html"
    required_permissions = {"GET": "brlc.view"}

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        return {
            **super().get_context_data(**kwargs),
            "active_members": Member.objects.filter(status="active").count(),
            "open_applications": Application.objects.exclude(
                case__state__in=("admitted", "declined", "rejected", "withdrawn")
            ).count(),
            "next_meetings": Meeting.objects.filter(status="planned", date__gte=today).order_by("date")[:5],
            "ongoing_projects": Project.objects.filter(status__in=("planned", "ongoing")).count(),
            "can_manage": has_permission(self.request, "brlc.manage"),
            "can_report": has_permission(self.request, "brlc.report"),
            "year": today.year,
        }


# --- members --------------------------------------------------------------------------


class MemberListView(PermissionRequiredMixin, TemplateView):
    template_name = "brlc/members.html"
    required_permissions = {"GET": "brlc.view"}

    def get_context_data(self, **kwargs):
        status = self.request.GET.get("status", "")
        status = status if status in ("active", "withdrawn") else ""
        return {
            **super().get_context_data(**kwargs),
            "q": _q(self.request),
            "status": status,
            "member_statuses": [(code, label(names)) for code, names in MEMBER_STATUSES.items()],
            "page": _page(self.request, selectors.members(q=_q(self.request), status=status)),
        }


class MemberView(RecordPage):
    template_name = "brlc/member.html"
    required_permissions = {"GET": "brlc.view", "POST": "brlc.view"}
    table = MEMBER_OPS
    action_url_name = "brlc:member-op"
    detail_url_name = "brlc:member"

    def get_record(self, pk):
        return get_object_or_404(Member.objects.prefetch_related("contacts"), pk=pk)

    def extra_context_for(self, member):
        return {
            "member": member,
            "history": history_rows(member),
            "applications": member.applications.select_related("case"),
            "projects": Project.objects.filter(Q(partners=member) | Q(lead=member)).distinct(),
        }


HISTORY_FIELDS = {
    "contacts": gettext_lazy("Contact persons"),
    "contact": gettext_lazy("Contact person"),
    "meeting": gettext_lazy("Meeting that decided"),
    "reason": gettext_lazy("Reason"),
    "rejoined": gettext_lazy("Rejoined"),
}
HISTORY_SKIPPED = {"application"}


def _shown(key: str, value) -> str:
    from apps.registry import countries

    if key == "level":
        return pick(LEVELS, value)
    if key == "status":
        return pick(MEMBER_STATUSES, value)
    if key == "country":
        return countries.name(value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        return "；".join(str(item) for item in value)
    return str(value)


def history_rows(member: Member) -> list[dict]:
    """The member's audited changes, newest first, each change as "field: value" in the
    page's language (never codes)."""
    from apps.audit.actions import known_actions

    actions = known_actions()
    rows = []
    for entry in selectors.history_of(member)[:100]:
        changes = []
        for key, value in (entry.after or entry.before or {}).items():
            if key in HISTORY_SKIPPED or value in (None, "", []):
                continue
            try:
                name = HISTORY_FIELDS.get(key) or Member._meta.get_field(key).verbose_name
            except Exception:
                name = key
            changes.append((capfirst(str(name)), _shown(key, value)))
        rows.append({"entry": entry, "label": actions.get(entry.action, entry.action), "changes": changes})
    return rows


# --- applications ---------------------------------------------------------------------


class ApplicationListView(PermissionRequiredMixin, TemplateView):
    template_name = "brlc/applications.html"
    required_permissions = {"GET": "brlc.view"}

    def get_context_data(self, **kwargs):
        queryset = selectors.search_applications(self.request.user, q=_q(self.request))
        return {
            **super().get_context_data(**kwargs),
            "q": _q(self.request),
            "page": _page(self.request, queryset),
            "can_manage": has_permission(self.request, "brlc.manage"),
        }


class ApplicationFormView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "brlc.manage", "POST": "brlc.manage"}
    template_name = "brlc/form.html"

    def _record(self, request, pk):
        if pk is None:
            return None
        application = get_object_or_404(selectors.applications_for(request.user), pk=pk)
        if application.case.state not in EDITABLE_STATES:
            raise Http404
        return application

    def _render(self, request, application, web, status=200):
        heading = _("Change the application") if application else _("Register a membership application")
        return render(request, self.template_name, {"input": web, "heading": heading}, status=status)

    def get(self, request, pk=None):
        application = self._record(request, pk)
        initial = (
            services.application_snapshot(application)
            if application
            else {"received_on": timezone.localdate()}
        )
        return self._render(request, application, WebInput(s.ApplicationInput, initial=initial))

    def post(self, request, pk=None):
        application = self._record(request, pk)
        web = WebInput(s.ApplicationInput, data=request.POST, context={"request": request})
        if web.is_valid():
            try:
                if application is None:
                    application = services.create_application(actor=request.user, data=web.validated_data)
                else:
                    application = services.update_application(
                        actor=request.user, application=application, data=web.validated_data
                    )
            except ValidationError as error:
                web.add_errors(error)
            else:
                messages.success(request, _("Saved."))
                return redirect("brlc:application", application.pk)
        return self._render(request, application, web, status=400)


class ApplicationView(CaseRecordView):
    model = Application
    table = APPLICATION_ACTIONS
    template_name = "brlc/application.html"
    required_permissions = {"GET": "brlc.view", "POST": "brlc.view"}
    detail_url_name = "brlc:application"

    def get_record(self, pk):
        return get_object_or_404(selectors.applications_for(self.request.user), pk=pk)

    def extra_context_for(self, application):
        return {
            "application": application,
            "action_url_name": "brlc:application-action",
            "editable": application.case.state in EDITABLE_STATES
            and has_permission(self.request, "brlc.manage"),
            "documents": selectors.documents_of(application),
        }


class ApplicationCaseView(PermissionRequiredMixin, View):
    """An application's page by its case's id (the engine's links)."""

    required_permissions = {"GET": "brlc.view"}

    def get(self, request, case_pk: int):
        application = get_object_or_404(selectors.applications_for(request.user), case_id=case_pk)
        return redirect("brlc:application", application.pk)


class LetterView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "brlc.view"}

    def get(self, request, pk, item):
        from apps.documents.views import document_pdf_response

        application = get_object_or_404(selectors.applications_for(request.user), pk=pk)
        return document_pdf_response(
            get_object_or_404(selectors.documents_of(application).defer(None), pk=item)
        )


# --- meetings and resolutions ---------------------------------------------------------


class CreateView(PermissionRequiredMixin, View):
    """A form for a new record from one input serializer and one service."""

    required_permissions = {"GET": "brlc.manage", "POST": "brlc.manage"}
    template_name = "brlc/form.html"
    input_class = None
    heading = ""
    detail_url_name = ""

    def create(self, actor, data):
        raise NotImplementedError

    def get(self, request):
        web = WebInput(self.input_class, context={"request": request})
        return render(request, self.template_name, {"input": web, "heading": self.heading})

    def post(self, request):
        web = WebInput(self.input_class, data=request.POST, context={"request": request})
        if web.is_valid():
            try:
                record = self.create(request.user, web.validated_data)
            except ValidationError as error:
                web.add_errors(error)
            else:
                messages.success(request, _("Saved."))
                return redirect(self.detail_url_name, record.pk)
        return render(request, self.template_name, {"input": web, "heading": self.heading}, status=400)


class MeetingListView(PermissionRequiredMixin, TemplateView):
    template_name = "brlc/meetings.html"
    required_permissions = {"GET": "brlc.view"}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "q": _q(self.request),
            "page": _page(self.request, selectors.meetings(q=_q(self.request))),
            "can_manage": has_permission(self.request, "brlc.manage"),
        }


class MeetingCreateView(CreateView):
    input_class = s.MeetingInput
    detail_url_name = "brlc:meeting"

    @property
    def heading(self):
        return _("Plan a meeting")

    def create(self, actor, data):
        return services.create_meeting(actor=actor, data=data)


class MeetingView(RecordPage):
    template_name = "brlc/meeting.html"
    required_permissions = {"GET": "brlc.view", "POST": "brlc.view"}
    table = MEETING_OPS
    action_url_name = "brlc:meeting-op"
    detail_url_name = "brlc:meeting"

    def get_record(self, pk):
        return get_object_or_404(Meeting, pk=pk)

    def extra_context_for(self, meeting):
        return {
            "meeting": meeting,
            "participations": meeting.participations.select_related("member"),
            "resolutions": meeting.resolutions.all(),
            "notices": meeting.notices.all(),
        }


class ResolutionView(RecordPage):
    template_name = "brlc/resolution.html"
    required_permissions = {"GET": "brlc.view", "POST": "brlc.view"}
    table = RESOLUTION_OPS
    action_url_name = "brlc:resolution-op"
    detail_url_name = "brlc:resolution"

    def get_record(self, pk):
        return get_object_or_404(Resolution.objects.select_related("meeting"), pk=pk)

    def extra_context_for(self, resolution):
        return {"resolution": resolution, "follow_ups": resolution.follow_ups.all()}


# --- projects -------------------------------------------------------------------------


class ProjectListView(PermissionRequiredMixin, TemplateView):
    template_name = "brlc/projects.html"
    required_permissions = {"GET": "brlc.view"}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "q": _q(self.request),
            "page": _page(self.request, selectors.projects(q=_q(self.request))),
            "can_manage": has_permission(self.request, "brlc.manage"),
        }


class ProjectCreateView(CreateView):
    input_class = s.ProjectInput
    detail_url_name = "brlc:project"

    @property
    def heading(self):
        return _("New cooperation project")

    def create(self, actor, data):
        return services.create_project(actor=actor, data=data)


class ProjectView(RecordPage):
    template_name = "brlc/project.html"
    required_permissions = {"GET": "brlc.view", "POST": "brlc.view"}
    table = PROJECT_OPS
    action_url_name = "brlc:project-op"
    detail_url_name = "brlc:project"

    def get_record(self, pk):
        return get_object_or_404(Project.objects.select_related("lead"), pk=pk)

    def extra_context_for(self, project):
        return {
            "project": project,
            "partners": project.partners.all(),
            "milestones": project.milestones.all(),
            "reports": project.reports.all(),
        }


# --- notices --------------------------------------------------------------------------


class NoticeListView(PermissionRequiredMixin, TemplateView):
    template_name = "brlc/notices.html"
    required_permissions = {"GET": "brlc.view"}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "page": _page(self.request, selectors.notices()),
            "can_manage": has_permission(self.request, "brlc.manage"),
        }


class NoticeCreateView(CreateView):
    input_class = s.NoticeInput
    detail_url_name = "brlc:notice"

    @property
    def heading(self):
        return _("Send a notice to members")

    def create(self, actor, data):
        return services.send_notice(actor=actor, data=data)


class NoticeView(PermissionRequiredMixin, TemplateView):
    template_name = "brlc/notice.html"
    required_permissions = {"GET": "brlc.view"}

    def get_context_data(self, pk, **kwargs):
        notice = get_object_or_404(selectors.notices(), pk=pk)
        return {
            **super().get_context_data(**kwargs),
            "notice": notice,
            "deliveries": notice.deliveries.select_related("member"),
        }


# --- annual report --------------------------------------------------------------------


def _year(request) -> int:
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    return min(max(year, 2000), 2100)


class ReportView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "brlc.report"}

    def get(self, request, fmt: str = ""):
        annual = report.annual_report(_year(request))
        if fmt == "xlsx":
            return report.xlsx_response(annual)
        if fmt == "pdf":
            return report.pdf_response(annual, connection.tenant)
        if fmt:
            raise Http404
        return render(request, "brlc/report.html", {"report": annual, "figures": annual.as_dict()})


# --- public pages ---------------------------------------------------------------------


class PublicMembersView(TemplateView):
    """The member directory, as the committee publishes it (no sign-in)."""

    template_name = "brlc/public_members.html"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "q": _q(self.request),
            "page": Paginator(selectors.public_members(q=_q(self.request)), 50).get_page(
                self.request.GET.get("page")
            ),
            "module_name": label({"zh": "一带一路地方合作委员会", "en": "Belt and Road Local Cooperation"}),
        }


class PublicResolutionsView(TemplateView):
    """The adopted resolutions, as the committee publishes them (no sign-in)."""

    template_name = "brlc/public_resolutions.html"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "page": Paginator(selectors.public_resolutions(), 20).get_page(self.request.GET.get("page")),
            "module_name": label({"zh": "一带一路地方合作委员会", "en": "Belt and Road Local Cooperation"}),
        }
