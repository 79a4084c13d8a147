"""The operators' profile pages (issue 13): onboard a city or province from a profile
written in the editor or uploaded, change a profile, see its versions and their diffs,
restore one, decide the office administrators' proposals. Every write is a service of
``tenants.profile_ops`` / ``tenants.office``."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from apps.accounts.access import PermissionRequiredMixin
from tenants import office, profile_ops
from tenants.forms import ProfileTextForm, ReasonForm
from tenants.models import ProfileProposal
from tenants.profile_ops import ProfileTextError

MANAGE = "platform.manage_cities"


class _ProfileView(PermissionRequiredMixin, TemplateView):
    required_permissions = {"GET": MANAGE, "POST": MANAGE}

    @property
    def kind(self) -> str:
        kind = self.kwargs["kind"]
        if kind not in profile_ops.KINDS:
            raise Http404
        return kind

    @property
    def owner(self) -> str | None:
        code = self.kwargs.get("code")
        if code is None:
            return None
        target = profile_ops.owner_object(self.kind, code)
        if target is None:
            raise Http404
        return code

    def target(self):
        return profile_ops.owner_object(self.kind, self.owner) if self.owner else None

    def common(self) -> dict:
        return {
            "kind": self.kind,
            "owner": self.owner,
            "target": self.target(),
            "validate_url": reverse("api:profiles-validate"),
            "versions_url": (
                reverse("profile-versions", kwargs={"kind": self.kind, "code": self.owner})
                if self.owner
                else ""
            ),
        }


class ProfileEditorView(_ProfileView):
    """GET: the editor (empty for a new city or province, else the applied text).
    POST ``step=preview``: validate and show what applying would do (writes nothing).
    POST ``step=apply``: apply; a new city's one-time sign-in link is shown once."""

    template_name = "platform/profile_editor.html"

    def get_context_data(self, **kwargs):
        context = {**super().get_context_data(**kwargs), **self.common()}
        if "form" not in kwargs:
            initial = {"text": profile_ops.current_text(self.kind, self.owner)} if self.owner else {}
            context["form"] = ProfileTextForm(initial=initial)
        return context

    def post(self, request, *args, **kwargs):
        form = ProfileTextForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        text = form.cleaned_data["text"]
        try:
            if request.POST.get("step") != "apply":
                preview = profile_ops.preview(kind=self.kind, text=text, owner=self.owner)
                return self.response_class(
                    request=request,
                    template=["platform/profile_preview.html"],
                    context={**self.common(), "preview": preview, "form": form},
                    using=self.template_engine,
                )
            result = profile_ops.apply(
                kind=self.kind,
                text=text,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                owner=self.owner,
            )
        except ProfileTextError as error:
            if request.POST.get("step") == "apply" and any(p.path == "reason" for p in error.problems):
                form.add_error("reason", error.problems[0].message)
                preview = profile_ops.preview(kind=self.kind, text=text, owner=self.owner)
                return self.response_class(
                    request=request,
                    template=["platform/profile_preview.html"],
                    context={**self.common(), "preview": preview, "form": form},
                    using=self.template_engine,
                    status=400,
                )
            context = self.get_context_data(form=form, problems=error.problems)
            return self.render_to_response(context, status=400)
        if self.owner is None:
            # The new office's result page: its administrator's link, shown this once (never
            # stored in clear, never logged, never in a redirect's address).
            response = self.response_class(
                request=request,
                template=["platform/profile_onboarded.html"],
                context={**self.common(), "result": result, "code": result.code},
                using=self.template_engine,
            )
            response["Cache-Control"] = "no-store"
            response["Referrer-Policy"] = "no-referrer"
            return response
        messages.success(request, _("The profile is applied."))
        return redirect("profile-versions", kind=self.kind, code=self.owner)


