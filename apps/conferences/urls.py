from django.urls import path

from apps.conferences import views

urlpatterns = [
    path("", views.ConferenceListView.as_view(), name="list"),
    path("new/", views.ConferenceFormView.as_view(), name="new"),
    path("case/<int:case_pk>/", views.CaseRedirectView.as_view(), name="case"),
    path("<int:pk>/", views.ConferenceView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.ConferenceFormView.as_view(), name="edit"),
    path("<int:pk>/actions/<str:name>/", views.ConferenceView.as_view(), name="action"),
    path("<int:pk>/programme/", views.ProgrammeView.as_view(), name="programme"),
    path("<int:pk>/documents/<int:item>/", views.DocumentView.as_view(), name="document"),
]
