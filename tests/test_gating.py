"""A module is reachable in a city only when the city's profile switches it on.

Uses the sample modules defined in tests/sample_module.py.
"""

import pytest

from apps.registry.modules import Module, ModuleRegistry, RegistryError


def menu_of(page: str) -> str:
    start = page.index('id="module-menu"')
    return page[start : page.index("</nav>", start)]


def enable_sample(data):
    data["modules"]["sample"] = {"max_items": 3}


def test_a_module_that_is_off_answers_404_on_web_and_api(city_user, client_for):
    clerk = city_user("hangzhou", username="hz_clerk", role="clerk")
    client = client_for("hangzhou", clerk)

    assert client.get("/sample/").status_code == 404
    response = client.get("/api/v1/sample/things/")
    assert response.status_code == 404
    assert response.json()["status"] == 404


def test_a_module_that_is_off_is_absent_from_menu_modules_list_and_openapi(city_user, client_for):
    clerk = city_user("hangzhou", username="hz_clerk", role="clerk")
    client = client_for("hangzhou", clerk)

    home = client.get("/").content.decode()
    modules = client.get("/api/v1/modules/").json()
    schema = client.get("/api/v1/schema/?format=json").json()

    assert "示例模块" not in home  # neither in the menu nor in the list of modules
    assert "sample" not in [module["id"] for module in modules]
    assert not any(path.startswith("/api/v1/sample/") for path in schema["paths"])
    assert "/api/v1/me/" in schema["paths"]


def test_switching_a_module_on_in_the_profile_takes_effect_without_restart(city_user, client_for, reprofile):
    clerk = city_user("hangzhou", username="hz_clerk", role="clerk")
    client = client_for("hangzhou", clerk)
    assert client.get("/sample/").status_code == 404

    reprofile("hangzhou", enable_sample)

    assert client.get("/sample/").content == b"sample module page"
    assert client.get("/api/v1/sample/things/").json() == {"sample": "ok"}
    assert "示例模块" in menu_of(client.get("/").content.decode())
    assert "sample" in [module["id"] for module in client.get("/api/v1/modules/").json()]
    schema = client.get("/api/v1/schema/?format=json").json()
    assert "/api/v1/sample/things/" in schema["paths"]


def test_enabling_in_one_city_leaves_the_others_untouched(city_user, client_for, reprofile):
    reprofile("hangzhou", enable_sample)
    gz_clerk = city_user("guangzhou", username="gz_clerk", role="clerk")
    client = client_for("guangzhou", gz_clerk)

    assert client.get("/sample/").status_code == 404
    assert client.get("/api/v1/sample/things/").status_code == 404


def test_a_role_without_the_modules_permission_is_refused(city_user, client_for, reprofile):
    reprofile("hangzhou", enable_sample)
    auditor = city_user("hangzhou", username="hz_auditor", role="auditor")
    client = client_for("hangzhou", auditor)

    assert client.get("/api/v1/sample/things/").status_code == 403
    assert "示例模块" not in menu_of(client.get("/").content.decode())


def test_switching_a_module_off_again_hides_it(city_user, client_for, reprofile):
    reprofile("hangzhou", enable_sample)
    reprofile("hangzhou", lambda data: None)  # the repo profile, without the sample module
    clerk = city_user("hangzhou", username="hz_clerk", role="clerk")

    assert client_for("hangzhou", clerk).get("/api/v1/sample/things/").status_code == 404


def test_the_registry_rejects_what_is_not_a_module():
    registry = ModuleRegistry()

    class NotAModule:
        id = "nope"

    class BadId(Module):
        id = "Bad Id"
        names = {"zh": "坏", "en": "Bad"}

    class Undeclared(Module):
        id = "undeclared"
        names = {"zh": "未声明", "en": "Undeclared"}
        role_grants = {"clerk": ["undeclared.do"]}

    for candidate in (NotAModule, BadId, Undeclared):
        with pytest.raises(RegistryError):
            registry.register(candidate)


def test_the_registry_rejects_a_module_registered_twice():
    registry = ModuleRegistry()

    class One(Module):
        id = "one"
        names = {"zh": "一", "en": "One"}

    registry.register(One)
    with pytest.raises(RegistryError, match="twice"):
        registry.register(One)
