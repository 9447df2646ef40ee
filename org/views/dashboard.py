"""The dashboard: real counts over what the user may see, per ward (per unit for a chi bộ secretary)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from documents.models import Document
from org.permissions import has_any_perm
from org.stats import dashboard_units, unit_counts

MEASURES = ("organizations", "committees", "people", "positions")
QUEUE_SHOWN = 10  # the oldest drafts awaiting approval shown on the dashboard; the list holds the rest


@login_required
def dashboard(request):
    rows = unit_counts(request.user, dashboard_units(request.user), on=timezone.localdate())
    totals = {key: sum(row[key] for row in rows) for key in MEASURES}
    context = {"rows": rows, "totals": totals}
    if has_any_perm(request.user, "decisions.approve"):  # the secretary's queue
        queue = Document.objects.for_user(request.user, "decisions.approve").awaiting_approval()
        context["queue"] = list(queue.select_related("organization")[:QUEUE_SHOWN])
        context["queue_count"] = queue.count() if len(context["queue"]) == QUEUE_SHOWN else len(context["queue"])
    return render(request, "org/dashboard.html", context)
