from rest_framework.routers import SimpleRouter

from apps.trips.api import DelegationViewSet, TravelDocumentViewSet

router = SimpleRouter()
router.register("travel-documents", TravelDocumentViewSet, basename="travel-document")
router.register("delegations", DelegationViewSet, basename="delegation")
urlpatterns = router.urls
