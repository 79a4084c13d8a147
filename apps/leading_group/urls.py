from django.urls import path

from apps.leading_group import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("meetings/", views.MeetingListView.as_view(), name="meetings"),
    path("meetings/new/", views.MeetingFormView.as_view(), name="meeting-new"),
    path("meetings/case/<int:case_pk>/", views.MeetingCaseView.as_view(), name="meeting-case"),
    path("meetings/<int:pk>/", views.MeetingView.as_view(), name="meeting"),
    path("meetings/<int:pk>/actions/<str:name>/", views.MeetingView.as_view(), name="meeting-action"),
    path("meetings/<int:pk>/sheet.pdf", views.SupervisionSheetView.as_view(), name="sheet"),
    path("tasks/", views.TaskListView.as_view(), name="tasks"),
    path("tasks/overdue/", views.OverdueListView.as_view(), name="overdue"),
    path("tasks/overdue/export.<str:fmt>", views.OverdueExportView.as_view(), name="overdue-export"),
    path("tasks/case/<int:case_pk>/", views.TaskCaseView.as_view(), name="task-case"),
    path("tasks/<int:pk>/", views.TaskView.as_view(), name="task"),
    path("tasks/<int:pk>/actions/<str:name>/", views.TaskView.as_view(), name="task-action"),
    path("agenda/", views.AgendaView.as_view(), name="agenda"),
    path("key-points/", views.KeyPointsView.as_view(), name="key-points"),
    path("key-points/<int:pk>/", views.KeyPointView.as_view(), name="key-point"),
]
