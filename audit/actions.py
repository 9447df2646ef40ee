"""Every audited action, by its stable dotted name, with the Vietnamese label users read.

Each app registers its own actions when it is ready (`<app>/actions.py`, as pretix's LogEntryTypeRegistry): audit
knows none of them, and a change cannot be logged under a name no app registered.
"""

from django.core.exceptions import ImproperlyConfigured

ACTION_LABELS: dict[str, str] = {}


def register_actions(labels: dict[str, str]) -> None:
    """Add an app's actions. A name may not be registered twice with different labels."""
    for action, label in labels.items():
        if ACTION_LABELS.get(action, label) != label:
            raise ImproperlyConfigured(f"audit action {action!r} registered twice")
        ACTION_LABELS[action] = label


def require_registered(action: str) -> None:
    if action not in ACTION_LABELS:
        raise ImproperlyConfigured(f"audit action {action!r} is registered by no app (<app>/actions.py)")


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)
