"""The non-specialised staff: posts at the ward and in its groups, holders with their allowances (one person, several
posts: kiêm nhiệm, counted once), the totals per level on a day, a plan's before and after; seed 004's figures in the
demo, on the page and through the API; who sees and who writes."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import User
from audit.models import LogEntry
from staffing.models import Level, StaffHolding, StaffingPlan, figures_on
from staffing.services import assign_post, create_post, end_holding, record_plan
from tests.test_scoping_matrix import token_for

D = datetime.date


def test_one_person_holding_two_posts_is_counted_once(world, clerk):
    first = create_post(ward=world.ward, unit=world.ward, title="Phó Chủ tịch Ủy ban MTTQ", actor=clerk)
    second = create_post(ward=world.ward, unit=world.ward, title="Chủ tịch Hội Chữ thập đỏ", actor=clerk)
    in_group = create_post(ward=world.ward, unit=world.group, title="Tổ trưởng tổ dân phố", actor=clerk)
    assign_post(first, person=world.hung, allowance=1_900_000, start_date=D(2020, 7, 1), actor=clerk)
    assign_post(second, person=world.hung, allowance=950_000, start_date=D(2020, 7, 1), actor=clerk)
    holding = assign_post(in_group, person=world.dung, allowance=1_200_000, start_date=D(2020, 7, 1), actor=clerk)
    figures = figures_on(StaffHolding.objects.all(), D(2021, 1, 1))
    assert (figures[Level.WARD].text, figures[Level.WARD].cost_text) == ("01 người/2 chức danh", "2.850.000 đ")
    assert (figures[Level.GROUP].people, figures[Level.GROUP].units, figures[Level.GROUP].cost) == (1, 1, 1_200_000)
    with pytest.raises(ValidationError):  # one holder at a time
        assign_post(in_group, person=world.hung, allowance=1, start_date=D(2021, 1, 1), actor=clerk)
    end_holding(holding, end_date=D(2021, 3, 31), actor=clerk)
    assert figures_on(StaffHolding.objects.all(), D(2021, 4, 1))[Level.GROUP].people == 0
    assert figures_on(StaffHolding.objects.all(), D(2020, 6, 30))[Level.WARD].people == 0
    assert LogEntry.objects.filter(action__startswith="staffing.").count() == 7


def test_the_checks_refuse_and_keep_nothing(world, clerk, outsider, secretary):
    with pytest.raises(ValidationError):
        create_post(ward=world.ward, unit=world.cell, title="Bí thư", actor=clerk)  # a chi bộ is not a group
    post = create_post(ward=world.ward, unit=world.ward, title="Phó Chỉ huy trưởng Quân sự", actor=clerk)
    with pytest.raises(ValidationError):
        create_post(ward=world.ward, unit=world.ward, title="phó chỉ huy trưởng quân sự", actor=clerk)
    with pytest.raises(ValidationError):
        assign_post(post, person=world.stranger, allowance=1, start_date=D(2021, 1, 1), actor=clerk)
    with pytest.raises(ValidationError):
        assign_post(post, person=world.hung, allowance=Decimal("-1"), start_date=D(2021, 1, 1), actor=clerk)
    for actor in (outsider, secretary):
        with pytest.raises(PermissionDenied):
            assign_post(post, person=world.hung, allowance=1, start_date=D(2021, 1, 1), actor=actor)
    with pytest.raises(ValidationError):
        record_plan(ward=world.ward, actor=clerk, name="Phương án", decided_on=D(2020, 6, 30), lines=[])
    assert not StaffHolding.objects.exists() and not StaffingPlan.objects.exists()


def test_seed_004_reads_right_on_the_page_and_through_the_api(client, demo):
    client.force_login(User.objects.get(username="cukhoi"))
    plan = StaffingPlan.objects.get(ward__code="cukhoi")
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "11 người/9 chức danh → 07 người/9 chức danh" in page
    assert "19.738.179 đ → 16.183.188 đ" in page
    assert "13 tổ → 7 tổ" in page and "33 người → 17 người" in page and "41.822.973 đ → 30.247.000 đ" in page
    staff = client.get(reverse("staffing")).content.decode()
    assert "07 người/9 chức danh" in staff and "16.183.188 đ" in staff and "kiêm nhiệm" in staff
    headers = token_for(client, "cukhoi")
    listed = client.get("/api/v1/staffing", **headers).json()
    assert listed["totals"]["ward"]["text"] == "07 người/9 chức danh"
    assert listed["totals"]["group"]["cost_text"] == "30.247.000 đ" and listed["totals"]["group"]["people"] == 17
    assert sum(len(post["holders"]) for post in listed["posts"]) == 9 + 21
    lines = client.get(f"/api/v1/staffing/plans/{plan.pk}", **headers).json()["lines"]
    ward_line = next(line for line in lines if line["level"] == "ward")
    assert (ward_line["before"]["text"], ward_line["after"]["text"], ward_line["today"]["cost_text"]) == (
        "11 người/9 chức danh", "07 người/9 chức danh", "16.183.188 đ")


@pytest.mark.parametrize("username,expected", [("cukhoi", 200), ("longbien", 200), ("saidong", 404),
                                               ("saidong-chibo1", 404), ("saidong-ubnd", 404)])
def test_who_reads_cu_khois_staff(client, demo, username, expected):
    plan = StaffingPlan.objects.get(ward__code="cukhoi")
    headers = token_for(client, username)
    assert client.get(f"/api/v1/staffing/plans/{plan.pk}", **headers).status_code == expected
    assert client.get(f"/api/v1/staffing?organization={plan.ward_id}", **headers).status_code == expected
    client.force_login(User.objects.get(username=username))
    assert client.get(plan.get_absolute_url()).status_code == expected


def test_the_level_above_reads_but_does_not_write(client, demo):
    holding = StaffHolding.objects.filter(post__ward__code="cukhoi").first()
    client.force_login(User.objects.get(username="longbien"))
    assert client.post(reverse("staffing_holding_end", args=[holding.pk]),
                       {"end_date": "31/12/2025"}).status_code == 403
    client.force_login(User.objects.get(username="cukhoi"))
    assert client.post(reverse("staffing_holding_end", args=[holding.pk]),
                       {"end_date": "31/12/2025"}).status_code == 302
    assert StaffHolding.objects.get(pk=holding.pk).end_date == D(2025, 12, 31)


def test_a_post_has_one_holder_at_a_time_even_in_the_past(world, clerk):
    post = create_post(ward=world.ward, unit=world.ward, title="Phó Chủ tịch Hội Nông dân", actor=clerk)
    first = assign_post(post, person=world.hung, allowance=1, start_date=D(2023, 1, 1), actor=clerk)
    end_holding(first, end_date=D(2024, 12, 31), actor=clerk)
    with pytest.raises(ValidationError) as error:
        assign_post(post, person=world.dung, allowance=1, start_date=D(2024, 1, 1), actor=clerk)
    assert "31/12/2024" in str(error.value)
    assign_post(post, person=world.dung, allowance=1, start_date=D(2025, 1, 1), actor=clerk)
    assert figures_on(StaffHolding.objects.filter(post__ward=world.ward), D(2024, 6, 1))[Level.WARD].people == 1
    with pytest.raises(ValidationError):  # a chi bộ keeps no plan
        record_plan(ward=world.cell, actor=clerk, name="x", decided_on=D(2020, 1, 1),
                    lines=[{"level": "ward", "people_before": 1, "people_after": 1, "cost_before": 1,
                            "cost_after": 1}])
