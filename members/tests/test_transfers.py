"""Transfers (docs/rules.md §7.1): a member new to the system received by official transfer, with their past as history;
the 30 working days to present the introduction; the list of transfers in progress."""

import datetime
import random

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from audit.models import LogEntry
from conftest import PASSWORD
from members import services
from members.calendar import add_working_days, working_days_before
from members.lifecycle import Lifecycle
from members.lists import apply_list
from members.models import EventKind, MembershipEvent, PartyMember, Status
from members.rules import add_months
from org.models import Person

D = datetime.date
K = EventKind
TODAY = timezone.localdate()
FROM = "Đảng bộ phường Hà Đông, TP. Hà Nội"


@pytest.fixture
def newcomer(world):
    return Person.objects.create(organization=world.cell, full_name="Lương Thị Mới", search_name="luong thi moi",
                                 date_of_birth=D(1988, 4, 2))


def receive(world, clerk, person, **overrides):
    fields = {
        "person": person, "organization": world.cell, "day": TODAY, "admitted_on": D(2015, 3, 2),
        "ceremony_on": D(2015, 3, 20), "official_on": D(2016, 3, 20), "introduced_on": TODAY,
        "counterpart": FROM, "decision_no": "215-GGT/ĐU", "issuer": "Đảng ủy phường Hà Đông",
        "membership_no": "01-123456", "card_no": "01.654321", "actor": clerk,
    }
    return services.receive_transfer(**{**fields, **overrides})


def counts():
    return PartyMember.objects.count(), MembershipEvent.objects.count(), LogEntry.objects.count()


def test_an_official_member_from_elsewhere_is_received_with_their_past_domain_7(world, clerk, newcomer):
    member = receive(world, clerk, newcomer)
    assert (member.status, member.organization) == (Status.OFFICIAL, world.cell)
    kinds = list(member.events.order_by("effective_date", "created").values_list("kind", flat=True))
    assert kinds == [K.ADMISSION_DECISION, K.CEREMONY, K.RECOGNITION_DECISION, K.TRANSFER_IN]
    assert (member.admitted_on, member.official_on, member.last_transfer_on) == (D(2015, 3, 2), D(2016, 3, 20), TODAY)
    assert member.fees_owed_from == add_months(TODAY.replace(day=1), 1)  # paid the old chi bộ this month
    lifecycle = Lifecycle(member.events.all(), date_of_birth=newcomer.date_of_birth)
    assert lifecycle.gaps(TODAY) == []  # no gap in Party age: the member was active elsewhere (§1)
    assert lifecycle.party_age(D(2025, 3, 2)) == (10, 0)
    entry = LogEntry.objects.get(action="members.member.received")
    assert entry.organization == world.cell and entry.data["changes"]["status"]["new"] == "official"


def test_a_probationary_member_keeps_their_probation_and_its_deadline_domain_1_and_7(world, clerk, newcomer):
    ceremony = add_months(TODAY, -10)
    member = receive(world, clerk, newcomer, admitted_on=ceremony - datetime.timedelta(days=20),
                     ceremony_on=ceremony, official_on=None)
    assert member.status == Status.PROBATIONARY
    assert member.probation_ends_on == add_months(ceremony, 12)
    assert "Chi bộ xét công nhận chính thức" in member.next_due_label


def test_the_introduction_must_be_presented_within_30_working_days_or_the_delay_explained_domain_7(
    world, clerk, newcomer
):
    """QĐ 294 §6.3.1: present the paper to the receiving chi ủy within 30 working days; otherwise explain."""
    introduced = D(2026, 9, 1)
    due = add_working_days(introduced, 30)
    before = counts()
    with pytest.raises(ValidationError) as refused:
        receive(world, clerk, newcomer, introduced_on=introduced, day=due + datetime.timedelta(days=1))
    assert "Quá 30 ngày làm việc" in str(refused.value) and "Quy định 294-QĐ/TW, điểm 6.3.1" in str(refused.value)
    assert counts() == before
    member = receive(world, clerk, newcomer, introduced_on=introduced, day=due + datetime.timedelta(days=1),
                     note="Đảng viên ốm nằm viện, có giấy ra viện.")
    assert member.status == Status.OFFICIAL


def test_on_the_thirtieth_working_day_it_is_still_in_time(world, clerk, newcomer):
    introduced = D(2026, 9, 1)
    assert receive(world, clerk, newcomer, introduced_on=introduced, day=add_working_days(introduced, 30))


