"""The dashboard: real counts over what the user may see, per ward (per unit for a chi bộ secretary)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from org.stats import dashboard_units, unit_counts

MEASURES = ("organizations", "committees", "people", "positions")


@login_required
def dashboard(request):
    rows = unit_counts(request.user, dashboard_units(request.user), on=timezone.localdate())
    totals = {key: sum(row[key] for row in rows) for key in MEASURES}
    return render(request, "org/dashboard.html", {"rows": rows, "totals": totals})
