"""Two-factor sign-in as Guiyang's office takes it (its profile lists the director and the
office administrator): the administrator signs in with the demo authenticator's code and
resets the director's (a lost phone); the director sets up a new authenticator from the
secret on the page, confirms it with a code computed from it, keeps the recovery codes, and
later signs in with one of them."""

from __future__ import annotations

import base64

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CITY = "guiyang"


def test_the_director_sets_up_an_authenticator_and_signs_in_with_it(sign_in, server):
    admin = sign_in(CITY, "admin")  # the second step is done with the demo authenticator
    admin.goto(server.url(CITY, "/accounts/two-factor/"))
    row = admin.locator("table.two-factor-users tr", has_text="director ·")
    row.get_by_role("button", name="重置").click()
    expect(admin.locator(".alert-success")).to_contain_text("已重置")

    director = sign_in(CITY, "director", second_step=False)
    assert "/accounts/two-factor/set-up/" in director.url
    expect(director.locator("#user-menu .who")).to_have_count(0)  # nothing of the office yet
    expect(director.locator("img.qr-code")).to_be_visible()
    secret = director.locator(".two-factor-secret").inner_text().replace(" ", "")
    # nothing else opens before the second step
    director.goto(server.url(CITY, "/partners/"))
    assert "/accounts/two-factor/set-up/" in director.url
    director.locator("#id_code").fill(f"{totp(base64.b32decode(secret)):06d}")
    director.get_by_role("button", name="确认").click()
    codes = director.locator("code.recovery-code").all_inner_texts()
    assert len(codes) == 10
    director.get_by_role("link", name="继续").click()
    assert director.url.endswith("/partners/")
    expect(director.locator("#user-menu .who")).to_be_visible()

    # a lost phone: a recovery code signs the director in, once
    later = sign_in(CITY, "director", second_step=False)
    assert "/accounts/two-factor/verify/" in later.url
    later.locator("#id_code").fill(codes[0])
    later.locator("form.two-factor-verify button[type=submit]").click()
    expect(later.locator("#user-menu .who")).to_be_visible()
    expect(later.locator(".alert-warning", has_text="恢复码")).to_contain_text("还剩 9 个")
