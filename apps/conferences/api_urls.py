from rest_framework.routers import SimpleRouter

from apps.conferences.api import ConferenceViewSet

router = SimpleRouter()
router.register("conferences", ConferenceViewSet, basename="conference")
urlpatterns = router.urls
