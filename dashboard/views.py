"""The dashboard: real counts over what the user may see. One ward (a clerk, a secretary, or the level above looking
into one ward with ?ward=): its figures with charts, what is overdue and what comes next. Several (the level above):
the same figures for each ward side by side, a page of wards at a time (?page=), sortable (?sort=), with the totals of
all of them."""

import datetime

from django.contrib.auth.decorators import login_required
from django.db.models import Count, F
from django.shortcuts import redirect, render
from django.utils import timezone

from core.scoping import has_any_perm
from dashboard.figures import (
    COLUMNS,
    MEASURES,
    MEMBER_STATUSES,
    PER_PAGE,
    PROBATION_DAYS,
    TASK_STATUSES,
    bars,
    unit_rows,
)
from dashboard.table import max_age_text, ward_table
from documents.models import Document
from meetings.models import CELL_KINDS, Meeting
from members.models import ON_ROLL, PartyMember
from org.models import Kind, Organization
from org.views.common import ward_scope
from reminders.models import Reminder
from work.models import Task
from work.targets import rows_of

QUEUE_SHOWN = 10  # the oldest drafts awaiting approval shown on the dashboard; the list holds the rest
SHOWN = 10  # rows of each "what comes next" list; the lists behind them hold the rest
TARGETS_SHOWN = 20  # a ward's targets of the year on its dashboard (a handful; the targets page holds them all)


@login_required
def dashboard(request):
    if not has_any_perm(request.user, "org.view") and has_any_perm(request.user, "tasks.view"):
        return redirect("task_list")  # a ward body's reporter: its tasks are its whole view
    today = timezone.localdate()
    wards, ward = ward_scope(request)
    units = [ward] if ward else list(wards)
    sort = request.GET.get("sort", "")
    context = {"columns": COLUMNS, "year": today.year, "sort": sort, "chosen": ward, "several": len(units) > 1,
               "probation_days": PROBATION_DAYS, "can_inspections": has_any_perm(request.user, "inspections.view")}
    if len(units) > 1:  # the level above: a page of its wards, the totals of all
        table = ward_table(request.user, units, today, sort=sort, page=request.GET.get("page"), per_page=PER_PAGE)
        context |= {"rows": table.rows, "totals": table.totals, "page": table.page, "ward_count": len(units),
                    "kept": table.kept, "kept_every": max_age_text()}
    else:
        context |= {"rows": unit_rows(request.user, units, today)}
        context["totals"] = {key: context["rows"][0][key] if units else 0 for key in MEASURES}
        if units:
            context |= _one_unit(request.user, units[0], context["rows"][0], today)
    for row in context["rows"]:
        row["cells"] = [(key, row[key]) for key, _label in COLUMNS]
    context["total_cells"] = [(key, context["totals"].get(key, 0)) for key, _label in COLUMNS]
    if has_any_perm(request.user, "decisions.approve"):  # the secretary's queue
        queue = Document.objects.for_user(request.user, "decisions.approve").awaiting_approval()
        context["queue"] = list(queue.select_related("organization")[:QUEUE_SHOWN])
        context["queue_count"] = queue.count() if len(context["queue"]) == QUEUE_SHOWN else len(context["queue"])
    return render(request, "dashboard/dashboard.html", context)


def _one_unit(user, unit: Organization, row: dict, today) -> dict:
    """What the dashboard of one ward shows beyond the counts: charts, the overdue tasks, the year's targets, what
    comes next, the members by chi bộ and the user's unread reminders: a few rows each, in a fixed number of
    queries."""
    members = PartyMember.objects.for_user(user, "members.view").under(unit)
    first = today.replace(day=1)
    met = Meeting.objects.held_between(first, today).filter(kind__in=CELL_KINDS)
    return {
        "member_bars": bars(row["members_by_status"], MEMBER_STATUSES, "member-"),
        "task_bars": bars(row["tasks_by_status"], TASK_STATUSES, "task-"),
        "overdue_tasks": list(Task.objects.for_user(user, "tasks.view").within(unit).overdue(today)
                              .select_related("lead_unit").order_by("due_on")[:SHOWN]),
        "targets": rows_of(row["target_list"][:TARGETS_SHOWN], today, row["reached"]),
        "probation": list(members.probation_ending(today, today + datetime.timedelta(days=PROBATION_DAYS))
                          .select_related("person", "organization").order_by("probation_ends_on")[:SHOWN]),
        "cells_not_met": list(Organization.objects.for_user(user, "meetings.view").open_on(today)
                              .filter(kind=Kind.CELL, path__startswith=unit.path)
                              .exclude(pk__in=met.values("organization")).order_by("path")[:SHOWN]),
        "by_cell": list(members.filter(status__in=ON_ROLL).values("organization_id", name=F("organization__name"))
                        .annotate(n=Count("pk")).order_by("organization__path")[:60]),
        "inbox": list(Reminder.objects.unread().filter(user=user).order_by("due_on", "created")[:5]),
        "unit": unit,
    }
