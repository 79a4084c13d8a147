from django.urls import path

from apps.donations import views

urlpatterns = [
    path("", views.DonationListView.as_view(), name="list"),
    path("new/", views.DonationFormView.as_view(), name="new"),
    path("public/", views.PublicNoticeView.as_view(), name="notices"),
    path("donors/", views.DonorListView.as_view(), name="donors"),
    path("donors/<int:pk>/", views.DonorView.as_view(), name="donor"),
    path("rates/", views.RateView.as_view(), name="rates"),
    path("export.<str:fmt>", views.ExportView.as_view(), name="export"),
    path("case/<int:case_pk>/", views.CaseRedirectView.as_view(), name="case"),
    path("<int:pk>/", views.DonationView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.DonationFormView.as_view(), name="edit"),
    path("<int:pk>/actions/<str:name>/", views.DonationView.as_view(), name="action"),
    path("<int:pk>/<str:kind>/<int:item>/", views.DocumentView.as_view(), name="document"),
]
