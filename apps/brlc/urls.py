from django.urls import path

from apps.brlc import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("members/", views.MemberListView.as_view(), name="members"),
    path("members/<int:pk>/", views.MemberView.as_view(), name="member"),
    path("members/<int:pk>/do/<str:name>/", views.MemberView.as_view(), name="member-op"),
    path("applications/", views.ApplicationListView.as_view(), name="applications"),
    path("applications/new/", views.ApplicationFormView.as_view(), name="application-new"),
    path("applications/case/<int:case_pk>/", views.ApplicationCaseView.as_view(), name="application-case"),
    path("applications/<int:pk>/", views.ApplicationView.as_view(), name="application"),
    path("applications/<int:pk>/edit/", views.ApplicationFormView.as_view(), name="application-edit"),
    path(
        "applications/<int:pk>/actions/<str:name>/",
        views.ApplicationView.as_view(),
        name="application-action",
    ),
    path("applications/<int:pk>/letters/<int:item>/", views.LetterView.as_view(), name="letter"),
    path("meetings/", views.MeetingListView.as_view(), name="meetings"),
    path("meetings/new/", views.MeetingCreateView.as_view(), name="meeting-new"),
    path("meetings/<int:pk>/", views.MeetingView.as_view(), name="meeting"),
    path("meetings/<int:pk>/do/<str:name>/", views.MeetingView.as_view(), name="meeting-op"),
    path("resolutions/<int:pk>/", views.ResolutionView.as_view(), name="resolution"),
    path("resolutions/<int:pk>/do/<str:name>/", views.ResolutionView.as_view(), name="resolution-op"),
    path("projects/", views.ProjectListView.as_view(), name="projects"),
    path("projects/new/", views.ProjectCreateView.as_view(), name="project-new"),
    path("projects/<int:pk>/", views.ProjectView.as_view(), name="project"),
    path("projects/<int:pk>/do/<str:name>/", views.ProjectView.as_view(), name="project-op"),
    path("notices/", views.NoticeListView.as_view(), name="notices"),
    path("notices/new/", views.NoticeCreateView.as_view(), name="notice-new"),
    path("notices/<int:pk>/", views.NoticeView.as_view(), name="notice"),
    path("report/", views.ReportView.as_view(), name="report"),
    path("report/export.<str:fmt>", views.ReportView.as_view(), name="report-export"),
    path("public/", views.PublicMembersView.as_view(), name="public_members"),
    path("public/resolutions/", views.PublicResolutionsView.as_view(), name="public_resolutions"),
]
