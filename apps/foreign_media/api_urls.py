from rest_framework.routers import SimpleRouter

from apps.foreign_media.api import InterviewViewSet, JournalistViewSet

router = SimpleRouter()
router.register("interviews", InterviewViewSet, basename="interview")
router.register("journalists", JournalistViewSet, basename="journalist")
urlpatterns = router.urls
