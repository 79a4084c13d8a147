"""The overseas Chinese affairs API: the register (lists masked, full records audited,
export by permission), identity confirmations and complaints with their actions (from
the action tables), settlements and departments' tasks, restricted records, and the
public complaint and tracking endpoints (no sign-in, rate-limited)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.casework.actions import ActionsViewSetMixin
from apps.casework.api import CaseEventSerializer
from apps.casework.inputs import validated
from apps.overseas_chinese import selectors, services
from apps.overseas_chinese import serializers as s
from apps.overseas_chinese.actions import COMPLAINT_ACTIONS, IDENTITY_ACTIONS
from apps.overseas_chinese.models import (
    Complaint,
    IdentityConfirmation,
    Organisation,
    Person,
    RestrictedMatter,
    Settlement,
    SettlementTask,
)


class PersonViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The register of people: numbers masked in the list; each retrieve is audited."""

    required_permissions = {
        "list": "overseas_chinese.view_people",
        "retrieve": "overseas_chinese.view_people",
        "create": "overseas_chinese.manage_people",
        "update": "overseas_chinese.manage_people",
    }

    def get_serializer_class(self):
        return s.PersonListSerializer if self.action == "list" else s.PersonSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Person.objects.none()
        if self.action == "list":
            return selectors.people(self.request.user, **validated(s.PeopleFilter, self.request.query_params))
        return selectors.people(self.request.user)

    @extend_schema(parameters=[s.PeopleFilter])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        person = self.get_object()
        services.record_full_view(actor=request.user, obj=person)
        return Response(s.PersonSerializer(person).data)

    @extend_schema(request=s.PersonInput, responses={201: s.PersonSerializer})
    def create(self, request):
        data = validated(s.PersonInput, request.data, context={"request": request})
        person = services.create_person(actor=request.user, data=data)
        return Response(s.PersonSerializer(person).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.PersonInput, responses=s.PersonSerializer)
    def update(self, request, pk=None):
        person = self.get_object()
        data = validated(s.PersonInput, request.data, context={"request": request})
        return Response(
            s.PersonSerializer(services.update_person(actor=request.user, person=person, data=data)).data
        )


class OrganisationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.OrganisationSerializer
    required_permissions = {
        "list": "overseas_chinese.view_people",
        "retrieve": "overseas_chinese.view_people",
        "create": "overseas_chinese.manage_people",
    }

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Organisation.objects.none()
        return selectors.organisations(self.request.user, q=self.request.query_params.get("q", ""))

    def retrieve(self, request, *args, **kwargs):
        organisation = self.get_object()
        services.record_full_view(actor=request.user, obj=organisation, what="organisation")
        return Response(s.OrganisationSerializer(organisation).data)

    @extend_schema(request=s.OrganisationInput, responses={201: s.OrganisationSerializer})
    def create(self, request):
        data = validated(s.OrganisationInput, request.data, context={"request": request})
        organisation = services.create_organisation(actor=request.user, data=data)
        return Response(s.OrganisationSerializer(organisation).data, status=status.HTTP_201_CREATED)


