from django.urls import path

from apps.foreign_media import views

urlpatterns = [
    path("", views.InterviewListView.as_view(), name="list"),
    path("new/", views.InterviewFormView.as_view(), name="new"),
    path("journalists/", views.JournalistsView.as_view(), name="journalists"),
    path("journalists/new/", views.JournalistFormView.as_view(), name="journalist-new"),
    path("outlets/new/", views.OutletFormView.as_view(), name="outlet-new"),
    path("case/<int:case_pk>/", views.CaseRedirectView.as_view(), name="case"),
    path("<int:pk>/", views.InterviewView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.InterviewFormView.as_view(), name="edit"),
    path("<int:pk>/actions/<str:name>/", views.InterviewView.as_view(), name="action"),
]
