from rest_framework.routers import SimpleRouter

from apps.honorary_residents.api import NominationViewSet, RegisterViewSet

router = SimpleRouter()
router.register("nominations", NominationViewSet, basename="nomination")
router.register("register", RegisterViewSet, basename="register")
urlpatterns = router.urls
