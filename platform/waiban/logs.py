"""Logging helpers named in ``settings.LOGGING``."""

from __future__ import annotations

import logging


class ClientErrorsOnOneLine(logging.Filter):
    """A refused request (403, and any other 4xx) is the client's doing, not a fault here:
    Django logs it with the exception's traceback; keep the one line
    ("Forbidden (Permission denied): /path") and drop the traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
