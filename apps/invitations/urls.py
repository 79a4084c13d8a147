from django.urls import path

from apps.invitations import views

urlpatterns = [
    path("", views.InvitationListView.as_view(), name="list"),
    path("new/", views.InvitationFormView.as_view(), name="new"),
    path("register/", views.RegisterView.as_view(), name="register"),
    path("verify/", views.VerifyView.as_view(), name="verify"),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
    path("statistics/export.<str:fmt>", views.StatisticsView.as_view(), name="statistics-export"),
    path("<str:what>/export.<str:fmt>", views.ExportView.as_view(), name="export"),
    path("case/<int:case_pk>/", views.CaseRedirectView.as_view(), name="case"),
    path("<int:pk>/", views.InvitationView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.InvitationFormView.as_view(), name="edit"),
    path("<int:pk>/actions/<str:name>/", views.InvitationView.as_view(), name="action"),
    path("<int:pk>/<str:kind>/<int:item>/", views.DocumentView.as_view(), name="document"),
]
