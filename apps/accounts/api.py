"""Account endpoints of the API: who am I, and a token for scripts."""

from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import AuthenticationFailed, NotFound, PermissionDenied, Throttled
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.accounts import services, tokens, two_factor
from apps.accounts.access import user_permissions


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    display_name = serializers.CharField()
    role = serializers.CharField()
    role_label = serializers.CharField()
    permissions = serializers.ListField(child=serializers.CharField())
    city = serializers.CharField(allow_null=True)


class MeView(APIView):
    required_permissions = {"GET": "core.use_api"}

    @extend_schema(responses=MeSerializer, summary="The signed-in user, role and permissions")
    def get(self, request):
        user = request.user
        city = getattr(request, "city", None)
        data = {
            "username": user.username,
            "display_name": user.display_name,
            "role": user.role,
            "role_label": user.role_label,
            "permissions": sorted(user_permissions(request)),
            "city": city.code if city else None,
        }
        return Response(MeSerializer(data).data)


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, style={"input_type": "password"})
    name = serializers.CharField(
        max_length=80, required=False, allow_blank=True, help_text="What the token is for (in the list)."
    )
    days = serializers.IntegerField(
        min_value=1, max_value=settings.API_TOKEN_DAYS, required=False, help_text="Days until it expires."
    )
    code = serializers.CharField(
        max_length=20,
        required=False,
        allow_blank=True,
        help_text="One-time code (authenticator app, or a recovery code): required where the "
        "user's role signs in with two factors.",
    )


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="The secret: shown this once, never again.")
    id = serializers.IntegerField()
    expires_at = serializers.DateTimeField()


class TokenSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    user = serializers.CharField(source="user.username")
    name = serializers.CharField()
    prefix = serializers.CharField(help_text="The first characters of the secret, to tell tokens apart.")
    created_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField()
    last_used_at = serializers.DateTimeField(allow_null=True)
    revoked_at = serializers.DateTimeField(allow_null=True)
    status = serializers.ChoiceField(choices=["active", "expired", "revoked", "void"])


class ObtainTokenView(APIView):
    """Exchanges this city's user name and password for an API token (throttled)."""

    public_endpoint = True
    authentication_classes: list = []

    @extend_schema(
        request=TokenRequestSerializer, responses=TokenResponseSerializer, summary="Get an API token"
    )
    def post(self, request):
        payload = TokenRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        try:
            user = services.authenticate_for_site(
                request=request, username=data["username"], password=data["password"]
            )
        except services.SignInRefused as refusal:
            if refusal.throttled:
                raise Throttled(detail=refusal.message) from None
            raise AuthenticationFailed(refusal.message) from None
        if two_factor.is_required(request, user):
            # A token is issued only against a verified second factor, as a web session is.
            if not two_factor.is_enrolled(user):
                raise PermissionDenied(_("Set up two-factor sign-in on the web first."))
            outcome, _device = two_factor.verify_code(user=user, code=data.get("code", ""), request=request)
            if outcome.throttled:
                raise Throttled(detail=outcome.message)
            if not outcome.ok:
                raise AuthenticationFailed(outcome.message)
        token, secret = tokens.issue(user=user, name=data.get("name", ""), days=data.get("days"))
        return Response({"token": secret, "id": token.pk, "expires_at": token.expires_at}, status=201)


class TokenListView(ListAPIView):
    """The caller's API tokens (the office administrator: everyone's in the office)."""

    required_permissions = {"GET": "core.use_api"}
    serializer_class = TokenSerializer

    def get_queryset(self):
        return tokens.visible_to(self.request.user)

    @extend_schema(summary="List API tokens")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class TokenRevokeView(APIView):
    """Revokes one token at once (its owner, or the office administrator)."""

    required_permissions = {"DELETE": "core.use_api"}

    @extend_schema(responses={204: None}, summary="Revoke an API token")
    def delete(self, request, pk: int):
        token = tokens.visible_to(request.user).filter(pk=pk).first()
        if token is None:
            raise NotFound
        tokens.revoke(actor=request.user, token=token)
        return Response(status=204)
