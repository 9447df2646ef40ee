"""Lost updates (issue 12): two clerks open the same record; the second to save must not silently overwrite the
first. Each such record carries a `version`, raised by one on every save. A form carries the version it was drawn
from in a hidden field, an API client the ETag it read (`If-Match`); the service compares it with the locked row and
refuses a stale one (`StaleVersion`: the form shows it on top, the API answers 412)."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

STALE = ("{what} vừa được người khác sửa sau khi bạn mở trang này ({who}). Những thay đổi của bạn chưa được lưu: "
         "hãy mở lại trang để xem bản mới nhất rồi sửa lại.")
BAD_IF_MATCH = 'Tiêu đề If-Match phải là ETag đã đọc của bản ghi, ví dụ "3".'
_ETAG = re.compile(r'^\s*(?:W/)?"(\d{1,9})"\s*$')


class StaleVersion(ValidationError):
    def __init__(self, instance):
        what = f"{instance._meta.verbose_name.capitalize()} “{instance}”"
        super().__init__(STALE.format(what=what, who=f"bản số {instance.version}"), code="stale")


class Versioned(models.Model):
    """A record two clerks may edit at once. Every save raises its version (with `update_fields` too); a bulk
    `update()` must raise it itself (`F("version") + 1`)."""

    version = models.PositiveIntegerField("phiên bản", default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)


def require_version(locked: Versioned, expected: int | None) -> None:
    """Refuse a change drawn from an older version of `locked` (the row as locked by the service). None: the caller
    did not say which version it read (an API client without If-Match): the change goes ahead."""
    if expected is not None and expected != locked.version:
        raise StaleVersion(locked)


def etag(instance: Versioned) -> str:
    return f'"{instance.version}"'


def version_from_if_match(header: str | None) -> int | None:
    """The version an `If-Match` header names; None without one (or `*`). ValueError for anything else."""
    if header is None or header.strip() in ("", "*"):
        return None
    match = _ETAG.match(header)
    if match is None:
        raise ValueError(BAD_IF_MATCH)
    return int(match.group(1))


def version_field() -> forms.IntegerField:
    """The hidden field of an edit form: the version the form was drawn from."""
    return forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


def if_match_version(header: str | None) -> int | None:
    """The version an API client read, from its If-Match header (a 400 naming the header when it is not an ETag)."""
    from ninja.errors import HttpError

    try:
        return version_from_if_match(header)
    except ValueError as error:
        raise HttpError(400, str(error)) from error
