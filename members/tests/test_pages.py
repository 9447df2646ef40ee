"""The members pages: list and search, a dossier (its read audited), recording events with refusals shown."""

import datetime

import pytest
from django.urls import reverse

from audit.models import LogEntry
from conftest import PASSWORD
from members import services
from members.models import EventKind, MembershipEvent, Status

D = datetime.date


@pytest.fixture
def member(world, clerk):
    world.dung.date_of_birth = D(1995, 3, 10)
    world.dung.save()
    member = services.register_candidate(person=world.dung, organization=world.cell, day=D(2020, 9, 1), actor=clerk)
    for kind, day, extra in [
        (EventKind.AWARENESS_COURSE, D(2020, 10, 5), {}),
        (EventKind.CELL_ADMISSION_RESOLUTION, D(2021, 3, 2), {"votes_for": 9, "voters_total": 12}),
        (EventKind.WARD_ADMISSION_RESOLUTION, D(2021, 3, 20), {"votes_for": 11, "voters_total": 15}),
        (EventKind.ADMISSION_DECISION, D(2021, 4, 6), {"decision_no": "112-QĐ/ĐU"}),
    ]:
        services.record_event(member, kind=kind, day=day, actor=clerk, **extra)
    return member


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def test_a_clerk_records_the_ceremony_and_sees_the_probation_end(client, member, clerk):
    login(client, clerk)
    url = reverse("member_event_create", args=[member.pk])
    response = client.post(url, {"kind": "ceremony", "effective_date": "20/04/2021"})
    assert response.status_code == 302
    page = client.get(reverse("member_detail", args=[member.pk])).content.decode()
    assert "Đảng viên dự bị" in page
    assert 'data-field="probation_ends_on">20/04/2022<' in page
    assert "Lễ kết nạp 20/04/2021" in page[page.index('id="history"'):]
    assert LogEntry.objects.filter(action="members.dossier.viewed", object_id=str(member.pk)).exists()


def test_a_refused_event_shows_the_rule_and_records_nothing(client, member, clerk):
    login(client, clerk)
    before = MembershipEvent.objects.count()
    response = client.post(reverse("member_event_create", args=[member.pk]),
                           {"kind": "ceremony", "effective_date": "01/01/2031"})
    assert response.status_code == 200
    assert "không được sau ngày hôm nay" in response.content.decode()
    assert MembershipEvent.objects.count() == before


def test_the_event_form_offers_only_what_the_status_allows(client, member, clerk):
    login(client, clerk)
    form = client.get(reverse("member_event_create", args=[member.pk])).context["form"]
    assert [value for value, _label in form.fields["kind"].choices] == ["decision_received", "ceremony", "death"]


def test_the_list_finds_a_member_typed_without_accents(client, member, clerk, outsider):
    login(client, clerk)
    response = client.get(reverse("member_list"), {"q": "dang thi dung", "status": "all"})
    assert [m.pk for m in response.context["page"]] == [member.pk]
    response = client.get(reverse("member_list"), {"status": Status.OFFICIAL})
    assert list(response.context["page"]) == []
    login(client, outsider)
    assert list(client.get(reverse("member_list"), {"q": "dang"}).context["page"]) == []
    assert client.get(reverse("member_detail", args=[member.pk])).status_code == 404


def test_the_level_above_lists_members_but_cannot_open_a_dossier(client, member, superior):
    login(client, superior)
    assert client.get(reverse("member_list")).status_code == 200
    assert client.get(reverse("member_detail", args=[member.pk])).status_code == 403


def test_a_clerk_opens_a_dossier_from_the_register_page(client, world, clerk):
    login(client, clerk)
    response = client.post(reverse("member_register"), {
        "person": str(world.hung.pk), "organization": str(world.cell.pk), "day": "01/09/2020",
    })
    assert response.status_code == 302
    assert world.hung.party_member.status == Status.CANDIDATE
    response = client.post(reverse("member_register"), {
        "person": str(world.hung.pk), "organization": str(world.ubnd.pk), "day": "01/09/2020",
    })
    assert response.status_code == 200  # UBND is not a chi bộ: not offered
