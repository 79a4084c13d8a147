"""The platform operators' site (bare domain): cities, their status and profiles, their
archives (export, restore) and their removal."""

from __future__ import annotations

import io
import secrets
import tempfile
import time
from pathlib import Path

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from apps.accounts.access import PermissionRequiredMixin
from tenants import backup, office, selectors, services
from tenants.forms import ArchiveForm, ReactivationForm, RemovalForm, RestoreForm, SuspensionForm
from tenants.models import City

MANAGE = "platform.manage_cities"
CITIES_PER_PAGE = 50  # the page costs the same at 5 cities and at 300


class CityListView(PermissionRequiredMixin, TemplateView):
    template_name = "platform/cities.html"
    required_permissions = {"GET": MANAGE}

    def get_context_data(self, **kwargs):
        page = Paginator(selectors.office_list(), CITIES_PER_PAGE).get_page(self.request.GET.get("page"))
        return {
            **super().get_context_data(**kwargs),
            "cities": page.object_list,
            "page": page,
            "provinces": selectors.provinces(),
            "pending_proposals": office.pending().count(),
        }


class CityMixin:
    def get_city(self) -> City:
        city = selectors.city_by_code(self.kwargs["code"])
        if city is None:
            raise Http404
        return city


class CityDetailView(CityMixin, PermissionRequiredMixin, TemplateView):
    """The city, its profile and the buttons of its changes (each on its confirmation
    page, CityActionView) and of its export."""

    template_name = "platform/city.html"
    required_permissions = {"GET": MANAGE}

    def get_context_data(self, **kwargs):
        import yaml

        city = self.get_city()
        profile_text = yaml.safe_dump(city.profile, allow_unicode=True, sort_keys=False)
        actions = [action for action, spec in STATUS_ACTIONS.items() if city.status in spec["from"]]
        return {
            **super().get_context_data(**kwargs),
            "office": city,
            "profile_text": profile_text,
            "actions": [(action, STATUS_ACTIONS[action]["label"]) for action in actions],
        }


# Every change of a city's life follows one pattern: a confirmation page with a reason
# and an explicit confirmation, then the service, then one audit row.
STATUS_ACTIONS = {
    "suspend": {
        "form": SuspensionForm, "status": City.Status.SUSPENDED, "from": {City.Status.ACTIVE},
        "label": gettext_lazy("Suspend service"), "style": "danger",
    },
    "reactivate": {
        "form": ReactivationForm, "status": City.Status.ACTIVE,
        "from": {City.Status.SUSPENDED, City.Status.ARCHIVED},
        "label": gettext_lazy("Reactivate service"), "style": "success",
    },
    "archive": {
        "form": ArchiveForm, "status": City.Status.ARCHIVED,
        "from": {City.Status.ACTIVE, City.Status.SUSPENDED},
        "label": gettext_lazy("Archive (read-only)"), "style": "warning",
    },
    "remove": {
        "form": RemovalForm, "status": None, "from": {City.Status.ARCHIVED},
        "label": gettext_lazy("Remove the city"), "style": "danger",
    },
}  # fmt: skip


class CityActionView(CityMixin, PermissionRequiredMixin, TemplateView):
    """The confirmation page of suspend, reactivate, archive and remove."""

    template_name = "platform/city_action.html"
    required_permissions = {"GET": MANAGE, "POST": MANAGE}

    def spec(self) -> dict:
        spec = STATUS_ACTIONS.get(self.kwargs["action"])
        if spec is None:
            raise Http404
        return spec

    def make_form(self, city, data=None):
        spec = self.spec()
        if spec["form"] is RemovalForm:
            return RemovalForm(data, city=city)
        return spec["form"](data)

    def get_context_data(self, **kwargs):
        city = self.get_city()
        spec = self.spec()
        kwargs.setdefault("form", self.make_form(city))
        return {
            **super().get_context_data(**kwargs),
            "office": city,
            "action": self.kwargs["action"],
            "label": spec["label"],
            "style": spec["style"],
            "allowed": city.status in spec["from"],
            "needs_export": self.kwargs["action"] == "remove"
            and backup.last_export_since_archived(city) is None,
        }

    def post(self, request, *args, **kwargs):
        city = self.get_city()
        spec = self.spec()
        form = self.make_form(city, request.POST)
        if city.status not in spec["from"]:
            form.add_error(None, _("This action is not possible in the city's present status."))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        reason = form.cleaned_data["reason"]
        if self.kwargs["action"] == "remove":
            result = backup.run_as_owner(
                "remove_city", city.code, "--confirm", form.cleaned_data["confirm_code"], "--reason", reason,
                actor=request.user,
            )  # fmt: skip
            if not result["ok"]:
                for problem in result["problems"]:
                    form.add_error(None, problem)
                return self.render_to_response(self.get_context_data(form=form), status=400)
            messages.success(request, _("The city %(code)s was removed.") % {"code": city.code})
            return redirect("home")
        services.set_city_status(city=city, status=spec["status"], actor=request.user, reason=reason)
        messages.success(request, _("Status changed."))
        return redirect("city-detail", code=city.code)


