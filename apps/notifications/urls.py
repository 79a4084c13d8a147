"""The inbox on every city host (not a feature module: always there for signed-in users)."""

from django.urls import path

from apps.notifications import views

urlpatterns = [
    path("", views.InboxView.as_view(), name="inbox"),
    path("mark-read/", views.MarkAllReadView.as_view(), name="inbox-mark-all-read"),
    path("<int:pk>/read/", views.MarkOneReadView.as_view(), name="inbox-mark-read"),
]
