from rest_framework.routers import SimpleRouter

from apps.donations.api import DonationViewSet, DonorViewSet, RateViewSet

router = SimpleRouter()
router.register("donations", DonationViewSet, basename="donation")
router.register("donors", DonorViewSet, basename="donor")
router.register("rates", RateViewSet, basename="rate")
urlpatterns = router.urls
