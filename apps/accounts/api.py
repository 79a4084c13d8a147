"""Account endpoints of the API: who am I, and a token for scripts."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed, Throttled
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.accounts import services
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


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField()


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
        try:
            user = services.authenticate_for_site(request=request, **payload.validated_data)
        except services.SignInRefused as refusal:
            if refusal.throttled:
                raise Throttled(detail=refusal.message) from None
            raise AuthenticationFailed(refusal.message) from None
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})
