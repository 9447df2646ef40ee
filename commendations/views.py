"""The pages of the commendations: the list with each decision's counts, a decision with its recipients, a decision
recorded or corrected."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audit.history import history_for
from commendations import badges, services
from commendations.forms import BadgeAwardForm, CommendationEditForm, CommendationForm
from commendations.models import AwardKind, BadgeProposal, Commendation, ProposalStatus, counts_text
from core.htmx import wants_fragment
from core.scoping import get_object_for_user, has_any_perm, has_perm, scope_q
from core.views import paginate, submit, uuid_or_404
from members.lists import badge_period
from org.models import WARD_KINDS, Organization
from org.views.common import ward_scope, ward_to_write


def _year(request) -> int | None:
    year = request.GET.get("year", "")
    return int(year) if year.isascii() and year.isdigit() and 1990 <= int(year) <= 2100 else None


@login_required
@require_GET
def commendation_list(request):
    if not has_any_perm(request.user, "commendations.view"):
        raise PermissionDenied("Bạn không có quyền xem khen thưởng.")
    wards, ward = ward_scope(request)
    kind = request.GET.get("kind", "")
    kind = kind if kind in AwardKind.values else ""
    year = _year(request)
    items = (Commendation.objects.for_user(request.user, "commendations.view").select_related("ward").with_counts()
             .listing(year=year, kind=kind, within=ward))
    page = paginate(request, items)
    wards.mark(page, organization_of=lambda item: item.ward)
    for item in page:
        item.counts = counts_text(item.collectives, item.individuals)
    proposals = BadgeProposal.objects.for_user(request.user, "commendations.view").select_related("ward")
    context = {"page": page, "wards": wards, "ward": ward, "kind": kind, "year": year or "",
               "kinds": AwardKind.choices, "can_change": has_any_perm(request.user, "commendations.change"),
               "proposals": list((proposals.filter(ward=ward) if ward else proposals).order_by("-occasion")[:10]),
               "occasion": badge_period(timezone.localdate())[1], "proposal_ward": _proposal_ward(request, ward)}
    if wants_fragment(request):
        return render(request, "commendations/commendation_list.html#results", context)
    return render(request, "commendations/commendation_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def commendation_create(request):
    ward = ward_to_write(request, Organization.objects.filter(kind__in=WARD_KINDS).filter(
        scope_q(request.user, "commendations.change")), "Bạn không có quyền ghi khen thưởng của phường, xã nào.")
    if not isinstance(ward, Organization):
        return ward
    form = CommendationForm(request.POST or None, ward=ward, initial={"decided_on": timezone.localdate()})
    saved, commendation = submit(request, form, services.record_commendation, ward=ward, actor=request.user)
    if saved:
        messages.success(request, "Đã ghi quyết định khen thưởng.")
        return redirect(commendation)
    return render(request, "org/form.html", {"form": form, "back_url": "commendation_list",
                                             "title": f"Ghi quyết định khen thưởng — {ward.name}"})


@login_required
@require_http_methods(["GET", "POST"])
def commendation_edit(request, pk):
    commendation = get_object_for_user(Commendation.objects.select_related("ward"), request.user,
                                       "commendations.change", pk=pk)
    form = CommendationEditForm(request.POST or None, commendation=commendation)
    saved, _diff = submit(request, form, services.update_commendation, commendation, actor=request.user)
    if saved:
        messages.success(request, "Đã lưu.")
        return redirect(commendation)
    return render(request, "org/form.html", {"form": form, "title": f"Sửa — {commendation}", "back": commendation})


@login_required
@require_GET
def commendation_detail(request, pk):
    commendation = get_object_for_user(
        Commendation.objects.select_related("ward", "document", "meeting").with_counts(), request.user,
        "commendations.view", pk=pk)
    recipients = list(commendation.recipients.select_related("organization", "person"))
    return render(request, "commendations/commendation_detail.html", {
        "item": commendation, "counts": counts_text(commendation.collectives, commendation.individuals),
        "collectives": [r for r in recipients if r.collective],
        "individuals": [r for r in recipients if not r.collective],
        "can_change": has_perm(request.user, "commendations.change", commendation.ward),
        "history": history_for(request.user, [commendation], commendation.ward),
    })


def _writable_wards(user):
    return Organization.objects.filter(kind__in=WARD_KINDS).filter(scope_q(user, "commendations.change"))


def _proposal_ward(request, ward: Organization | None) -> Organization | None:
    """The ward whose badge proposal the list's button makes: the one shown, or the user's one ward."""
    wards = list(_writable_wards(request.user).order_by("path")[:2])
    if ward is not None:
        return ward if ward in wards or has_perm(request.user, "commendations.change", ward) else None
    return wards[0] if len(wards) == 1 else None


@login_required
@require_POST
def badge_propose(request):
    ward = get_object_for_user(Organization, request.user, "commendations.change",
                               pk=uuid_or_404(request.POST.get("ward", "")))
    try:
        proposal = badges.propose_badges(ward=ward, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(f"{reverse('commendation_list')}?ward={ward.pk}")
    return redirect(proposal)


@login_required
@require_http_methods(["GET", "POST"])
def badge_proposal_detail(request, pk):
    proposal = get_object_for_user(BadgeProposal.objects.select_related("ward", "commendation"), request.user,
                                   "commendations.view", pk=pk)
    can_award = (proposal.status == ProposalStatus.PROPOSED
                 and has_perm(request.user, "commendations.change", proposal.ward))
    form = BadgeAwardForm(request.POST or None, initial={"decided_on": timezone.localdate()}) if can_award else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("Bạn không có quyền ghi quyết định tặng Huy hiệu này.")
        saved, commendation = submit(request, form, badges.award_badges, proposal, actor=request.user)
        if saved:
            messages.success(request, "Đã ghi quyết định tặng Huy hiệu Đảng.")
            return redirect(commendation)
    entries = list(proposal.entries.select_related("member__person", "member__organization"))
    return render(request, "commendations/badge_proposal.html", {
        "proposal": proposal, "entries": entries, "form": form,
        "history": history_for(request.user, [proposal], proposal.ward),
    }, status=400 if form is not None and form.errors else 200)
