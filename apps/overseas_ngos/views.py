"""The overseas NGOs pages (server-rendered; the same services and inputs as the API)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from apps.accounts.access import PermissionRequiredMixin, has_permission
from apps.casework.actions import CaseRecordView
from apps.casework.inputs import WebInput
from apps.casework.lists import filter_form as _filter_form
from apps.casework.lists import page_of as _page
from apps.documents.exports import Column, table_response
from apps.overseas_ngos import selectors, services
from apps.overseas_ngos import serializers as s
from apps.overseas_ngos.actions import ACTIONS
from apps.overseas_ngos.models import Filing
from apps.overseas_ngos.workflow import EDITABLE_STATES


def _filters(request, serializer_class) -> dict:
    serializer = serializer_class(data=request.GET)
    if serializer.is_valid():
        return dict(serializer.validated_data)
    return dict.fromkeys(serializer_class().fields, "")


class FilingListView(PermissionRequiredMixin, TemplateView):
    template_name = "overseas_ngos/list.html"
    required_permissions = {"GET": "overseas_ngos.view"}

    def get_context_data(self, **kwargs):
        page, query = _page(
            self.request,
            selectors.search_filings(self.request.user, **_filters(self.request, s.FilingFilter)),
        )
        return {
            **super().get_context_data(**kwargs),
            "page": page,
            "query": query,
            "filter_form": _filter_form(self.request, s.FilingFilter),
            "can_file": has_permission(self.request, "overseas_ngos.file"),
        }


class FilingFormView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "overseas_ngos.file", "POST": "overseas_ngos.file"}
    template_name = "overseas_ngos/form.html"

    def _record(self, request, pk):
        if pk is None:
            return None
        filing = get_object_or_404(selectors.filings_for(request.user), pk=pk)
        if filing.case.state not in EDITABLE_STATES:
            raise Http404
        return filing

    def _context(self, filing, web):
        heading = _("Change the filing") if filing else _("New temporary activity filing")
        return {"filing": filing, "input": web, "heading": heading}

    def get(self, request, pk=None):
        filing = self._record(request, pk)
        initial = {"unit_code": request.user.unit or ""}
        if filing is not None:
            initial = services.snapshot(filing)
        web = WebInput(s.FilingInput, initial=initial, context={"request": request})
        return render(request, self.template_name, self._context(filing, web))

    def post(self, request, pk=None):
        filing = self._record(request, pk)
        web = WebInput(s.FilingInput, data=request.POST, context={"request": request})
        if web.is_valid():
            try:
                if filing is None:
                    filing = services.create_filing(actor=request.user, data=web.validated_data)
                else:
                    filing = services.update_filing(
                        actor=request.user, filing=filing, data=web.validated_data
                    )
            except ValidationError as error:
                web.add_errors(error)
            else:
                messages.success(request, _("Saved."))
                return redirect("overseas_ngos:detail", filing.pk)
        return render(request, self.template_name, self._context(filing, web), status=400)


class FilingView(CaseRecordView):
    model = Filing
    table = ACTIONS
    template_name = "overseas_ngos/detail.html"
    required_permissions = {"GET": "overseas_ngos.view", "POST": "overseas_ngos.view"}
    detail_url_name = "overseas_ngos:detail"

    def get_record(self, pk):
        return get_object_or_404(selectors.filings_for(self.request.user), pk=pk)

    def extra_context_for(self, filing):
        editable = filing.case.state in EDITABLE_STATES
        return {
            "filing": filing,
            "action_url_name": "overseas_ngos:action",
            "editable": editable and has_permission(self.request, "overseas_ngos.file"),
            "attachments": selectors.attachments_of(filing),
            "can_oversee": has_permission(self.request, "overseas_ngos.oversee"),
        }


class CaseRedirectView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "overseas_ngos.view"}

    def get(self, request, case_pk: int):
        filing = get_object_or_404(selectors.filings_for(request.user), case_id=case_pk)
        return redirect("overseas_ngos:detail", filing.pk)


class AttachmentView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "overseas_ngos.view"}

    def get(self, request, pk, item):
        from apps.documents.views import attachment_response

        filing = get_object_or_404(selectors.filings_for(request.user), pk=pk)
        return attachment_response(get_object_or_404(selectors.attachments_of(filing).defer(None), pk=item))


class OrganisationListView(PermissionRequiredMixin, TemplateView):
    template_name = "overseas_ngos/organisations.html"
    required_permissions = {"GET": "overseas_ngos.oversee"}

    def get_context_data(self, **kwargs):
        filters = _filters(self.request, s.OrganisationFilter)
        page, query = _page(self.request, selectors.search_organisations(self.request.user, **filters))
        return {
            **super().get_context_data(**kwargs),
            "page": page,
            "query": query,
            "filter_form": _filter_form(self.request, s.OrganisationFilter),
            "can_manage": has_permission(self.request, "overseas_ngos.manage"),
        }


class OrganisationFormView(PermissionRequiredMixin, View):
    """Registers an organisation, or (with ``pk``) edits an active one's facts."""

    required_permissions = {"GET": "overseas_ngos.manage", "POST": "overseas_ngos.manage"}
    template_name = "overseas_ngos/form.html"

    def _organisation(self, request, pk):
        if pk is None:
            return None
        organisation = get_object_or_404(selectors.organisations_for(request.user), pk=pk)
        if organisation.status != "active":
            raise Http404
        return organisation

    def _heading(self, organisation):
        return (
            _("Edit %(name)s") % {"name": organisation.name_zh}
            if organisation
            else _("Register an overseas NGO")
        )

    def get(self, request, pk=None):
        organisation = self._organisation(request, pk)
        initial = {"kind": "office"}
        if organisation is not None:
            initial = {field: getattr(organisation, field) for field in services.ORGANISATION_FIELDS}
        web = WebInput(s.OrganisationInput, initial=initial, context={"request": request})
        return render(request, self.template_name, {"input": web, "heading": self._heading(organisation)})

    def post(self, request, pk=None):
        organisation = self._organisation(request, pk)
        web = WebInput(s.OrganisationInput, data=request.POST, context={"request": request})
        if web.is_valid():
            try:
                if organisation is None:
                    organisation = services.register_organisation(actor=request.user, data=web.validated_data)
                else:
                    services.update_organisation(
                        actor=request.user, organisation=organisation, data=web.validated_data
                    )
            except ValidationError as error:
                web.add_errors(error)
            else:
                messages.success(request, _("Saved."))
                return redirect("overseas_ngos:organisation", organisation.pk)
        context = {"input": web, "heading": self._heading(organisation)}
        return render(request, self.template_name, context, status=400)


