"""A refused request is one line in the log, not a traceback (issue 12)."""

import logging

from django.urls import reverse

from config.logs import OneLineRefusals


def test_a_403_is_logged_without_its_traceback(client, superior, world, caplog):
    client.force_login(superior)  # reads the wards, enters no meeting
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(reverse("meeting_create"))
    assert response.status_code == 403
    records = [r for r in caplog.records if getattr(r, "status_code", None) == 403]
    # Django logs the refusal with its PermissionDenied attached; the console handler's filter drops it.
    assert records and all(r.exc_info is None for r in records)
    assert all("\n" not in logging.Formatter().format(r) for r in records)
    assert OneLineRefusals in {type(f) for h in logging.getLogger().handlers for f in h.filters}