@pytest.mark.parametrize("change, field, message", [
    ({"introduced_on": TODAY + datetime.timedelta(days=1)}, "day", "không được sau ngày tiếp nhận"),
    ({"official_on": D(2015, 12, 1)}, "official_on", "Chưa hết 12 tháng dự bị"),
    ({"ceremony_on": D(2015, 1, 1)}, "ceremony_on", "trước sự kiện đã ghi gần nhất"),
    ({"counterpart": "  "}, "counterpart", "Cần ghi nơi chuyển đến từ"),
    ({"day": TODAY + datetime.timedelta(days=1)}, "day", "không được sau ngày hôm nay"),
])
def test_a_refused_transfer_names_the_field_and_writes_nothing(world, clerk, newcomer, change, field, message):
    before = counts()
    with pytest.raises(ValidationError) as refused:
        receive(world, clerk, newcomer, **change)
    assert message in " ".join(refused.value.message_dict[field])
    assert counts() == before


def test_a_person_with_a_dossier_is_not_received_twice(world, clerk, newcomer):
    receive(world, clerk, newcomer)
    with pytest.raises(ValidationError) as refused:
        receive(world, clerk, newcomer, membership_no="", card_no="")
    assert "đã có hồ sơ đảng viên" in refused.value.message_dict["person"][0]


def test_numbers_already_used_are_refused(world, clerk, newcomer):
    receive(world, clerk, newcomer)
    other = Person.objects.create(organization=world.cell, full_name="Khác", search_name="khac",
                                  date_of_birth=D(1990, 1, 1))
    with pytest.raises(ValidationError, match="Số lý lịch đảng viên này đã có"):
        receive(world, clerk, other, card_no="")


def test_only_a_clerk_of_the_ward_receives_into_its_chi_bo(world, clerk, newcomer, outsider, secretary):
    with pytest.raises(PermissionDenied):
        receive(world, outsider, newcomer)
    with pytest.raises(PermissionDenied):
        receive(world, secretary, newcomer)
    with pytest.raises(ValidationError, match="không thuộc phường/xã của chi bộ"):
        receive(world, clerk, world.stranger)
    assert not PartyMember.objects.exists()


def test_a_return_after_a_transfer_out_is_also_held_to_the_30_working_days(world, clerk, newcomer):
    member = receive(world, clerk, newcomer, day=D(2025, 1, 6), introduced_on=D(2025, 1, 2))
    services.record_event(member, kind=K.TRANSFER_OUT, day=D(2025, 6, 2), actor=clerk, counterpart=FROM)
    with pytest.raises(ValidationError, match="Quá 30 ngày làm việc"):
        services.record_event(member, kind=K.TRANSFER_IN, day=D(2026, 1, 5), actor=clerk,
                              introduced_on=D(2025, 10, 1), counterpart=FROM)
    services.record_event(member, kind=K.TRANSFER_IN, day=D(2026, 1, 5), actor=clerk, introduced_on=D(2025, 12, 1),
                          counterpart=FROM)
    member.refresh_from_db()
    assert member.status == Status.OFFICIAL and member.last_transfer_on == D(2026, 1, 5)


def test_transfers_of_the_last_30_working_days_are_listed(world, clerk, newcomer):
    recent = receive(world, clerk, newcomer)
    old_person = Person.objects.create(organization=world.cell, full_name="Đã Lâu", search_name="da lau",
                                       date_of_birth=D(1980, 1, 1))
    since = working_days_before(TODAY, 30)
    old = receive(world, clerk, old_person, day=since - datetime.timedelta(days=1),
                  introduced_on=since - datetime.timedelta(days=3), membership_no="", card_no="")
    leaving_person = Person.objects.create(organization=world.cell, full_name="Chuyển Đi", search_name="chuyen di",
                                           date_of_birth=D(1982, 1, 1))
    leaving = receive(world, clerk, leaving_person, day=D(2024, 1, 8), introduced_on=D(2024, 1, 3),
                      membership_no="", card_no="")
    services.record_event(leaving, kind=K.TRANSFER_OUT, day=since, actor=clerk, counterpart=FROM)
    listed = list(apply_list(PartyMember.objects.all(), "transfers", today=TODAY))
    assert [member.pk for member in listed] == [recent.pk, leaving.pk]  # the latest first
    assert old.pk not in {member.pk for member in listed}