class OrganisationView(PermissionRequiredMixin, View):
    """An organisation of the register: its filings and (a representative office) its
    annual plans and reports, with the forms to record one and to record a reminder."""

    required_permissions = {"GET": "overseas_ngos.oversee", "POST": "overseas_ngos.manage"}
    template_name = "overseas_ngos/organisation.html"
    FORMS = {"receive": s.ReceiveInput, "remind": s.RemindInput, "deregister": s.DeregisterInput}

    def _render(self, request, organisation, bound=None, status=200):
        today = timezone.localdate()
        forms = {}
        for name, serializer_class in self.FORMS.items():
            if bound and bound[0] == name:
                forms[name] = bound[1]
            else:
                initial = {"organisation": organisation.pk, "year": today.year, "received_on": today,
                           "deregistered_on": today}  # fmt: skip
                forms[name] = WebInput(serializer_class, initial=initial, context={"request": request})
        rows = []
        if organisation.is_office:
            rows = selectors.current_cycle(request.user, today, organisation=organisation)
        context = {
            "organisation": organisation,
            "filings": selectors.filings_for(request.user)
            .filter(organisation=organisation)
            .order_by("-start")[:50],
            "rows": rows,
            "forms": forms,
            "can_manage": has_permission(request, "overseas_ngos.manage"),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk):
        return self._render(request, get_object_or_404(selectors.organisations_for(request.user), pk=pk))

    def post(self, request, pk, name=None):
        organisation = get_object_or_404(selectors.organisations_for(request.user), pk=pk)
        serializer_class = self.FORMS.get(name)
        if serializer_class is None:
            raise Http404
        data = request.POST.copy()
        data["organisation"] = str(organisation.pk)
        web = WebInput(serializer_class, data=data, context={"request": request})
        if web.is_valid():
            try:
                if name == "receive":
                    services.receive_document(actor=request.user, data=web.validated_data)
                elif name == "deregister":
                    services.deregister_organisation(
                        actor=request.user, organisation=organisation, data=web.validated_data
                    )
                else:
                    services.remind(actor=request.user, data=web.validated_data)
            except ValidationError as error:
                web.add_errors(error)
            else:
                messages.success(request, _("Saved."))
                return redirect("overseas_ngos:organisation", organisation.pk)
        return self._render(request, organisation, bound=(name, web), status=400)


