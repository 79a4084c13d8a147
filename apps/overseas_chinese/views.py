"""The overseas Chinese affairs pages (server-rendered; the same services and inputs as the
API), and the public complaint form and tracking page (no sign-in)."""

from __future__ import annotations

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from apps.accounts.access import PermissionRequiredMixin, has_permission
from apps.casework.actions import CaseRecordView
from apps.casework.inputs import WebInput, query_filters
from apps.casework.lists import filter_form as _filter_form
from apps.documents.exports import table_response
from apps.overseas_chinese import exports, selectors, services
from apps.overseas_chinese import serializers as s
from apps.overseas_chinese.actions import COMPLAINT_ACTIONS, IDENTITY_ACTIONS
from apps.overseas_chinese.models import Complaint, IdentityConfirmation
from apps.overseas_chinese.workflow import COMPLAINT_STATES, EDITABLE_STATES
from apps.registry.i18n import label

PAGE_SIZE = 30


def _page(request, queryset, size=PAGE_SIZE):
    return Paginator(queryset, size).get_page(request.GET.get("page"))


class IndexView(PermissionRequiredMixin, TemplateView):
    """The module's home: its sections and what waits in each (restricted ones only for
    those who may see them; for everyone else they are not there)."""

    template_name = "overseas_chinese/index.html"
    required_permissions = {"GET": "overseas_chinese.view_complaints"}

    def dispatch(self, request, *args, **kwargs):
        # Every role the module grants anything may open its home page.
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        from apps.overseas_chinese.module import PERMISSIONS

        if not any(has_permission(request, permission) for permission in PERMISSIONS):
            raise PermissionDenied
        return TemplateView.dispatch(self, request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        request = self.request
        return {
            **super().get_context_data(**kwargs),
            "counts": selectors.overview(request.user),
            "perms": {
                name: has_permission(request, f"overseas_chinese.{name}")
                for name in (
                    "view_people",
                    "view_identity",
                    "apply_identity",
                    "view_complaints",
                    "handle_complaints",
                    "view_settlements",
                    "answer_tasks",
                    "restricted",
                )
            },
        }


# --- people and organisations ----------------------------------------------------------


class PeopleView(PermissionRequiredMixin, TemplateView):
    template_name = "overseas_chinese/people.html"
    required_permissions = {"GET": "overseas_chinese.view_people"}

    def get_context_data(self, **kwargs):
        filters = query_filters(s.PeopleFilter, self.request.GET)
        return {
            **super().get_context_data(**kwargs),
            "page": _page(self.request, selectors.people(self.request.user, **filters)),
            "filter_form": _filter_form(self.request, s.PeopleFilter),
            "organisations": selectors.organisations(self.request.user)[:50],
            "can_manage": has_permission(self.request, "overseas_chinese.manage_people"),
            "can_export": has_permission(self.request, "overseas_chinese.export_people"),
            "query": self.request.GET.urlencode(),
        }


class PersonView(PermissionRequiredMixin, TemplateView):
    """The full record: every view leaves an audit row."""

    template_name = "overseas_chinese/person.html"
    required_permissions = {"GET": "overseas_chinese.view_people"}

    def get_context_data(self, pk, **kwargs):
        person = get_object_or_404(selectors.people(self.request.user), pk=pk)
        services.record_full_view(actor=self.request.user, obj=person)
        return {
            **super().get_context_data(**kwargs),
            "person": person,
            "can_manage": has_permission(self.request, "overseas_chinese.manage_people"),
            "settlements": person.settlements.all(),
        }


class OrganisationView(PermissionRequiredMixin, TemplateView):
    template_name = "overseas_chinese/organisation.html"
    required_permissions = {"GET": "overseas_chinese.view_people"}

    def get_context_data(self, pk, **kwargs):
        organisation = get_object_or_404(selectors.organisations(self.request.user), pk=pk)
        services.record_full_view(actor=self.request.user, obj=organisation, what="organisation")
        return {**super().get_context_data(**kwargs), "organisation": organisation}


class FormView(PermissionRequiredMixin, View):
    """A create/edit form from one input serializer; subclasses say what it writes."""

    template_name = "overseas_chinese/form.html"
    input_class = None
    heading = ""

    def record(self, request, pk):
        return None

    def initial(self, request, record) -> dict:
        return {}

    def save(self, request, record, data):
        raise NotImplementedError

    def success_url(self, saved):
        raise NotImplementedError

    def context(self, request, record, web):
        return {"input": web, "heading": self.heading, "record": record}

    def get(self, request, pk=None):
        record = self.record(request, pk)
        web = WebInput(self.input_class, initial=self.initial(request, record), context={"request": request})
        return render(request, self.template_name, self.context(request, record, web))

    def post(self, request, pk=None):
        record = self.record(request, pk)
        web = WebInput(self.input_class, data=request.POST, files=request.FILES, context={"request": request})
        if web.is_valid():
            try:
                saved = self.save(request, record, web.validated_data)
            except ValidationError as error:
                web.add_errors(error)
            else:
                messages.success(request, _("Saved."))
                return redirect(self.success_url(saved))
        return render(request, self.template_name, self.context(request, record, web), status=400)


class PersonFormView(FormView):
    required_permissions = {"GET": "overseas_chinese.manage_people", "POST": "overseas_chinese.manage_people"}
    input_class = s.PersonInput

    @property
    def heading(self):
        return _("Record a person")

    def record(self, request, pk):
        return None if pk is None else get_object_or_404(selectors.people(request.user), pk=pk)

    def initial(self, request, record):
        if record is None:
            return {"legal_basis": "statutory_duty"}
        return {f: getattr(record, f) for f in services.PERSON_FIELDS}

    def save(self, request, record, data):
        if record is None:
            return services.create_person(actor=request.user, data=data)
        return services.update_person(actor=request.user, person=record, data=data)

    def success_url(self, saved):
        from django.urls import reverse

        return reverse("overseas_chinese:person", args=[saved.pk])


class OrganisationFormView(FormView):
    required_permissions = {"GET": "overseas_chinese.manage_people", "POST": "overseas_chinese.manage_people"}
    input_class = s.OrganisationInput

    @property
    def heading(self):
        return _("Record an association or enterprise")

    def save(self, request, record, data):
        return services.create_organisation(actor=request.user, data=data)

    def success_url(self, saved):
        from django.urls import reverse

        return reverse("overseas_chinese:organisation", args=[saved.pk])


class PeopleExportView(PermissionRequiredMixin, View):
    """The register as CSV/XLSX: only with the export permission; numbers masked."""

    required_permissions = {"GET": "overseas_chinese.export_people"}

    def get(self, request, fmt: str):
        items = list(selectors.people(request.user, **query_filters(s.PeopleFilter, request.GET)))
        services.record_export(actor=request.user, what="people", rows=len(items))
        stamp = timezone.localdate().isoformat()
        return table_response(exports.PEOPLE_COLUMNS, items, fmt=fmt, filename=f"overseas-chinese-{stamp}")


# --- identity confirmation -------------------------------------------------------------


class IdentityListView(PermissionRequiredMixin, TemplateView):
    template_name = "overseas_chinese/identities.html"
    required_permissions = {"GET": "overseas_chinese.view_identity"}

    def get_context_data(self, **kwargs):
        filters = query_filters(s.IdentityFilter, self.request.GET)
        return {
            **super().get_context_data(**kwargs),
            "page": _page(self.request, selectors.identities(self.request.user, **filters)),
            "filter_form": _filter_form(self.request, s.IdentityFilter),
            "can_apply": has_permission(self.request, "overseas_chinese.apply_identity"),
            "today": timezone.localdate(),
        }


class IdentityFormView(FormView):
    required_permissions = {
        "GET": "overseas_chinese.apply_identity",
        "POST": "overseas_chinese.apply_identity",
    }
    input_class = s.IdentityInput

    @property
    def heading(self):
        return _("Identity confirmation application")

    def record(self, request, pk):
        if pk is None:
            return None
        record = get_object_or_404(selectors.identities_for(request.user), pk=pk)
        if record.case.state not in EDITABLE_STATES:
            raise Http404
        return record

    def initial(self, request, record):
        if record is None:
            return {"unit_code": request.user.unit or ""}
        return {**{f: getattr(record, f) for f in services.IDENTITY_FIELDS}, "unit_code": record.unit_code}

    def save(self, request, record, data):
        if record is None:
            return services.create_identity(actor=request.user, data=data)
        return services.update_identity(actor=request.user, record=record, data=data)

    def success_url(self, saved):
        from django.urls import reverse

        return reverse("overseas_chinese:identity", args=[saved.pk])


class IdentityView(CaseRecordView):
    model = IdentityConfirmation
    table = IDENTITY_ACTIONS
    template_name = "overseas_chinese/identity.html"
    required_permissions = {"GET": "overseas_chinese.view_identity", "POST": "overseas_chinese.view_identity"}
    detail_url_name = "overseas_chinese:identity"

    def get_record(self, pk):
        return get_object_or_404(selectors.identities_for(self.request.user), pk=pk)

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        services.record_full_view(actor=request.user, obj=self._viewed, what="identity")
        return response

    def extra_context_for(self, record):
        self._viewed = record
        editable = record.case.state in EDITABLE_STATES
        return {
            "record": record,
            "action_url_name": "overseas_chinese:identity-action",
            "editable": editable and has_permission(self.request, "overseas_chinese.apply_identity"),
            "evidence": services.evidence_of(record),
            "documents": _documents_of(record),
            "reapplied_as": record.reapplications.order_by("pk").first(),
            "today": timezone.localdate(),
        }


def _documents_of(record):
    from apps.documents.models import Document

    return Document.objects.filter(subject_type=record._meta.label_lower, subject_id=str(record.pk)).only(
        "id", "number", "title", "created_at"
    )


class IdentityCaseRedirectView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "overseas_chinese.view_identity"}

    def get(self, request, case_pk: int):
        record = get_object_or_404(selectors.identities_for(request.user), case_id=case_pk)
        return redirect("overseas_chinese:identity", record.pk)


