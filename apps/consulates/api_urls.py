from rest_framework.routers import SimpleRouter

from apps.consulates.api import LiaisonViewSet, NationalDayViewSet, PostingViewSet

router = SimpleRouter()
router.register("postings", PostingViewSet, basename="posting")
router.register("liaison", LiaisonViewSet, basename="liaison")
router.register("national-days", NationalDayViewSet, basename="national-day")
urlpatterns = router.urls
