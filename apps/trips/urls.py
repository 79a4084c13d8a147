from django.urls import path

from apps.trips import exports, views

urlpatterns = [
    path("", views.DelegationListView.as_view(), name="list"),
    path("new/", views.DelegationFormView.as_view(), name="new"),
    path("notices/", views.PublicNoticeView.as_view(), name="notices"),
    path("calendar/", views.CalendarView.as_view(), name="calendar"),
    path("custody/", views.CustodyView.as_view(), name="custody"),
    path("overdue/", views.OverdueView.as_view(), name="overdue"),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
    path("statistics/export.<str:fmt>", views.StatisticsView.as_view(), name="statistics-export"),
    path("export.<str:fmt>", exports.DelegationExportView.as_view(), name="export"),
    path("<int:pk>/", views.DelegationDetailView.as_view(), name="detail"),
    path("case/<int:case_pk>/", views.CaseRedirectView.as_view(), name="case"),
    path("<int:pk>/edit/", views.DelegationFormView.as_view(), name="edit"),
    path("<int:pk>/act/", views.DelegationActionView.as_view(), name="act"),
]
