from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.views import View
from django.views.generic import TemplateView

from apps.accounts.access import PermissionRequiredMixin
from apps.notifications import selectors, services


class InboxView(PermissionRequiredMixin, TemplateView):
    template_name = "notifications/inbox.html"
    required_permissions = {"GET": "core.view_home"}

    def get_context_data(self, **kwargs):
        page = Paginator(selectors.inbox_for(self.request.user), 50).get_page(self.request.GET.get("page"))
        return {**super().get_context_data(**kwargs), "page": page}


class MarkAllReadView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "core.view_home", "POST": "core.view_home"}  # GET: 405
    http_method_names = ["post"]

    def post(self, request):
        services.mark_read(actor=request.user)
        return redirect("inbox")


class MarkOneReadView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "core.view_home", "POST": "core.view_home"}  # GET: 405
    http_method_names = ["post"]

    def post(self, request, pk: int):
        notification = get_object_or_404(selectors.inbox_for(request.user), pk=pk)
        services.mark_read(actor=request.user, ids=[notification.pk])
        return redirect("inbox")
