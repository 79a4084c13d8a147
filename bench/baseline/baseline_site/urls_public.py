from customers.models import Client
from django.http import JsonResponse
from django.urls import path


def clients(request):
    return JsonResponse({"clients": list(Client.objects.values_list("schema_name", flat=True))})


urlpatterns = [path("", clients)]
