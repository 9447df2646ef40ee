"""The audit page of a ward: every change, filterable by unit, action, person and dates; newest first, a page at a
time from the index (core.pagination.keyset_page: no count, no offset; one unit's log through
LogEntryQuerySet.newest_page, the same pages read a window of time at a time)."""

import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from audit.forms import AuditFilterForm
from audit.models import LogEntry
from core.pagination import keyset_page
from core.scoping import has_any_perm

PAGE_SIZE = 50


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@login_required
def audit_log(request):
    if not has_any_perm(request.user, "audit.view"):
        raise PermissionDenied("Bạn không có quyền xem nhật ký thay đổi.")
    form = AuditFilterForm(request.GET or None, organizations=LogEntry.organizations_for(request.user))
    entries = LogEntry.objects.for_user(request.user, "audit.view")
    unit = None
    if form.is_valid():
        data = form.cleaned_data
        unit = data["organization"]
        if unit:  # one of the units the user may read (the form's choices): so is its subtree
            entries = LogEntry.objects.under_units(form.fields["organization"].queryset.under(unit))
        if data["action"]:
            entries = entries.filter(action=data["action"])
        if data["actor"]:
            entries = entries.filter(actor_repr__icontains=data["actor"].strip())
        if data["since"]:
            entries = entries.filter(created__gte=_day_start(data["since"]))
        if data["until"]:
            entries = entries.filter(created__lt=_day_start(data["until"] + datetime.timedelta(days=1)))
    entries = entries.select_related("organization", "content_type")
    if unit:  # one unit's log: a window of time at a time, from the months' partitions (issue 15)
        page = entries.newest_page(request.GET.get("after"), PAGE_SIZE)
    else:
        page = keyset_page(entries, request.GET.get("after"), PAGE_SIZE)
    return render(request, "audit/log.html", {"form": form, "page": page})
