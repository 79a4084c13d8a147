from django.urls import path
from rest_framework.routers import SimpleRouter

from apps.hk_macao.api import ExchangeViewSet, FiguresView, NonGovViewSet

router = SimpleRouter()
router.register("exchanges", ExchangeViewSet, basename="exchange")
router.register("non-governmental", NonGovViewSet, basename="non-governmental")
urlpatterns = [path("figures/", FiguresView.as_view(), name="figures"), *router.urls]
