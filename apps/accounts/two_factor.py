"""Two-factor sign-in (issue 14): after the password, a one-time code from an authenticator
app (TOTP, django-otp) or one of ten recovery codes.

Who is asked: the roles the site chooses. A city's profile lists its roles under
``security.two_factor_roles``; a province's profile may list ``province_reviewer``; the
platform's operators always, unless ``TWO_FACTOR_OPERATORS`` turns it off. Devices live beside
their users (a city's in its schema, operators' and reviewers' in the public schema): a device
of one city does not exist in another.

A signed-in user whose role needs it and whose session is not verified reaches nothing but the
verification (or, without a device, the enrolment) page and sign-out; the API answers 403 to
such a session, and issues tokens only against a valid code (``verify_code``).

Wrong codes are throttled by the device (django-otp: 1, 2, 4, 8... seconds before the next
try); enrolment, failures, recovery codes used or renewed and resets are audited, never a
secret or a code.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass, field

import django_otp
from django.conf import settings
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.audit import services as audit

RECOVERY_CODE_COUNT = 10
# Reachable while the second step is pending (URL names of every host's common patterns).
OPEN_URL_NAMES = frozenset({"login", "logout", "two-factor-verify", "two-factor-enrol", "set_language"})


def profile_roles(profile: dict | None) -> frozenset[str]:
    """The roles a city's or province's profile asks for a one-time code."""
    return frozenset(((profile or {}).get("security") or {}).get("two_factor_roles") or ())


def platform_roles() -> frozenset[str]:
    return frozenset({"operator"}) if settings.TWO_FACTOR_OPERATORS else frozenset()


def required_roles(site) -> frozenset[str]:
    """The roles that must give a one-time code on this site."""
    kind = getattr(site, "kind", None)
    if kind == "platform":
        return platform_roles()
    owner = site.city if kind == "city" else site.province if kind == "province" else None
    return profile_roles(owner.profile) if owner is not None else frozenset()


def is_required(request, user=None) -> bool:
    user = user or request.user
    return bool(user.is_authenticated and user.role in required_roles(getattr(request, "site", None)))


def is_verified(request) -> bool:
    check = getattr(request.user, "is_verified", None)
    return bool(check and check())


def pending(request) -> bool:
    """Signed in with the password, and the second step still to do."""
    return is_required(request) and not is_verified(request)


def authenticator(user, *, confirmed: bool = True) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("pk").first()


def is_enrolled(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


class TwoFactorMiddleware:
    """Keeps a session whose second step is pending away from every page and endpoint."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        site = getattr(request, "site", None)
        if site is None or not request.user.is_authenticated or not pending(request) or self._open(request):
            return self.get_response(request)
        if request.path.startswith("/api/"):
            message = _("Two-factor sign-in is not complete: enter your one-time code on the web first.")
            body = {"status": 403, "code": "two_factor_required", "message": message}
            return JsonResponse(body, status=403)  # the shape of apps.registry.api_errors
        target = "two-factor-verify" if is_enrolled(request.user) else "two-factor-enrol"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")

    @staticmethod
    def _open(request) -> bool:
        try:
            match = resolve(request.path_info, urlconf=getattr(request, "urlconf", None))
        except Resolver404:
            return False
        return match.url_name in OPEN_URL_NAMES


# --- Writes -------------------------------------------------------------------------------


@dataclass
class Outcome:
    ok: bool
    message: str = ""
    throttled: bool = False
    recovery_code_used: bool = False
    recovery_codes: list[str] = field(default_factory=list)


def _wait_message(device) -> Outcome | None:
    allowed, data = device.verify_is_allowed()
    if allowed:
        return None
    seconds = 1
    if data and data.get("locked_until"):
        seconds = max(1, int((data["locked_until"] - timezone.now()).total_seconds() + 0.999))
    return Outcome(
        ok=False,
        throttled=True,
        message=_("Too many wrong codes. Try again in %(seconds)d seconds.") % {"seconds": seconds},
    )


def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def start_enrolment(*, user) -> TOTPDevice:
    """The user's unconfirmed authenticator (made once, so the secret stays the same while
    the user sets up the app)."""
    with transaction.atomic():
        device = authenticator(user, confirmed=False)
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


def confirm_enrolment(*, request, code: str) -> Outcome:
    """Confirms the pending authenticator with a code from it; the session is then verified
    and the user gets ten recovery codes (returned once, to be shown once)."""
    user = request.user
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("pk").first()
        )
        if device is None:
            return Outcome(ok=False, message=_("Start the set-up again."))
        waiting = _wait_message(device)
        if waiting:
            return waiting
        if not device.verify_token(_clean(code)):  # counts the failure (throttling)
            audit.record(actor=user, action="accounts.two_factor_failed", obj=user,
                         after={"step": "enrolment", "address": _address(request)})  # fmt: skip
            return Outcome(ok=False, message=_("The code is not correct."))
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_recovery_codes(user)
        after = {"device": "authenticator", "recovery_code_count": RECOVERY_CODE_COUNT}
        audit.record(actor=user, action="accounts.two_factor_enrolled", obj=user, after=after)
    django_otp.login(request, device)
    return Outcome(ok=True, recovery_codes=codes)


