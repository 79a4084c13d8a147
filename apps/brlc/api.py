"""The BRLC API: members, applications (actions from the one action table), meetings,
resolutions, projects, notices, the annual report, and the public directory and
resolutions (no sign-in)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.brlc import report, selectors, services
from apps.brlc import serializers as s
from apps.brlc.actions import APPLICATION_ACTIONS, MEETING_OPS, MEMBER_OPS, PROJECT_OPS, RESOLUTION_OPS
from apps.brlc.models import Application, Meeting, Member, Notice, Project, Resolution
from apps.brlc.ops import OpsViewSetMixin
from apps.casework.actions import ActionsViewSetMixin
from apps.casework.api import CaseEventSerializer
from apps.casework.inputs import validated

Q_PARAM = OpenApiParameter("q", str, required=False, description="search")


def _q(request) -> str:
    return (request.query_params.get("q") or "").strip()[:100]


class MemberViewSet(
    OpsViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    op_table = MEMBER_OPS
    record_serializer_class = s.MemberSerializer
    required_permissions = {"list": "brlc.view", "retrieve": "brlc.view", "history": "brlc.view"}

    def get_serializer_class(self):
        return s.MemberListSerializer if self.action == "list" else s.MemberSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Member.objects.none()
        status = self.request.query_params.get("status", "")
        return selectors.members(
            q=_q(self.request), status=status if status in ("active", "withdrawn") else ""
        )

    @extend_schema(parameters=[Q_PARAM, OpenApiParameter("status", str, enum=["active", "withdrawn"])])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        """The member's audited changes, newest first."""
        from apps.audit.actions import known_actions

        actions = known_actions()
        return Response(
            [
                {
                    "at": e.occurred_at,
                    "action": e.action,
                    "label": actions.get(e.action, e.action),
                    "by": e.actor_username,
                    "before": e.before,
                    "after": e.after,
                }
                for e in selectors.history_of(self.get_object())[:200]
            ]
        )


class ApplicationViewSet(
    ActionsViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    action_table = APPLICATION_ACTIONS
    record_serializer_class = s.ApplicationSerializer
    required_permissions = {
        "list": "brlc.view",
        "retrieve": "brlc.view",
        "create": "brlc.manage",
        "update": "brlc.manage",
        "history": "brlc.view",
        "letter": "brlc.view",
    }

    def get_serializer_class(self):
        return s.ApplicationListSerializer if self.action == "list" else s.ApplicationSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Application.objects.none()
        if self.action != "list":
            return selectors.applications_for(self.request.user)
        return selectors.search_applications(self.request.user, q=_q(self.request))

    @extend_schema(parameters=[Q_PARAM])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=s.ApplicationInput, responses={201: s.ApplicationSerializer})
    def create(self, request):
        data = validated(s.ApplicationInput, request.data, context={"request": request})
        return self.record_response(services.create_application(actor=request.user, data=data), status=201)

    @extend_schema(request=s.ApplicationInput, responses=s.ApplicationSerializer)
    def update(self, request, pk=None):
        application = self.get_object()
        data = validated(s.ApplicationInput, request.data, context={"request": request})
        return self.record_response(
            services.update_application(actor=request.user, application=application, data=data)
        )

    @extend_schema(responses=CaseEventSerializer(many=True))
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        return Response(CaseEventSerializer(self.get_object().case.events.all(), many=True).data)

    @extend_schema(responses={200: OpenApiResponse(OpenApiTypes.BINARY, description="application/pdf")})
    @action(detail=True, methods=["get"], url_path=r"letters/(?P<document_id>\d+)")
    def letter(self, request, pk=None, document_id=None):
        """The welcome letter (PDF)."""
        from apps.documents.views import document_pdf_response

        application = self.get_object()
        return document_pdf_response(
            get_object_or_404(selectors.documents_of(application).defer(None), pk=document_id)
        )


