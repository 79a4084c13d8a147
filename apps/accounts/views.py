"""Sign-in and sign-out on every host (each against its own schema's accounts)."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django.views.generic import TemplateView

from apps.accounts import links, services, tokens
from apps.accounts.access import PermissionRequiredMixin
from apps.accounts.forms import ChoosePasswordForm, NewTokenForm, SignInForm


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
            services.sign_in(
                request=request,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
            )
        except services.SignInRefused as refusal:
            form.add_error(None, refusal.message)
            status = 429 if refusal.throttled else 200
        else:
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