def _clean(code: str) -> str:
    return "".join((code or "").split()).lower()[:16]


def _address(request) -> str:
    return (request.META.get("REMOTE_ADDR") or "") if request is not None else ""


def verify_code(*, user, code: str, request=None) -> tuple[Outcome, object | None]:
    """Checks a code of ``user``: six digits against the authenticator, anything else
    against the recovery codes (each good once). Throttled per device; a failure and a
    recovery code used are audited. Returns the outcome and the device that matched."""
    code = _clean(code)
    with transaction.atomic():
        if code.isdigit() and len(code) == 6:  # recovery codes are eight letters and digits
            kind, device = "authenticator", TOTPDevice.objects.select_for_update().filter(
                user=user, confirmed=True).order_by("pk").first()  # fmt: skip
        else:
            kind, device = "recovery", StaticDevice.objects.select_for_update().filter(
                user=user, confirmed=True).order_by("pk").first()  # fmt: skip
        if device is None:
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()  # throttle anyway
        if device is None:
            return Outcome(ok=False, message=_("The code is not correct.")), None
        waiting = _wait_message(device)
        if waiting:
            audit.record(actor=user, action="accounts.two_factor_throttled", obj=user,
                         after={"address": _address(request)})  # fmt: skip
            return waiting, None
        if not code or not device.verify_token(code):  # counts the failure (throttling)
            after = {"step": "verification", "kind": kind, "address": _address(request)}
            audit.record(actor=user, action="accounts.two_factor_failed", obj=user, after=after)
            return Outcome(ok=False, message=_("The code is not correct.")), None
        used_recovery = kind == "recovery"
        if used_recovery:
            left = StaticToken.objects.filter(device=device).count()
            audit.record(actor=user, action="accounts.recovery_code_used", obj=user,
                         after={"recovery_codes_left": left, "address": _address(request)})  # fmt: skip
    return Outcome(ok=True, recovery_code_used=used_recovery), device


def verify(*, request, code: str) -> Outcome:
    """The second step of a sign-in: a good code verifies the session."""
    outcome, device = verify_code(user=request.user, code=code, request=request)
    if outcome.ok:
        django_otp.login(request, device)
    return outcome


def regenerate_recovery_codes(*, actor) -> list[str]:
    """Ten new recovery codes for ``actor`` (the old ones stop working); shown once."""
    with transaction.atomic():
        codes = _new_recovery_codes(actor)
        audit.record(actor=actor, action="accounts.recovery_codes_renewed", obj=actor,
                     after={"recovery_code_count": RECOVERY_CODE_COUNT})  # fmt: skip
    return codes


def forget_devices(user) -> None:
    """Removes ``user``'s authenticator and recovery codes (the caller audits)."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def reset(*, actor, user) -> None:
    """Removes ``user``'s authenticator and recovery codes (a lost phone): at the next
    sign-in the user sets up a new one. The office administrator's act, audited."""
    with transaction.atomic():
        had = is_enrolled(user)
        forget_devices(user)
        audit.record(actor=actor, action="accounts.two_factor_reset", obj=user,
                     before={"enrolled": had}, after={"enrolled": False})  # fmt: skip


def enrol_demo(*, user, secret_base32: str) -> bool:
    """Gives a demo account the published demo authenticator (``setup_platform --demo``);
    True if it was added. Never for an account that is not a demo account."""
    if not user.is_demo or is_enrolled(user):
        return False
    key = base64.b32decode(secret_base32).hex()
    with transaction.atomic():
        TOTPDevice.objects.create(user=user, name="demo authenticator", key=key, confirmed=True)
        audit.record(actor=None, action="accounts.two_factor_enrolled", obj=user,
                     after={"device": "demo authenticator"})  # fmt: skip
    return True


# --- Display ------------------------------------------------------------------------------


def secret_of(device: TOTPDevice) -> str:
    """The secret as people type it into an app: base32 in groups of four."""
    text = base64.b32encode(device.bin_key).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_code_data_uri(device: TOTPDevice) -> str:
    """The ``otpauth://`` link as a QR code: an SVG drawn on the server, as a data: URI (an
    image, allowed by the Content-Security-Policy; no inline script or style)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=8)
    out = io.BytesIO()
    image.save(out)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode()
