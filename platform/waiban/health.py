"""/healthz on every host: is the database reachable?"""

from django.db import connection
from django.db.utils import Error as DatabaseError
from django.http import JsonResponse


def healthz(request):
    try:
        connection.set_schema_to_public()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
