from tests.sample_module import web_urlpatterns as urlpatterns  # noqa: F401