class IdentityFileView(PermissionRequiredMixin, View):
    """The certificate or an evidence file of an application the user may see."""

    required_permissions = {"GET": "overseas_chinese.view_identity"}

    def get(self, request, pk, kind, item):
        from apps.documents.views import attachment_response, document_pdf_response

        record = get_object_or_404(selectors.identities_for(request.user), pk=pk)
        if kind == "certificate":
            return document_pdf_response(get_object_or_404(_documents_of(record).defer(None), pk=item))
        if kind == "evidence":
            return attachment_response(get_object_or_404(services.evidence_of(record).defer(None), pk=item))
        raise Http404


# --- complaints ------------------------------------------------------------------------


class ComplaintListView(PermissionRequiredMixin, TemplateView):
    template_name = "overseas_chinese/complaints.html"
    required_permissions = {"GET": "overseas_chinese.view_complaints"}

    def get_context_data(self, **kwargs):
        filters = query_filters(s.ComplaintFilter, self.request.GET)
        return {
            **super().get_context_data(**kwargs),
            "page": _page(self.request, selectors.complaints(self.request.user, **filters)),
            "filter_form": _filter_form(self.request, s.ComplaintFilter),
            "can_handle": has_permission(self.request, "overseas_chinese.handle_complaints"),
            "today": timezone.localdate(),
        }


