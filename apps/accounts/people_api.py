"""``/api/v1/users/``: user management in the API (city host: the office administrator;
platform host: operators), through the same inputs and services as the pages."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from apps.accounts import people, people_import
from apps.accounts.models import User
from apps.accounts.people_inputs import (
    ImportInput,
    InvitedSerializer,
    UserChangeInput,
    UserFilter,
    UserInput,
    UserSerializer,
)
from apps.accounts.people_views import MANAGE, VIEW, base_url, link_url
from apps.casework.inputs import django_error_dict, query_filters, validated

NO_STORE = {"Cache-Control": "private, no-store"}  # answers that carry a one-time link


def _refused(error: DjangoValidationError) -> exceptions.ValidationError:
    return exceptions.ValidationError(django_error_dict(error))


class UserViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    required_permissions = {
        "list": VIEW,
        "retrieve": MANAGE,
        "create": MANAGE,
        "partial_update": MANAGE,
        "update": MANAGE,
        "deactivate": MANAGE,
        "reactivate": MANAGE,
        "reset": MANAGE,
        "import_xlsx": MANAGE,
    }
    serializer_class = UserSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the OpenAPI document: no database
            return User.objects.none()
        scope = people.current_scope()
        return people.users(scope=scope, **query_filters(UserFilter, self.request.query_params))

    def get_account(self, pk):
        user = people.user_or_none(scope=people.current_scope(), pk=pk)
        if user is None:
            raise exceptions.NotFound
        return user

    def described(self, user, **extra):
        return {**people.describe(user, people.current_scope()), **extra}

    @extend_schema(parameters=[UserFilter], summary="The site's users")
    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(UserSerializer([self.described(u) for u in page], many=True).data)

    @extend_schema(responses=UserSerializer, summary="One user")
    def retrieve(self, request, pk=None):
        return Response(UserSerializer(self.described(self.get_account(pk))).data)

    @extend_schema(request=UserInput, responses={201: InvitedSerializer}, summary="Invite a user")
    def create(self, request):
        data = validated(UserInput, request.data)
        try:
            invited = people.invite(
                actor=request.user, scope=people.current_scope(), base_url=base_url(request), **data
            )
        except DjangoValidationError as error:
            raise _refused(error) from None
        body = self.described(invited.user, link=link_url(request, invited.path))
        return Response(InvitedSerializer(body).data, status=201, headers=NO_STORE)

    @extend_schema(request=UserChangeInput, responses=UserSerializer, summary="Change a user")
    def partial_update(self, request, pk=None):
        user = self.get_account(pk)
        data = validated(UserChangeInput, request.data)
        try:
            user = people.update(actor=request.user, scope=people.current_scope(), user=user, **data)
        except DjangoValidationError as error:
            raise _refused(error) from None
        return Response(UserSerializer(self.described(user)).data)

    update = partial_update

    def _set_active(self, request, pk, active: bool):
        user = self.get_account(pk)
        try:
            user = people.set_active(
                actor=request.user, scope=people.current_scope(), user=user, active=active
            )
        except DjangoValidationError as error:
            raise _refused(error) from None
        return Response(UserSerializer(self.described(user)).data)

    @extend_schema(
        request=None, responses=UserSerializer, summary="Deactivate a user (sessions, links and tokens end)"
    )
    @action(detail=True, methods=["post"])
    def deactivate(self, request, pk=None):
        return self._set_active(request, pk, False)

    @extend_schema(request=None, responses=UserSerializer, summary="Reactivate a user")
    @action(detail=True, methods=["post"])
    def reactivate(self, request, pk=None):
        return self._set_active(request, pk, True)

    @extend_schema(request=None, responses=InvitedSerializer, summary="Reset a password: a new one-time link")
    @action(detail=True, methods=["post"])
    def reset(self, request, pk=None):
        user = self.get_account(pk)
        try:
            done = people.reset(
                actor=request.user, scope=people.current_scope(), user=user, base_url=base_url(request)
            )
        except DjangoValidationError as error:
            raise _refused(error) from None
        body = self.described(done.user, link=link_url(request, done.path))
        return Response(InvitedSerializer(body).data, headers=NO_STORE)

    @extend_schema(
        request={"multipart/form-data": ImportInput},
        parameters=[OpenApiParameter("dry_run", bool, description="1: only the preview, nothing is created")],
        responses={200: OpenApiTypes.OBJECT, 201: OpenApiTypes.OBJECT},
        summary="Import users from an XLSX file (all or nothing)",
    )
    @action(detail=False, methods=["post"], url_path="import", parser_classes=[MultiPartParser, FormParser])
    def import_xlsx(self, request):
        data = validated(ImportInput, request.data)
        scope = people.current_scope()
        preview = people_import.read(scope, data["file"].read(people_import.MAX_BYTES + 1))
        rows = [{"row": row.number, **row.values, "errors": row.errors} for row in preview.rows]
        if not preview.ok:  # fields: "file" for the whole file, "rows[<row in the sheet>]" for a row
            detail = {"file": preview.errors} if preview.errors else {}
            detail.update({f"rows[{row.number}]": row.errors for row in preview.rows if row.errors})
            raise exceptions.ValidationError(detail)
        if request.query_params.get("dry_run") in ("1", "true", "yes"):
            return Response({"ok": True, "rows": rows})
        try:
            invited = people_import.apply(
                actor=request.user, scope=scope, base_url=base_url(request), payload=preview.payload()
            )
        except DjangoValidationError as error:
            raise _refused(error) from None
        created = [self.described(item.user, link=link_url(request, item.path)) for item in invited]
        return Response({"created": InvitedSerializer(created, many=True).data}, status=201, headers=NO_STORE)
