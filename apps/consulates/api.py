"""The consulates API: postings, the liaison log (and answering an entry), national days."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from apps.casework.inputs import validated
from apps.consulates import selectors, services
from apps.consulates import serializers as s
from apps.consulates.models import LiaisonEntry, NationalDay, Posting


class PostingViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = s.PostingSerializer
    required_permissions = {"list": "consulates.view", "create": "consulates.manage"}

    def get_queryset(self):
        return (
            selectors.postings() if not getattr(self, "swagger_fake_view", False) else Posting.objects.none()
        )

    @extend_schema(request=s.PostingInput, responses={201: s.PostingSerializer})
    def create(self, request):
        data = validated(s.PostingInput, request.data, context={"request": request})
        return Response(
            s.PostingSerializer(services.add_posting(actor=request.user, data=data)).data, status=201
        )


class LiaisonViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.LiaisonSerializer
    required_permissions = {
        "list": "consulates.view",
        "retrieve": "consulates.view",
        "create": "consulates.manage",
        "answer": "consulates.manage",
    }

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return LiaisonEntry.objects.none()
        if self.action != "list":
            return LiaisonEntry.objects.all()
        filters = validated(s.LiaisonFilter, self.request.query_params)
        return selectors.liaison(**filters, today=timezone.localdate())

    @extend_schema(parameters=[s.LiaisonFilter])
    def list(self, request, *args, **kwargs):
        """The liaison log, newest first (``status``: open, overdue), paginated."""
        return super().list(request, *args, **kwargs)

    @extend_schema(request=s.LiaisonInput, responses={201: s.LiaisonSerializer})
    def create(self, request):
        data = validated(s.LiaisonInput, request.data, context={"request": request})
        return Response(
            s.LiaisonSerializer(services.add_liaison(actor=request.user, data=data)).data, status=201
        )

    @extend_schema(request=s.AnswerInput, responses=s.LiaisonSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        """The office's answer to a note verbale or request."""
        entry = self.get_object()
        data = validated(s.AnswerInput, request.data, context={"request": request})
        return Response(s.LiaisonSerializer(services.answer(actor=request.user, entry=entry, data=data)).data)


class NationalDayViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = s.NationalDaySerializer
    required_permissions = {
        "list": "consulates.view",
        "create": "consulates.manage",
        "answer": "consulates.manage",
    }

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return NationalDay.objects.none()
        return selectors.national_days() if self.action == "list" else NationalDay.objects.all()

    @extend_schema(request=s.NationalDayInput, responses={201: s.NationalDaySerializer})
    def create(self, request):
        data = validated(s.NationalDayInput, request.data, context={"request": request})
        day = services.add_national_day(actor=request.user, data=data)
        return Response(s.NationalDaySerializer(day).data, status=201)

    @extend_schema(request=s.NationalDayAnswerInput, responses=s.NationalDaySerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        day = self.get_object()
        data = validated(s.NationalDayAnswerInput, request.data, context={"request": request})
        return Response(
            s.NationalDaySerializer(services.answer_national_day(actor=request.user, day=day, data=data)).data
        )
