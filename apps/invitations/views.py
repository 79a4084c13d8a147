"""The invitations pages (server-rendered; the same services and inputs as the API)."""

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
from apps.casework.inputs import WebInput
from apps.casework.lists import filter_form as _filter_form
from apps.casework.statistics import HalfYearStatisticsView
from apps.documents.exports import table_response
from apps.invitations import exports, selectors, services, statistics
from apps.invitations import serializers as s
from apps.invitations.actions import ACTIONS
from apps.invitations.models import Invitation
from apps.invitations.rules import RULE_LABELS
from apps.invitations.workflow import EDITABLE_STATES
from apps.registry.i18n import label

LEGENDS = {"invitees": gettext_lazy("Invitees")}


def _filters(request, serializer_class) -> dict:
    serializer = serializer_class(data=request.GET)
    if serializer.is_valid():
        return dict(serializer.validated_data)
    return dict.fromkeys(serializer_class().fields, "")


class InvitationListView(PermissionRequiredMixin, TemplateView):
    template_name = "invitations/list.html"
    required_permissions = {"GET": "invitations.view"}

    def get_context_data(self, **kwargs):
        filters = _filters(self.request, s.ListFilter)
        page = Paginator(selectors.search(self.request.user, **filters), 30).get_page(
            self.request.GET.get("page")
        )
        query = self.request.GET.copy()
        query.pop("page", None)
        return {
            **super().get_context_data(**kwargs),
            "page": page,
            "filter_form": _filter_form(self.request, s.ListFilter),
            "query": query.urlencode(),
            "can_submit": has_permission(self.request, "invitations.submit"),
            "can_see_statistics": has_permission(self.request, "invitations.statistics"),
        }


class InvitationFormView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "invitations.submit", "POST": "invitations.submit"}
    template_name = "invitations/form.html"

    def _record(self, request, pk):
        if pk is None:
            return None
        invitation = get_object_or_404(selectors.invitations_for(request.user), pk=pk)
        if invitation.case.state not in EDITABLE_STATES:
            raise Http404
        return invitation

    def get(self, request, pk=None):
        invitation = self._record(request, pk)
        initial = {"unit_code": request.user.unit or ""}
        if invitation is not None:
            initial = {**services.snapshot(invitation), "acknowledge_responsibility": True}
        web = WebInput(s.InvitationInput, initial=initial, context={"request": request})
        return render(
            request, self.template_name, {"invitation": invitation, "input": web, "legends": LEGENDS}
        )

    def post(self, request, pk=None):
        invitation = self._record(request, pk)
        web = WebInput(s.InvitationInput, data=request.POST, context={"request": request})
        if web.is_valid():
            try:
                if invitation is None:
                    invitation = services.create_invitation(actor=request.user, data=web.validated_data)
                else:
                    invitation = services.update_invitation(
                        actor=request.user, invitation=invitation, data=web.validated_data
                    )
            except ValidationError as error:
                web.add_errors(error)
            else:
                messages.success(request, _("Saved."))
                return redirect("invitations:detail", invitation.pk)
        context = {"invitation": invitation, "input": web, "legends": LEGENDS}
        return render(request, self.template_name, context, status=400)


class InvitationView(CaseRecordView):
    model = Invitation
    table = ACTIONS
    template_name = "invitations/detail.html"
    required_permissions = {"GET": "invitations.view", "POST": "invitations.view"}
    detail_url_name = "invitations:detail"

    def get_record(self, pk):
        return get_object_or_404(
            selectors.invitations_for(self.request.user).prefetch_related(
                "invitees", "overrides", "visa_notices"
            ),
            pk=pk,
        )

    def extra_context_for(self, invitation):
        editable = invitation.case.state in EDITABLE_STATES
        return {
            "invitation": invitation,
            "action_url_name": "invitations:action",
            "breaches": services.open_breaches(invitation) if editable else [],
            "editable": editable and has_permission(self.request, "invitations.submit"),
            "documents": selectors.documents_of(invitation),
            "attachments": selectors.attachments_of(invitation),
            "today": timezone.localdate(),
            "rule_labels": {code: label(names, code) for code, names in RULE_LABELS.items()},
        }


class CaseRedirectView(PermissionRequiredMixin, View):
    """An invitation's page by its case's id (the engine's links: "waiting for me",
    notifications); the invitation's own id differs from its case's."""

    required_permissions = {"GET": "invitations.view"}

    def get(self, request, case_pk: int):
        invitation = get_object_or_404(selectors.invitations_for(request.user), case_id=case_pk)
        return redirect("invitations:detail", invitation.pk)


class DocumentView(PermissionRequiredMixin, View):
    """A letter or attachment of an invitation the user may see (unit scoping)."""

    required_permissions = {"GET": "invitations.view"}

    def get(self, request, pk, kind, item):
        from apps.documents.views import attachment_response, document_pdf_response

        invitation = get_object_or_404(selectors.invitations_for(request.user), pk=pk)
        if kind == "letters":
            return document_pdf_response(
                get_object_or_404(selectors.documents_of(invitation).defer(None), pk=item)
            )
        if kind == "attachments":
            return attachment_response(
                get_object_or_404(selectors.attachments_of(invitation).defer(None), pk=item)
            )
        raise Http404


class RegisterView(PermissionRequiredMixin, TemplateView):
    template_name = "invitations/register.html"
    required_permissions = {"GET": "invitations.view"}

    def get_context_data(self, **kwargs):
        filters = _filters(self.request, s.RegisterFilter)
        queryset = selectors.register(self.request.user, **filters).select_related("invitation")
        page = Paginator(queryset, 50).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        return {
            **super().get_context_data(**kwargs),
            "page": page,
            "filter_form": _filter_form(self.request, s.RegisterFilter),
            "query": query.urlencode(),
            "today": timezone.localdate(),
        }


class ExportView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "invitations.statistics"}

    def get(self, request, what: str, fmt: str):
        stamp = timezone.localdate().isoformat()
        if what == "invitations":
            items = selectors.search(request.user, **_filters(request, s.ListFilter)).prefetch_related(
                "invitees"
            )
            return table_response(exports.INVITATION_COLUMNS, items, fmt=fmt, filename=f"invitations-{stamp}")
        if what == "register":
            items = selectors.register(request.user, **_filters(request, s.RegisterFilter)).select_related(
                "invitation"
            )
            return table_response(exports.REGISTER_COLUMNS, items, fmt=fmt, filename=f"visitors-{stamp}")
        raise Http404


class StatisticsView(HalfYearStatisticsView, PermissionRequiredMixin, View):
    required_permissions = {"GET": "invitations.statistics"}
    export_url_name = "invitations:statistics-export"

    @property
    def heading(self):
        return label(statistics.NAMES)

    def report(self, request, year, half):
        return statistics.half_year_report(request.user, year=year, half=half)


class VerifyView(View):
    """Anyone (an embassy, a border officer) checks a letter by its number."""

    def get(self, request):
        number = request.GET.get("number", "").strip()[:64]
        document, invitation = selectors.verify(number)
        return render(
            request,
            "invitations/verify.html",
            {"number": number, "document": document, "invitation": invitation},
            status=200,
        )