class ComplaintFormView(FormView):
    required_permissions = {
        "GET": "overseas_chinese.handle_complaints",
        "POST": "overseas_chinese.handle_complaints",
    }
    input_class = s.ComplaintInput

    @property
    def heading(self):
        return _("Register a complaint")

    def initial(self, request, record):
        return {"received_on": timezone.localdate()}

    def save(self, request, record, data):
        return services.receive_complaint(actor=request.user, data=data)

    def success_url(self, saved):
        from django.urls import reverse

        return reverse("overseas_chinese:complaint", args=[saved.pk])


class ComplaintView(CaseRecordView):
    model = Complaint
    table = COMPLAINT_ACTIONS
    template_name = "overseas_chinese/complaint.html"
    required_permissions = {
        "GET": "overseas_chinese.view_complaints",
        "POST": "overseas_chinese.view_complaints",
    }
    detail_url_name = "overseas_chinese:complaint"

    def get_record(self, pk):
        return get_object_or_404(selectors.complaints_for(self.request.user), pk=pk)

    def extra_context_for(self, record):
        return {
            "complaint": record,
            "action_url_name": "overseas_chinese:complaint-action",
            "today": timezone.localdate(),
            "office_view": has_permission(self.request, "overseas_chinese.handle_complaints")
            or not _unit_bound(self.request.user),
        }


def _unit_bound(user) -> bool:
    from apps.accounts.scoping import is_unit_bound

    return is_unit_bound(user)


class ComplaintCaseRedirectView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "overseas_chinese.view_complaints"}

    def get(self, request, case_pk: int):
        record = get_object_or_404(selectors.complaints_for(request.user), case_id=case_pk)
        return redirect("overseas_chinese:complaint", record.pk)


# --- the public: complaint form and tracking (no sign-in) ------------------------------


def lookups_left(request, what: str = "track") -> bool:
    """Counts one tracking lookup (or, ``what="complain"``, one online complaint) of the
    caller's address in this city; False once the module's hourly limit is used (the
    Django cache, keyed by city and address)."""
    setting = "tracking_lookups_per_hour" if what == "track" else "online_complaints_per_hour"
    limit = services.settings()[setting]
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    key = f"overseas_chinese:{what}:{connection.tenant.schema_name}:{address}"
    if cache.add(key, 1, timeout=3600):
        return True
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=3600)
        return True
    return used <= limit


