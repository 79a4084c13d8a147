"""User management pages (city host: the office administrator; platform host: operators):
the list with filters and export, invite, an account's page (edit, reset, deactivate,
reactivate) and the XLSX import with its preview. A one-time link is shown once, on the
page that answers the invite or reset."""

from __future__ import annotations

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from apps.accounts import people, people_import
from apps.accounts.access import PermissionRequiredMixin, has_permission
from apps.accounts.people_inputs import ImportInput, UserChangeInput, UserFilter, UserInput
from apps.casework.inputs import WebInput, query_filters
from apps.casework.lists import filter_form, page_of
from apps.documents.exports import XLSX_TYPE, Column, download, table_response

SIGNING_SALT = "waiban.people.import"
MANAGE = "accounts.manage_users"
VIEW = "accounts.view_users"

EXPORT_COLUMNS = [
    Column("username", {"zh": "用户名", "en": "User name"}, lambda r: r["username"]),
    Column("display_name", {"zh": "姓名", "en": "Name"}, lambda r: r["display_name"]),
    Column("email", {"zh": "电子邮箱", "en": "E-mail"}, lambda r: r["email"]),
    Column("role", {"zh": "角色", "en": "Role"}, lambda r: r["role_label"]),
    Column("unit", {"zh": "单位", "en": "Unit"}, lambda r: r["unit_label"]),
    Column("active", {"zh": "在用", "en": "Active"}, lambda r: r["is_active"]),
    Column("last_login", {"zh": "最近登录", "en": "Last sign-in"}, lambda r: r["last_login"]),
    Column("joined", {"zh": "创建时间", "en": "Created"}, lambda r: r["date_joined"]),
]


def base_url(request) -> str:
    return f"{request.scheme}://{request.get_host()}"


def link_url(request, path: str) -> str:
    return base_url(request) + path


