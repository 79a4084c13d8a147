"""The waiban Django project: settings, host routing, root URLconfs, WSGI/ASGI.

The folder ``platform/`` that holds this package is deliberately not a package
itself: a ``platform/__init__.py`` at the repository root would shadow the standard
library's ``platform`` module. manage.py, wsgi.py and pytest put ``platform/`` on
``sys.path``.
"""
