from django.urls import path

from apps.overseas_ngos import views

urlpatterns = [
    path("", views.FilingListView.as_view(), name="list"),
    path("new/", views.FilingFormView.as_view(), name="new"),
    path("case/<int:case_pk>/", views.CaseRedirectView.as_view(), name="case"),
    path("<int:pk>/", views.FilingView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.FilingFormView.as_view(), name="edit"),
    path("<int:pk>/actions/<str:name>/", views.FilingView.as_view(), name="action"),
    path("<int:pk>/attachments/<int:item>/", views.AttachmentView.as_view(), name="attachment"),
    path("organisations/", views.OrganisationListView.as_view(), name="organisations"),
    path("organisations/new/", views.OrganisationFormView.as_view(), name="organisation-new"),
    path("organisations/<int:pk>/", views.OrganisationView.as_view(), name="organisation"),
    path("organisations/<int:pk>/edit/", views.OrganisationFormView.as_view(), name="organisation-edit"),
    path("organisations/<int:pk>/<str:name>/", views.OrganisationView.as_view(), name="organisation-action"),
    path("annual/", views.AnnualView.as_view(), name="annual"),
    path("annual/late/", views.AnnualView.as_view(late_only=True), name="late"),
    path("annual/late/export.<str:fmt>", views.LateExportView.as_view(), name="late-export"),
    path("annual/documents/<int:pk>/", views.DocumentView.as_view(), name="document"),
]
