"""The dashboard: real counts over what the user may see, per ward (per unit for a chi bộ secretary)."""

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone

from core.scoping import has_any_perm
from documents.models import Document
from meetings.models import Meeting
from members.models import ON_ROLL, PartyMember
from org.stats import counts_by_unit, dashboard_units, unit_counts
from work.models import Task, TaskStatus

MEASURES = ("organizations", "committees", "people", "positions", "members", "overdue", "meetings", "documents",
            "tasks_open", "tasks_overdue", "tasks_done")
QUEUE_SHOWN = 10  # the oldest drafts awaiting approval shown on the dashboard; the list holds the rest


@login_required
def dashboard(request):
    if not has_any_perm(request.user, "org.view") and has_any_perm(request.user, "tasks.view"):
        return redirect("task_list")  # a ward body's reporter: its tasks are its whole view
    today = timezone.localdate()
    units = dashboard_units(request.user)
    rows = unit_counts(request.user, units, on=today)
    for row, work in zip(rows, work_counts(request.user, units, today=today), strict=True):
        row.update(work)
    totals = {key: sum(row[key] for row in rows) for key in MEASURES}
    context = {"rows": rows, "totals": totals, "year": today.year}
    if has_any_perm(request.user, "decisions.approve"):  # the secretary's queue
        queue = Document.objects.for_user(request.user, "decisions.approve").awaiting_approval()
        context["queue"] = list(queue.select_related("organization")[:QUEUE_SHOWN])
        context["queue_count"] = queue.count() if len(context["queue"]) == QUEUE_SHOWN else len(context["queue"])
    return render(request, "dashboard/dashboard.html", context)


def work_counts(user, units, *, today) -> list[dict]:
    """Per unit, what the level above compares its wards on: members on the roll, steps overdue (the clerk's list
    "Bước quá hạn"), meetings held and documents entered this year, the work program's tasks still open, overdue and
    completed this year (counted by the ward whose program holds them)."""
    members = PartyMember.objects.for_user(user, "members.view")
    tasks = Task.objects.for_user(user, "tasks.view")
    year = today.year
    return counts_by_unit(units, [
        ("members", members.filter(status__in=ON_ROLL), "organization__path"),
        ("overdue", members.overdue(today), "organization__path"),
        ("meetings", Meeting.objects.for_user(user, "meetings.view").filter(starts_at__year=year),
         "organization__path"),
        ("documents", Document.objects.for_user(user, "documents.view").filter(
            Q(issued_on__year=year) | Q(received_on__year=year)), "organization__path"),
        ("tasks_open", tasks.open(), "lead_unit__path"),
        ("tasks_overdue", tasks.overdue(today), "lead_unit__path"),
        ("tasks_done", tasks.filter(status__in=[TaskStatus.DONE, TaskStatus.DONE_LATE], completed_on__year=year),
         "lead_unit__path"),
    ])