class MeetingViewSet(
    OpsViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    op_table = MEETING_OPS
    record_serializer_class = s.MeetingSerializer
    required_permissions = {"list": "brlc.view", "retrieve": "brlc.view", "create": "brlc.manage"}

    def get_serializer_class(self):
        return s.MeetingListSerializer if self.action == "list" else s.MeetingSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Meeting.objects.none()
        return selectors.meetings(q=_q(self.request))

    @extend_schema(parameters=[Q_PARAM])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=s.MeetingInput, responses={201: s.MeetingSerializer})
    def create(self, request):
        data = validated(s.MeetingInput, request.data, context={"request": request})
        meeting = services.create_meeting(actor=request.user, data=data)
        return Response(s.MeetingSerializer(meeting).data, status=201)


class ResolutionViewSet(
    OpsViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    op_table = RESOLUTION_OPS
    record_serializer_class = s.ResolutionSerializer
    serializer_class = s.ResolutionSerializer
    required_permissions = {"list": "brlc.view", "retrieve": "brlc.view", "create": "brlc.manage"}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Resolution.objects.none()
        return selectors.resolutions().prefetch_related("follow_ups")

    @extend_schema(request=s.ResolutionInput, responses={201: s.ResolutionSerializer})
    def create(self, request):
        """A resolution of a meeting: a draft, or (with ``adoption``) adopted by it; a
        meeting that has not taken place cannot have adopted anything (400)."""
        data = validated(s.ResolutionInput, request.data, context={"request": request})
        resolution = services.create_resolution(actor=request.user, data=data)
        return Response(s.ResolutionSerializer(resolution).data, status=201)


class ProjectViewSet(
    OpsViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    op_table = PROJECT_OPS
    record_serializer_class = s.ProjectSerializer
    required_permissions = {"list": "brlc.view", "retrieve": "brlc.view", "create": "brlc.manage"}

    def get_serializer_class(self):
        return s.ProjectListSerializer if self.action == "list" else s.ProjectSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Project.objects.none()
        return selectors.projects(q=_q(self.request)).prefetch_related("partners", "milestones", "reports")

    @extend_schema(parameters=[Q_PARAM])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=s.ProjectInput, responses={201: s.ProjectSerializer})
    def create(self, request):
        data = validated(s.ProjectInput, request.data, context={"request": request})
        project = services.create_project(actor=request.user, data=data)
        return Response(s.ProjectSerializer(project).data, status=201)


class NoticeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    required_permissions = {"list": "brlc.view", "retrieve": "brlc.view", "create": "brlc.manage"}

    def get_serializer_class(self):
        return s.NoticeListSerializer if self.action == "list" else s.NoticeSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Notice.objects.none()
        return selectors.notices().prefetch_related("deliveries")

    @extend_schema(request=s.NoticeInput, responses={201: s.NoticeSerializer})
    def create(self, request):
        """Mails a notice to the members' contact persons; each delivery is recorded."""
        data = validated(s.NoticeInput, request.data, context={"request": request})
        notice = services.send_notice(actor=request.user, data=data)
        return Response(s.NoticeSerializer(notice).data, status=201)


class ReportView(APIView):
    """The annual report's figures (members, meetings, resolutions, projects)."""

    required_permissions = {"GET": "brlc.report"}

    @extend_schema(parameters=[OpenApiParameter("year", int, required=False)], responses=OpenApiTypes.OBJECT)
    def get(self, request):
        try:
            year = int(request.query_params.get("year") or timezone.localdate().year)
        except ValueError:
            year = timezone.localdate().year
        return Response(report.annual_report(min(max(year, 2000), 2100)).as_dict())


class PublicMembersView(ListAPIView):
    """The member directory (active members; no contacts). Public."""

    public_endpoint = True
    required_permissions = {"GET": "brlc.view"}
    authentication_classes: list = []
    serializer_class = s.PublicMemberSerializer

    def get_queryset(self):
        return selectors.public_members(q=_q(self.request))


class PublicResolutionsView(ListAPIView):
    """The adopted resolutions, in both languages. Public."""

    public_endpoint = True
    required_permissions = {"GET": "brlc.view"}
    authentication_classes: list = []
    serializer_class = s.PublicResolutionSerializer

    def get_queryset(self):
        return selectors.public_resolutions()
