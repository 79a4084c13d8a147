"""The offices' UI speaks Simplified Chinese unless the user switched to English.

Unlike Django's LocaleMiddleware, the browser's Accept-Language is not consulted: an
office's default is its working language. The switch (``/i18n/setlang/``) sets the
language cookie, which is honoured on every later request.
"""

from django.conf import settings
from django.utils import translation


class OfficeLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
