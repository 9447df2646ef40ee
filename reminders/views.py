"""The inbox: a user's current reminders, each linked to its record; its count in the menu; marking read."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from core.views import paginate, uuid_or_404
from reminders.models import Reminder
from reminders.services import mark_read


@login_required
@require_GET
def inbox(request):
    reminders = Reminder.objects.current().filter(user=request.user).select_related("organization")
    page = paginate(request, reminders.order_by("read_at", "due_on", "-created"))
    return render(request, "reminders/inbox.html", {"page": page})


@login_required
@require_GET
def inbox_count(request):
    """The menu's count, asked by htmx once the page is drawn (so no page pays for it)."""
    count = Reminder.objects.unread().filter(user=request.user).count()
    return render(request, "reminders/count.html", {"count": count})


@login_required
@require_POST
def inbox_read(request):
    """Mark one reminder read (?id= in the form), or all of them."""
    key = uuid_or_404(request.POST.get("id", ""))
    mark_read(request.user, Reminder.objects.filter(pk=key) if key else None)
    return redirect("inbox")
