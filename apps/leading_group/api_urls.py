from rest_framework.routers import SimpleRouter

from apps.leading_group.api import AgendaItemViewSet, KeyPointViewSet, MeetingViewSet, TaskViewSet

router = SimpleRouter()
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("tasks", TaskViewSet, basename="task")
router.register("agenda-items", AgendaItemViewSet, basename="agenda-item")
router.register("key-points", KeyPointViewSet, basename="key-point")
urlpatterns = router.urls
