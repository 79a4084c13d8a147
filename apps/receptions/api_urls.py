from rest_framework.routers import SimpleRouter

from apps.receptions.api import RegistrationViewSet, VisitViewSet

router = SimpleRouter()
router.register("visits", VisitViewSet, basename="visit")
router.register("registrations", RegistrationViewSet, basename="registration")
urlpatterns = [*router.urls]