def track(request, code: str):
    """(complaint or None, refused for the rate limit)."""
    if not lookups_left(request):
        return None, True
    return selectors.by_tracking_code(services.normalise_code(code)), False


def track_context(complaint) -> dict:
    if complaint is None:
        return {}
    state = complaint.case.state
    return {
        "title": complaint.title,
        "received_on": complaint.received_on,
        "state": state,
        "state_label": label(COMPLAINT_STATES.get(state, {}), state),
        "due_on": complaint.due_on,
        "extension_reason": complaint.extension_reason,
        "decision_reason": complaint.decision_reason if state == "not_accepted" else "",
        "reply": complaint.reply if state in ("replied", "closed") else "",
        "replied_on": complaint.replied_on if state in ("replied", "closed") else None,
        "satisfaction": complaint.satisfaction,
        "satisfaction_label": complaint.satisfaction_label,
    }


class PublicComplaintView(View):
    """Anyone may complain online, without signing in; the answer is a tracking code."""

    template_name = "overseas_chinese/public_complaint.html"

    def get(self, request):
        return render(request, self.template_name, {"input": WebInput(s.PublicComplaintInput)})

    def post(self, request):
        web = WebInput(s.PublicComplaintInput, data=request.POST)
        if not lookups_left(request, "complain"):
            return render(request, self.template_name, {"input": web, "limited": True}, status=429)
        if web.is_valid():
            complaint = services.receive_complaint(actor=None, data=web.validated_data)
            return render(
                request,
                "overseas_chinese/public_received.html",
                {"code": complaint.tracking_code, "accept_due": complaint.accept_due},
            )
        return render(request, self.template_name, {"input": web}, status=400)


class TrackView(View):
    """The complainant sees the progress of their complaint with its code (POST, so the
    code stays out of logs and history); the complainant can rate a reply."""

    template_name = "overseas_chinese/track.html"

    def get(self, request):
        return render(request, self.template_name, {"input": WebInput(s.TrackInput)})

    def post(self, request):
        rating = "satisfaction" in request.POST
        web = WebInput(s.RateInput if rating else s.TrackInput, data=request.POST)
        context = {"input": WebInput(s.TrackInput, data=request.POST)}
        if not web.is_valid():
            return render(request, self.template_name, context, status=400)
        complaint, limited = track(request, web.validated_data["code"])
        if limited:
            context["limited"] = True
            return render(request, self.template_name, context, status=429)
        if complaint is None:
            context["not_found"] = True
            return render(request, self.template_name, context, status=404)
        if rating and complaint.case.state in ("replied", "closed"):
            services.complainant_rates(
                complaint=complaint,
                satisfaction=web.validated_data["satisfaction"],
                note=web.validated_data["note"],
            )
            complaint.refresh_from_db()
            context["rated"] = True
        context.update(
            {
                "found": track_context(complaint),
                "code": complaint.tracking_code,
                "rate_input": WebInput(s.RateInput, initial={"code": complaint.tracking_code}),
            }
        )
        return render(request, self.template_name, context)


# --- settling --------------------------------------------------------------------------


class SettlementListView(PermissionRequiredMixin, TemplateView):
    template_name = "overseas_chinese/settlements.html"
    required_permissions = {"GET": "overseas_chinese.view_settlements"}

    def get_context_data(self, **kwargs):
        state = self.request.GET.get("state", "")
        return {
            **super().get_context_data(**kwargs),
            "page": _page(
                self.request,
                selectors.settlements(self.request.user, state=state if state in ("open", "closed") else ""),
            ),
            "can_manage": has_permission(self.request, "overseas_chinese.manage_settlements"),
        }


class SettlementFormView(FormView):
    required_permissions = {
        "GET": "overseas_chinese.manage_settlements",
        "POST": "overseas_chinese.manage_settlements",
    }
    input_class = s.SettlementInput

    @property
    def heading(self):
        return _("A returned overseas Chinese settling in the city")

    def save(self, request, record, data):
        return services.create_settlement(actor=request.user, data=data)

    def success_url(self, saved):
        from django.urls import reverse

        return reverse("overseas_chinese:settlement", args=[saved.pk])


