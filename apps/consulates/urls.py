from django.urls import path

from apps.consulates import views

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("liaison/", views.LiaisonView.as_view(), name="liaison"),
    path("liaison/<int:pk>/answer/", views.AnswerView.as_view(), name="answer"),
    path("national-days/", views.NationalDaysView.as_view(), name="national_days"),
    path("national-days/<int:pk>/answer/", views.NationalDayAnswerView.as_view(), name="national_day_answer"),
]
