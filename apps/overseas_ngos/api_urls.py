from django.urls import path
from rest_framework.routers import SimpleRouter

from apps.overseas_ngos.api import AnnualDocumentViewSet, AnnualView, FilingViewSet, OrganisationViewSet

router = SimpleRouter()
router.register("filings", FilingViewSet, basename="filing")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("annual/documents", AnnualDocumentViewSet, basename="annual-document")
urlpatterns = [path("annual/", AnnualView.as_view(), name="annual"), *router.urls]
