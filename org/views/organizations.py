"""Pages of the organisation tree: the tree, a unit's page, and the forms that change units."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from audit.history import unit_history_for
from core.forms import add_service_errors
from core.scoping import get_object_for_user, has_perm
from core.views import paginate, submit
from org import merger, services
from org.forms import MergerForm, OrganizationForm, PositionsOnDateForm
from org.models import DISTRICT_KINDS, PROVINCE_KINDS, Committee, CommitteeMember, Organization, Position
from org.tree import TREE_LEVEL, TREE_OPEN, tree_level, tree_matches, tree_nodes


@login_required
def tree(request):
    """The tree, level by level: the user's top units open, the path to the unit last opened (or `?open=`) open
    too, every other unit's children fetched when it is opened (children()); `?q=` lists the units whose name has
    the words typed, each a link that opens the tree there. Nothing here grows with the size of the scope but a
    level's own units (at most TREE_LEVEL units a level)."""
    opened = _opened_unit(request)
    query = request.GET.get("q", "").strip()
    context = {
        "nodes": tree_nodes(request.user, opened),
        "query": query,
        "matches": tree_matches(request.user, query) if query else None,
        "can_merge": len(Organization.objects.for_user(request.user, "org.change").wards()[:2]) >= 2,
        "level_limit": TREE_LEVEL,
    }
    return render(request, "org/organization_tree.html", context)


@login_required
def children(request, pk):
    """The units directly under one (htmx swaps them in when the unit is opened); remembered as the unit open."""
    unit = get_object_for_user(Organization, request.user, "org.view", pk=pk)
    request.session[TREE_OPEN] = str(unit.pk)
    return render(request, "org/_tree_level.html", {"nodes": tree_level(unit), "parent": unit,
                                                    "level_limit": TREE_LEVEL})


def _opened_unit(request) -> Organization | None:
    """The unit `?open=` names (then remembered), else the one last opened, if the user may see it."""
    given = request.GET.get("open") or request.session.get(TREE_OPEN)
    try:
        unit = Organization.objects.for_user(request.user, "org.view").filter(pk=given).first() if given else None
    except ValidationError:  # not a UUID
        unit = None
    if unit is not None and request.GET.get("open"):
        request.session[TREE_OPEN] = str(unit.pk)
    return unit
@login_required
def detail(request, pk):
    organization = get_object_for_user(Organization, request.user, "org.view", pk=pk)
    today = timezone.localdate()
    members = CommitteeMember.objects.select_related("person").order_by("start_date", "person__sort_name")
    committees = (
        Committee.objects.filter(organization=organization)
        .select_related("term")
        .prefetch_related(Prefetch("memberships", queryset=members))
        .order_by("-term__start_date", "kind")
    )
    positions = list(Position.objects.filter(organization=organization).select_related("person").by_precedence())
    context = {
        "organization": organization,
        "ancestors": Organization.objects.get_ancestors(organization).for_user(request.user, "org.view"),
        "children": Organization.objects.get_children(organization),
        "committees": committees,
        "current_positions": [p for p in positions if p.is_current(today)],
        "past_positions": sorted((p for p in positions if not p.is_current(today)), key=lambda p: p.end_date,
                                 reverse=True),
        "terms": organization.terms.all(),
        "can_change": has_perm(request.user, "org.change", organization),
        "history": unit_history_for(request.user, organization),
    }
    return render(request, "org/organization_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def create(request, parent_pk):
    parent = get_object_for_user(Organization, request.user, "org.change", pk=parent_pk)
    form = OrganizationForm(request.POST or None)
    saved, organization = submit(request, form, services.create_organization, parent=parent, actor=request.user)
    if saved:
        return redirect("organization_detail", pk=organization.pk)
    return render(request, "org/form.html", {"form": form, "title": f"Thêm đơn vị trực thuộc {parent.name}",
                                             "back": parent})


@login_required
@require_http_methods(["GET", "POST"])
def create_root(request):
    """A top-level unit (Thành ủy, Tỉnh ủy): the first step of a new installation, for the administrator."""
    if not request.user.is_superuser:
        raise PermissionDenied("Chỉ quản trị hệ thống mới thêm được tổ chức cấp cao nhất.")
    form = OrganizationForm(request.POST or None)
    saved, organization = submit(request, form, services.create_organization, parent=None, actor=request.user)
    if saved:
        return redirect("organization_detail", pk=organization.pk)
    return render(request, "org/form.html", {"form": form, "title": "Thêm tổ chức cấp cao nhất",
                                             "back_url": "organization_tree"})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    organization = get_object_for_user(Organization, request.user, "org.change", pk=pk)
    form = OrganizationForm(request.POST or None, instance=Organization.objects.get(pk=pk))
    saved, _ = submit(request, form, services.update_organization, organization, actor=request.user)
    if saved:
        return redirect("organization_detail", pk=organization.pk)
    return render(request, "org/form.html", {"form": form, "title": f"Sửa {organization.name}",
                                             "back": organization})


@login_required
def positions_on_date(request):
    """"Who held which position on 28/06/2021": in one unit's subtree or all the user sees, 50 a page."""
    visible = Organization.objects.for_user(request.user, "org.view")
    form = PositionsOnDateForm(request.GET or None, organizations=visible)
    positions = None
    if form.is_valid():
        scope = form.cleaned_data["organization"]
        positions = Position.objects.for_user(request.user, "org.view").held_on(form.cleaned_data["on"])
        if scope is not None:
            positions = positions.filter(organization__path__startswith=scope.path)
        positions = paginate(request, positions.select_related("person", "organization").by_precedence())
    return render(request, "org/positions_on_date.html", {"form": form, "positions": positions})


@login_required
@require_http_methods(["GET", "POST"])
def merge(request):
    """Merge wards into a new one: "Xem trước" shows what will move (nothing changes); "Hợp nhất" does it."""
    wards = Organization.objects.for_user(request.user, "org.change").wards().open_on(timezone.localdate())
    if wards.count() < 2 and not request.user.is_superuser:
        raise PermissionDenied("Hợp nhất cần quyền sửa ít nhất hai phường, xã.")
    parents = Organization.objects.for_user(request.user, "org.change").filter(
        kind__in=PROVINCE_KINDS | DISTRICT_KINDS
    )
    form = MergerForm(request.POST or None, wards=wards, parents=parents)
    plan = None
    if request.method == "POST" and form.is_valid():
        fields = form.cleaned_data
        try:
            if request.POST.get("action") == "merge":
                new_ward, plan = merger.merge_wards(actor=request.user, **fields)
                messages.success(request, f"Đã hợp nhất {len(plan.wards)} phường, xã thành {new_ward.name}.")
                return redirect("organization_detail", pk=new_ward.pk)
            plan = merger.plan_merger(actor=request.user, **fields)
        except ValidationError as error:
            add_service_errors(form, error)
    return render(request, "org/merge.html", {"form": form, "plan": plan})
