from django.urls import path

from apps.honorary_residents import views

urlpatterns = [
    path("", views.NominationListView.as_view(), name="list"),
    path("new/", views.NominationFormView.as_view(), name="new"),
    path("register/", views.RegisterView.as_view(), name="register"),
    path("case/<int:case_pk>/", views.CaseRedirectView.as_view(), name="case"),
    path("<int:pk>/", views.NominationView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.NominationFormView.as_view(), name="edit"),
    path("<int:pk>/actions/<str:name>/", views.NominationView.as_view(), name="action"),
    path("<int:pk>/certificates/<int:item>/", views.DocumentView.as_view(), name="document"),
]
