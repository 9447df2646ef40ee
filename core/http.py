"""Answers the pages share."""

from urllib.parse import quote

from django.http import HttpResponse


def download(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    """A file to save: its bytes, its type and its name (RFC 6266's filename*, so a Vietnamese name survives)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
