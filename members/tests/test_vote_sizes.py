"""Impossible votes are refused wherever they enter (issue 11): a chi bộ resolution counting more voters than the chi bộ
had official members on its day, a ward resolution counting more than the Ban Chấp hành's members, through the
service, the member page's event form and the API; nothing is written."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from audit.models import LogEntry
from members import services
from members.models import EventKind, MembershipEvent
from members.tests.test_api_members import bearer
from org.models import Committee, CommitteeKind, CommitteeMember, Person, Term

D = datetime.date
K = EventKind
TODAY = timezone.localdate()


def official(world, clerk, name, number):
    person = Person.objects.create(organization=world.cell, full_name=name, search_name=name.lower(),
                                   date_of_birth=D(1970, 1, number))
    return services.receive_transfer(
        person=person, organization=world.cell, day=TODAY, admitted_on=D(2000, 3, 2), official_on=D(2001, 3, 2),
        introduced_on=TODAY, counterpart="Đảng bộ phường Hà Đông", actor=clerk,
    )


@pytest.fixture
def candidate(world, clerk):
    """A chi bộ of two official members, and a candidate with the awareness course, ready for its vote today."""
    official(world, clerk, "Lê Văn Một", 1)
    official(world, clerk, "Lê Văn Hai", 2)
    world.dung.date_of_birth = D(1995, 3, 10)
    world.dung.save()
    member = services.register_candidate(person=world.dung, organization=world.cell, day=TODAY, actor=clerk)
    services.record_event(member, kind=K.AWARENESS_COURSE, day=TODAY, actor=clerk)
    return member


def writes():
    return MembershipEvent.objects.count(), LogEntry.objects.count()


def test_a_vote_of_30_of_36_in_a_chi_bo_of_2_official_members_is_refused(candidate, clerk):
    before = writes()
    with pytest.raises(ValidationError) as refused:
        services.record_event(candidate, kind=K.CELL_ADMISSION_RESOLUTION, day=TODAY, actor=clerk,
                              votes_for=30, voters_total=36)
    message = refused.value.message_dict["voters_total"][0]
    assert "Tổng số người có quyền biểu quyết (36) nhiều hơn thực tế" in message
    assert "Chi bộ số 1 có 2 đảng viên chính thức" in message
    assert writes() == before
    services.record_event(candidate, kind=K.CELL_ADMISSION_RESOLUTION, day=TODAY, actor=clerk,
                          votes_for=2, voters_total=2)


def test_the_event_form_names_the_field(candidate, clerk, client):
    client.force_login(clerk)
    before = writes()
    response = client.post(reverse("member_event_create", args=[candidate.pk]), {
        "kind": K.CELL_ADMISSION_RESOLUTION, "effective_date": TODAY.strftime("%d/%m/%Y"), "votes_for": 30,
        "voters_total": 36,
    })
    assert response.status_code == 200
    assert "nhiều hơn thực tế" in response.context["form"].errors["voters_total"][0]
    assert writes() == before


def test_the_api_answers_400_naming_the_field(candidate, clerk, client):
    headers = bearer(client, clerk)
    before = writes()
    response = client.post(f"/api/v1/members/{candidate.pk}/events", {
        "kind": K.CELL_ADMISSION_RESOLUTION, "date": TODAY.isoformat(), "votes_for": 30, "voters_total": 36,
    }, content_type="application/json", **headers)
    assert response.status_code == 400
    assert "voters_total" in response.json()["detail"] and "có 2 đảng viên chính thức" in response.json()["detail"]
    assert writes() == before


def test_a_member_temporarily_away_does_not_count(candidate, clerk):
    one = candidate.organization.members.exclude(pk=candidate.pk).order_by("person__search_name").first()
    services.record_event(one, kind=K.TEMPORARY_OUT, day=TODAY, actor=clerk, counterpart="Chi bộ nơi làm việc")
    with pytest.raises(ValidationError, match=r"có 1 đảng viên chính thức"):
        services.record_event(candidate, kind=K.CELL_ADMISSION_RESOLUTION, day=TODAY, actor=clerk,
                              votes_for=2, voters_total=2)


def test_before_the_system_held_the_roll_the_count_bounds_nothing(candidate, clerk):
    """A resolution dated before the chi bộ's members were entered is history: the system cannot know who had left
    by then (members.services.roll_known_since), so its count is not compared."""
    lifecycle_day = TODAY - datetime.timedelta(days=1)
    assert services.roll_known_since(candidate.organization) == TODAY
    member = services.register_candidate(
        person=Person.objects.create(organization=candidate.organization, full_name="Phạm Thị Ba",
                                     search_name="pham thi ba", date_of_birth=D(1996, 1, 1)),
        organization=candidate.organization, day=lifecycle_day - datetime.timedelta(days=1), actor=clerk)
    services.record_event(member, kind=K.AWARENESS_COURSE, day=lifecycle_day - datetime.timedelta(days=1),
                          actor=clerk)
    services.record_event(member, kind=K.CELL_ADMISSION_RESOLUTION, day=lifecycle_day, actor=clerk,
                          votes_for=30, voters_total=36)


def test_a_ward_resolution_counts_no_more_than_the_executive_committee_before_july_2025(world, clerk):
    """Until 30/6/2025 the ward's Ban Chấp hành proposed the admission (≥ 2/3 of its members): a total above its
    seats on the day is impossible."""
    term = Term.objects.create(organization=world.ward, name="2020–2025", start_date=D(2020, 7, 1),
                               end_date=D(2025, 6, 30))
    committee = Committee.objects.create(term=term, organization=world.ward, kind=CommitteeKind.EXECUTIVE)
    for number in range(3):
        person = Person.objects.create(organization=world.ward, full_name=f"Ủy viên {number}",
                                       search_name=f"uy vien {number}")
        CommitteeMember.objects.create(committee=committee, person=person, start_date=D(2020, 7, 1))
    world.dung.date_of_birth = D(1995, 3, 10)
    world.dung.save()
    member = services.register_candidate(person=world.dung, organization=world.cell, day=D(2021, 1, 4), actor=clerk)
    services.record_event(member, kind=K.AWARENESS_COURSE, day=D(2021, 1, 10), actor=clerk)
    services.record_event(member, kind=K.CELL_ADMISSION_RESOLUTION, day=D(2021, 3, 2), actor=clerk,
                          votes_for=9, voters_total=12)
    with pytest.raises(ValidationError, match=r"Ban Chấp hành Đảng ủy có 3 ủy viên vào ngày 20/03/2021"):
        services.record_event(member, kind=K.WARD_ADMISSION_RESOLUTION, day=D(2021, 3, 20), actor=clerk,
                              votes_for=11, voters_total=15)
    services.record_event(member, kind=K.WARD_ADMISSION_RESOLUTION, day=D(2021, 3, 20), actor=clerk,
                          votes_for=3, voters_total=3)