def test_working_days_before_is_the_inverse_of_add_working_days():
    rng = random.Random(7)
    for _ in range(500):
        end = D(2016, 1, 1) + datetime.timedelta(days=rng.randrange(0, 3650))
        n = rng.randrange(0, 70)
        start = working_days_before(end, n)
        assert add_working_days(start, n) >= end
        assert start == end or add_working_days(start - datetime.timedelta(days=1), n) < end


# Pages and API -----------------------------------------------------------------------------------------------------


def test_the_clerk_receives_a_member_on_one_form(world, clerk, client, newcomer):
    client.force_login(clerk)
    response = client.post(reverse("member_receive"), {
        "person": newcomer.pk, "organization": world.cell.pk, "counterpart": FROM,
        "introduced_on": TODAY.strftime("%d/%m/%Y"), "day": TODAY.strftime("%d/%m/%Y"),
        "admitted_on": "02/03/2015", "ceremony_on": "", "official_on": "20/03/2016",
    })
    member = PartyMember.objects.get(person=newcomer)
    assert response.status_code == 302 and response["Location"] == reverse("member_detail", args=[member.pk])
    assert member.ceremony_on == D(2015, 3, 2)  # unknown: taken as the decision's day
    page = client.get(response["Location"]).content.decode()
    assert "Tiếp nhận sinh hoạt chính thức" in page and FROM in page


def test_a_refused_form_shows_the_reason_next_to_the_field(world, clerk, client, newcomer):
    client.force_login(clerk)
    response = client.post(reverse("member_receive"), {
        "person": newcomer.pk, "organization": world.cell.pk, "counterpart": FROM,
        "day": TODAY.strftime("%d/%m/%Y"), "admitted_on": "02/03/2015", "official_on": "01/12/2015",
    })
    assert response.status_code == 200
    assert "Chưa hết 12 tháng dự bị" in response.content.decode()
    assert not PartyMember.objects.exists()


def test_the_api_receives_a_member(world, clerk, client, newcomer, outsider):
    def token(user):
        answer = client.post("/api/v1/auth/token", {"username": user.username, "password": PASSWORD},
                             content_type="application/json")
        return {"HTTP_AUTHORIZATION": f"Bearer {answer.json()['token']}"}

    body = {"person": str(newcomer.pk), "organization": str(world.cell.pk), "date": TODAY.isoformat(),
            "counterpart": FROM, "admitted_on": "2015-03-02", "official_on": "2016-03-20"}
    refused = client.post("/api/v1/members/transfers-in", {**body, "official_on": "2015-04-01"},
                          content_type="application/json", **token(clerk))
    assert refused.status_code == 400 and "Chưa hết 12 tháng dự bị" in refused.json()["detail"]
    hidden = client.post("/api/v1/members/transfers-in", body, content_type="application/json", **token(outsider))
    assert hidden.status_code == 404
    created = client.post("/api/v1/members/transfers-in", body, content_type="application/json", **token(clerk))
    assert created.status_code == 201, created.content
    assert created.json()["status"] == "official" and created.json()["admitted_on"] == "2015-03-02"
    listed = client.get("/api/v1/members?list=transfers", **token(clerk)).json()
    assert [item["full_name"] for item in listed["items"]] == ["Lương Thị Mới"]


# Party age across transfers (docs/rules.md §1.13): only the interruption is deducted, not the years active elsewhere
# ----


def test_a_member_arriving_from_elsewhere_has_past_interruptions_deducted_from_party_age(world, clerk, newcomer):
    member = receive(world, clerk, newcomer, interruptions=[(D(2018, 1, 2), D(2019, 1, 2))])
    gap = member.events.get(kind=K.INTERRUPTION)
    assert (gap.effective_date, gap.ends_on) == (D(2018, 1, 2), D(2019, 1, 2))
    assert member.age_base_on == D(2016, 3, 1)  # 2015-03-02 moved 365 days later: the badge list reads this
    lifecycle = Lifecycle(member.events.all())
    assert lifecycle.party_age(D(2025, 3, 2)) == (9, 0)
    assert lifecycle.next_badge(D(2026, 6, 1)).reached_on == D(2046, 3, 1)  # 30 years, the same computation


def test_an_interruption_that_cannot_be_is_refused_by_row_and_nothing_is_kept(world, clerk, newcomer):
    before = counts()
    with pytest.raises(ValidationError) as refused:
        receive(world, clerk, newcomer, interruptions=[(D(2018, 1, 2), D(2019, 1, 2)), (D(2014, 1, 1),
                                                                                       D(2014, 6, 1))])
    assert "Gián đoạn thứ 1: Thời gian gián đoạn phải sau ngày quyết định kết nạp." in refused.value.messages
    assert counts() == before


