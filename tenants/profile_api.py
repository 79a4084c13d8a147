"""The operators' profile API on the platform host (``/api/v1/profiles/...``,
``/api/v1/proposals/...``) and the office administrators' one on city hosts
(``/api/v1/office/units/``). Input is read by the same forms as the pages; a bad input
answers 400 with field messages (and, for a profile, each problem's path and line)."""

from __future__ import annotations

import yaml
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.casework.inputs import validated
from city_profiles.loader import as_json
from tenants import office, profile_ops
from tenants.forms import ProfileTextForm, ReasonForm
from tenants.inputs import UnitChangeInput
from tenants.models import ProfileProposal, ProfileVersion
from tenants.profile_ops import ProfileTextError

MANAGE = "platform.manage_cities"


def invalid(fields: dict, problems: list | None = None) -> Response:
    body = {"status": 400, "code": "invalid", "message": _("Invalid input."), "fields": fields}
    if problems is not None:
        body["problems"] = [problem.as_json() for problem in problems]
    return Response(body, status=status.HTTP_400_BAD_REQUEST)


def form_errors(form) -> dict:
    return {key: [str(message) for message in value] for key, value in form.errors.items()}


def _kind_and_owner(data) -> tuple[str, str | None]:
    kind = data.get("kind") or "city"
    if kind not in profile_ops.KINDS:
        raise _Invalid({"kind": [_("Choose city or province.")]})
    owner = data.get("owner") or None
    if owner is not None and profile_ops.owner_object(kind, str(owner)) is None:
        raise _Invalid({"owner": [_("No such city or province.")]})
    return kind, owner


class _Invalid(Exception):
    def __init__(self, fields):
        self.fields = fields


def version_json(version: ProfileVersion) -> dict:
    return {
        "number": version.number,
        "sha256": version.sha256,
        "applied_by": version.applied_by,
        "proposed_by": version.proposed_by,
        "reason": version.reason,
        "restored_from": version.restored_from,
        "applied_at": version.applied_at.isoformat(),
    }


class _ProfileTextView(APIView):
    required_permissions = {"POST": MANAGE}

    def read(self, request):
        if not hasattr(request.data, "get"):
            raise _Invalid({"non_field_errors": [_("Send an object.")]})
        form = ProfileTextForm(request.data, request.FILES)
        if not form.is_valid():
            raise _Invalid(form_errors(form))
        kind, owner = _kind_and_owner(request.data)
        return form, kind, owner

    def post(self, request, *args, **kwargs):
        try:
            form, kind, owner = self.read(request)
            return self.handle(request, form.cleaned_data, kind, owner)
        except _Invalid as error:
            return invalid(error.fields)
        except ProfileTextError as error:
            fields = {}
            for problem in error.problems:
                fields.setdefault(problem.path or "text", []).append(problem.message)
            return invalid(fields, error.problems)


class ValidateProfileView(_ProfileTextView):
    """POST {kind, text, owner?} -> {valid, problems: [{path, line, message}]} (200 either way)."""

    def handle(self, request, cleaned, kind, owner):
        _data, problems = profile_ops.validate(kind=kind, text=cleaned["text"], owner=owner)
        return Response({"valid": not problems, "problems": [problem.as_json() for problem in problems]})


class DryRunProfileView(_ProfileTextView):
    """POST {kind, text, owner?} -> what applying would change; writes nothing."""

    def handle(self, request, cleaned, kind, owner):
        preview = profile_ops.preview(kind=kind, text=cleaned["text"], owner=owner)
        return Response(
            {
                "kind": kind,
                "code": preview.owner,
                "created": preview.created,
                "changes": preview.changes,
                "impact": preview.impact.as_json(),
                "diff": preview.text_diff,
            }
        )


class ApplyProfileView(_ProfileTextView):
    """POST {kind, text, owner?, reason} -> 201 {code, version, admin_link?}."""

    def handle(self, request, cleaned, kind, owner):
        result = profile_ops.apply(
            kind=kind, text=cleaned["text"], actor=request.user, reason=cleaned["reason"], owner=owner
        )
        target = profile_ops.owner_object(kind, result.code)
        body = {"code": result.code, "version": target.profile_version, "changes": result.changes}
        if result.admin_link:
            body["admin_link"] = result.admin_link  # shown this once; not kept in clear anywhere
        response = Response(body, status=status.HTTP_201_CREATED if result.changes else status.HTTP_200_OK)
        response["Cache-Control"] = "no-store"
        return response


class _OwnerView(APIView):
    required_permissions = {"GET": MANAGE, "POST": MANAGE}

    def owner(self) -> tuple[str, str]:
        kind, code = self.kwargs["kind"], self.kwargs["code"]
        if kind not in profile_ops.KINDS or profile_ops.owner_object(kind, code) is None:
            raise Http404
        return kind, code


class VersionListView(_OwnerView):
    def get(self, request, *args, **kwargs):
        kind, code = self.owner()
        return Response({"results": [version_json(v) for v in profile_ops.versions(kind, code)]})


