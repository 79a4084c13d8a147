"""URLconf of the bare platform domain: the operators' site."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from apps.accounts import people_urls
from apps.accounts.people_api import UserViewSet
from apps.audit.views import AuditChainView, AuditLogView
from apps.workdays.views import CalendarView
from tenants.api import CityViewSet
from tenants.views import CityDetailView, CityListView
from waiban.urls_common import common_patterns

router = SimpleRouter()
router.register("cities", CityViewSet, basename="city")
router.register("users", UserViewSet, basename="users")

urlpatterns = [
    path("", CityListView.as_view(), name="home"),
    path("cities/<slug:code>/", CityDetailView.as_view(), name="city-detail"),
    path("audit/", AuditLogView.as_view(), name="audit-log"),
    path("audit/chain/", AuditChainView.as_view(), name="audit-chain"),
    path("calendar/", CalendarView.as_view(), name="workdays-calendar"),
    *people_urls.urlpatterns,
    path("api/v1/", include((router.urls, "api"))),
    *common_patterns,
]
