from django.urls import path
from rest_framework.routers import SimpleRouter

from apps.brlc import api

router = SimpleRouter()
router.register("members", api.MemberViewSet, basename="member")
router.register("applications", api.ApplicationViewSet, basename="application")
router.register("meetings", api.MeetingViewSet, basename="meeting")
router.register("resolutions", api.ResolutionViewSet, basename="resolution")
router.register("projects", api.ProjectViewSet, basename="project")
router.register("notices", api.NoticeViewSet, basename="notice")
urlpatterns = [
    path("report/", api.ReportView.as_view(), name="report"),
    path("public/members/", api.PublicMembersView.as_view(), name="public_members"),
    path("public/resolutions/", api.PublicResolutionsView.as_view(), name="public_resolutions"),
    *router.urls,
]
