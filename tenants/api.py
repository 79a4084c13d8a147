"""Operators' API on the platform host: cities, their status, archives and removal."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from apps.registry.limits import LimitedJSONParser
from tenants import backup, selectors, services
from tenants.forms import RemovalForm, RestoreForm
from tenants.models import City
from tenants.views import STATUS_ACTIONS, archive_response, keep_upload, kept_upload

MANAGE = "platform.manage_cities"


class CitySerializer(serializers.ModelSerializer):
    province = serializers.SlugRelatedField(slug_field="code", read_only=True)
    domains = serializers.SlugRelatedField(slug_field="domain", many=True, read_only=True)

    class Meta:
        model = City
        fields = ["code", "name_zh", "name_en", "province", "status", "profile_version", "domains"]
        read_only_fields = fields


def _form_errors(form) -> exceptions.ValidationError:
    fields = {
        ("non_field_errors" if name == "__all__" else name): errors for name, errors in form.errors.items()
    }
    return exceptions.ValidationError(fields)


StatusInput = inline_serializer(
    "CityStatusChange",
    {
        "action": serializers.ChoiceField(choices=["suspend", "reactivate", "archive"]),
        "reason": serializers.CharField(),
        "confirm": serializers.BooleanField(),
    },
)
RemovalInput = inline_serializer(
    "CityRemoval", {"reason": serializers.CharField(), "confirm_code": serializers.CharField()}
)
RestoreInput = inline_serializer(
    "CityRestore",
    {
        "archive": serializers.FileField(),
        "code": serializers.SlugField(),
        "subdomain": serializers.SlugField(required=False),
        "dry_run": serializers.BooleanField(required=False),
    },
)


class CityViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CitySerializer
    lookup_field = "code"
    required_permissions = {
        "list": MANAGE, "retrieve": MANAGE, "export": MANAGE, "change_status": MANAGE,
        "remove": MANAGE, "restore": MANAGE,
    }  # fmt: skip

    def get_queryset(self):
        return selectors.office_list()

    @extend_schema(
        request=None, responses={(200, "application/gzip"): OpenApiResponse(description="the archive")}
    )
    @action(detail=True, methods=["post"])
    def export(self, request, code=None):
        """The city's archive (tar.gz): its schema's tables, its public rows, a manifest."""
        return archive_response(self.get_object(), actor=request.user)

    @extend_schema(request=StatusInput, responses=CitySerializer)
    @action(detail=True, methods=["post"], url_path="status")
    def change_status(self, request, code=None):
        """Suspend, reactivate or archive (read-only): a reason and ``confirm: true``."""
        city = self.get_object()
        spec = STATUS_ACTIONS.get(request.data.get("action"))
        if spec is None or spec["status"] is None:
            raise exceptions.ValidationError({"action": [_("Choose suspend, reactivate or archive.")]})
        form = spec["form"](request.data)
        if city.status not in spec["from"]:
            form.add_error(None, _("This action is not possible in the city's present status."))
        if not form.is_valid():
            raise _form_errors(form)
        city = services.set_city_status(
            city=city, status=spec["status"], actor=request.user, reason=form.cleaned_data["reason"]
        )
        return Response(CitySerializer(selectors.city_by_code(city.code)).data)

    @extend_schema(request=RemovalInput, responses={204: None})
    @action(detail=True, methods=["post"])
    def remove(self, request, code=None):
        """Removes an archived city (exported since it was archived): ``confirm_code`` is its code."""
        city = self.get_object()
        form = RemovalForm(request.data, city=city)
        if not form.is_valid():
            raise _form_errors(form)
        result = backup.run_as_owner(
            "remove_city", city.code, "--confirm", form.cleaned_data["confirm_code"],
            "--reason", form.cleaned_data["reason"], actor=request.user,
        )  # fmt: skip
        if not result["ok"]:
            raise exceptions.ValidationError({"non_field_errors": result["problems"]})
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request={"multipart/form-data": RestoreInput}, responses={201: CitySerializer, 200: None})
    @action(detail=False, methods=["post"], parser_classes=[MultiPartParser, FormParser, LimitedJSONParser])
    def restore(self, request):
        """Restores an archive as a new city. ``dry_run``: the manifest's preview and the
        problems, nothing applied. Refusals answer 400 naming every problem."""
        form = RestoreForm(request.data, request.FILES)
        if form.is_valid() and form.cleaned_data.get("archive") is None:
            form.add_error("archive", _("Choose an archive file."))
        if not form.is_valid():
            raise _form_errors(form)
        code = form.cleaned_data["code"]
        subdomain = form.cleaned_data["subdomain"] or code
        try:
            archive = backup.read_archive(form.cleaned_data["archive"])
        except backup.ArchiveError as error:
            raise exceptions.ValidationError({"archive": error.problems}) from None
        if str(request.data.get("dry_run", "")).lower() in ("1", "true", "yes"):
            problems = backup.restore_problems(archive, code=code, subdomain=subdomain)
            return Response({"preview": backup.preview(archive), "problems": problems})
        upload = form.cleaned_data["archive"]
        upload.seek(0)
        kept = kept_upload(keep_upload(upload.read()))  # the file the restore command reads
        try:
            result = backup.run_as_owner(
                "import_city", str(kept), "--code", code, "--subdomain", subdomain, actor=request.user
            )
        finally:
            kept.unlink(missing_ok=True)
        if not result["ok"]:
            raise exceptions.ValidationError({"non_field_errors": result["problems"]})
        return Response(CitySerializer(selectors.city_by_code(code)).data, status=status.HTTP_201_CREATED)
