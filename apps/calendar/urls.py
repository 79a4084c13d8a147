from django.urls import path

from apps.calendar import views

app_name = "calendar"
urlpatterns = [
    path("", views.CalendarView.as_view(), name="calendar"),
    path("subscription/", views.FeedSubscriptionView.as_view(), name="subscription"),
    path("feed/<str:token>.ics", views.FeedView.as_view(), name="feed"),
]