def test_years_away_on_a_transfer_out_and_back_are_kept_and_an_interruption_entered_later_is_deducted(
    world, clerk, newcomer
):
    member = receive(world, clerk, newcomer, day=D(2020, 5, 4), introduced_on=D(2020, 5, 4))
    services.record_event(member, kind=K.TRANSFER_OUT, day=D(2021, 3, 1), actor=clerk, counterpart="Hà Đông")
    services.record_event(member, kind=K.TRANSFER_IN, day=D(2024, 3, 1), actor=clerk, counterpart="Hà Đông")
    member.refresh_from_db()
    assert member.age_base_on == D(2015, 3, 2)  # the three years in Hà Đông count
    services.record_event(member, kind=K.INTERRUPTION, day=D(2021, 3, 1), ends_on=D(2021, 6, 1), actor=clerk,
                          note="Nộp giấy giới thiệu chậm ba tháng.")
    member.refresh_from_db()
    assert member.age_base_on == D(2015, 6, 2)  # 92 days later
    entry = LogEntry.objects.filter(action="members.event.recorded").latest("created")
    assert entry.data["kind"] == K.INTERRUPTION


def test_the_receive_form_reads_interruptions_line_by_line(client, world, clerk, newcomer):
    client.force_login(clerk)
    today = TODAY.strftime("%d/%m/%Y")
    data = {"person": newcomer.pk, "organization": world.cell.pk, "counterpart": FROM, "day": today,
            "introduced_on": today, "admitted_on": "02/03/2015", "ceremony_on": "20/03/2015",
            "official_on": "20/03/2016", "interruptions": "02/01/2018 - 02/01/2019\n2019"}
    response = client.post(reverse("member_receive"), data)
    assert "Dòng 2: hãy ghi “dd/mm/yyyy - dd/mm/yyyy”" in response.content.decode()
    assert not PartyMember.objects.exists()
    response = client.post(reverse("member_receive"), {**data, "interruptions": "02/01/2018 – 02/01/2019"})
    member = PartyMember.objects.get()
    assert member.age_base_on == D(2016, 3, 1) and response.status_code == 302


def test_the_api_receives_interruptions(client, world, clerk, newcomer):
    token = client.post("/api/v1/auth/token", {"username": clerk.username, "password": PASSWORD},
                        content_type="application/json").json()["token"]
    response = client.post("/api/v1/members/transfers-in", {
        "person": str(newcomer.pk), "organization": str(world.cell.pk), "date": TODAY.isoformat(),
        "counterpart": FROM, "introduced_on": TODAY.isoformat(), "admitted_on": "2015-03-02",
        "ceremony_on": "2015-03-20", "official_on": "2016-03-20",
        "interruptions": [{"start": "2018-01-02", "end": "2019-01-02"}],
    }, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 201, response.content
    assert PartyMember.objects.get().age_base_on == D(2016, 3, 1)


def test_an_interruption_is_recorded_through_the_api_and_a_bad_one_is_refused_by_name(client, world, clerk,
                                                                                      newcomer, outsider):
    member = receive(world, clerk, newcomer)
    token = client.post("/api/v1/auth/token", {"username": clerk.username, "password": PASSWORD},
                        content_type="application/json").json()["token"]
    url, headers = f"/api/v1/members/{member.pk}/events", {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    refused = client.post(url, {"kind": "interruption", "date": "2018-01-02"}, content_type="application/json",
                          **headers)
    assert refused.status_code == 400 and "Cần ghi ngày kết thúc thời gian gián đoạn" in refused.json()["detail"]
    created = client.post(url, {"kind": "interruption", "date": "2018-01-02", "ends_on": "2019-01-02"},
                          content_type="application/json", **headers)
    assert created.status_code == 201, created.content
    assert created.json()["ends_on"] == "2019-01-02"
    member.refresh_from_db()
    assert member.age_base_on == D(2016, 3, 1)
    other = client.post("/api/v1/auth/token", {"username": outsider.username, "password": PASSWORD},
                        content_type="application/json").json()["token"]
    assert client.post(url, {"kind": "interruption", "date": "2020-01-02", "ends_on": "2020-02-02"},
                       content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {other}").status_code == 404
