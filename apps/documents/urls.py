from django.urls import path

from apps.documents import views

# Mounted at /documents/ on every city host (waiban.urls_city).
app_name = "documents"
urlpatterns = [
    path("<int:pk>/pdf/", views.DocumentPdfView.as_view(), name="document-pdf"),
    path("attachments/<int:pk>/", views.AttachmentDownloadView.as_view(), name="attachment"),
]
