from django.urls import path

from apps.friendship import views

urlpatterns = [
    path("", views.ActivityListView.as_view(), name="list"),
    path("new/", views.ActivityFormView.as_view(), name="new"),
    path("council/", views.CouncilView.as_view(), name="council"),
    path("council/new/", views.MemberFormView.as_view(), name="member-new"),
    path("council/<int:pk>/edit/", views.MemberFormView.as_view(), name="member-edit"),
    path("<int:pk>/", views.ActivityView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.ActivityFormView.as_view(), name="edit"),
]
