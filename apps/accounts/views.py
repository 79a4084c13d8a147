"""Sign-in and sign-out on every host (each against its own schema's accounts)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django.views.generic import TemplateView

from apps.accounts import links, services, tokens, two_factor
from apps.accounts.access import PermissionRequiredMixin, has_permission, user_permissions
from apps.accounts.forms import ChoosePasswordForm, NewTokenForm, OneTimeCodeForm, SignInForm
from apps.accounts.models import User


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def sign_in(request):
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    form = SignInForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            user = services.sign_in(
                request=request,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
            )
        except services.SignInRefused as refusal:
            form.add_error(None, refusal.message)
            status = 429 if refusal.throttled else 200
        else:
            if two_factor.is_required(request, user):
                step = "two-factor-verify" if two_factor.is_enrolled(user) else "two-factor-enrol"
                return redirect(f"{reverse(step)}?{urlencode({'next': next_url})}" if next_url else step)
            return redirect(next_url or "home")
    return render(request, "accounts/sign_in.html", {"form": form, "next": next_url}, status=status)


@sensitive_post_parameters("password1", "password2")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def welcome(request, secret: str):
    """A one-time link: choose a password, then signed in. A spent, expired or foreign
    link says so (410) and changes nothing."""
    link = links.find(secret)
    if link is None or not services.belongs_here(request=request, user=link.user):
        return render(request, "accounts/link_spent.html", status=410)
    form = ChoosePasswordForm(request.POST or None, user=link.user)
    if request.method == "POST" and form.is_valid():
        try:
            links.redeem(request=request, link=link, password=form.cleaned_data["password2"])
        except links.LinkSpent:
            return render(request, "accounts/link_spent.html", status=410)
        messages.success(request, _("Your password is set. Welcome."))
        return redirect("home")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "account": link.user, "purpose": link.purpose}
    response = render(request, "accounts/welcome.html", context, status=status)
    response["Referrer-Policy"] = "no-referrer"  # the secret is in the address
    return response


def _next_url(request) -> str:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return ""
    return next_url


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    """The second step of a sign-in: a code from the authenticator app or a recovery code."""
    next_url = _next_url(request)
    if not two_factor.pending(request):
        return redirect(next_url or "home")
    if not two_factor.is_enrolled(request.user):
        return redirect("two-factor-enrol")
    form = OneTimeCodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        outcome = two_factor.verify(request=request, code=form.cleaned_data["code"])
        if outcome.ok:
            if outcome.recovery_code_used:
                left = two_factor.recovery_codes_left(request.user)
                message = _(
                    "You signed in with a recovery code; %(left)d are left. "
                    "Make new ones under Two-factor sign-in."
                )
                messages.warning(request, message % {"left": left})
            return redirect(next_url or "home")
        form.add_error("code", outcome.message)
        status = 429 if outcome.throttled else 200
    context = {"form": form, "next": next_url, "two_factor_pending": True}
    return render(request, "accounts/two_factor_verify.html", context, status=status)


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_enrol(request):
    """Sets up the authenticator app (secret and QR code), confirmed with a code from it;
    then shows the ten recovery codes, once."""
    next_url = _next_url(request)
    if two_factor.is_enrolled(request.user):
        return redirect("two-factor-verify" if two_factor.pending(request) else "two-factor")
    if not two_factor.is_required(request):
        raise Http404
    device = two_factor.start_enrolment(user=request.user)
    form = OneTimeCodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        outcome = two_factor.confirm_enrolment(request=request, code=form.cleaned_data["code"])
        if outcome.ok:
            context = {"codes": outcome.recovery_codes, "next": next_url or reverse("home")}
            return render(request, "accounts/recovery_codes.html", context)
        form.add_error("code", outcome.message)
        status = 429 if outcome.throttled else 200
    context = {
        "form": form,
        "next": next_url,
        "secret": two_factor.secret_of(device),
        "qr_code": two_factor.qr_code_data_uri(device),
        "two_factor_pending": True,
    }
    return render(request, "accounts/two_factor_enrol.html", context, status=status)


@csrf_protect
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_settings(request):
    """The user's two-factor sign-in: status, new recovery codes; the office administrator
    also resets a colleague's (a lost phone)."""
    if not user_permissions(request):
        raise Http404
    may_reset = has_permission(request, "accounts.reset_two_factor")
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "recovery_codes" and two_factor.is_enrolled(request.user):
            codes = two_factor.regenerate_recovery_codes(actor=request.user)
            return render(
                request, "accounts/recovery_codes.html", {"codes": codes, "next": reverse("two-factor")}
            )
        if action == "reset" and may_reset and (request.POST.get("user") or "").isdigit():
            user = User.objects.filter(pk=request.POST["user"]).first()
            if user is None:
                raise Http404
            two_factor.reset(actor=request.user, user=user)
            message = _(
                "Two-factor sign-in of %(user)s is reset: a new authenticator is set up at the next sign-in."
            )
            messages.success(request, message % {"user": user})
            return redirect("two-factor")
        raise Http404
    context = {
        "enrolled": two_factor.is_enrolled(request.user),
        "required": two_factor.is_required(request),
        "codes_left": two_factor.recovery_codes_left(request.user),
        "enrolled_users": (
            User.objects.filter(totpdevice__confirmed=True).distinct().order_by("username")
            if may_reset
            else None
        ),
    }
    return render(request, "accounts/two_factor.html", context)


@require_POST
def sign_out(request):
    services.sign_out(request=request)
    return redirect("login")


class TokensView(PermissionRequiredMixin, TemplateView):
    """The user's API tokens (the office administrator: everyone's): issue one, shown once;
    revoke one at once."""

    template_name = "accounts/tokens.html"
    required_permissions = {"GET": "core.use_api", "POST": "core.use_api"}

    def get_context_data(self, **kwargs):
        rows = tokens.visible_to(self.request.user)[:200]
        form = kwargs.get("form") or NewTokenForm()
        context = {"tokens": rows, "form": form, "max_days": settings.API_TOKEN_DAYS}
        return {**super().get_context_data(**kwargs), **context}

    def post(self, request):
        if request.POST.get("action") == "revoke":
            token = tokens.visible_to(request.user).filter(pk=request.POST.get("token") or 0).first() \
                if (request.POST.get("token") or "").isdigit() else None  # fmt: skip
            if token is None:
                raise Http404
            tokens.revoke(actor=request.user, token=token)
            messages.success(request, _("The token is revoked."))
            return redirect("tokens")
        form = NewTokenForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        _token, secret = tokens.issue(user=request.user, name=form.cleaned_data["name"],
                                      days=form.cleaned_data["days"])  # fmt: skip
        return self.render_to_response({**self.get_context_data(), "secret": secret})
