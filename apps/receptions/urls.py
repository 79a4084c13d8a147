from django.urls import path

from apps.receptions import views

urlpatterns = [
    path("", views.VisitListView.as_view(), name="list"),
    path("new/", views.VisitFormView.as_view(), name="new"),
    path("case/<int:case_pk>/", views.CaseRedirectView.as_view(), name="case"),
    path("registrations/", views.RegistrationListView.as_view(), name="registrations"),
    path("registrations/new/", views.RegistrationFormView.as_view(), name="registration-new"),
    path(
        "registrations/case/<int:case_pk>/",
        views.RegistrationCaseRedirectView.as_view(),
        name="registration-case",
    ),
    path("registrations/<int:pk>/", views.RegistrationView.as_view(), name="registration"),
    path("registrations/<int:pk>/edit/", views.RegistrationFormView.as_view(), name="registration-edit"),
    path(
        "registrations/<int:pk>/actions/<str:name>/",
        views.RegistrationView.as_view(),
        name="registration-action",
    ),
    path("<int:pk>/", views.VisitView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.VisitFormView.as_view(), name="edit"),
    path("<int:pk>/actions/<str:name>/", views.VisitView.as_view(), name="action"),
    path("<int:pk>/items/new/", views.ItemFormView.as_view(), name="item-new"),
    path("<int:pk>/items/<int:item>/", views.ItemFormView.as_view(), name="item-edit"),
    path("<int:pk>/seating/<int:seating>/", views.SeatingView.as_view(), name="seating"),
    path("<int:pk>/seating/<int:seating>/<str:what>.pdf", views.PrintView.as_view(), name="seating-pdf"),
    path("<int:pk>/print/<str:what>.pdf", views.PrintView.as_view(), name="print"),
    path("<int:pk>/documents/<int:item>/", views.DocumentView.as_view(), name="document"),
]
