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
    environment = {**os.environ, "DEBUG": "false", "SECRET_KEY": ""}
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
