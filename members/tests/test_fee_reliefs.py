"""Party fee exemptions, reductions and deferrals (Quy định 01-QĐ/TW, Điều 5; docs/rules.md §6.4, §6.5): a member with
50 years of Party age owes nothing from February 2026 (QĐ 01 applies from 01/02/2026; not before); the chi bộ exempts,
reduces (30/50/70%) or defers a member's fee for at most 12 months on application; an exempt or deferred month is never
unpaid, so such a member never reaches the "3 months unpaid" list that feeds removal proposals."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from audit.models import LogEntry
from members import fees, services
from members.models import FeeCategory, FeeMethod, FeePayment, FeeRelief, PartyMember, ReliefKind, ReliefReason
from members.rules import add_months
from org.models import Person
from org.tests.test_api_people import bearer

D = datetime.date
TODAY = timezone.localdate()
WINDOW = fees.unpaid_window(TODAY)


RECEIVED_ON = D(2025, 6, 2)


def received(world, clerk, name, *, admitted_on, born, day=RECEIVED_ON):
    """An official member received by transfer on `day` (owes fees here from the next month), basis set."""
    person = Person.objects.create(organization=world.cell, full_name=name, search_name=name.lower(),
                                   date_of_birth=born)
    member = services.receive_transfer(
        person=person, organization=world.cell, day=day, admitted_on=admitted_on,
        ceremony_on=admitted_on + datetime.timedelta(days=15), official_on=D(admitted_on.year + 2, 6, 1),
        introduced_on=day, counterpart="Đảng bộ phường Hà Đông", actor=clerk,
    )
    services.update_member(member, actor=clerk, fee_category=FeeCategory.PENSION, fee_base=6_000_000)
    return PartyMember.objects.select_related("person").get(pk=member.pk)


def unpaid(member):
    return PartyMember.objects.filter(pk=member.pk).fees_unpaid(TODAY).exists()


def test_fifty_years_of_party_age_exempts_from_february_2026_and_not_before(world, clerk):
    veteran = received(world, clerk, "Cụ Nguyễn Văn Lão", admitted_on=D(1975, 12, 20), born=D(1950, 1, 1))
    assert veteran.age_base_on == D(1975, 12, 20)  # 50 years on 20/12/2025
    assert veteran.owes_fee_for(D(2026, 1, 1))  # QĐ 01 applies from 01/02/2026: January is still owed
    assert not veteran.owes_fee_for(D(2026, 2, 1)) and veteran.fee_exempt_by_party_age(D(2026, 2, 1))
    younger = received(world, clerk, "Trần Văn Trẻ", admitted_on=D(1976, 3, 2), born=D(1952, 1, 1))
    assert younger.owes_fee_for(D(2026, 3, 1)) and not younger.owes_fee_for(D(2026, 4, 1))  # 50 years on 02/03/2026
    assert fees.due_for(veteran, D(2026, 5, 1)) == 0 and fees.due_for(veteran, D(2026, 1, 1)) is None  # no rule

    # The list (SQL) and the dossier (Python) reckon the same owed months, none unpaid from February 2026.
    annotated = fees.annotate_unpaid(PartyMember.objects.filter(pk__in=[veteran.pk, younger.pk]), TODAY)
    expected = {m.pk: sum(1 for month in WINDOW if m.owes_fee_for(month)) for m in (veteran, younger)}
    assert {m.pk: m.owed_months for m in annotated} == expected
    assert expected[veteran.pk] == sum(1 for month in WINDOW if month < D(2026, 2, 1) and month >= D(2025, 7, 1))
    with pytest.raises(ValidationError, match=r"được miễn đảng phí tháng 05/2026 \(đủ 50 năm tuổi đảng"):
        services.record_fee_payments(month=D(2026, 5, 1), actor=clerk, entries=[
            {"member": veteran, "amount": 30_000, "paid_on": D(2026, 5, 5)}])


def test_an_exempt_member_owes_nothing_and_never_appears_on_the_unpaid_list(world, clerk):
    member = received(world, clerk, "Lê Thị Nghèo", admitted_on=D(2005, 3, 2), born=D(1980, 1, 1))
    assert unpaid(member)  # nothing paid since July 2025
    start = max(WINDOW[0], D(2026, 2, 1))
    end = min(fees.month_start(TODAY), add_months(start, 11))
    relief = services.record_fee_relief(member, kind=ReliefKind.EXEMPT, reason=ReliefReason.POOR_HOUSEHOLD,
                                        start_month=start, end_month=end, decided_on=TODAY, actor=clerk)
    months = FeePayment.objects.filter(member=member, method=FeeMethod.EXEMPT)
    assert months.count() == len([m for m in [*WINDOW, end] if start <= m <= end])
    assert set(months.values_list("amount", flat=True)) == {0}
    settled_before = [m for m in WINDOW if m < start and member.owes_fee_for(m)]
    assert unpaid(member) == (len(settled_before) >= 3)
    assert fees.due_for(member, end, [relief]) == 0
    entry = LogEntry.objects.get(action="members.fee.relieved")
    assert entry.data["kind"] == "exempt" and entry.organization == world.cell


def test_a_reduction_lowers_the_amount_due_and_a_deferral_settles_the_month(world, clerk, client):
    member = received(world, clerk, "Phạm Văn Khó", admitted_on=D(2005, 3, 2), born=D(1980, 1, 1))
    relief = services.record_fee_relief(member, kind=ReliefKind.REDUCED, reason=ReliefReason.OTHER_HARDSHIP,
                                        percent=70, start_month=D(2026, 3, 1), end_month=D(2026, 8, 1),
                                        decided_on=D(2026, 2, 20), actor=clerk)
    assert fees.due_for(member, D(2026, 4, 1), [relief]) == 9_000  # 30,000 less 70%
    assert fees.due_for(member, D(2026, 9, 1), [relief]) == 30_000
    assert not FeePayment.objects.filter(member=member).exists()  # a reduced month is still to be paid
    services.record_fee_relief(member, kind=ReliefKind.DEFERRED, reason=ReliefReason.ACTIVITY_EXEMPT,
                               start_month=D(2026, 9, 1), end_month=D(2026, 10, 1), decided_on=D(2026, 8, 25),
                               actor=clerk)
    assert list(FeePayment.objects.filter(member=member).values_list("method", flat=True)) == ["deferred"] * 2
    client.force_login(clerk)
    page = client.get("/members/fees/", {"organization": world.cell.pk, "month": "2026-04"}).content.decode()
    assert "9.000 đ" in page and "Giảm mức đóng 70% đảng phí 03/2026–08/2026" in page
    page = client.get("/members/fees/", {"organization": world.cell.pk, "month": "2026-09"}).content.decode()
    assert "Hoãn đóng đảng phí: Được miễn sinh hoạt" in page


@pytest.mark.parametrize(("fields", "message"), [
    ({"start_month": D(2026, 1, 1), "end_month": D(2026, 3, 1)}, "từ tháng 02/2026"),
    ({"end_month": D(2027, 3, 1)}, "tối đa 12 tháng"),
    ({"end_month": D(2026, 2, 1)}, "không được trước tháng bắt đầu"),
    ({"kind": ReliefKind.REDUCED, "percent": 40}, "30%, 50% hoặc 70%"),
    ({"kind": ReliefKind.DEFERRED}, "chỉ áp dụng cho"),
    ({"percent": 30}, "Chỉ ghi mức giảm khi giảm"),
    ({"decided_on": TODAY + datetime.timedelta(days=1)}, "không được sau hôm nay"),
])
def test_a_relief_the_rule_does_not_allow_is_refused_and_nothing_is_kept(world, clerk, fields, message):
    member = received(world, clerk, "Đỗ Văn Đơn", admitted_on=D(2005, 3, 2), born=D(1980, 1, 1))
    before = (FeeRelief.objects.count(), FeePayment.objects.count(), LogEntry.objects.count())
    values = {"kind": ReliefKind.EXEMPT, "reason": ReliefReason.SERIOUS_ILLNESS, "start_month": D(2026, 3, 1),
              "end_month": D(2026, 5, 1), "decided_on": D(2026, 2, 27), **fields}
    if values["kind"] == ReliefKind.REDUCED:
        values["reason"] = ReliefReason.OTHER_HARDSHIP
    with pytest.raises(ValidationError, match=message):
        services.record_fee_relief(member, actor=clerk, **values)
    assert (FeeRelief.objects.count(), FeePayment.objects.count(), LogEntry.objects.count()) == before


def test_a_month_already_paid_or_relieved_is_named_and_nothing_is_kept(world, clerk):
    member = received(world, clerk, "Vũ Văn Đủ", admitted_on=D(2005, 3, 2), born=D(1980, 1, 1))
    services.record_fee_payments(month=D(2026, 4, 1), actor=clerk, entries=[
        {"member": member, "amount": 30_000, "paid_on": D(2026, 4, 5)}])
    with pytest.raises(ValidationError, match="Đã ghi đảng phí các tháng 04/2026"):
        services.record_fee_relief(member, kind=ReliefKind.EXEMPT, reason=ReliefReason.SOCIAL_PENSION,
                                   start_month=D(2026, 3, 1), end_month=D(2026, 6, 1), decided_on=D(2026, 3, 2),
                                   actor=clerk)
    services.record_fee_relief(member, kind=ReliefKind.EXEMPT, reason=ReliefReason.SOCIAL_PENSION,
                               start_month=D(2026, 5, 1), end_month=D(2026, 6, 1), decided_on=D(2026, 4, 28),
                               actor=clerk)
    with pytest.raises(ValidationError, match="Trùng thời gian"):
        services.record_fee_relief(member, kind=ReliefKind.REDUCED, reason=ReliefReason.OTHER_HARDSHIP, percent=50,
                                   start_month=D(2026, 6, 1), end_month=D(2026, 7, 1), decided_on=D(2026, 5, 28),
                                   actor=clerk)
    with pytest.raises(ValidationError, match="miễn, hoãn đảng phí được ghi ở"):
        services.record_fee_payments(month=D(2026, 7, 1), actor=clerk, entries=[
            {"member": member, "amount": 1, "paid_on": D(2026, 7, 5), "method": FeeMethod.EXEMPT}])


def test_the_page_and_the_api_record_a_relief_in_scope(world, clerk, outsider, client):
    member = received(world, clerk, "Hồ Thị Ốm", admitted_on=D(2005, 3, 2), born=D(1980, 1, 1))
    client.force_login(clerk)
    response = client.post(f"/members/{member.pk}/fee-reliefs/new/", {
        "kind": "exempt", "reason": "serious_illness", "start_month": "03/2026", "end_month": "13/2026",
        "decided_on": "27/02/2026"})
    assert "Tháng không hợp lệ" in response.content.decode() and not FeeRelief.objects.exists()
    response = client.post(f"/members/{member.pk}/fee-reliefs/new/", {
        "kind": "exempt", "reason": "serious_illness", "start_month": "03/2026", "end_month": "05/2026",
        "decided_on": "27/02/2026"}, follow=True)
    assert "Miễn đóng đảng phí 03/2026–05/2026: Ốm đau nặng" in response.content.decode()

    body = {"kind": "reduced", "reason": "other_hardship", "percent": 50, "start_month": "2026-06",
            "end_month": "2026-08", "decided_on": "2026-05-29"}
    url = f"/api/v1/members/{member.pk}/fee-reliefs"
    assert client.post(url, json.dumps(body), content_type="application/json",
                       **bearer(client, outsider)).status_code == 404
    created = client.post(url, json.dumps(body), content_type="application/json", **bearer(client, clerk))
    assert created.status_code == 201, created.content
    assert created.json()["percent"] == 50
    fees_out = client.get(f"/api/v1/members/{member.pk}/fees", **bearer(client, clerk)).json()
    assert [r["kind"] for r in fees_out["reliefs"]] == ["reduced", "exempt"]
    assert client.get(f"/members/{member.pk}/fee-reliefs/new/").status_code == 200
    client.force_login(outsider)
    assert client.get(f"/members/{member.pk}/fee-reliefs/new/").status_code == 404
