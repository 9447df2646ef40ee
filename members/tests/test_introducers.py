"""Introducers of an applicant (Điều lệ Đảng, Điều 4; issue 11): two official members who have worked with the
applicant for at least 12 months, or one and the union's base committee. A ward member who is not an official member
is refused; what the system cannot see (an introducer from elsewhere) is flagged on the dossier's conditions."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from audit.models import LogEntry
from members import services
from members.conditions import admission_conditions
from members.models import EventKind, Introducer
from members.tests.test_api_members import bearer
from members.tests.test_vote_sizes import official
from org.models import Person

D = datetime.date
K = EventKind
TODAY = timezone.localdate()
YEAR_AGO = D(TODAY.year - 1, TODAY.month, 1)


@pytest.fixture
def candidate(world, clerk):
    world.dung.date_of_birth = D(1995, 3, 10)
    world.dung.save()
    return services.register_candidate(person=world.dung, organization=world.cell, day=TODAY, actor=clerk)


def condition(candidate):
    candidate.refresh_from_db()
    conditions = admission_conditions(services.lifecycle_of(candidate), education="12/12", on=TODAY,
                                      introducers=services.round_introducers(candidate))
    return {c.label: c for c in conditions}["Người giới thiệu"]


def test_two_official_members_who_worked_with_the_applicant_a_year_meet_the_condition(world, clerk, candidate):
    one, two = official(world, clerk, "Lê Văn Một", 1), official(world, clerk, "Lê Văn Hai", 2)
    assert condition(candidate).ok is False  # none yet
    services.add_introducer(candidate, member=one, worked_with_since=YEAR_AGO, introduced_on=TODAY, actor=clerk)
    assert condition(candidate).ok is False and "cần hai đảng viên chính thức" in condition(candidate).detail
    services.add_introducer(candidate, member=two, worked_with_since=D(2020, 1, 1), introduced_on=TODAY, actor=clerk)
    assert condition(candidate).ok is True
    entries = LogEntry.objects.filter(action="members.introducer.added")
    assert {entry.data["changes"]["name"]["new"] for entry in entries} == {"Lê Văn Một", "Lê Văn Hai"}


def test_less_than_twelve_months_together_is_flagged(world, clerk, candidate):
    one, two = official(world, clerk, "Lê Văn Một", 1), official(world, clerk, "Lê Văn Hai", 2)
    services.add_introducer(candidate, member=one, worked_with_since=TODAY - datetime.timedelta(days=240),
                            introduced_on=TODAY, actor=clerk)
    services.add_introducer(candidate, member=two, worked_with_since=D(2020, 1, 1), introduced_on=TODAY, actor=clerk)
    found = condition(candidate)
    assert found.ok is False and "chưa đủ 12 tháng" in found.detail


def test_a_member_who_is_not_official_on_the_day_is_refused_and_nothing_is_written(world, clerk, candidate):
    newcomer = Person.objects.create(organization=world.cell, full_name="Võ Thị Dự Bị", search_name="vo thi du bi",
                                     date_of_birth=D(1990, 1, 1))
    probationary = services.receive_transfer(
        person=newcomer, organization=world.cell, day=TODAY, admitted_on=TODAY - datetime.timedelta(days=100),
        introduced_on=TODAY, counterpart="Đảng bộ phường Hà Đông", actor=clerk,
    )
    before = Introducer.objects.count(), LogEntry.objects.count()
    with pytest.raises(ValidationError, match="chưa là đảng viên chính thức vào ngày") as refused:
        services.add_introducer(candidate, member=probationary, worked_with_since=D(2020, 1, 1),
                                introduced_on=TODAY, actor=clerk)
    assert "member" in refused.value.message_dict
    assert (Introducer.objects.count(), LogEntry.objects.count()) == before


def test_an_introducer_from_elsewhere_is_flagged_for_checking_and_a_union_may_stand_for_one(world, clerk, candidate):
    services.add_introducer(candidate, kind="union", name="Ban Chấp hành Đoàn phường Sài Đồng", introduced_on=TODAY,
                            actor=clerk)
    with pytest.raises(ValidationError, match="Chỉ một tổ chức Đoàn hoặc Công đoàn"):
        services.add_introducer(candidate, kind="union", name="Công đoàn cơ sở", introduced_on=TODAY, actor=clerk)
    services.add_introducer(candidate, name="Trần Văn Xa", worked_with_since=D(2021, 5, 1), introduced_on=TODAY,
                            actor=clerk)
    found = condition(candidate)
    assert found.ok is None and "ở nơi khác: kiểm tra là đảng viên chính thức" in found.detail
    with pytest.raises(ValidationError, match="Đã có 2 người giới thiệu"):
        services.add_introducer(candidate, name="Người Thứ Ba", worked_with_since=D(2021, 5, 1),
                                introduced_on=TODAY, actor=clerk)


def test_the_page_records_an_introducer_and_the_dossier_shows_it(client, world, clerk, candidate):
    one = official(world, clerk, "Lê Văn Một", 1)
    client.force_login(clerk)
    url = reverse("member_introducer", args=[candidate.pk])
    assert "Lê Văn Một — Chi bộ số 1" in client.get(url).content.decode()
    response = client.post(url, {"kind": "member", "member": one.pk, "worked_with_since": "01/01/2020",
                                 "introduced_on": TODAY.strftime("%d/%m/%Y")})
    assert response.status_code == 302
    page = client.get(candidate.get_absolute_url()).content.decode()
    assert 'id="introducers"' in page and "Lê Văn Một — đảng viên chính thức" in page
    refused = client.post(url, {"kind": "member", "introduced_on": TODAY.strftime("%d/%m/%Y")})
    assert "Hãy chọn đảng viên giới thiệu" in refused.content.decode()


def test_the_api_records_an_introducer_and_another_ward_cannot(client, world, clerk, outsider, candidate):
    one = official(world, clerk, "Lê Văn Một", 1)
    headers = bearer(client, clerk)
    response = client.post(f"/api/v1/members/{candidate.pk}/introducers", {
        "member": str(one.pk), "worked_with_since": "2020-01-01", "introduced_on": TODAY.isoformat(),
    }, content_type="application/json", **headers)
    assert response.status_code == 201, response.content
    assert response.json()["name"] == "Lê Văn Một"
    dossier = client.get(f"/api/v1/members/{candidate.pk}", **headers).json()
    assert [i["name"] for i in dossier["introducers"]] == ["Lê Văn Một"]
    assert {c["label"]: c["ok"] for c in dossier["conditions"]}["Người giới thiệu"] is False  # one of two
    theirs = bearer(client, outsider)
    refused = client.post(f"/api/v1/members/{candidate.pk}/introducers", {
        "name": "Ai Đó", "worked_with_since": "2020-01-01", "introduced_on": TODAY.isoformat(),
    }, content_type="application/json", **theirs)
    assert refused.status_code in (403, 404) and Introducer.objects.count() == 1


def test_an_introducer_entered_by_mistake_is_removed_on_the_page_and_through_the_api(client, world, clerk,
                                                                                     candidate, outsider):
    services.add_introducer(candidate, name="Nhầm Người", worked_with_since=D(2020, 1, 1), introduced_on=TODAY,
                            actor=clerk)
    wrong = services.add_introducer(candidate, name="Nhầm Nữa", worked_with_since=D(2020, 1, 1),
                                    introduced_on=TODAY, actor=clerk)
    client.force_login(outsider)
    assert client.post(reverse("member_introducer_remove", args=[candidate.pk, wrong.pk])).status_code == 404
    client.force_login(clerk)
    client.post(reverse("member_introducer_remove", args=[candidate.pk, wrong.pk]))
    assert [i.name for i in services.round_introducers(candidate)] == ["Nhầm Người"]
    assert LogEntry.objects.get(action="members.introducer.removed").data["introducer"] == "Nhầm Nữa"
    first = Introducer.objects.get()
    response = client.delete(f"/api/v1/members/{candidate.pk}/introducers/{first.pk}", **bearer(client, clerk))
    assert response.status_code == 204 and not Introducer.objects.exists()