def archive_response(city: City, *, actor) -> HttpResponse:
    buffer = io.BytesIO()
    backup.export_city(city=city, out=buffer, actor=actor)
    filename = f"{city.code}-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
    response = HttpResponse(buffer.getvalue(), content_type="application/gzip")
    response.headers["Content-Disposition"] = content_disposition_header(True, filename)
    return response


class CityExportView(CityMixin, PermissionRequiredMixin, TemplateView):
    """POST: the city's archive as a download (audited)."""

    required_permissions = {"POST": MANAGE}
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        return archive_response(self.get_city(), actor=request.user)


UPLOAD_DIR = Path(tempfile.gettempdir()) / "waiban-restore"
UPLOAD_KEPT_SECONDS = 24 * 3600


def keep_upload(data: bytes) -> str:
    """Keeps an uploaded archive between preview and apply; returns its token."""
    UPLOAD_DIR.mkdir(mode=0o700, exist_ok=True)
    stale = time.time() - UPLOAD_KEPT_SECONDS
    for old in UPLOAD_DIR.glob("*.tar.gz"):  # previews never applied
        if old.stat().st_mtime < stale:
            old.unlink(missing_ok=True)
    token = secrets.token_hex(16)
    (UPLOAD_DIR / f"{token}.tar.gz").write_bytes(data)
    return token


def kept_upload(token: str) -> Path | None:
    if not token or not token.isalnum() or len(token) != 32:
        return None
    path = UPLOAD_DIR / f"{token}.tar.gz"
    return path if path.exists() else None


class CityRestoreView(PermissionRequiredMixin, TemplateView):
    """Upload an archive, see its manifest and what stands in the way, then apply."""

    template_name = "platform/city_restore.html"
    required_permissions = {"GET": MANAGE, "POST": MANAGE}

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", RestoreForm())
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        form = RestoreForm(request.POST, request.FILES)
        token = request.POST.get("token", "")
        path = kept_upload(token) if token else None
        if form.is_valid() and path is None:
            upload = form.cleaned_data.get("archive")
            if upload is None:
                form.add_error("archive", _("Choose an archive file."))
            else:
                token = keep_upload(upload.read())
                path = kept_upload(token)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        code = form.cleaned_data["code"]
        subdomain = form.cleaned_data["subdomain"] or code
        try:
            with path.open("rb") as handle:
                archive = backup.read_archive(handle)
        except backup.ArchiveError as error:
            path.unlink(missing_ok=True)
            for problem in error.problems:
                form.add_error("archive", problem)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        if request.POST.get("apply") and token == request.POST.get("token"):
            result = backup.run_as_owner(
                "import_city", str(path), "--code", code, "--subdomain", subdomain, actor=request.user
            )
            if not result["ok"]:
                context = self.get_context_data(
                    form=form, preview=backup.preview(archive), problems=result["problems"], token=token
                )
                return self.render_to_response(context, status=400)
            path.unlink(missing_ok=True)
            messages.success(request, _("The city %(code)s was restored from the archive.") % {"code": code})
            return redirect("city-detail", code=code)
        problems = backup.restore_problems(archive, code=code, subdomain=subdomain)
        return self.render_to_response(
            self.get_context_data(form=form, preview=backup.preview(archive), problems=problems, token=token)
        )
