"""URLconf of the bare platform domain: the operators' site."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from apps.audit.views import AuditChainView, AuditLogView
from apps.jobs.api import HealthAPI, JobsAPI, RetryJobAPI
from apps.jobs.views import HealthView, JobsView, RetryJobView
from apps.workdays.views import CalendarView
from tenants.api import CityViewSet
from tenants.views import CityDetailView, CityListView
from waiban.urls_common import common_patterns

router = SimpleRouter()
router.register("cities", CityViewSet, basename="city")

urlpatterns = [
    path("", CityListView.as_view(), name="home"),
    path("cities/<slug:code>/", CityDetailView.as_view(), name="city-detail"),
    path("audit/", AuditLogView.as_view(), name="audit-log"),
    path("audit/chain/", AuditChainView.as_view(), name="audit-chain"),
    path("calendar/", CalendarView.as_view(), name="workdays-calendar"),
    path("jobs/", JobsView.as_view(), name="jobs-queues"),
    path("jobs/<int:job_id>/retry/", RetryJobView.as_view(), name="jobs-retry"),
    path("health/", HealthView.as_view(), name="platform-health"),
    path("api/v1/jobs/", JobsAPI.as_view(), name="api-jobs"),
    path("api/v1/jobs/<int:job_id>/retry/", RetryJobAPI.as_view(), name="api-jobs-retry"),
    path("api/v1/health/", HealthAPI.as_view(), name="api-health"),
    path("api/v1/", include((router.urls, "api"))),
    *common_patterns,
]
