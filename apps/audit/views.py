from django.core.paginator import Paginator
from django.views.generic import TemplateView

from apps.accounts.access import PermissionRequiredMixin, has_permission
from apps.audit import selectors
from apps.audit.forms import AuditFilterForm


class AuditLogView(PermissionRequiredMixin, TemplateView):
    template_name = "audit/log.html"
    required_permissions = {"GET": "audit.view"}

    def get_context_data(self, **kwargs):
        params = self.request.GET
        filters = {
            key: params.get(key, "").strip() for key in ("object_type", "object_id", "action", "actor")
        }
        entries = selectors.audit_entries(can_read=has_permission(self.request, "audit.view"), **filters)
        page = Paginator(entries, 50).get_page(params.get("page"))
        return {
            **super().get_context_data(**kwargs),
            "page": page,
            "filters": filters,
            "filter_form": AuditFilterForm(params),
        }
