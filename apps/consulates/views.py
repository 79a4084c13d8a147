"""The consulates pages: the consulates with their heads of post and postings, the liaison
log (answers due), national-day receptions. Forms post to the same services as the API."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from apps.accounts.access import PermissionRequiredMixin, has_permission
from apps.casework.inputs import WebInput, query_filters
from apps.casework.lists import filter_form
from apps.consulates import selectors, services
from apps.consulates import serializers as s
from apps.consulates.models import LiaisonEntry, NationalDay


class _FormPage(PermissionRequiredMixin, TemplateView):
    """A list with a form under it: GET shows both; POST runs ``save`` with the form's input."""

    required_permissions = {"GET": "consulates.view", "POST": "consulates.manage"}
    input_class = None
    success_url_name = ""

    def forms(self, bound=None) -> dict:
        if not has_permission(self.request, "consulates.manage"):
            return {}
        return {"input": bound or WebInput(self.input_class, context={"request": self.request})}

    def post(self, request, *args, **kwargs):
        web = WebInput(self.input_class, data=request.POST, context={"request": request})
        if web.is_valid():
            try:
                self.save(web.validated_data)
            except ValidationError as error:
                web.add_errors(error)
            else:
                messages.success(request, _("Saved."))
                return redirect(self.success_url_name)
        return self.render_to_response(self.get_context_data(bound=web), status=400)


class IndexView(_FormPage):
    """Consulates in the city, their heads of post today, and every posting over time."""

    template_name = "consulates/index.html"
    input_class = s.PostingInput
    success_url_name = "consulates:index"

    def save(self, data):
        services.add_posting(actor=self.request.user, data=data)

    def get_context_data(self, bound=None, **kwargs):
        today = timezone.localdate()
        heads = selectors.current_heads(today)
        bodies = [(partner, heads.get(partner.pk)) for partner in selectors.consulates()]
        page = Paginator(selectors.postings(), 30).get_page(self.request.GET.get("page"))
        return {**super().get_context_data(**kwargs), "bodies": bodies, "page": page, **self.forms(bound)}


class LiaisonView(_FormPage):
    template_name = "consulates/liaison.html"
    input_class = s.LiaisonInput
    success_url_name = "consulates:liaison"

    def save(self, data):
        services.add_liaison(actor=self.request.user, data=data)

    def get_context_data(self, bound=None, **kwargs):
        today = timezone.localdate()
        filters = query_filters(s.LiaisonFilter, self.request.GET)
        page = Paginator(selectors.liaison(**filters, today=today), 30).get_page(self.request.GET.get("page"))
        search_form = filter_form(self.request, s.LiaisonFilter)
        return {
            **super().get_context_data(**kwargs),
            "page": page,
            "today": today,
            "filter_form": search_form,
            "answer_input": WebInput(s.AnswerInput)
            if has_permission(self.request, "consulates.manage")
            else None,
            **self.forms(bound),
        }


class AnswerView(PermissionRequiredMixin, TemplateView):
    """POST: the office's answer to one note verbale or request."""

    template_name = "consulates/liaison.html"
    required_permissions = {"POST": "consulates.manage"}
    http_method_names = ["post"]

    def post(self, request, pk):
        entry = get_object_or_404(LiaisonEntry, pk=pk)
        web = WebInput(s.AnswerInput, data=request.POST, context={"request": request})
        if web.is_valid():
            try:
                services.answer(actor=request.user, entry=entry, data=web.validated_data)
            except ValidationError as error:
                web.add_errors(error)
        if web.form.errors:
            for errors in web.form.errors.values():
                for error in errors:
                    messages.error(request, f"{entry.subject}: {error}")
            return redirect("consulates:liaison")
        messages.success(request, _("Saved."))
        return redirect("consulates:liaison")


class NationalDaysView(_FormPage):
    template_name = "consulates/national_days.html"
    input_class = s.NationalDayInput
    success_url_name = "consulates:national_days"

    def save(self, data):
        services.add_national_day(actor=self.request.user, data=data)

    def get_context_data(self, bound=None, **kwargs):
        page = Paginator(selectors.national_days(), 30).get_page(self.request.GET.get("page"))
        can_manage = has_permission(self.request, "consulates.manage")
        return {
            **super().get_context_data(**kwargs),
            "page": page,
            "answer_input": WebInput(s.NationalDayAnswerInput) if can_manage else None,
            **self.forms(bound),
        }


class NationalDayAnswerView(PermissionRequiredMixin, TemplateView):
    template_name = "consulates/national_days.html"
    required_permissions = {"POST": "consulates.manage"}
    http_method_names = ["post"]

    def post(self, request, pk):
        day = get_object_or_404(NationalDay, pk=pk)
        web = WebInput(s.NationalDayAnswerInput, data=request.POST, context={"request": request})
        if web.is_valid():
            try:
                services.answer_national_day(actor=request.user, day=day, data=web.validated_data)
            except ValidationError as error:
                web.add_errors(error)
        if web.form.errors:
            for errors in web.form.errors.values():
                for error in errors:
                    messages.error(request, f"{day.title}: {error}")
        else:
            messages.success(request, _("Saved."))
        return redirect("consulates:national_days")
