"""The API docs page (Swagger UI) renders under the Content-Security-Policy: no violation
(a violation is a console error, which fails the test), axe-checked like every page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import audit
from tests.browser.server import OUT_DIR

pytestmark = pytest.mark.browser


def test_the_api_docs_render_under_the_content_security_policy(sign_in, server):
    clerk = sign_in("hangzhou", "clerk")
    clerk.goto(server.url("hangzhou", "/api/v1/docs/"))
    expect(clerk.locator(".swagger-ui .info")).to_be_visible(timeout=60_000)
    # the document is generated on request: slow on a busy machine
    expect(clerk.locator(".opblock-tag").first).to_be_visible(timeout=60_000)
    audit(clerk)
    clerk.screenshot(path=OUT_DIR / "api-docs.png")
