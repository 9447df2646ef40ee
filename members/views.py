"""Pages of Party members: the list with search, a dossier with its lifecycle, and the forms that record it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from members import imports, services
from members.exports import XLSX, export_members
from members.forms import EventForm, ImportForm, RegisterCandidateForm
from members.lifecycle import TRANSITIONS, Lifecycle
from members.lists import CLERK_LISTS, DEFAULT_DAYS, badge_occasion, list_title, select_members
from members.models import MembershipEvent, PartyMember, Status
from org.models import Kind, Organization, Person
from org.permissions import get_object_for_user, has_any_perm, has_perm
from org.stats import dashboard_units
from org.views.common import history_for, paginate, submit


def _days(request) -> int:
    try:
        return min(max(int(request.GET.get("days", DEFAULT_DAYS)), 1), 3660)
    except ValueError:
        return DEFAULT_DAYS


def _list_params(request):
    status = request.GET.get("status", "")
    chosen = request.GET.get("list", "")
    return (
        request.GET.get("q", "").strip(),
        status if status in Status.values else "",
        chosen if chosen in CLERK_LISTS else "",
        timezone.localdate(),
    )


@login_required
def member_export(request):
    """The list on screen, with the same filters, as .xlsx (audited)."""
    query, status, chosen, today = _list_params(request)
    members = select_members(request.user, today=today, q=query, status=status, key=chosen, days=_days(request))
    units = dashboard_units(request.user)
    return export_members(members, title=list_title(chosen, today), actor=request.user,
                          organization=units[0] if units else None)


@login_required
def member_list(request):
    query, status, chosen, today = _list_params(request)
    members = select_members(request.user, today=today, q=query, status=status, key=chosen, days=_days(request))
    context = {
        "page": paginate(request, members),
        "query": query,
        "status": status,
        "statuses": Status.choices,
        "lists": [(key, item.label) for key, item in CLERK_LISTS.items()],
        "chosen": chosen,
        "days": _days(request),
        "today": today,
        "occasion": badge_occasion(today) if chosen == "badges" else None,
        "can_register": has_any_perm(request.user, "members.change"),  # and import
    }
    partial = request.htmx and not request.htmx.history_restore_request
    return render(request, "members/member_list.html#results" if partial else "members/member_list.html", context)


def _dossier(request, pk) -> PartyMember:
    events = MembershipEvent.objects.order_by("effective_date", "created")
    return get_object_for_user(
        PartyMember.objects.select_related("person", "organization").prefetch_related(Prefetch("events", events)),
        request.user, "members.view_dossier", pk=pk,
    )


@login_required
def member_detail(request, pk):
    member = _dossier(request, pk)
    services.record_dossier_view(member, actor=request.user)
    lifecycle = Lifecycle(member.events.all(), date_of_birth=member.person.date_of_birth)
    today = timezone.localdate()
    context = {
        "member": member,
        "lifecycle": lifecycle,
        "today": today,
        "party_age": lifecycle.party_age(today),
        "deadlines": [
            {"step": d, "left": d.working_days_left(today), "late": bool(d.done_on and d.done_on > d.due)}
            for d in lifecycle.deadlines()
        ],
        "next_badge": lifecycle.next_badge(today),
        "can_change": has_perm(request.user, "members.change", member.organization),
        "history": history_for(request.user, [member], member.organization),
    }
    return render(request, "members/member_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request, pk):
    member = get_object_for_user(
        PartyMember.objects.select_related("person", "organization"), request.user, "members.change", pk=pk
    )
    kinds = TRANSITIONS.get(member.status, {}).keys()
    form = EventForm(request.POST or None, kinds=kinds, initial={"kind": request.GET.get("kind")})
    saved, _ = submit(request, form, services.record_event, member, actor=request.user)
    if saved:
        return redirect("member_detail", pk=member.pk)
    return render(request, "org/form.html", {
        "form": form, "title": f"Ghi sự kiện — {member.person.full_name} ({member.get_status_display()})",
        "back": member,
    })


@login_required
@require_http_methods(["GET", "POST"])
def member_register(request):
    cells = Organization.objects.for_user(request.user, "members.change").filter(kind=Kind.CELL)
    people = Person.objects.for_user(request.user, "people.view")
    form = RegisterCandidateForm(
        request.POST or None, people=people, cells=cells, initial={"person": request.GET.get("person")}
    )
    saved, member = submit(request, form, services.register_candidate, actor=request.user)
    if saved:
        return redirect("member_detail", pk=member.pk)
    return render(request, "org/form.html", {"form": form, "title": "Lập hồ sơ quần chúng ưu tú",
                                             "back_url": "member_list"})


def _require_import_right(user) -> None:
    if not has_any_perm(user, "members.change"):
        raise PermissionDenied("Bạn không có quyền ghi hồ sơ đảng viên.")


@login_required
@require_http_methods(["GET", "POST"])
def member_import(request):
    """A member list in from .xlsx: all rows or none, every problem listed (members/imports.py)."""
    _require_import_right(request.user)
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            result = imports.import_members(form.cleaned_data["file"], actor=request.user)
        except imports.ImportRefused as refused:
            errors = refused.lines
        else:
            reused = f" ({result.people_reused} người đã có hồ sơ nhân sự)" if result.people_reused else ""
            messages.success(request, f"Đã nhập {result.imported} đảng viên{reused}.")
            return redirect("member_list")
    return render(request, "members/member_import.html", {
        "form": form, "errors": errors, "refused": imports.REFUSED, "columns": imports.COLUMNS,
        "guidance": imports.GUIDANCE,
    })


@login_required
def member_import_template(request):
    """The workbook to fill, with the chi bộ the user may import into."""
    _require_import_right(request.user)
    cells = imports.importable_cells(request.user).open_on(timezone.localdate())
    response = HttpResponse(imports.template_xlsx(cells), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-dang-vien.xlsx"'
    return response
