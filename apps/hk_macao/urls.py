from django.urls import path

from apps.hk_macao import views

urlpatterns = [
    path("", views.ExchangeListView.as_view(), name="list"),
    path("new/", views.ExchangeFormView.as_view(), name="new"),
    path("non-governmental/", views.NonGovView.as_view(), name="non_governmental"),
    path("case/<int:case_pk>/", views.CaseRedirectView.as_view(), name="case"),
    path("<int:pk>/", views.ExchangeView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.ExchangeFormView.as_view(), name="edit"),
    path("<int:pk>/actions/<str:name>/", views.ExchangeView.as_view(), name="action"),
]
