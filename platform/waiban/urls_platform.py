"""URLconf of the bare platform domain: the operators' site."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from apps.accounts import people_urls
from apps.accounts.people_api import UserViewSet
from apps.audit.views import AuditChainView, AuditLogView
from apps.jobs.api import HealthAPI, JobsAPI, RetryJobAPI
from apps.jobs.views import HealthView, JobsView, RetryJobView
from apps.workdays.views import CalendarView
from tenants import profile_api
from tenants.api import CityViewSet
from tenants.profile_views import (
    ProfileDiffView,
    ProfileEditorView,
    ProfileVersionsView,
    ProposalDetailView,
    ProposalListView,
)
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
router.register("users", UserViewSet, basename="users")

api_patterns = [
    *router.urls,
    path("profiles/validate/", profile_api.ValidateProfileView.as_view(), name="profiles-validate"),
    path("profiles/dry-run/", profile_api.DryRunProfileView.as_view(), name="profiles-dry-run"),
    path("profiles/apply/", profile_api.ApplyProfileView.as_view(), name="profiles-apply"),
    path(
        "profiles/<str:kind>/<slug:code>/versions/",
        profile_api.VersionListView.as_view(),
        name="profile-versions",
    ),
    path("profiles/<str:kind>/<slug:code>/diff/", profile_api.VersionDiffView.as_view(), name="profile-diff"),
    path(
        "profiles/<str:kind>/<slug:code>/restore/",
        profile_api.RestoreVersionView.as_view(),
        name="profile-restore",
    ),
    path("proposals/", profile_api.ProposalListView.as_view(), name="proposals"),
    path(
        "proposals/<int:pk>/approve/",
        profile_api.ProposalDecisionView.as_view(decision="approve"),
        name="proposal-approve",
    ),
    path(
        "proposals/<int:pk>/reject/",
        profile_api.ProposalDecisionView.as_view(decision="reject"),
        name="proposal-reject",
    ),
]

urlpatterns = [
    path("", CityListView.as_view(), name="home"),
    path("cities/restore/", CityRestoreView.as_view(), name="city-restore"),
    path("cities/<slug:code>/", CityDetailView.as_view(), name="city-detail"),
    path("cities/<slug:code>/export/", CityExportView.as_view(), name="city-export"),
    path("cities/<slug:code>/<slug:action>/", CityActionView.as_view(), name="city-action"),
    path("audit/", AuditLogView.as_view(), name="audit-log"),
    path("audit/chain/", AuditChainView.as_view(), name="audit-chain"),
    path("calendar/", CalendarView.as_view(), name="workdays-calendar"),
    *people_urls.urlpatterns,
    path("profiles/<str:kind>/new/", ProfileEditorView.as_view(), name="profile-new"),
    path("profiles/<str:kind>/<slug:code>/edit/", ProfileEditorView.as_view(), name="profile-edit"),
    path("profiles/<str:kind>/<slug:code>/versions/", ProfileVersionsView.as_view(), name="profile-versions"),
    path("profiles/<str:kind>/<slug:code>/diff/", ProfileDiffView.as_view(), name="profile-diff"),
    path("proposals/", ProposalListView.as_view(), name="proposals"),
    path("proposals/<int:pk>/", ProposalDetailView.as_view(), name="proposal-detail"),
    path("jobs/", JobsView.as_view(), name="jobs-queues"),
    path("jobs/<int:job_id>/retry/", RetryJobView.as_view(), name="jobs-retry"),
    path("health/", HealthView.as_view(), name="platform-health"),
    path("api/v1/jobs/", JobsAPI.as_view(), name="api-jobs"),
    path("api/v1/jobs/<int:job_id>/retry/", RetryJobAPI.as_view(), name="api-jobs-retry"),
    path("api/v1/health/", HealthAPI.as_view(), name="api-health"),
    path("api/v1/", include((api_patterns, "api"))),
    *common_patterns,
]
