"""Office profiles: every real one validates; every bad one is refused, before anything
is written, with one line per problem naming the file and the path inside it."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command
from django_tenants.utils import schema_exists

from city_profiles import CITIES_DIR, PROVINCES_DIR
from city_profiles.loader import ProfileError, load_all, load_city, load_province
from tenants.models import City, Domain

MISSING = object()  # "remove this key"


def real_profile(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def write(path: Path, data) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def changed(data: dict, key: str, value) -> dict:
    """``data`` with the dotted ``key`` set to ``value`` (or removed, for MISSING)."""
    *parents, last = key.split(".")
    target = data
    for part in parents:
        target = target[part]
    if value is MISSING:
        del target[last]
    else:
        target[last] = value
    return data


def bad_city(tmp_path: Path, key: str, value) -> Path:
    """Hangzhou's real profile with one thing changed, written to a file of its own."""
    data = changed(real_profile(CITIES_DIR / "hangzhou.yaml"), key, value)
    return write(tmp_path / "bad_city.yaml", data)


def problems(load, path: Path) -> list[str]:
    with pytest.raises(ProfileError) as caught:
        load(path)
    return [str(problem) for problem in caught.value.problems]


def only_problem(load, path: Path) -> str:
    lines = problems(load, path)
    assert len(lines) == 1, "expected one problem, got:\n" + "\n".join(lines)
    assert "\n" not in lines[0]
    return lines[0]


# -- the real profiles --------------------------------------------------------------------


def test_every_profile_in_the_repository_validates():
    provinces, cities = load_all()

    assert sorted(profile.code for profile in provinces) == ["gansu", "guangdong", "guizhou", "zhejiang"]
    assert sorted(profile.code for profile in cities) == [
        "guangzhou",
        "guiyang",
        "hangzhou",
        "lanzhou",
        "quzhou",
    ]


def test_check_profiles_command_succeeds_on_the_repository():
    out = io.StringIO()

    call_command("check_profiles", stdout=out)

    assert "4 province and 5 city profiles are valid" in out.getvalue()


# -- one bad thing in one file ------------------------------------------------------------

DIVISION = {"names": {"zh": "礼宾处", "en": "Protocol Division"}}


@pytest.mark.parametrize(
    ("key", "value", "where", "message"),
    [
        pytest.param(
            "modules", {"nosuch": {}}, "modules.nosuch", "unknown module 'nosuch'", id="unknown-module"
        ),
        pytest.param(
            "modules",
            {"sample_child": {}},
            "modules.sample_child",
            "module 'sample_child' requires 'sample', which is not enabled",
            id="missing-dependency",
        ),
        pytest.param(
            "modules",
            {"sample": {"max_items": 0}},
            "modules.sample.max_items",
            "0 is less than the minimum of 1",
            id="module-setting-too-small",
        ),
        pytest.param(
            "modules",
            {"sample": {"max_items": "x"}},
            "modules.sample.max_items",
            "expected integer, got str",
            id="module-setting-wrong-type",
        ),
        pytest.param("languages", "zh", "languages", "expected array, got str", id="wrong-type"),
        pytest.param("fax_number", "0571", "(top)", "unknown key(s): 'fax_number'", id="unknown-key"),
        pytest.param("contact", MISSING, "(top)", "'contact' is required", id="missing-key"),
        pytest.param("subdomain", "Hang Zhou", "subdomain", "'Hang Zhou' is malformed", id="subdomain-space"),
        pytest.param("subdomain", "-x", "subdomain", "'-x' is malformed", id="subdomain-hyphen"),
        pytest.param("code", "drop;table", "code", "'drop;table' is malformed", id="code-injection"),
        pytest.param("code", "Public", "code", "'Public' is malformed", id="code-uppercase"),
        pytest.param("code", "public", "code", "'public' is reserved", id="code-reserved"),
        pytest.param("subdomain", "www", "subdomain", "'www' is reserved", id="subdomain-reserved"),
        pytest.param("time_zone", "Mars/Olympus", "time_zone", "unknown time zone 'Mars/Olympus'", id="tz"),
        pytest.param(
            "divisions",
            [{"code": "protocol", **DIVISION}, {"code": "protocol", **DIVISION}],
            "divisions[1].code",
            "duplicate code 'protocol'",
            id="duplicate-division",
        ),
        pytest.param(
            "contact.email", "fao@hangzhou", "contact.email", "'fao@hangzhou' is malformed", id="email"
        ),
        pytest.param("contact.postcode", "31002", "contact.postcode", "'31002' is malformed", id="postcode"),
        pytest.param(
            "schema_version",
            2,
            "schema_version",
            "unsupported schema version 2 (this platform reads 1)",
            id="schema-version",
        ),
    ],
)
def test_a_bad_city_profile_is_refused_with_one_line_naming_file_and_path(
    tmp_path, key, value, where, message
):
    # given a real profile with one thing wrong
    path = bad_city(tmp_path, key, value)
    # when it is loaded, then exactly that problem is reported, on one line
    assert only_problem(load_city, path).startswith(f"{path}: {where}: {message}")


def test_a_bad_province_profile_is_refused_the_same_way(tmp_path):
    data = changed(real_profile(PROVINCES_DIR / "zhejiang.yaml"), "province_names", MISSING)
    path = write(tmp_path / "province.yaml", data)

    assert only_problem(load_province, path) == f"{path}: (top): 'province_names' is required"


