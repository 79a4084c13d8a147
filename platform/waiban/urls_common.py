"""URL patterns every host has: sign-in/out, language switch, the icon."""

from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path

from apps.accounts import views as account_views

common_patterns = [
    path("accounts/sign-in/", account_views.sign_in, name="login"),
    path("accounts/sign-out/", account_views.sign_out, name="logout"),
    path("accounts/welcome/<str:secret>/", account_views.welcome, name="welcome"),
    path("accounts/two-factor/", account_views.two_factor_settings, name="two-factor"),
    path("accounts/two-factor/verify/", account_views.two_factor_verify, name="two-factor-verify"),
    path("accounts/two-factor/set-up/", account_views.two_factor_enrol, name="two-factor-enrol"),
    path("i18n/", include("django.conf.urls.i18n")),
    # Browsers ask for /favicon.ico (the PDF viewer too): the platform's icon, not a 404.
    path("favicon.ico", lambda request: HttpResponsePermanentRedirect(static("favicon.svg"))),
]
