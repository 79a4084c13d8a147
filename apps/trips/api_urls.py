from django.urls import path
from rest_framework.routers import SimpleRouter

from apps.trips.api import DelegationViewSet, StatisticsView, TravelDocumentViewSet

router = SimpleRouter()
router.register("travel-documents", TravelDocumentViewSet, basename="travel-document")
router.register("delegations", DelegationViewSet, basename="delegation")
urlpatterns = [path("statistics/", StatisticsView.as_view(), name="statistics"), *router.urls]
