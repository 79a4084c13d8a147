from django.urls import path

from apps.documents import api

# Mounted in waiban.urls_city's api_patterns (namespace "api").
urlpatterns = [
    path("documents/<int:pk>/", api.DocumentDetailView.as_view(), name="document"),
    path("documents/<int:pk>/pdf/", api.DocumentPdfApiView.as_view(), name="document-pdf"),
    path("attachments/<int:pk>/", api.AttachmentDetailView.as_view(), name="attachment"),
    path("attachments/<int:pk>/content/", api.AttachmentContentApiView.as_view(), name="attachment-content"),
]
