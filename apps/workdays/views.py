"""The operators' page of the working-day calendar (platform host)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from apps.accounts.access import PermissionRequiredMixin
from apps.workdays import calendar, selectors, services
from apps.workdays.forms import CalendarUploadForm


class CalendarView(PermissionRequiredMixin, FormView):
    template_name = "workdays/calendar.html"
    form_class = CalendarUploadForm
    required_permissions = {"GET": "platform.manage_cities", "POST": "platform.manage_cities"}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "years": selectors.loaded_years(),
            "unofficial_years": calendar.unofficial_years(),
        }

    def form_valid(self, form):
        result = services.apply_calendar(calendar_file=form.calendar_file, actor=self.request.user)
        if result.changed:
            changed = ", ".join(str(year) for year in result.created + result.updated)
            messages.success(self.request, _("Calendar loaded: %(years)s.") % {"years": changed})
        else:
            messages.success(self.request, _("The calendar is already up to date; nothing changed."))
        return redirect("workdays-calendar")
