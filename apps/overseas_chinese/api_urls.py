from django.urls import path
from rest_framework.routers import SimpleRouter

from apps.overseas_chinese import api

router = SimpleRouter()
router.register("people", api.PersonViewSet, basename="person")
router.register("organisations", api.OrganisationViewSet, basename="organisation")
router.register("identity", api.IdentityViewSet, basename="identity")
router.register("complaints", api.ComplaintViewSet, basename="complaint")
router.register("settlements", api.SettlementViewSet, basename="settlement")
router.register("tasks", api.TaskViewSet, basename="task")
router.register("restricted", api.RestrictedViewSet, basename="restricted")
urlpatterns = [
    path("overview/", api.OverviewView.as_view(), name="overview"),
    path("complain/", api.PublicComplaintView.as_view(), name="complain"),
    path("track/", api.TrackView.as_view(), name="track"),
    *router.urls,
]
