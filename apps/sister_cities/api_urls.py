from rest_framework.routers import SimpleRouter

from apps.sister_cities.api import RelationshipViewSet

router = SimpleRouter()
router.register("relationships", RelationshipViewSet, basename="relationship")
urlpatterns = router.urls
