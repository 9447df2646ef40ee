"""People: the searchable list, a person's page, and the forms that change a person."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_http_methods

from audit.history import history_for
from core.htmx import wants_fragment
from core.scoping import get_object_for_user, has_any_perm, has_perm
from core.views import paginate, submit
from org import services
from org.forms import PersonForm, residence_choices
from org.models import Organization, Person
from org.search import ordered_people
from org.views.common import ward_scope


@login_required
def person_list(request):
    query = request.GET.get("q", "").strip()
    wards, ward = ward_scope(request)
    people = Person.objects.for_user(request.user, "people.view")
    if ward is not None:
        people = people.under(ward)
    people = ordered_people(people, query, reader=request.user, within=ward).select_related("organization",
                                                                                            "residence")
    page = paginate(request, people)
    wards.mark(page)
    context = {
        "page": page,
        "wards": wards,
        "ward": ward,
        "query": query,
        "can_create": has_any_perm(request.user, "people.change"),
    }
    # htmx asks for the results alone while the clerk types; a history restore needs the whole page.
    partial = wants_fragment(request)
    response = render(request, "org/person_list.html#results" if partial else "org/person_list.html", context)
    patch_vary_headers(response, ("HX-Request",))
    return response


@login_required
def person_detail(request, pk):
    person = get_object_for_user(
        Person.objects.select_related("organization", "residence"), request.user, "people.view", pk=pk
    )
    positions = list(person.positions.select_related("organization").order_by("-start_date"))
    memberships = list(
        person.committee_memberships.select_related("committee__organization", "committee__term").order_by(
            "-start_date"
        )
    )
    context = {
        "person": person,
        "show_sensitive": person.shows_sensitive_to(request.user),
        "can_change": has_perm(request.user, "people.change", person.organization),
        "positions": positions,
        "memberships": memberships,
        "history": history_for(request.user, [person, *positions, *memberships], person.organization),
    }
    return render(request, "org/person_detail.html", context)


def _person_form(request, instance=None, initial=None):
    organizations = Organization.objects.for_user(request.user, "people.change")
    return PersonForm(
        request.POST or None, instance=instance, initial=initial,
        organizations=organizations, residences=residence_choices(organizations),
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request):
    form = _person_form(request, initial={"organization": request.GET.get("organization")})
    saved, person = submit(request, form, services.create_person, actor=request.user)
    if saved:
        return redirect("person_detail", pk=person.pk)
    return render(request, "org/form.html", {"form": form, "title": "Thêm người", "back_url": "person_list"})


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request, pk):
    person = get_object_for_user(Person, request.user, "people.change", pk=pk)
    form = _person_form(request, instance=Person.objects.get(pk=pk))
    saved, _ = submit(request, form, services.update_person, person, actor=request.user)
    if saved:
        return redirect("person_detail", pk=person.pk)
    return render(request, "org/form.html", {"form": form, "title": f"Sửa thông tin {person.full_name}",
                                             "back": person})