class VersionDiffView(_OwnerView):
    """GET ?from=N&to=M -> the text's unified diff and what it changes for users."""

    def get(self, request, *args, **kwargs):
        kind, code = self.owner()
        numbers = {}
        for key in ("from", "to"):
            try:
                numbers[key] = int(request.query_params.get(key, ""))
            except ValueError:
                return invalid({key: [_("Give a version number.")]})
        old = profile_ops.version(kind, code, numbers["from"])
        new = profile_ops.version(kind, code, numbers["to"])
        if old is None or new is None:
            return invalid({"from" if old is None else "to": [_("No such version.")]})
        impact = profile_ops.impact(
            as_json(yaml.safe_load(old.text)),
            as_json(yaml.safe_load(new.text)),
            city_code=code if kind == "city" else None,
        )
        return Response(
            {
                "from": old.number,
                "to": new.number,
                "diff": profile_ops.text_diff(old.text, new.text, f"v{old.number}", f"v{new.number}"),
                "impact": impact.as_json(),
            }
        )


class RestoreVersionView(_OwnerView):
    """POST {version, reason} -> 201 {version}: that version's text applied as a new one."""

    def post(self, request, *args, **kwargs):
        kind, code = self.owner()
        form = ReasonForm(request.data if hasattr(request.data, "get") else {})
        errors = {} if form.is_valid() else form_errors(form)
        try:
            number = int((request.data.get("version") if hasattr(request.data, "get") else "") or "")
        except (TypeError, ValueError):
            errors["version"] = [_("Give a version number.")]
        if errors:
            return invalid(errors)
        try:
            profile_ops.restore(
                kind=kind, owner=code, number=number, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ProfileTextError as error:
            return invalid({p.path or "version": [p.message] for p in error.problems}, error.problems)
        target = profile_ops.owner_object(kind, code)
        return Response({"version": target.profile_version}, status=status.HTTP_201_CREATED)


def proposal_json(proposal: ProfileProposal) -> dict:
    return {
        "id": proposal.pk,
        "city": proposal.city.code,
        "change": proposal.summary,
        "proposed_by": proposal.proposed_by,
        "reason": proposal.reason,
        "status": proposal.status,
        "decided_by": proposal.decided_by,
        "decision_reason": proposal.decision_reason,
        "version": proposal.version,
        "created_at": proposal.created_at.isoformat(),
    }


class ProposalListView(APIView):
    required_permissions = {"GET": MANAGE}

    def get(self, request, *args, **kwargs):
        proposals = ProfileProposal.objects.select_related("city").order_by("-created_at")
        wanted = request.query_params.get("status")
        if wanted:
            proposals = proposals.filter(status=wanted)
        return Response({"results": [proposal_json(p) for p in proposals[:200]]})


class ProposalDecisionView(APIView):
    """POST {reason} to .../approve/ or .../reject/ (a rejection needs the reason)."""

    required_permissions = {"POST": MANAGE}
    decision = ""

    def post(self, request, *args, **kwargs):
        proposal = ProfileProposal.objects.select_related("city").filter(pk=self.kwargs["pk"]).first()
        if proposal is None:
            raise Http404
        form = ReasonForm(request.data if hasattr(request.data, "get") else {})
        if self.decision == "approve":
            form.fields["reason"].required = False
        if not form.is_valid():
            return invalid(form_errors(form))
        try:
            if self.decision == "approve":
                proposal = office.approve(
                    proposal=proposal, actor=request.user, reason=form.cleaned_data["reason"]
                )
            else:
                proposal = office.reject(
                    proposal=proposal, actor=request.user, reason=form.cleaned_data["reason"]
                )
        except office.UnitChangeError as error:
            return invalid(error.errors)
        except ProfileTextError as error:
            return invalid({p.path or "text": [p.message] for p in error.problems}, error.problems)
        return Response(proposal_json(proposal))


# -- city hosts: the office administrator ----------------------------------------------------


class OfficeUnitsView(APIView):
    """GET: the city's units, divisions and its proposals. POST {section, action, code,
    name_zh, name_en, kind, reason}: 201 a new version (live) or 202 a proposal."""

    required_permissions = {"GET": "office.manage_units", "POST": "office.manage_units"}

    @extend_schema(summary="The office's submitting units, divisions and proposals", responses={200: dict})
    def get(self, request, *args, **kwargs):
        from django.db import connection

        city = connection.tenant
        return Response(
            {
                "submitting_units": city.profile.get("submitting_units") or [],
                "divisions": city.profile.get("divisions") or [],
                "live": office.units_live(city.profile),
                "proposals": [proposal_json(p) for p in office.of_city(city).select_related("city")[:100]],
            }
        )

    @extend_schema(
        summary="Change a submitting unit or division (at once, or proposed to the operators)",
        request=UnitChangeInput,
        responses={
            201: OpenApiResponse(description="a new profile version"),
            202: OpenApiResponse(description="a proposal"),
        },
    )
    def post(self, request, *args, **kwargs):
        data = validated(UnitChangeInput, request.data)
        try:
            outcome = office.change_units_as_input(actor=request.user, data=data)
        except office.UnitChangeError as error:
            raise exceptions.ValidationError(error.errors) from None
        except ProfileTextError as error:
            raise exceptions.ValidationError({"non_field_errors": [str(error)]}) from None
        if outcome.applied:
            return Response({"applied": True, "version": outcome.version}, status=status.HTTP_201_CREATED)
        return Response(
            {"applied": False, "proposal": proposal_json(outcome.proposal)}, status=status.HTTP_202_ACCEPTED
        )
