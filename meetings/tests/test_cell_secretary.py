"""The chi bộ secretary records her own chi bộ's meetings and their decisions, and nothing else (issue 11): not a
meeting of another chi bộ or of the ward, not a member's event by hand."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from meetings.models import DecisionKind, Meeting, MeetingKind
from meetings.services import MeetingRecord, create_meeting, record_decision
from members import services as member_services
from members.models import EventKind, MembershipEvent
from members.tests.test_vote_sizes import official
from org.models import Person

D = datetime.date
TODAY = timezone.localdate()


@pytest.fixture
def chi_bo(world, clerk):
    """Chi bộ số 1 with three official members and a candidate ready for its vote."""
    for number, name in enumerate(("Lê Văn Một", "Lê Văn Hai", "Lê Văn Ba"), start=1):
        official(world, clerk, name, number)
    world.dung.date_of_birth = D(1995, 3, 10)
    world.dung.save()
    candidate = member_services.register_candidate(person=world.dung, organization=world.cell, day=TODAY,
                                                   actor=clerk)
    member_services.record_event(candidate, kind=EventKind.AWARENESS_COURSE, day=TODAY, actor=clerk)
    return candidate


def meeting_of(organization, actor):
    return create_meeting(MeetingRecord(organization=organization, kind=MeetingKind.CELL_MONTHLY,
                          starts_at=timezone.localtime().replace(hour=0, minute=5), place="Nhà văn hóa tổ dân phố",
                          chair=Person.objects.get(full_name="Lê Văn Một")), actor=actor)


def test_she_records_her_chi_bos_meeting_and_its_resolution_on_a_candidate(chi_bo, world, cell_secretary):
    meeting = meeting_of(world.cell, cell_secretary)
    decision = record_decision(meeting, kind=DecisionKind.ADMISSION, member=chi_bo, votes_for=3,
                               decision_no="05-NQ/CB", actor=cell_secretary)
    assert decision.event.kind == EventKind.CELL_ADMISSION_RESOLUTION
    assert decision.event.decision_no == "05-NQ/CB"


def test_she_records_nothing_else(chi_bo, world, clerk, cell_secretary, client):
    with pytest.raises(PermissionDenied):
        meeting_of(world.cell2, cell_secretary)
    with pytest.raises(PermissionDenied):
        member_services.record_event(chi_bo, kind=EventKind.CELL_ADMISSION_RESOLUTION, day=TODAY,
                                     actor=cell_secretary, votes_for=3, voters_total=3)
    assert not MembershipEvent.objects.filter(kind=EventKind.CELL_ADMISSION_RESOLUTION).exists()
    client.force_login(cell_secretary)
    assert client.get(reverse("member_event_create", args=[chi_bo.pk])).status_code in (403, 404)
    form = client.get(reverse("meeting_create")).context["form"]
    assert list(form.fields["organization"].queryset) == [world.cell]
    assert not Meeting.objects.exists()