class SettlementView(PermissionRequiredMixin, TemplateView):
    """A settlement, its tasks and the departments' replies; hand a task, close it."""

    template_name = "overseas_chinese/settlement.html"
    required_permissions = {
        "GET": "overseas_chinese.view_settlements",
        "POST": "overseas_chinese.manage_settlements",
    }

    def get_context_data(self, pk, task_input=None, **kwargs):
        settlement = get_object_or_404(selectors.settlements(self.request.user), pk=pk)
        can_manage = has_permission(self.request, "overseas_chinese.manage_settlements")
        return {
            **super().get_context_data(**kwargs),
            "settlement": settlement,
            "tasks": settlement.tasks.all(),
            "can_manage": can_manage and settlement.state == "open",
            "task_input": task_input or WebInput(s.TaskInput, context={"request": self.request}),
            "today": timezone.localdate(),
        }

    def post(self, request, pk):
        settlement = get_object_or_404(selectors.settlements(request.user), pk=pk)
        if request.POST.get("action") == "close":
            try:
                services.close_settlement(actor=request.user, settlement=settlement)
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
                return redirect("overseas_chinese:settlement", pk)
            messages.success(request, _("The settlement is closed."))
            return redirect("overseas_chinese:settlement", pk)
        web = WebInput(s.TaskInput, data=request.POST, context={"request": request})
        if web.is_valid():
            try:
                services.hand_task(actor=request.user, settlement=settlement, data=web.validated_data)
            except ValidationError as error:
                web.add_errors(error)
            else:
                messages.success(request, _("The task is handed to the department."))
                return redirect("overseas_chinese:settlement", pk)
        return self.render_to_response(self.get_context_data(pk=pk, task_input=web), status=400)


class TaskListView(PermissionRequiredMixin, TemplateView):
    """A department's settlement tasks, each with its reply form while unanswered."""

    template_name = "overseas_chinese/tasks.html"
    required_permissions = {"GET": "overseas_chinese.answer_tasks", "POST": "overseas_chinese.answer_tasks"}

    def get_context_data(self, bound=None, **kwargs):
        tasks = selectors.tasks_for(self.request.user)
        rows = [
            (task, bound[1] if bound and bound[0] == task.pk else WebInput(s.TaskReplyInput))
            for task in _page(self.request, tasks)
        ]
        return {
            **super().get_context_data(**kwargs),
            "rows": rows,
            "page": _page(self.request, tasks),
            "today": timezone.localdate(),
        }

    def post(self, request):
        task = get_object_or_404(selectors.tasks_for(request.user), pk=request.POST.get("task") or 0)
        web = WebInput(s.TaskReplyInput, data=request.POST)
        if web.is_valid():
            try:
                services.answer_task(actor=request.user, task=task, data=web.validated_data)
            except ValidationError as error:
                web.add_errors(error)
            else:
                messages.success(request, _("Reply sent."))
                return redirect("overseas_chinese:tasks")
        return self.render_to_response(self.get_context_data(bound=(task.pk, web)), status=400)


# --- restricted ------------------------------------------------------------------------


class RestrictedListView(PermissionRequiredMixin, TemplateView):
    template_name = "overseas_chinese/restricted.html"
    required_permissions = {"GET": "overseas_chinese.restricted"}

    def get_context_data(self, **kwargs):
        kind = self.request.GET.get("kind", "")
        return {
            **super().get_context_data(**kwargs),
            "page": _page(
                self.request,
                selectors.restricted_for(self.request.user, kind=kind, q=self.request.GET.get("q", "")),
            ),
        }


class RestrictedFormView(FormView):
    required_permissions = {"GET": "overseas_chinese.restricted", "POST": "overseas_chinese.restricted"}
    input_class = s.RestrictedInput

    @property
    def heading(self):
        return _("Record an emergency or a Taiwan-related item")

    def save(self, request, record, data):
        return services.create_restricted(actor=request.user, data=data)

    def success_url(self, saved):
        from django.urls import reverse

        return reverse("overseas_chinese:restricted-item", args=[saved.pk])


class RestrictedView(PermissionRequiredMixin, TemplateView):
    template_name = "overseas_chinese/restricted_item.html"
    required_permissions = {"GET": "overseas_chinese.restricted", "POST": "overseas_chinese.restricted"}

    def get_context_data(self, pk, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "matter": get_object_or_404(selectors.restricted_for(self.request.user), pk=pk),
        }

    def post(self, request, pk):
        matter = get_object_or_404(selectors.restricted_for(request.user), pk=pk)
        services.close_restricted(actor=request.user, matter=matter)
        messages.success(request, _("Closed."))
        return redirect("overseas_chinese:restricted-item", pk)
