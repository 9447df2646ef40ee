"""Rendering audit rows for people: field labels and values as the record's page shows them."""

import datetime

from django import template
from django.core.exceptions import FieldDoesNotExist

register = template.Library()


def _field(entry, name):
    model = entry.content_type.model_class() if entry.content_type_id else None
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


@register.simple_tag
def change_rows(entry):
    """[(label, old, new)] for an audit row's changes, with Vietnamese labels and dd/mm/yyyy dates."""
    rows = []
    for name, change in entry.changes.items():
        field = _field(entry, name)
        label = str(field.verbose_name) if field is not None else name
        rows.append((label, _display(field, change.get("old")), _display(field, change.get("new"))))
    return rows


def _display(field, value):
    if value in (None, ""):
        return "—"
    if field is not None and field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return datetime.date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    return value
