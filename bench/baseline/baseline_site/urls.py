from django.http import JsonResponse
from django.urls import path
from notes.models import Note


def notes(request):
    return JsonResponse(
        {"tenant": request.tenant.schema_name, "notes": list(Note.objects.values("text")[:10])}
    )


urlpatterns = [path("", notes)]
