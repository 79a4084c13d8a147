"""Sign-in and sign-out on every host (each against its own schema's accounts)."""

from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from apps.accounts import services
from apps.accounts.forms import SignInForm


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


@require_POST
def sign_out(request):
    services.sign_out(request=request)
    return redirect("login")
