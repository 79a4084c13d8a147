from django.core.paginator import Paginator
from django.utils.translation import gettext as _
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


class AuditChainView(PermissionRequiredMixin, TemplateView):
    """The tamper check of the audit log: on a city's host its own log; on the operators'
    site the platform's and every city's."""

    template_name = "audit/chain.html"
    required_permissions = {"GET": "audit.view"}

    def get_context_data(self, **kwargs):
        from django.db import connection

        from apps.audit import chain

        city = getattr(self.request, "city", None)
        names = {"public": _("Platform")}
        if city is None:
            from django_tenants.utils import get_tenant_model

            names |= {c.schema_name: c.name for c in get_tenant_model().offices.all()}
            reports = [report for report in chain.verify_all() if report.schema in names]
        else:
            reports = [chain.verify(connection.schema_name)]
            names[connection.schema_name] = city.name
        reasons = {
            "not chained": _("an entry written outside the chain"),
            "a row before it is missing": _("an entry before it was deleted"),
            "not linked to the row before it": _("not linked to the entry before it"),
            "its content was changed": _("its content was changed"),
        }
        rows = [
            {
                **report.__dict__,
                "intact": report.intact,
                "label": names.get(report.schema, report.schema),
                "reason_label": reasons.get(report.reason, report.reason),
            }
            for report in reports
        ]
        return {**super().get_context_data(**kwargs), "reports": rows}
