"""URLconf of every city host. Each registered module is mounted under its id, on the web
(namespace ``<id>``) and in the API (``api:<id>``); ``apps.registry.gating`` answers 404
for the modules the city's profile does not switch on."""

from django.urls import include, path, re_path
from rest_framework.routers import SimpleRouter

from apps.accounts import people_urls
from apps.accounts.api import MeView, ObtainTokenView, TokenListView, TokenRevokeView
from apps.accounts.people_api import UserViewSet
from apps.accounts.views import TokensView
from apps.audit.api import AuditEntryViewSet
from apps.audit.views import AuditChainView, AuditLogView
from apps.casework.views import WaitingView
from apps.documents import api_urls as documents_api_urls
from apps.notifications.api import InboxViewSet
from apps.partners import api_urls as partners_api_urls
from apps.registry.api import EnabledModulesView
from apps.registry.api_views import CityDocsView, CitySchemaView, UnknownEndpointView
from apps.registry.modules import registry
from tenants.profile_api import OfficeUnitsView
from waiban.pages import CityHomeView
from waiban.urls_common import common_patterns

router = SimpleRouter()
router.register("audit", AuditEntryViewSet, basename="audit")
router.register("inbox", InboxViewSet, basename="inbox")
router.register("users", UserViewSet, basename="users")

api_patterns = [
    path("me/", MeView.as_view(), name="me"),
    path("modules/", EnabledModulesView.as_view(), name="modules"),
    path("auth/token/", ObtainTokenView.as_view(), name="token"),
    path("auth/tokens/", TokenListView.as_view(), name="tokens"),
    path("auth/tokens/<int:pk>/", TokenRevokeView.as_view(), name="token-revoke"),
    path("office/units/", OfficeUnitsView.as_view(), name="office-units"),
    path("schema/", CitySchemaView.as_view(), name="schema"),
    path("docs/", CityDocsView.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
    *documents_api_urls.urlpatterns,
    path("partners/", include((partners_api_urls.urlpatterns, "partners"))),
]
web_module_patterns = []
for module in registry:
    if module.api_urls:
        api_patterns.append(path(f"{module.id}/", include((module.api_urls, module.id))))
    if module.web_urls:
        web_module_patterns.append(path(f"{module.id}/", include((module.web_urls, module.id))))

api_patterns.append(re_path(r"^.*$", UnknownEndpointView.as_view(), name="unknown"))

urlpatterns = [
    path("", CityHomeView.as_view(), name="home"),
    path("audit/", AuditLogView.as_view(), name="audit-log"),
    path("audit/chain/", AuditChainView.as_view(), name="audit-chain"),
    path("documents/", include("apps.documents.urls")),
    path("agenda/", include("apps.calendar.urls")),
    path("inbox/", include("apps.notifications.urls")),
    path("partners/", include("apps.partners.urls")),
    path("waiting/", WaitingView.as_view(), name="waiting"),
    path("office/", include("tenants.office_urls")),
    path("accounts/tokens/", TokensView.as_view(), name="tokens"),
    *people_urls.urlpatterns,
    path("api/v1/", include((api_patterns, "api"))),
    *common_patterns,
    *web_module_patterns,
]
