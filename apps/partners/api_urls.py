from django.urls import path
from rest_framework.routers import SimpleRouter

from apps.partners.api import JurisdictionViewSet, PartnerViewSet, SearchView

router = SimpleRouter()
router.register("partners", PartnerViewSet, basename="partner")
router.register("jurisdictions", JurisdictionViewSet, basename="jurisdiction")
urlpatterns = [path("search/", SearchView.as_view(), name="search"), *router.urls]
