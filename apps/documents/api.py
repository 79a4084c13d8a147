"""Documents and attachments through the API: metadata as JSON, the bytes as a download."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.documents import selectors
from apps.documents.models import Attachment, Document
from apps.documents.views import READ_PERMISSION, attachment_response, document_pdf_response, reader


class DocumentSerializer(serializers.ModelSerializer):
    created_by = serializers.CharField(source="created_by.username", default=None, read_only=True)

    class Meta:
        model = Document
        fields = list(selectors.DOCUMENT_META_FIELDS)
        read_only_fields = fields


class AttachmentSerializer(serializers.ModelSerializer):
    uploaded_by = serializers.CharField(source="uploaded_by.username", default=None, read_only=True)

    class Meta:
        model = Attachment
        fields = list(selectors.ATTACHMENT_META_FIELDS)
        read_only_fields = fields


PDF_RESPONSE = OpenApiResponse(OpenApiTypes.BINARY, description="The PDF (application/pdf)")
FILE_RESPONSE = OpenApiResponse(OpenApiTypes.BINARY, description="The file, as uploaded")


class DocumentDetailView(APIView):
    required_permissions = {"GET": READ_PERMISSION}

    @extend_schema(responses=DocumentSerializer, summary="A document's metadata")
    def get(self, request, pk: int):
        document = selectors.document(request.user, **reader(request), pk=pk)
        return Response(DocumentSerializer(document).data)


class DocumentPdfApiView(APIView):
    required_permissions = {"GET": READ_PERMISSION}

    @extend_schema(responses={200: PDF_RESPONSE}, summary="A document's PDF")
    def get(self, request, pk: int):
        document = selectors.document(request.user, **reader(request), pk=pk, with_content=True)
        return document_pdf_response(document)


class AttachmentDetailView(APIView):
    required_permissions = {"GET": READ_PERMISSION}

    @extend_schema(responses=AttachmentSerializer, summary="An attachment's metadata")
    def get(self, request, pk: int):
        attachment = selectors.attachment(request.user, **reader(request), pk=pk)
        return Response(AttachmentSerializer(attachment).data)


class AttachmentContentApiView(APIView):
    required_permissions = {"GET": READ_PERMISSION}

    @extend_schema(responses={200: FILE_RESPONSE}, summary="An attachment's file")
    def get(self, request, pk: int):
        attachment = selectors.attachment(request.user, **reader(request), pk=pk)
        return attachment_response(attachment)
