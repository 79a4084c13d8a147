from tests.sample_module import api_urlpatterns as urlpatterns  # noqa: F401
