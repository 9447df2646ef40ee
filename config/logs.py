"""Logging pieces named by settings.LOGGING."""

import logging


class OneLineRefusals(logging.Filter):
    """A refused request (403) is logged as one line, not with the traceback of the PermissionDenied that refused
    it (issue 12): the log is for what went wrong, and a refusal is the system working."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
