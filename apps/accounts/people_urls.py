"""User management's pages, mounted on city hosts and on the platform host."""

from django.urls import path

from apps.accounts import people_views

urlpatterns = [
    path("accounts/users/", people_views.UserListView.as_view(), name="users"),
    path("accounts/users/new/", people_views.InviteView.as_view(), name="users-new"),
    path("accounts/users/import/", people_views.ImportView.as_view(), name="users-import"),
    path("accounts/users/<int:pk>/", people_views.UserView.as_view(), name="users-detail"),
]