def link_page(request, done: people.Invited, purpose: str):
    """The one-time link, shown this once (never stored, never logged)."""
    context = {"account": done.user, "link": link_url(request, done.path), "purpose": purpose}
    response = render(request, "accounts/user_link.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


class UserListView(PermissionRequiredMixin, TemplateView):
    template_name = "accounts/users.html"
    required_permissions = {"GET": VIEW}

    def get(self, request, *args, **kwargs):
        scope = people.current_scope()
        filters = query_filters(UserFilter, request.GET)
        rows = people.users(scope=scope, **filters)
        fmt = request.GET.get("format")
        if fmt:
            stamp = timezone.localdate().isoformat()
            described = (people.describe(user, scope) for user in rows)
            return table_response(
                EXPORT_COLUMNS, described, fmt=fmt, filename=f"users-{stamp}", sheet="users"
            )
        page, query = page_of(request, rows)
        context = {
            "page": page,
            "rows": [people.describe(user, scope) for user in page],
            "query": query,
            "filter_form": filter_form(request, UserFilter),
            "can_manage": has_permission(request, MANAGE),
            "scope": scope,
        }
        return self.render_to_response(self.get_context_data(**context))


class InviteView(PermissionRequiredMixin, View):
    template_name = "accounts/user_form.html"
    required_permissions = {"GET": MANAGE, "POST": MANAGE}

    def get(self, request):
        return render(request, self.template_name, {"input": WebInput(UserInput)})

    def post(self, request):
        web = WebInput(UserInput, data=request.POST)
        if web.is_valid():
            try:
                invited = people.invite(
                    actor=request.user,
                    scope=people.current_scope(),
                    base_url=base_url(request),
                    **web.validated_data,
                )
            except ValidationError as error:
                web.add_errors(error)
            else:
                return link_page(request, invited, "invite")
        return render(request, self.template_name, {"input": web}, status=400)


class UserView(PermissionRequiredMixin, View):
    """An account: its details form, and the reset, deactivate and reactivate actions."""

    template_name = "accounts/user.html"
    required_permissions = {"GET": MANAGE, "POST": MANAGE}

    def account(self, pk):
        user = people.user_or_none(scope=people.current_scope(), pk=pk)
        if user is None:
            raise Http404
        return user

    def page(self, request, account, web=None, status=200, error=None):
        scope = people.current_scope()
        initial = {
            "display_name": account.display_name,
            "email": account.email,
            "role": account.role,
            "unit": account.unit,
        }
        context = {
            "account": account,
            "row": people.describe(account, scope),
            "input": web or WebInput(UserChangeInput, initial=initial),
            "is_self": account.pk == request.user.pk,
            "error": error,
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk):
        return self.page(request, self.account(pk))

    def post(self, request, pk):
        account = self.account(pk)
        action = request.POST.get("action", "save")
        scope = people.current_scope()
        try:
            if action == "reset":
                done = people.reset(actor=request.user, scope=scope, user=account, base_url=base_url(request))
                return link_page(request, done, "reset")
            if action in ("deactivate", "reactivate"):
                people.set_active(
                    actor=request.user, scope=scope, user=account, active=action == "reactivate"
                )
                messages.success(request, _("Deactivated.") if action == "deactivate" else _("Reactivated."))
                return redirect("users-detail", account.pk)
        except ValidationError as error:
            return self.page(request, account, status=400, error=" ".join(error.messages))
        web = WebInput(UserChangeInput, data=request.POST)
        if web.is_valid():
            try:
                # The page shows every field: one left blank is cleared (the API leaves it).
                data = {"email": "", "unit": "", **web.validated_data}
                people.update(actor=request.user, scope=scope, user=account, **data)
            except ValidationError as error:
                web.add_errors(error)
            else:
                messages.success(request, _("Saved."))
                return redirect("users-detail", account.pk)
        return self.page(request, account, web=web, status=400)


class ImportView(PermissionRequiredMixin, View):
    """GET: the upload form (and ?template=1 the template). POST with a file: the preview;
    POST with the preview's signed rows: the import, shown once with the links."""

    template_name = "accounts/users_import.html"
    required_permissions = {"GET": MANAGE, "POST": MANAGE}

    def get(self, request):
        if request.GET.get("template"):
            content = people_import.template_bytes(people.current_scope())
            return download(content, XLSX_TYPE, "users-template.xlsx")
        return render(request, self.template_name, {"input": WebInput(ImportInput)})

    def post(self, request):
        scope = people.current_scope()
        if "rows" in request.POST:
            return self.apply(request, scope)
        web = WebInput(ImportInput, data=request.POST, files=request.FILES)
        if not web.is_valid():
            return render(request, self.template_name, {"input": web}, status=400)
        upload = web.validated_data["file"]
        content = upload.read(people_import.MAX_BYTES + 1)
        preview = people_import.read(scope, content)
        context = {"input": WebInput(ImportInput), "preview": preview, "scope": scope}
        if preview.ok:
            context["signed"] = signing.dumps(preview.payload(), salt=SIGNING_SALT, compress=True)
        return render(request, self.template_name, context, status=200 if preview.ok else 400)

    def apply(self, request, scope):
        try:
            payload = signing.loads(request.POST["rows"], salt=SIGNING_SALT, max_age=3600)
        except signing.BadSignature:
            messages.error(request, _("The preview has expired. Upload the file again."))
            return redirect("users-import")
        try:
            invited = people_import.apply(
                actor=request.user, scope=scope, base_url=base_url(request), payload=payload
            )
        except ValidationError as error:
            context = {"input": WebInput(ImportInput), "apply_errors": error.messages}
            return render(request, self.template_name, context, status=400)
        results = [
            {"row": people.describe(item.user, scope), "link": link_url(request, item.path)}
            for item in invited
        ]
        response = render(request, "accounts/users_imported.html", {"results": results})
        response["Cache-Control"] = "private, no-store"  # the links, shown this once
        return response
