from django.core.paginator import Paginator
from django.views.generic import TemplateView

from apps.accounts.access import PermissionRequiredMixin, has_permission, user_permissions
from apps.audit import selectors
from apps.audit.actions import action_label, known_actions
from apps.audit.forms import AuditFilterForm


class AuditLogView(PermissionRequiredMixin, TemplateView):
    template_name = "audit/log.html"
    required_permissions = {"GET": "audit.view"}

    def get(self, request, *args, **kwargs):
        form = AuditFilterForm(request.GET)
        valid = form.is_valid()  # an unknown action answers 400, its error under the field
        return self.render_to_response(self.get_context_data(form=form), status=200 if valid else 400)

    def get_context_data(self, *, form, **kwargs):
        can_read = has_permission(self.request, "audit.view")
        if form.is_valid():
            entries = selectors.audit_entries(
                can_read=can_read, granted=user_permissions(self.request), **form.cleaned_data
            )
        else:
            entries = selectors.audit_entries(can_read=can_read).none()
        page = Paginator(entries, 50).get_page(self.request.GET.get("page"))
        known = known_actions()
        for entry in page:
            entry.action_label = action_label(entry.action, known)
        return {**super().get_context_data(**kwargs), "page": page, "form": form, "filter_form": form}
