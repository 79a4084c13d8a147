from django.urls import path

from apps.partners import views

app_name = "partners"
urlpatterns = [
    path("", views.PartnerListView.as_view(), name="list"),
    path("new/", views.PartnerFormView.as_view(), name="new"),
    path("jurisdictions/", views.JurisdictionView.as_view(), name="jurisdictions"),
    path("<int:pk>/", views.PartnerView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.PartnerFormView.as_view(), name="edit"),
]
