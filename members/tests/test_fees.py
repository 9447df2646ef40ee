"""Party fees (docs/rules.md §6, QĐ 01-QĐ/TW): the amount due by the rule in force, the month's collection recorded all
or none and audited, the members with 3 months unpaid in the past year, the fee sheet page and the API."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.permissions import Role
from audit.models import LogEntry
from conftest import PASSWORD, decide_admission, make_user
from members import fees, services
from members.lifecycle import Lifecycle
from members.lists import apply_list
from members.models import EventKind, FeeCategory, FeeMethod, FeePayment, PartyMember
from members.rules import add_months, fee_rules_for
from org.models import Person

D = datetime.date
K = EventKind
TODAY = timezone.localdate()
THIS_MONTH = TODAY.replace(day=1)
WINDOW = fees.unpaid_window(TODAY)


# The amount due (docs/rules.md §6.1)
# ------------------------------------------------------------------------------------


def test_insured_wage_pays_one_percent_of_the_previous_months_wage_domain_6():
    assert fees.monthly_fee(FeeCategory.INSURED_WAGE, 8_350_000, D(2026, 10, 1)) == 83_500


def test_retirees_pay_half_a_percent_of_the_pension_rounded_half_up_to_the_dong_domain_6():
    assert fees.monthly_fee(FeeCategory.PENSION, 6_000_000, D(2026, 10, 1)) == 30_000
    assert fees.monthly_fee(FeeCategory.PENSION, 6_000_100, D(2026, 10, 1)) == 30_001  # 30,000.5 → 30,001
    assert fees.monthly_fee(FeeCategory.PENSION, 6_000_099, D(2026, 10, 1)) == 30_000  # 30,000.495 → 30,000


def test_pupils_and_students_pay_5000_dong_a_month_domain_6():
    assert fees.monthly_fee(FeeCategory.STUDENT, None, D(2026, 10, 1)) == 5_000


def test_others_pay_the_amount_the_chi_bo_set_domain_6():
    assert fees.monthly_fee(FeeCategory.OTHER, 20_000, D(2026, 10, 1)) == 20_000


def test_no_amount_without_a_category_or_a_basis():
    assert fees.monthly_fee("", 8_000_000, D(2026, 10, 1)) is None
    assert fees.monthly_fee(FeeCategory.INSURED_WAGE, None, D(2026, 10, 1)) is None


def test_qd_01_reckons_february_2026_on_and_no_earlier_month_domain_0_and_6():
    """QĐ 01-QĐ/TW, signed 03/02/2026, applies from 01/02/2026: February 2026 is its first month. The rates before
    it (QĐ 342) were not captured, so no amount is reckoned for January 2026."""
    assert fee_rules_for(D(2026, 2, 1)).effective_from == D(2026, 2, 1)
    assert fee_rules_for(D(2026, 2, 1)).source.startswith("Quy định 01-QĐ/TW")
    assert fee_rules_for(D(2026, 1, 31)) is None
    assert fees.monthly_fee(FeeCategory.INSURED_WAGE, 8_000_000, D(2026, 2, 1)) == 80_000
    assert fee_rules_for(D(2026, 1, 1)) is None
    assert fees.monthly_fee(FeeCategory.STUDENT, None, D(2026, 1, 1)) is None


def test_months_are_parsed_in_both_written_forms():
    assert fees.parse_month("2026-10") == D(2026, 10, 1)
    assert fees.parse_month("10/2026") == D(2026, 10, 1)
    for bad in ("2026-13", "2026", "", "x/2026", "10-2026-01"):
        assert fees.parse_month(bad) is None


def test_the_unpaid_window_is_the_twelve_complete_months_before_this_one():
    expected = [D(2025, 11, 1), D(2025, 12, 1), *[D(2026, m, 1) for m in range(1, 11)]]
    assert fees.unpaid_window(D(2026, 11, 24)) == expected


# Who owes from when ------------------------------------------------------------------------------------------------


class Event:
    def __init__(self, kind, day):
        self.kind, self.effective_date = kind, day


def test_fees_are_owed_from_the_month_after_the_ceremony_transfer_in_or_return():
    ceremony = [Event(K.ADMISSION_DECISION, D(2020, 1, 10)), Event(K.CEREMONY, D(2020, 1, 31))]
    assert Lifecycle(ceremony).fees_owed_from == D(2020, 2, 1)
    transfer = [*ceremony, Event(K.TRANSFER_OUT, D(2023, 5, 2)), Event(K.TRANSFER_IN, D(2024, 12, 5))]
    assert Lifecycle(transfer).fees_owed_from == D(2025, 1, 1)
    away = [*ceremony, Event(K.TEMPORARY_OUT, D(2025, 3, 1)), Event(K.TEMPORARY_RETURN, D(2026, 3, 15))]
    assert Lifecycle(away).fees_owed_from == D(2026, 4, 1)
    assert Lifecycle([Event(K.CANDIDATE, D(2026, 1, 1))]).fees_owed_from is None


# Recording a month's collection -----------------------------------------------------------------------------------

CEREMONY = add_months(THIS_MONTH, -30) + datetime.timedelta(days=14)  # owes every month of the window


def make_member(world, clerk, name, *, cell=None, ceremony=CEREMONY, category=FeeCategory.INSURED_WAGE,
                base=8_000_000):
    cell = cell or world.cell
    person = Person.objects.create(organization=cell, full_name=name, search_name=name.lower(),
                                   date_of_birth=D(1985, 1, 1))
    start = ceremony - datetime.timedelta(days=240)
    member = services.register_candidate(person=person, organization=cell, day=start, actor=clerk)
    services.record_event(member, kind=K.AWARENESS_COURSE, day=start + datetime.timedelta(days=10), actor=clerk)
    decide_admission(member, cell_day=start + datetime.timedelta(days=20),
                     decision=ceremony - datetime.timedelta(days=14), actor=clerk)
    services.record_event(member, kind=K.CEREMONY, day=ceremony, actor=clerk)
    if category:
        services.update_member(member, actor=clerk, fee_category=category,
                               fee_base=None if category == FeeCategory.STUDENT else base)
    return PartyMember.objects.select_related("person", "organization").get(pk=member.pk)


def pay(member, month, actor, amount=80_000, **extra):
    return services.record_fee_payments(
        month=month, entries=[{"member": member, "amount": amount, "paid_on": TODAY, **extra}], actor=actor
    )


def pay_window(member, actor, skip=()):
    for month in WINDOW:
        if month not in skip:
            pay(member, month, actor)


@pytest.fixture
def lan(world, clerk):
    return make_member(world, clerk, "Phạm Thị Lan")


@pytest.fixture
def minh(world, clerk):
    return make_member(world, clerk, "Đỗ Văn Minh", category=FeeCategory.PENSION, base=7_000_000)


def test_a_months_collection_is_recorded_with_one_audit_row_per_member(lan, minh, clerk):
    payments = services.record_fee_payments(month=WINDOW[-1], entries=[
        {"member": lan, "amount": 80_000, "paid_on": TODAY, "method": FeeMethod.CASH},
        {"member": minh, "amount": 35_000, "paid_on": TODAY, "method": FeeMethod.PORTAL},
    ], actor=clerk)
    assert {(p.member_id, p.amount, p.method) for p in payments} == {
        (lan.pk, 80_000, FeeMethod.CASH), (minh.pk, 35_000, FeeMethod.PORTAL)
    }
    rows = LogEntry.objects.filter(action="members.fee.paid")
    assert sorted(row.object_id for row in rows) == sorted([str(lan.pk), str(minh.pk)])
    assert {row.data["month"] for row in rows} == {f"{WINDOW[-1]:%Y-%m}"}
    assert all(row.organization_id == lan.organization_id for row in rows)


def test_a_refused_entry_refuses_the_whole_collection_and_names_the_member(lan, minh, clerk):
    pay(lan, WINDOW[-1], clerk)
    before = (FeePayment.objects.count(), LogEntry.objects.count())
    with pytest.raises(ValidationError) as refused:
        services.record_fee_payments(month=WINDOW[-1], entries=[
            {"member": minh, "amount": 35_000, "paid_on": TODAY},
            {"member": lan, "amount": 80_000, "paid_on": TODAY},
        ], actor=clerk)
    assert f"Phạm Thị Lan: tháng {WINDOW[-1]:%m/%Y} đã ghi đảng phí." in refused.value.messages
    assert (FeePayment.objects.count(), LogEntry.objects.count()) == before


@pytest.mark.parametrize("case, message", [
    ("zero", "số tiền phải lớn hơn 0"),
    ("future_paid_on", "ngày đóng không được sau hôm nay"),
    ("before_owed", "chưa đóng đảng phí tại chi bộ"),
])
def test_bad_entries_are_refused_with_the_reason(lan, clerk, case, message):
    month, entry = WINDOW[-1], {"member": lan, "amount": 80_000, "paid_on": TODAY}
    if case == "zero":
        entry["amount"] = 0
    elif case == "future_paid_on":
        entry["paid_on"] = TODAY + datetime.timedelta(days=1)
    else:
        month = add_months(lan.fees_owed_from, -1)
    with pytest.raises(ValidationError) as refused:
        services.record_fee_payments(month=month, entries=[entry], actor=clerk)
    assert message in " ".join(refused.value.messages)
    assert not FeePayment.objects.exists()


def test_members_off_the_roll_and_months_too_far_ahead_are_refused(world, clerk, lan):
    services.record_event(lan, kind=K.DEATH, day=TODAY, actor=clerk)
    with pytest.raises(ValidationError, match="không còn trong danh sách"):
        pay(PartyMember.objects.get(pk=lan.pk), WINDOW[-1], clerk)
    other = make_member(world, clerk, "Vũ Văn Xa")
    with pytest.raises(ValidationError, match="tối đa 12 tháng"):
        pay(other, add_months(THIS_MONTH, 13), clerk)
    pay(other, add_months(THIS_MONTH, 12), clerk)  # a year ahead is allowed
    assert FeePayment.objects.count() == 1


def test_the_chi_bo_secretary_records_fees_of_their_own_chi_bo_only(world, clerk, lan, cell_secretary, secretary):
    """The chi bộ collects the fees (docs/rules.md §6.3): its secretary holds members.fees there, not elsewhere."""
    pay(lan, WINDOW[-1], cell_secretary)
    other = make_member(world, clerk, "Hà Văn Khác", cell=world.cell2)
    with pytest.raises(PermissionDenied):
        pay(other, WINDOW[-1], cell_secretary)
    with pytest.raises(PermissionDenied):
        pay(other, WINDOW[-1], secretary)  # the ward secretary reads, the office records
    assert FeePayment.objects.count() == 1


def test_the_fee_basis_is_validated_and_audited(lan, clerk):
    with pytest.raises(ValidationError) as refused:
        services.update_member(lan, actor=clerk, fee_category=FeeCategory.PENSION, fee_base=None)
    assert "fee_base" in refused.value.message_dict
    services.update_member(lan, actor=clerk, fee_base=9_000_000)
    entry = LogEntry.objects.filter(action="members.member.updated").latest("id")
    assert entry.data["changes"]["fee_base"] == {"old": 8_000_000, "new": 9_000_000}


# The unpaid list ---------------------------------------------------------------------------------------------------


def test_members_with_three_months_unpaid_in_the_past_year_are_listed_domain_6(world, clerk, lan, minh):
    """docs/rules.md §6.6: 3 months unpaid in a year leads to a proposal to remove the member."""
    pay_window(lan, clerk, skip={WINDOW[0], WINDOW[5], WINDOW[11]})  # three scattered months
    pay_window(minh, clerk, skip={WINDOW[3], WINDOW[4]})  # two: not yet
    listed = {m.person.full_name: m.unpaid_months for m in PartyMember.objects.fees_unpaid(TODAY)}
    assert listed == {"Phạm Thị Lan": 3}
    pay(lan, WINDOW[5], clerk)
    assert not PartyMember.objects.fees_unpaid(TODAY).exists()


def test_only_months_owed_here_count(world, clerk):
    """A member admitted two months ago owes two months; one away pays where they are active."""
    recent = make_member(world, clerk, "Mới Kết Nạp", ceremony=add_months(THIS_MONTH, -3) + datetime.timedelta(days=3))
    assert recent.fees_owed_from == add_months(THIS_MONTH, -2)
    away = make_member(world, clerk, "Đi Vắng")
    services.record_event(away, kind=K.TEMPORARY_OUT, day=TODAY, actor=clerk)
    never_paid = make_member(world, clerk, "Chưa Đóng")
    listed = {m.person.full_name: m.unpaid_months for m in PartyMember.objects.fees_unpaid(TODAY)}
    assert listed == {"Chưa Đóng": 12}
    assert never_paid.pk in {m.pk for m in apply_list(PartyMember.objects.all(), "fees_unpaid", today=TODAY)}


def test_the_list_and_the_dossier_reckon_the_same_months(world, clerk):
    """annotate_unpaid (SQL, for lists) and member_fee_months (Python, for one dossier) agree member by member."""
    cases = [
        ("A", CEREMONY, set()), ("B", CEREMONY, {WINDOW[1]}), ("C", CEREMONY, set(WINDOW[4:])),
        ("D", add_months(THIS_MONTH, -5), set()), ("E", add_months(THIS_MONTH, -5), {add_months(THIS_MONTH, -2)}),
        ("F", add_months(THIS_MONTH, -13), {WINDOW[0]}),
    ]
    for name, ceremony, skipped in cases:
        member = make_member(world, clerk, f"Người {name}", ceremony=ceremony)
        for month in WINDOW:
            if month >= member.fees_owed_from and month not in skipped:
                pay(member, month, clerk)
    annotated = {m.pk: m.unpaid_months for m in fees.annotate_unpaid(PartyMember.objects.all(), TODAY)}
    for member in PartyMember.objects.all():
        months = fees.member_fee_months(member, member.fee_payments.all(), TODAY)
        assert annotated[member.pk] == fees.unpaid_count(months, TODAY), member
    assert sorted(annotated.values()) == [0, 0, 1, 1, 1, 8]


def test_the_unpaid_list_runs_a_bounded_number_of_queries(world, clerk, client, django_assert_max_num_queries):
    client.force_login(clerk)
    url = reverse("member_list") + "?list=fees_unpaid"
    make_member(world, clerk, "Một")
    with django_assert_max_num_queries(12) as few:
        assert client.get(url).status_code == 200
    for n in range(6):
        make_member(world, clerk, f"Thêm {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count("<td>12</td>") == 7


def test_the_unpaid_list_exports_its_months(world, clerk, client):
    import io

    from openpyxl import load_workbook

    make_member(world, clerk, "Nợ Phí")
    client.force_login(clerk)
    response = client.get(reverse("member_export") + "?list=fees_unpaid")
    sheet = load_workbook(io.BytesIO(response.content)).active
    headers = [cell.value for cell in sheet[2]]
    assert headers[-1] == "Số tháng chưa đóng đảng phí"
    assert sheet["B3"].value == "Nợ Phí" and sheet[3][len(headers) - 1].value == 12


# The fee sheet page ------------------------------------------------------------------------------------------------


def sheet_url(cell, month=WINDOW[-1]):
    return f"{reverse('fee_sheet')}?organization={cell.pk}&month={month:%Y-%m}"


def test_the_clerk_records_a_chi_bos_month_on_one_page(world, clerk, client, lan, minh):
    client.force_login(clerk)
    page = client.get(sheet_url(world.cell)).content.decode()
    assert "Phạm Thị Lan" in page and "80.000 đ" in page and "35.000 đ" in page  # 1% of 8M, 0.5% of 7M
    response = client.post(sheet_url(world.cell), {
        "paid_on": TODAY.strftime("%d/%m/%Y"),
        f"pay_{lan.pk.hex}": "on", f"amount_{lan.pk.hex}": "80000", f"method_{lan.pk.hex}": "cash",
        f"amount_{minh.pk.hex}": "35000", f"method_{minh.pk.hex}": "cash",  # not ticked: not paid
    })
    assert response.status_code == 302
    assert list(FeePayment.objects.values_list("member_id", "amount")) == [(lan.pk, 80_000)]
    page = client.get(sheet_url(world.cell)).content.decode()
    assert "Đã đóng: <strong>1</strong>/2" in page


def test_a_bad_sheet_shows_the_reason_and_records_nothing(world, clerk, client, lan):
    client.force_login(clerk)
    response = client.post(sheet_url(world.cell), {
        "paid_on": "31/02/2026", f"pay_{lan.pk.hex}": "on", f"amount_{lan.pk.hex}": "-5",
        f"method_{lan.pk.hex}": "cash",
    })
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ngày không hợp lệ" in page and "Số tiền phải lớn hơn 0." in page
    response = client.post(sheet_url(world.cell), {"paid_on": TODAY.strftime("%d/%m/%Y")})
    assert "Hãy đánh dấu ít nhất một đảng viên đã đóng." in response.content.decode()
    assert not FeePayment.objects.exists()


def test_the_fee_sheet_is_scoped(world, clerk, client, lan, outsider, cell_secretary, superior):
    other = make_member(world, clerk, "Hà Văn Khác", cell=world.cell2)
    client.force_login(outsider)
    assert client.get(sheet_url(world.cell)).status_code == 404
    assert client.post(sheet_url(world.cell), {"paid_on": "01/11/2026"}).status_code == 404
    client.force_login(cell_secretary)
    assert client.get(sheet_url(world.cell)).status_code == 200
    assert client.get(sheet_url(world.cell2)).status_code == 404
    client.force_login(superior)  # sees the chi bộ but not full dossiers, so not the fees
    assert client.get(sheet_url(world.cell)).status_code == 403
    reader = make_user("reader", world.ward, Role.INSPECTION)
    client.force_login(reader)
    assert client.get(sheet_url(world.cell)).status_code == 200
    assert client.post(sheet_url(world.cell), {
        "paid_on": "01/11/2026", f"pay_{lan.pk.hex}": "on", f"amount_{lan.pk.hex}": "1", f"method_{lan.pk.hex}": "cash",
    }).status_code == 403
    assert client.get(reverse("fee_sheet") + "?organization=not-a-uuid").status_code == 404
    assert not FeePayment.objects.filter(member__in=[lan, other]).exists()


def test_the_fee_sheet_runs_a_bounded_number_of_queries(world, clerk, client, django_assert_max_num_queries):
    client.force_login(clerk)
    make_member(world, clerk, "Một")
    with django_assert_max_num_queries(12) as few:
        assert client.get(sheet_url(world.cell)).status_code == 200
    for n in range(5):
        pay(make_member(world, clerk, f"Thêm {n}"), WINDOW[-1], clerk)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(sheet_url(world.cell)).status_code == 200


def test_the_dossier_shows_the_fee_and_the_unpaid_months(world, clerk, client, lan):
    pay_window(lan, clerk, skip={WINDOW[0], WINDOW[1], WINDOW[2]})
    client.force_login(clerk)
    page = client.get(reverse("member_detail", args=[lan.pk])).content.decode()
    assert 'data-field="fee_due">80.000 đ' in page
    assert "3 tháng chưa đóng trong 12 tháng qua" in page


def test_the_member_form_sets_the_fee_basis(world, clerk, client, lan):
    client.force_login(clerk)
    url = reverse("member_edit", args=[lan.pk])
    data = {"membership_no": "", "card_no": "", "organization": world.cell.pk, "note": "",
            "fee_category": FeeCategory.PENSION, "fee_base": ""}
    response = client.post(url, data)
    assert "Cần ghi tiền lương, lương hưu hoặc mức đóng" in response.content.decode()
    assert PartyMember.objects.get(pk=lan.pk).fee_category == FeeCategory.INSURED_WAGE
    assert client.post(url, {**data, "fee_base": "6500000"}).status_code == 302
    assert PartyMember.objects.values_list("fee_category", "fee_base").get(pk=lan.pk) == ("pension", 6_500_000)


# API ---------------------------------------------------------------------------------------------------------------


@pytest.fixture
def api(client):
    def call(user, method, path, **kwargs):
        response = client.post("/api/v1/auth/token", {"username": user.username, "password": PASSWORD},
                               content_type="application/json")
        token = response.json()["token"]
        return getattr(client, method)(f"/api/v1{path}", HTTP_AUTHORIZATION=f"Bearer {token}",
                                       content_type="application/json", **kwargs)

    return call


def test_the_api_reads_and_records_fees(clerk, lan, api, outsider):
    body = {"month": f"{WINDOW[-1]:%Y-%m}", "amount": 80_000, "paid_on": TODAY.isoformat(), "method": "portal"}
    response = api(clerk, "post", f"/members/{lan.pk}/fees", data=body)
    assert response.status_code == 201, response.content
    assert response.json()["month"] == body["month"]
    again = api(clerk, "post", f"/members/{lan.pk}/fees", data=body)
    assert again.status_code == 400 and "đã ghi đảng phí" in again.json()["detail"]
    bad = api(clerk, "post", f"/members/{lan.pk}/fees", data={**body, "month": "2026-13"})
    assert bad.status_code == 400 and "Tháng không hợp lệ" in bad.json()["detail"]
    fees_now = api(clerk, "get", f"/members/{lan.pk}/fees").json()
    assert fees_now["monthly_fee"] == 80_000 and fees_now["unpaid_months"] == 11
    assert fees_now["months"][1] == {"month": body["month"], "due": 80_000, "owed": True, "payment": {
        "month": body["month"], "amount": 80_000, "paid_on": body["paid_on"], "method": "portal", "note": ""}}
    assert api(outsider, "get", f"/members/{lan.pk}/fees").status_code == 404
    assert api(outsider, "post", f"/members/{lan.pk}/fees", data={**body, "month": "2026-01"}).status_code == 404
    assert FeePayment.objects.count() == 1


def test_the_api_sets_the_fee_basis_and_lists_the_unpaid(clerk, lan, api):
    response = api(clerk, "patch", f"/members/{lan.pk}", data={"fee_category": "student"})
    assert response.status_code == 200 and response.json()["fee_category"] == "student"
    assert response.json()["fee_base"] is None
    listed = api(clerk, "get", "/members?list=fees_unpaid").json()
    assert [(m["full_name"], m["unpaid_months"]) for m in listed["items"]] == [("Phạm Thị Lan", 12)]


def test_the_unpaid_list_over_several_wards_asks_for_one(world, clerk, superior, client, api):
    """The unpaid list reckons each member's fee months, so it is read a ward at a time: the level above (two wards)
    chooses one, on the page, in the export and in the API; the ward's own clerk is never asked."""
    make_member(world, clerk, "Nợ Phí")
    client.force_login(superior)
    page = client.get(reverse("member_list"), {"list": "fees_unpaid"})
    assert page.status_code == 200 and not page.context["page"].paginator.object_list
    assert "được lập cho từng phường, xã: hãy chọn một phường, xã" in page.content.decode()
    chosen = client.get(reverse("member_list"), {"list": "fees_unpaid", "ward": world.ward.pk})
    assert [m.person.full_name for m in chosen.context["page"].paginator.object_list] == ["Nợ Phí"]
    refused = client.get(reverse("member_export"), {"list": "fees_unpaid"}, follow=True)
    assert refused.redirect_chain[0][0].startswith(reverse("member_list") + "?list=fees_unpaid")
    assert refused.content.decode().count("hãy chọn một phường, xã") == 1  # said once, by the list
    exported = client.get(reverse("member_export"), {"list": "fees_unpaid", "ward": world.ward.pk})
    assert exported["Content-Type"].startswith("application/vnd.openxmlformats")
    response = api(superior, "get", "/members?list=fees_unpaid")
    assert response.status_code == 400 and "hãy chọn một phường, xã" in response.json()["detail"]
    assert api(superior, "get", f"/members?list=fees_unpaid&organization={world.district.pk}").status_code == 400
    listed = api(superior, "get", f"/members?list=fees_unpaid&organization={world.ward.pk}").json()["items"]
    assert [item["full_name"] for item in listed] == ["Nợ Phí"]
    assert api(superior, "get", "/members?list=overdue").status_code == 200  # the other lists span every ward
    two_cells = make_user("two-cells", world.cell, Role.CELL_SECRETARY)  # two chi bộ of one ward, not the ward
    two_cells.assignments.create(organization=world.cell2, role=Role.CELL_SECRETARY)
    for user in (clerk, two_cells):
        client.force_login(user)
        assert [m.person.full_name for m in client.get(reverse("member_list"), {"list": "fees_unpaid"})
                .context["page"].paginator.object_list] == ["Nợ Phí"]
