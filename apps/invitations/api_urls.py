from django.urls import path
from rest_framework.routers import SimpleRouter

from apps.invitations.api import InvitationViewSet, RegisterViewSet, StatisticsView, VerifyView

router = SimpleRouter()
router.register("invitations", InvitationViewSet, basename="invitation")
router.register("register", RegisterViewSet, basename="register")
urlpatterns = [
    path("statistics/", StatisticsView.as_view(), name="statistics"),
    path("verify/", VerifyView.as_view(), name="verify"),
    *router.urls,
]
