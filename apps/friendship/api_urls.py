from rest_framework.routers import SimpleRouter

from apps.friendship.api import ActivityViewSet, CouncilViewSet

router = SimpleRouter()
router.register("activities", ActivityViewSet, basename="activity")
router.register("council", CouncilViewSet, basename="council")
urlpatterns = router.urls