class ProfileVersionsView(_ProfileView):
    template_name = "platform/profile_versions.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("restore_form", ReasonForm())
        return {
            **super().get_context_data(**kwargs),
            **self.common(),
            "versions": profile_ops.versions(self.kind, self.owner),
        }

    def post(self, request, *args, **kwargs):
        """Restore: the chosen version's text applied again as a new version."""
        form = ReasonForm(request.POST)
        try:
            number = int(request.POST.get("version", ""))
        except ValueError:
            raise Http404 from None
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(restore_form=form), status=400)
        try:
            profile_ops.restore(
                kind=self.kind,
                owner=self.owner,
                number=number,
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ProfileTextError as error:
            for problem in error.problems:
                messages.error(request, f"{problem.path}: {problem.message}")
            return redirect("profile-versions", kind=self.kind, code=self.owner)
        messages.success(request, _("Version %(number)s is restored as a new version.") % {"number": number})
        return redirect("profile-versions", kind=self.kind, code=self.owner)


class ProfileDiffView(_ProfileView):
    """Any two versions: the text's diff and what it changes for users."""

    template_name = "platform/profile_diff.html"

    def get_context_data(self, **kwargs):
        import yaml

        from city_profiles.loader import as_json

        try:
            old_number = int(self.request.GET.get("from", ""))
            new_number = int(self.request.GET.get("to", ""))
        except ValueError:
            raise Http404 from None
        old = profile_ops.version(self.kind, self.owner, old_number)
        new = profile_ops.version(self.kind, self.owner, new_number)
        if old is None or new is None:
            raise Http404
        impact = profile_ops.impact(
            as_json(yaml.safe_load(old.text)),
            as_json(yaml.safe_load(new.text)),
            city_code=self.owner if self.kind == "city" else None,
        )
        return {
            **super().get_context_data(**kwargs),
            **self.common(),
            "old": old,
            "new": new,
            "impact": impact,
            "text_diff": profile_ops.text_diff(old.text, new.text, f"v{old.number}", f"v{new.number}"),
        }


class ProposalListView(PermissionRequiredMixin, TemplateView):
    template_name = "platform/proposals.html"
    required_permissions = {"GET": MANAGE}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "pending": office.pending(),
            "decided": ProfileProposal.objects.select_related("city").exclude(
                status=ProfileProposal.Status.PENDING
            )[:50],
        }


class ProposalDetailView(PermissionRequiredMixin, TemplateView):
    template_name = "platform/proposal.html"
    required_permissions = {"GET": MANAGE, "POST": MANAGE}

    def get_proposal(self) -> ProfileProposal:
        proposal = ProfileProposal.objects.select_related("city").filter(pk=self.kwargs["pk"]).first()
        if proposal is None:
            raise Http404
        return proposal

    def get_context_data(self, **kwargs):
        proposal = self.get_proposal()
        impact, problem = None, ""
        if proposal.status == ProfileProposal.Status.PENDING:
            try:
                impact = office.proposal_preview(proposal)
            except office.UnitChangeError as error:
                problem = str(error)
        kwargs.setdefault("form", ReasonForm())
        return {
            **super().get_context_data(**kwargs),
            "proposal": proposal,
            "impact": impact,
            "problem": problem,
            "text_diff": profile_ops.text_diff(
                profile_ops.current_text("city", proposal.city.code),
                proposal.text,
                _("applied"),
                _("proposed"),
            ),
        }

    def post(self, request, *args, **kwargs):
        proposal = self.get_proposal()
        decision = request.POST.get("decision")
        form = ReasonForm(request.POST)
        if decision == "approve":
            form.fields["reason"].required = False
        if decision not in ("approve", "reject") or not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            if decision == "approve":
                office.approve(proposal=proposal, actor=request.user, reason=form.cleaned_data["reason"])
                messages.success(request, _("The proposal is applied as a new version."))
            else:
                office.reject(proposal=proposal, actor=request.user, reason=form.cleaned_data["reason"])
                messages.success(request, _("The proposal is rejected."))
        except (office.UnitChangeError, ProfileTextError) as error:
            messages.error(request, str(error))
        return redirect("proposal-detail", pk=proposal.pk)