class AnnualView(PermissionRequiredMixin, TemplateView):
    """The representative offices' annual cycle for a year, or (``late_only``) who is late."""

    template_name = "overseas_ngos/annual.html"
    required_permissions = {"GET": "overseas_ngos.oversee"}
    late_only = False

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        try:
            year = int(self.request.GET.get("year") or today.year)
            year = year if 2000 <= year <= 2100 else today.year
        except ValueError:
            year = today.year
        if self.late_only:
            rows = selectors.late(self.request.user, today)
        else:
            rows = selectors.annual_rows(self.request.user, years=[year], today=today)
        return {**super().get_context_data(**kwargs), "rows": rows, "year": year, "late_only": self.late_only}


LATE_COLUMNS = [
    Column(
        "organisation", {"zh": "代表机构", "en": "Representative office"}, lambda r: r.organisation.name_zh
    ),
    Column(
        "number",
        {"zh": "登记证书编号", "en": "Registration No."},
        lambda r: r.organisation.registration_number,
    ),
    Column("document", {"zh": "材料", "en": "Document"}, lambda r: f"{r.year} {r.kind_label}"),
    Column("due", {"zh": "报送期限", "en": "Due"}, lambda r: r.due),
    Column("status", {"zh": "状态", "en": "Status"}, lambda r: r.status_label),
    Column("reminded", {"zh": "最近催报", "en": "Last reminded"}, lambda r: r.reminded_on),
]


class LateExportView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "overseas_ngos.oversee"}

    def get(self, request, fmt: str):
        today = timezone.localdate()
        return table_response(
            LATE_COLUMNS, selectors.late(request.user, today), fmt=fmt, filename=f"late-{today}"
        )


class DocumentView(PermissionRequiredMixin, View):
    """A plan or report as received, and the office's review opinion on it."""

    required_permissions = {"GET": "overseas_ngos.oversee", "POST": "overseas_ngos.review"}
    template_name = "overseas_ngos/document.html"

    def _render(self, request, document, web, status=200):
        can_review = has_permission(request, "overseas_ngos.review") and document.opinion == "received"
        context = {"document": document, "input": web, "can_review": can_review}
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk):
        document = get_object_or_404(selectors.documents_for(request.user), pk=pk)
        return self._render(request, document, WebInput(s.ReviewInput, context={"request": request}))

    def post(self, request, pk):
        document = get_object_or_404(selectors.documents_for(request.user), pk=pk)
        web = WebInput(s.ReviewInput, data=request.POST, context={"request": request})
        status = 400
        if web.is_valid():
            try:
                services.review_document(actor=request.user, document=document, data=web.validated_data)
            except ValidationError as error:
                web.add_errors(error)
            except PermissionDenied as error:
                messages.error(request, str(error))
                status = 403
            else:
                messages.success(request, _("Saved."))
                return redirect("overseas_ngos:document", document.pk)
        return self._render(request, document, web, status=status)
