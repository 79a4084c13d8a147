"""One error format for the API; OpenAPI document and docs page."""

from rest_framework.test import APIRequestFactory

from apps.registry.api_errors import Conflict, exception_handler


def test_a_bad_request_answers_400_with_field_messages(db, client):
    response = client.post("/api/v1/auth/token/", {"username": "x"}, HTTP_HOST="hangzhou.localhost")
    body = response.json()
    assert response.status_code == 400
    assert body["status"] == 400
    assert body["code"] == "invalid"
    assert body["fields"]["password"]


def test_an_anonymous_call_answers_401(db, client):
    response = client.get("/api/v1/me/", HTTP_HOST="hangzhou.localhost")
    assert response.status_code == 401
    assert response.json()["status"] == 401
    assert response.headers["WWW-Authenticate"].startswith("Token")


def test_a_forbidden_call_answers_403(city_user, client_for):
    clerk = city_user("hangzhou", username="hz_clerk", role="clerk")
    response = client_for("hangzhou", clerk).get("/api/v1/audit/")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_an_unknown_api_path_answers_404_in_the_same_format(db, client):
    response = client.get("/api/v1/no/such/thing/", HTTP_HOST="hangzhou.localhost")
    assert response.status_code == 404
    assert response.json() == {"status": 404, "code": "not_found", "message": "未找到。"}


def test_a_conflict_answers_409_in_the_same_format():
    request = APIRequestFactory().post("/")
    response = exception_handler(Conflict(), {"request": request})
    assert response.status_code == 409
    assert response.data["code"] == "conflict"


def test_the_openapi_document_and_docs_page_are_served_to_signed_in_users(city_user, client_for):
    clerk = city_user("hangzhou", username="hz_clerk", role="clerk")
    client = client_for("hangzhou", clerk)

    schema = client.get("/api/v1/schema/?format=json")
    docs = client.get("/api/v1/docs/")

    assert schema.json()["openapi"].startswith("3.")
    assert docs.status_code == 200
    assert "swagger" in docs.content.decode().lower()
    assert "cdn" not in docs.content.decode().lower()  # served from our own static files
