"""URLconf of a provincial FAO's host: its dashboard and its queue of escalated cases."""

from django.urls import path

from apps.jobs.views import RenditionDownloadView, RenditionListView
from apps.provincial import views
from waiban.urls_common import common_patterns

urlpatterns = [
    path("", views.portal_home, name="home"),
    path("queue/", views.QueueView.as_view(), name="province-queue"),
    path("queue/<int:pk>/", views.EscalationView.as_view(), name="province-escalation"),
    path(
        "queue/<int:pk>/files/<int:index>/",
        views.EscalationFileView.as_view(),
        name="province-escalation-file",
    ),
    path("report.xlsx", views.ReportView.as_view(), name="province-report"),
    path("report/background/", views.BackgroundReportView.as_view(), name="province-report-background"),
    path("exports/", RenditionListView.as_view(), name="renditions"),
    path("exports/<uuid:pk>/", RenditionDownloadView.as_view(), name="rendition-download"),
    *common_patterns,
]
