"""Each app registers its own audited actions (issue 12): audit knows none of them, and a change cannot be logged
under a name no app registered."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from audit.actions import ACTION_LABELS, register_actions
from audit.services import log_action


@pytest.mark.parametrize("app", ["org", "members", "documents", "meetings"])
def test_each_app_registers_its_own_actions(app):
    from importlib import import_module

    actions = import_module(f"{app}.actions").ACTIONS
    assert actions and all(name.startswith(f"{app}.") for name in actions)
    assert all(ACTION_LABELS[name] == label for name, label in actions.items())


def test_an_unregistered_action_cannot_be_logged(world, clerk):
    with pytest.raises(ImproperlyConfigured, match="registered by no app"), transaction.atomic():
        log_action("org.person.renamed_by_mistake", actor=clerk, obj=world.hung)


def test_a_name_cannot_be_registered_twice_with_another_label():
    with pytest.raises(ImproperlyConfigured, match="registered twice"):
        register_actions({"org.person.created": "Một nhãn khác"})

