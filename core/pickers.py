"""Search-as-you-type pickers (issue 15): where a form picks one of the units, people or members of a scope that may
hold a province, the page carries a select holding only the chosen option, and beside it a search box whose words
fetch the matching choices (at most PICK_LIMIT) into that select (htmx; static/js/pickers.js then tells the form the
choice changed). The form still validates the choice against its own queryset, scoped to the user, so a picker shows
nothing the user may not read and accepts nothing the form would not.

An app names where a picker's choices come from (`register_source`): the records a user may pick with a permission,
how a query narrows them, and their labels. `SearchSelect(source, perm=…)` is the widget; `pick` answers its
searches.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode

from core.scoping import PERMISSION_LABELS

PICK_LIMIT = 20
SEARCH_SUFFIX = "__search"


@dataclass(frozen=True)
class Source:
    """Where a picker's choices come from. `choices(user, perm, kinds, within)`: the records the user may pick (the
    source checks its own read permission as well as `perm`; `kinds`: a narrowing the source understands, e.g. kinds
    of unit; `within`: the id of a unit whose subtree holds them, as the form's queryset narrows them);
    `search(records, query)`: those matching, in the order to list them; `labels(records)`: their labels, a batch at
    a time (a label may name a parent unit: one query)."""

    choices: Callable
    search: Callable
    labels: Callable


SOURCES: dict[str, Source] = {}


def register_source(name: str, source: Source) -> None:
    SOURCES[name] = source


class SearchSelect(forms.Select):
    """The widget of a ModelChoiceField whose choices may be thousands: only the empty and the chosen option are
    rendered; the search box beside fetches others."""

    def __init__(self, source: str, *, perm: str, kinds: tuple[str, ...] = (), within=None, attrs=None):
        super().__init__(attrs)
        self.source, self.perm, self.kinds, self.within = source, perm, tuple(kinds), within

    def options_url(self, name: str, blank_label: str | None) -> str:
        query = {"perm": self.perm, "field": name}
        if self.kinds:
            query["kinds"] = ",".join(self.kinds)
        if self.within is not None:
            query["within"] = str(self.within)
        if blank_label is not None:
            query["blank"] = blank_label
        return f"{reverse('pick', args=[self.source])}?{urlencode(query)}"

    def optgroups(self, name, value, attrs=None):
        field = self.choices.field
        chosen = [str(item) for item in value if item not in ("", None)]
        options = [("", field.empty_label)] if field.empty_label is not None else []
        if chosen:
            try:
                records = list(self.choices.queryset.filter(pk__in=chosen))
            except (ValidationError, ValueError):
                records = []
            labels = SOURCES[self.source].labels(records)
            options += [(str(field.prepare_value(record)), label)
                        for record, label in zip(records, labels, strict=True)]
        return [(None, [self.create_option(name, key, label, key in chosen or (not key and not chosen), index,
                                           attrs=attrs)], index)
                for index, (key, label) in enumerate(options)]

    def render(self, name, value, attrs=None, renderer=None):
        attrs = {**(attrs or {}), "data-picker": "true"}
        select = super().render(name, value, attrs, renderer)
        field = self.choices.field
        select_id = attrs.get("id") or f"id_{name}"
        search = format_html(
            '<input type="search" name="{}" id="{}" autocomplete="off" maxlength="100"'
            ' placeholder="Gõ vài chữ của tên để tìm…" aria-label="Tìm để chọn" aria-controls="{}"'
            ' hx-get="{}" hx-trigger="input changed delay:300ms, search" hx-target="#{}" hx-swap="innerHTML"'
            ' hx-include="#{}" hx-sync="this:replace">',
            f"{name}{SEARCH_SUFFIX}", f"{select_id}{SEARCH_SUFFIX}", select_id,
            self.options_url(name, field.empty_label), select_id, select_id,
        )
        return format_html('<span class="picker">{}{}</span>', search, select)


@login_required
def pick(request, source: str):
    """The options of a picker for what was typed: the choice already made first (still chosen: the form changes only
    when the user picks another), then at most PICK_LIMIT of the records the user may pick."""
    found = SOURCES.get(source)
    perm = request.GET.get("perm", "")
    if found is None or perm not in PERMISSION_LABELS:
        raise Http404("Không có danh sách chọn này.")
    field = request.GET.get("field", "")
    query = request.GET.get(f"{field}{SEARCH_SUFFIX}", "").strip()[:100]
    kinds = tuple(kind for kind in request.GET.get("kinds", "").split(",") if kind)
    try:
        records = found.choices(request.user, perm, kinds, request.GET.get("within") or None)
        chosen = list(records.filter(pk=request.GET[field])[:1]) if request.GET.get(field) else []
    except (ValidationError, ValueError):  # an id that is not one
        records, chosen = found.choices(request.user, perm, kinds, None).none(), []
    options = [("", request.GET["blank"][:100], False, not chosen)] if "blank" in request.GET else []
    options += [(str(record.pk), label, False, True) for record, label in zip(chosen, found.labels(chosen),
                                                                               strict=True)]
    if query:
        matches = [record for record in found.search(records, query)[:PICK_LIMIT + 1] if record not in chosen]
        shown = matches[:PICK_LIMIT]
        options += [(str(record.pk), label, False, False)
                    for record, label in zip(shown, found.labels(shown), strict=True)]
        if not matches:
            options.append(("", f"Không tìm thấy “{query}” trong phạm vi được giao", True, False))
        elif len(matches) > PICK_LIMIT:
            options.append(("", f"Chỉ hiện {PICK_LIMIT} kết quả đầu: gõ thêm để thu hẹp", True, False))
    html = format_html_join("", '<option value="{}"{}{}>{}</option>', (
        (key, " disabled" if disabled else "", " selected" if selected else "", label)
        for key, label, disabled, selected in options))
    return HttpResponse(html)
