"""Pages for terms, committees with their members, and positions."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from audit.history import history_for
from core.scoping import get_object_for_user, has_perm
from core.views import submit
from org import services
from org.forms import CommitteeForm, CommitteeMemberEditForm, CommitteeMemberForm, PositionForm, TermForm
from org.models import Committee, CommitteeMember, Organization, Person, Position, Term


def _pickable_people(user, organization):
    """People the user may pick for a seat or a position of `organization`: those of its own ward."""
    home = organization.home_unit()
    return Person.objects.for_user(user, "people.view").under(home)


def _search_within_ward(form, organization):
    """The form's person picker searches the people of `organization`'s own ward, as its queryset holds."""
    form.fields["person"].widget.within = organization.home_unit().pk
    return form


def _handle(request, form, service, *args, done, title: str, back, **kwargs):
    """The one shape of these pages: the form handed to its service (core.views.submit); saved, on to `done` (a
    URL name and its record, or a function of what the service returned); otherwise the form again, with its
    errors, under `title`, with a way back to `back`."""
    saved, result = submit(request, form, service, *args, actor=request.user, **kwargs)
    if saved:
        return redirect(*(done(result) if callable(done) else done))
    return render(request, "org/form.html", {"form": form, "title": title, "back": back})


@login_required
@require_http_methods(["GET", "POST"])
def term_create(request, org_pk):
    organization = get_object_for_user(Organization, request.user, "org.change", pk=org_pk)
    form = TermForm(request.POST or None)
    form.instance.organization = organization
    return _handle(request, form, services.create_term, organization=organization,
                   done=("organization_detail", organization.pk), title=f"Thêm nhiệm kỳ — {organization.name}",
                   back=organization)


@login_required
@require_http_methods(["GET", "POST"])
def term_edit(request, pk):
    term = get_object_for_user(Term.objects.select_related("organization"), request.user, "org.change", pk=pk)
    form = TermForm(request.POST or None, instance=Term.objects.get(pk=pk))
    return _handle(request, form, services.update_term, term, done=("organization_detail", term.organization_id),
                   title=f"Sửa nhiệm kỳ {term.name} — {term.organization.name}", back=term.organization)


@login_required
@require_http_methods(["GET", "POST"])
def committee_create(request, org_pk):
    organization = get_object_for_user(Organization, request.user, "org.change", pk=org_pk)
    form = CommitteeForm(request.POST or None, organization=organization)
    return _handle(request, form, services.create_committee, organization=organization,
                   done=lambda committee: ("committee_detail", committee.pk),
                   title=f"Thêm ban/ủy ban — {organization.name}", back=organization)


@login_required
def committee_detail(request, pk):
    committee = get_object_for_user(
        Committee.objects.select_related("organization", "term"), request.user, "org.view", pk=pk
    )
    memberships = list(committee.memberships.select_related("person").order_by("end_date", "person__sort_name"))
    context = {
        "committee": committee,
        "memberships": memberships,
        "can_change": has_perm(request.user, "org.change", committee.organization),
        "history": history_for(request.user, [committee, *memberships], committee.organization),
    }
    return render(request, "org/committee_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def committee_edit(request, pk):
    committee = get_object_for_user(
        Committee.objects.select_related("organization", "term"), request.user, "org.change", pk=pk
    )
    form = CommitteeForm(
        request.POST or None, instance=Committee.objects.get(pk=pk), organization=committee.organization
    )
    return _handle(request, form, services.update_committee, committee, done=("committee_detail", committee.pk),
                   title=f"Sửa {committee}", back=committee)


@login_required
@require_http_methods(["GET", "POST"])
def committee_member_add(request, pk):
    committee = get_object_for_user(
        Committee.objects.select_related("organization", "term"), request.user, "org.change", pk=pk
    )
    form = _search_within_ward(CommitteeMemberForm(
        request.POST or None, people=_pickable_people(request.user, committee.organization), committee=committee
    ), committee.organization)
    return _handle(request, form, services.add_committee_member, committee=committee,
                   done=("committee_detail", committee.pk), title=f"Thêm ủy viên — {committee}", back=committee)


@login_required
@require_http_methods(["GET", "POST"])
def committee_member_edit(request, pk):
    membership = get_object_for_user(
        CommitteeMember.objects.select_related("committee__organization", "committee__term", "person"),
        request.user, "org.change", pk=pk,
    )
    form = CommitteeMemberEditForm(request.POST or None, instance=CommitteeMember.objects.get(pk=pk))
    return _handle(request, form, services.update_committee_member, membership,
                   done=("committee_detail", membership.committee_id),
                   title=f"Sửa ủy viên {membership.person.full_name}", back=membership.committee)


@login_required
@require_http_methods(["GET", "POST"])
def position_create(request, org_pk):
    organization = get_object_for_user(Organization, request.user, "org.change", pk=org_pk)
    initial = {}
    person_pk = request.GET.get("person")
    if person_pk:
        initial["person"] = person_pk
    form = _search_within_ward(PositionForm(
        request.POST or None, initial=initial, people=_pickable_people(request.user, organization),
        organization=organization,
    ), organization)
    return _handle(request, form, services.create_position, organization=organization,
                   done=("organization_detail", organization.pk), title=f"Giao chức danh — {organization.name}",
                   back=organization)


@login_required
@require_http_methods(["GET", "POST"])
def position_edit(request, pk):
    position = get_object_for_user(
        Position.objects.select_related("organization", "person"), request.user, "org.change", pk=pk
    )
    form = PositionForm(request.POST or None, instance=Position.objects.get(pk=pk))
    return _handle(request, form, services.update_position, position,
                   done=("organization_detail", position.organization_id),
                   title=f"Sửa chức danh của {position.person.full_name}", back=position.organization)
