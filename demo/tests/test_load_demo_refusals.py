"""load_demo refuses outside demo mode, and a run that fails half-way leaves nothing behind."""

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from audit.models import LogEntry
from demo import services
from org.models import Organization, Person


def nothing_stored() -> bool:
    return not (Organization.objects.exists() or Person.objects.exists() or User.objects.exists()
                or LogEntry.objects.exists())


@pytest.mark.django_db
def test_it_refuses_outside_demo_mode_and_creates_nothing(settings):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="DANGVU_DEMO=1"):
        call_command("load_demo")
    assert nothing_stored()


@pytest.mark.django_db
def test_a_run_that_fails_half_way_leaves_nothing(settings, monkeypatch):
    settings.DEMO_MODE = True
    calls = {"n": 0}
    create_position = services.create_position

    def failing_create_position(**fields):
        calls["n"] += 1
        if calls["n"] == 30:
            raise RuntimeError("mất điện")
        return create_position(**fields)

    monkeypatch.setattr(services, "create_position", failing_create_position)
    with pytest.raises(RuntimeError):
        call_command("load_demo")
    assert calls["n"] == 30
    assert nothing_stored()


@pytest.mark.django_db
def test_it_refuses_to_take_over_a_real_account_with_a_demo_username(settings):
    settings.DEMO_MODE = True
    User.objects.create_user(username="admin", password="mat-khau-that-cua-ai-do")
    with pytest.raises(CommandError, match="không ghi đè"):
        call_command("load_demo")
    assert not Organization.objects.exists()
    assert User.objects.get(username="admin").check_password("mat-khau-that-cua-ai-do")