class IdentityViewSet(
    ActionsViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    action_table = IDENTITY_ACTIONS
    record_serializer_class = s.IdentitySerializer
    required_permissions = {
        "list": "overseas_chinese.view_identity",
        "retrieve": "overseas_chinese.view_identity",
        "create": "overseas_chinese.apply_identity",
        "update": "overseas_chinese.apply_identity",
        "history": "overseas_chinese.view_identity",
        "certificate": "overseas_chinese.view_identity",
    }

    def get_serializer_class(self):
        return s.IdentityListSerializer if self.action == "list" else s.IdentitySerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return IdentityConfirmation.objects.none()
        if self.action == "list":
            return selectors.identities(
                self.request.user, **validated(s.IdentityFilter, self.request.query_params)
            )
        return selectors.identities_for(self.request.user)

    @extend_schema(parameters=[s.IdentityFilter])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        record = self.get_object()
        services.record_full_view(actor=request.user, obj=record, what="identity")
        return self.record_response(record)

    @extend_schema(request=s.IdentityInput, responses={201: s.IdentitySerializer})
    def create(self, request):
        data = validated(s.IdentityInput, request.data, context={"request": request})
        return self.record_response(services.create_identity(actor=request.user, data=data), status=201)

    @extend_schema(request=s.IdentityInput, responses=s.IdentitySerializer)
    def update(self, request, pk=None):
        record = self.get_object()
        data = validated(s.IdentityInput, request.data, context={"request": request})
        return self.record_response(services.update_identity(actor=request.user, record=record, data=data))

    @extend_schema(responses=CaseEventSerializer(many=True))
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        return Response(CaseEventSerializer(self.get_object().case.events.all(), many=True).data)

    @extend_schema(responses={200: OpenApiResponse(description="application/pdf")})
    @action(detail=True, methods=["get"])
    def certificate(self, request, pk=None):
        """The certificate (PDF) once issued."""
        from apps.documents.models import Document
        from apps.documents.views import document_pdf_response

        record = self.get_object()
        return document_pdf_response(
            get_object_or_404(
                Document.objects.all(),
                pk=record.certificate_document_id or 0,
                subject_type=record._meta.label_lower,
                subject_id=str(record.pk),
            )
        )


class ComplaintViewSet(
    ActionsViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    action_table = COMPLAINT_ACTIONS
    record_serializer_class = s.ComplaintSerializer
    required_permissions = {
        "list": "overseas_chinese.view_complaints",
        "retrieve": "overseas_chinese.view_complaints",
        "create": "overseas_chinese.handle_complaints",
        "history": "overseas_chinese.view_complaints",
    }

    def get_serializer_class(self):
        return s.ComplaintListSerializer if self.action == "list" else s.ComplaintSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Complaint.objects.none()
        if self.action == "list":
            return selectors.complaints(
                self.request.user, **validated(s.ComplaintFilter, self.request.query_params)
            )
        return selectors.complaints_for(self.request.user)

    @extend_schema(parameters=[s.ComplaintFilter])
    def list(self, request, *args, **kwargs):
        """Complaints (``deadline=overdue|due_soon|open|extended`` orders by the deadline
        running), paginated (``limit``, ``offset``)."""
        ids = self.paginate_queryset(self.get_queryset().values_list("pk", flat=True))
        rows = Complaint.objects.select_related("case").in_bulk(ids)
        return self.get_paginated_response(self.get_serializer([rows[pk] for pk in ids], many=True).data)

    @extend_schema(request=s.ComplaintInput, responses={201: s.ComplaintSerializer})
    def create(self, request):
        data = validated(s.ComplaintInput, request.data, context={"request": request})
        return self.record_response(services.receive_complaint(actor=request.user, data=data), status=201)

    @extend_schema(responses=CaseEventSerializer(many=True))
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        return Response(CaseEventSerializer(self.get_object().case.events.all(), many=True).data)


class PublicComplaintView(APIView):
    """The public online complaint (no sign-in): answers the tracking code."""

    public_endpoint = True
    required_permissions = {"POST": "overseas_chinese.view_complaints"}
    authentication_classes: list = []

    @extend_schema(
        request=s.PublicComplaintInput, responses={201: OpenApiResponse(description="{code, accept_due}")}
    )
    def post(self, request):
        from apps.overseas_chinese.views import lookups_left

        if not lookups_left(request, "complain"):
            return Response(
                {"status": 429, "code": "throttled", "message": _("Too many lookups; try again later.")},
                status=429,
            )
        data = validated(s.PublicComplaintInput, request.data)
        complaint = services.receive_complaint(actor=None, data=data)
        return Response({"code": complaint.tracking_code, "accept_due": complaint.accept_due}, status=201)


class TrackView(APIView):
    """A complaint's progress by its tracking code (no sign-in; lookups rate-limited per
    address and city). Unknown codes and other complaints reveal nothing."""

    public_endpoint = True
    required_permissions = {"POST": "overseas_chinese.view_complaints"}
    authentication_classes: list = []

    @extend_schema(
        request=s.TrackInput,
        responses={200: s.TrackSerializer, 404: OpenApiResponse(), 429: OpenApiResponse()},
    )
    def post(self, request):
        from apps.overseas_chinese.views import track, track_context

        data = validated(s.TrackInput, request.data)
        complaint, limited = track(request, data["code"])
        if limited:
            return Response(
                {"status": 429, "code": "throttled", "message": _("Too many lookups; try again later.")},
                status=429,
            )
        if complaint is None:
            return Response(
                {"status": 404, "code": "not_found", "message": _("No complaint has this code.")}, status=404
            )
        return Response(s.TrackSerializer(track_context(complaint)).data)


class SettlementViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.SettlementSerializer
    required_permissions = {
        "list": "overseas_chinese.view_settlements",
        "retrieve": "overseas_chinese.view_settlements",
        "create": "overseas_chinese.manage_settlements",
        "tasks": "overseas_chinese.manage_settlements",
        "close": "overseas_chinese.manage_settlements",
    }

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Settlement.objects.none()
        return selectors.settlements(self.request.user).prefetch_related("tasks")

    @extend_schema(request=s.SettlementInput, responses={201: s.SettlementSerializer})
    def create(self, request):
        data = validated(s.SettlementInput, request.data, context={"request": request})
        settlement = services.create_settlement(actor=request.user, data=data)
        return Response(s.SettlementSerializer(settlement).data, status=201)

    @extend_schema(request=s.TaskInput, responses={201: s.TaskSerializer})
    @action(detail=True, methods=["post"])
    def tasks(self, request, pk=None):
        """Hands one need to a department, with a deadline."""
        settlement = self.get_object()
        data = validated(s.TaskInput, request.data, context={"request": request})
        task = services.hand_task(actor=request.user, settlement=settlement, data=data)
        return Response(s.TaskSerializer(task).data, status=201)

    @extend_schema(request=None, responses=s.SettlementSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        settlement = services.close_settlement(actor=request.user, settlement=self.get_object())
        return Response(s.SettlementSerializer(settlement).data)


class TaskViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """A department's own settlement tasks; it answers them here."""

    serializer_class = s.TaskSerializer
    required_permissions = {"list": "overseas_chinese.answer_tasks", "reply": "overseas_chinese.answer_tasks"}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return SettlementTask.objects.none()
        return selectors.tasks_for(self.request.user)

    @extend_schema(request=s.TaskReplyInput, responses=s.TaskSerializer)
    @action(detail=True, methods=["post"])
    def reply(self, request, pk=None):
        task = self.get_object()
        data = validated(s.TaskReplyInput, request.data)
        return Response(s.TaskSerializer(services.answer_task(actor=request.user, task=task, data=data)).data)


class RestrictedViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Emergencies and Taiwan-related items: only with ``overseas_chinese.restricted``."""

    serializer_class = s.RestrictedSerializer
    required_permissions = {
        "list": "overseas_chinese.restricted",
        "retrieve": "overseas_chinese.restricted",
        "create": "overseas_chinese.restricted",
    }

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return RestrictedMatter.objects.none()
        return selectors.restricted_for(self.request.user, kind=self.request.query_params.get("kind", ""))

    @extend_schema(request=s.RestrictedInput, responses={201: s.RestrictedSerializer})
    def create(self, request):
        data = validated(s.RestrictedInput, request.data)
        return Response(
            s.RestrictedSerializer(services.create_restricted(actor=request.user, data=data)).data, status=201
        )


class OverviewView(APIView):
    """What the caller may see of the module, counted (restricted records only with the
    permission)."""

    required_permissions = {"GET": "overseas_chinese.view_complaints"}

    def get(self, request):
        return Response(selectors.overview(request.user))