def test_a_yaml_syntax_error_reports_its_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("schema_version: 1\ncode: wenzhou\nnames: [unclosed\nsubdomain: wenzhou\n")

    line = only_problem(load_city, path)

    assert line.startswith(f"{path}: line 4, column ")
    assert "not valid YAML" in line


def test_a_file_that_is_not_a_mapping_is_refused(tmp_path):
    path = tmp_path / "list.yaml"
    path.write_text("- code: wenzhou\n- code: taizhou\n")

    assert only_problem(load_city, path) == f"{path}: (top): a profile must be a mapping of keys to values"


def test_several_problems_in_one_file_are_all_listed(tmp_path):
    data = real_profile(CITIES_DIR / "hangzhou.yaml")
    data.update(code="Public", subdomain="www", time_zone="Mars/Olympus", modules={"nosuch": {}})
    path = write(tmp_path / "city.yaml", data)

    lines = problems(load_city, path)

    assert [line.split(": ")[1] for line in lines] == ["code", "subdomain", "time_zone", "modules.nosuch"]


# -- bugs: these name a product bug each (see the report) ---------------------------------


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [("divisions", 5, "int"), ("submitting_units", 5, "int"), ("divisions", "ab", "str")],
)
def test_a_list_section_that_is_not_a_list_gives_one_problem_not_a_crash(tmp_path, key, value, expected):
    # BUG city_profiles/loader.py _unique_codes: iterates whatever it gets (TypeError on an int,
    # "duplicate code None" for each character of a string).
    path = bad_city(tmp_path, key, value)

    assert only_problem(load_city, path) == f"{path}: {key}: expected array, got {expected}"


def test_module_settings_that_are_not_a_mapping_are_reported_once(tmp_path):
    # BUG city_profiles/loader.py _module_problems: validates the settings against the
    # module's schema even when the profile schema already refused them: the line appears twice.
    path = bad_city(tmp_path, "modules", {"sample": 5})

    assert only_problem(load_city, path) == f"{path}: modules.sample: expected object, got int"


# -- problems between files ---------------------------------------------------------------


@pytest.fixture
def profile_dirs(tmp_path):
    """Copies of the Zhejiang province and Hangzhou city in fresh directories."""
    cities, provinces = tmp_path / "cities", tmp_path / "provinces"
    cities.mkdir()
    provinces.mkdir()
    shutil.copy(PROVINCES_DIR / "zhejiang.yaml", provinces)
    shutil.copy(CITIES_DIR / "hangzhou.yaml", cities)
    return cities, provinces


def wenzhou(**changes) -> dict:
    data = real_profile(CITIES_DIR / "hangzhou.yaml")
    data.update({"code": "wenzhou", "subdomain": "wenzhou", **changes})
    return data


def load_all_problems(cities: Path, provinces: Path) -> list[str]:
    with pytest.raises(ProfileError) as caught:
        load_all(cities, provinces)
    return [str(problem) for problem in caught.value.problems]


def test_a_subdomain_used_by_two_files_is_refused(profile_dirs):
    cities, provinces = profile_dirs
    path = write(cities / "wenzhou.yaml", wenzhou(subdomain="hangzhou"))

    assert load_all_problems(cities, provinces) == [
        f"{path}: subdomain: duplicate subdomain 'hangzhou' (also in {cities / 'hangzhou.yaml'})"
    ]


def test_a_city_may_not_take_a_provinces_subdomain(profile_dirs):
    cities, provinces = profile_dirs
    path = write(cities / "wenzhou.yaml", wenzhou(subdomain="zhejiang"))

    assert load_all_problems(cities, provinces) == [
        f"{path}: subdomain: duplicate subdomain 'zhejiang' (also in {provinces / 'zhejiang.yaml'})"
    ]


def test_a_city_whose_province_does_not_exist_is_refused(profile_dirs):
    cities, provinces = profile_dirs
    path = write(cities / "wenzhou.yaml", wenzhou(province="atlantis"))

    assert load_all_problems(cities, provinces) == [f"{path}: province: unknown province 'atlantis'"]


def test_problems_of_several_files_are_all_listed(profile_dirs):
    cities, provinces = profile_dirs
    first = write(cities / "a_first.yaml", wenzhou(code="first", subdomain="first", time_zone="Nowhere"))
    second = write(cities / "b_second.yaml", wenzhou(code="second", subdomain="second", province="atlantis"))

    assert load_all_problems(cities, provinces) == [
        f"{first}: time_zone: unknown time zone 'Nowhere'",
        f"{second}: province: unknown province 'atlantis'",
    ]


# -- a bad profile writes nothing ---------------------------------------------------------


def test_onboarding_a_bad_profile_writes_nothing(db, tmp_path):
    # given a new city's profile naming a module that does not exist
    path = write(tmp_path / "wenzhou.yaml", wenzhou(modules={"nosuch": {}}))

    # when an operator onboards it, then the command fails with the problem
    with pytest.raises(CommandError) as caught:
        call_command("onboard_city", str(path), stdout=io.StringIO())
    assert str(caught.value).startswith(f"{path}: modules.nosuch: unknown module 'nosuch'")

    # and nothing was written
    assert not City.objects.filter(code="wenzhou").exists()
    assert not Domain.objects.filter(domain="wenzhou.localhost").exists()
    assert not schema_exists("wenzhou")
