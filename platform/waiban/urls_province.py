"""URLconf of a provincial FAO's host (the portal grows in later issues)."""

from django.urls import path

from waiban.pages import province_home
from waiban.urls_common import common_patterns

urlpatterns = [
    path("", province_home, name="home"),
    *common_patterns,
]
