"""Health check, language, time zone, production settings, the provincial host."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.db.utils import OperationalError
from django.test import Client

from bench import _db
from waiban import env

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("host", ["hangzhou.localhost", "zhejiang.localhost", "localhost", "unknown.example"])
def test_healthz_answers_on_every_host(db, host):
    response = Client(HTTP_HOST=host).get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_says_when_the_database_is_unreachable(db, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", unreachable)
        response = Client(HTTP_HOST="hangzhou.localhost").get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_the_ui_is_chinese_by_default_even_for_an_english_browser(db):
    response = Client(HTTP_HOST="hangzhou.localhost").get("/accounts/sign-in/", HTTP_ACCEPT_LANGUAGE="en")
    assert "登录" in response.content.decode()
    assert response.headers["Content-Language"] == "zh-hans"


def test_the_english_switch_changes_the_ui_and_office_name(db):
    client = Client(HTTP_HOST="hangzhou.localhost")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/").content.decode()
    assert "Hangzhou Municipal Foreign Affairs and Overseas Chinese Affairs Office" in page
    assert "Sign in" in page


def test_time_zone_is_asia_shanghai():
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.USE_TZ


def test_the_province_host_shows_the_province_and_only_its_cities(db):
    page = Client(HTTP_HOST="zhejiang.localhost").get("/").content.decode()
    assert "浙江省人民政府外事办公室" in page
    assert "杭州市人民政府外事侨务办公室" in page
    assert "衢州" in page
    assert "广州" not in page


def test_production_settings_pass_the_deploy_check():
    environment = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "a-real-looking-secret-" + "x9Kq2Lm7Pz4Rt8Vw3Yb6Nc1Hd5Jf0Gs" * 2,
        "PLATFORM_DOMAIN": "waiban.example.cn",
        # the settings alone: a database without the demo's accounts (the developer's has
        # them, and the deploy check rightly refuses those: tests/test_demo_doors.py)
        "DATABASE_URL": _db.bench_url(_db.server_url(), "postgres"),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    environment = {**os.environ, "DEBUG": "false", "SECRET_KEY": "", "PLATFORM_DOMAIN": "waiban.example.cn"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_settings_read_only_documented_variables(monkeypatch):
    monkeypatch.setenv("DEBUG", "perhaps")
    with pytest.raises(KeyError):
        env.env_str("UNDOCUMENTED_VARIABLE")
    with pytest.raises(ValueError, match="DEBUG"):
        env.env_bool("DEBUG", True)


def test_database_urls_with_a_socket_folder_are_understood():
    parsed = env.parse_database_url("postgresql://postgres@:5432/waiban?host=/run/waiban-sock")
    assert (parsed["NAME"], parsed["HOST"], parsed["PORT"], parsed["USER"]) == (
        "waiban",
        "/run/waiban-sock",
        "5432",
        "postgres",
    )


def test_the_readme_documents_every_setting_the_platform_reads():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")

    assert [name for name in env.VARIABLES if f"`{name}`" not in readme] == []


def _settings_in_a_clean_environment(**variables: str) -> str:
    """DEBUG, SECRET_KEY, PLATFORM_DOMAIN as a fresh process sees them (no DEBUG etc. set
    unless given), printed as one line."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DEBUG", "SECRET_KEY", "PLATFORM_DOMAIN", "DJANGO_SETTINGS_MODULE"}
    }
    environment.update(variables)
    code = "from django.conf import settings as s; print(s.DEBUG, s.SECRET_KEY[:8], s.SECURE_SSL_REDIRECT)"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_debug_is_off_unless_asked_for_and_localhost_stays_plain_http():
    # `make run` sets no DEBUG: no debug pages listing every URL pattern; on localhost it
    # still serves plain HTTP with the development key.
    assert _settings_in_a_clean_environment() == "False dev-only False"
    assert _settings_in_a_clean_environment(DEBUG="true") == "True dev-only False"


def test_a_refused_request_is_logged_as_one_line_without_a_traceback(rf, settings):
    """Every 403 used to log its traceback, twice with DEBUG on (Django's console handler
    and ours). Each handler the record reaches writes into one buffer here."""
    import io
    import logging

    from django.core.exceptions import PermissionDenied
    from django.core.handlers.exception import convert_exception_to_response

    def view(request):
        raise PermissionDenied("not your unit")

    settings.DEBUG = True  # Django's own console handler only speaks with DEBUG on
    buffer = io.StringIO()
    swapped = []
    logger = logging.getLogger("django.request")
    while logger is not None:
        for handler in logger.handlers:
            if isinstance(handler, logging.StreamHandler) and not type(handler).__module__.startswith(
                "_pytest"
            ):
                swapped.append((handler, handler.setStream(buffer)))
        logger = logger.parent if logger.propagate else None
    try:
        response = convert_exception_to_response(view)(rf.get("/trips/7/letter"))
    finally:
        for handler, stream in swapped:
            handler.setStream(stream)
    assert response.status_code == 403
    assert buffer.getvalue() == "Forbidden (Permission denied): /trips/7/letter\n"


def test_print_urls_ready_adds_one_line_naming_every_address(db):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("print_urls", "--port", "8123", "--ready", stdout=out)
    last = out.getvalue().splitlines()[-1]
    assert last.startswith("waiban is ready: operators http://localhost:8123/")
    for code in [
        "guangzhou",
        "guiyang",
        "hangzhou",
        "lanzhou",
        "quzhou",
        "gansu",
        "guangdong",
        "guizhou",
        "zhejiang",
    ]:
        assert f"http://{code}.localhost:8123/" in last


def test_make_run_prints_the_ready_line_only_once_the_server_answers():
    import http.server
    import io
    import threading

    from tests.browser.server import free_port
    from waiban import gunicorn_conf

    out = io.StringIO()
    silent = free_port()  # nothing listens there
    assert not gunicorn_conf.announce_when_answering(
        f"http://127.0.0.1:{silent}/healthz", "localhost", "ready", timeout=0.5, out=out
    )
    assert out.getvalue() == ""

    class Healthy(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200 if self.path == "/healthz" else 404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Healthy)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        port = server.server_address[1]
        assert gunicorn_conf.announce_when_answering(
            f"http://127.0.0.1:{port}/healthz", "localhost", "ready", timeout=5, out=out
        )
    finally:
        server.shutdown()
    assert out.getvalue() == "ready\n"
    assert "gunicorn_conf.py" in (ROOT / "Makefile").read_text()
