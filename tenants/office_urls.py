"""The office administrator's area on every city host: ``/office/...``."""

from django.urls import path

from tenants.office_views import UnitsView

app_name = "office"
urlpatterns = [path("units/", UnitsView.as_view(), name="units")]
