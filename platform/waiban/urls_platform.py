"""URLconf of the bare platform domain: the operators' site."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from apps.audit.views import AuditChainView, AuditLogView
from apps.workdays.views import CalendarView
from tenants.api import CityViewSet
from tenants.views import (
    CityActionView,
    CityDetailView,
    CityExportView,
    CityListView,
    CityRestoreView,
)
from waiban.urls_common import common_patterns

router = SimpleRouter()
router.register("cities", CityViewSet, basename="city")

urlpatterns = [
    path("", CityListView.as_view(), name="home"),
    path("cities/restore/", CityRestoreView.as_view(), name="city-restore"),
    path("cities/<slug:code>/", CityDetailView.as_view(), name="city-detail"),
    path("cities/<slug:code>/export/", CityExportView.as_view(), name="city-export"),
    path("cities/<slug:code>/<slug:action>/", CityActionView.as_view(), name="city-action"),
    path("audit/", AuditLogView.as_view(), name="audit-log"),
    path("audit/chain/", AuditChainView.as_view(), name="audit-chain"),
    path("calendar/", CalendarView.as_view(), name="workdays-calendar"),
    path("api/v1/", include((router.urls, "api"))),
    *common_patterns,
]
