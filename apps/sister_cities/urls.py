from django.urls import path

from apps.sister_cities import views

urlpatterns = [
    path("", views.RelationshipListView.as_view(), name="list"),
    path("new/", views.RelationshipFormView.as_view(), name="new"),
    path("case/<int:case_pk>/", views.CaseRedirectView.as_view(), name="case"),
    path("<int:pk>/", views.RelationshipView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.RelationshipFormView.as_view(), name="edit"),
    path("<int:pk>/report/", views.ReportView.as_view(), name="report"),
    path("<int:pk>/actions/<str:name>/", views.RelationshipView.as_view(), name="action"),
    path("<int:pk>/attachments/<int:item>/", views.AttachmentView.as_view(), name="attachment"),
]
