"""The targets' pages and API: seed 002's shares in the demo, a target set and its actual recorded over HTTP, the
list in a bounded number of queries, and each persona's reach."""

import datetime
import json

from django.urls import reverse

from conftest import make_org
from org.models import Kind
from org.tests.test_api_people import bearer
from work.models import Indicator, Target
from work.services import create_target, record_actual

D = datetime.date


def test_a_clerk_sets_a_target_and_records_its_actual_from_the_pages(client, clerk, world):
    client.force_login(clerk)
    response = client.post(reverse("target_create"), {
        "year": 2026, "indicator": Indicator.BUDGET_REVENUE, "target_value": "11.031.000.000", "decimals": 2,
        "source": "superior", "more_is_better": "on", "basis": "Quyết định giao dự toán"})
    target = Target.objects.get()
    assert response.url == target.get_absolute_url() and target.target_value == 11031000000
    response = client.post(target.get_absolute_url(), {"day": "30/06/2026", "value": "4.000.000.000",
                                                       "source": "Báo cáo 6 tháng"})
    assert response.status_code == 302
    page = client.get(target.get_absolute_url()).content.decode()
    assert "36,26%" in page and "4.000.000.000 đồng" in page
    refused = client.post(target.get_absolute_url(), {"day": "30/06/2026", "value": "bốn tỷ", "source": "x"})
    assert refused.status_code == 400 and "Không phải một số" in refused.content.decode()
    assert target.actuals.count() == 1


def test_the_api_sets_a_target_and_records_an_actual(client, clerk, world, reporter):
    response = client.post("/api/v1/targets", json.dumps({
        "ward": str(world.ward.pk), "year": 2020, "indicator": "military_callup", "target_value": 13, "decimals": 1}),
        content_type="application/json", **bearer(client, clerk))
    assert response.status_code == 201, response.content
    url = f"/api/v1/targets/{response.json()['id']}/actuals"
    response = client.post(url, json.dumps({"day": "2020-03-01", "value": 18, "source": "Giao quân"}),
                           content_type="application/json", **bearer(client, clerk))
    assert response.status_code == 201 and response.json()["percent"] == 138.5
    assert response.json()["standing"] == "achieved"
    refused = client.post(url, json.dumps({"day": "2020-03-01", "value": 1, "source": "x"}),
                          content_type="application/json", **bearer(client, reporter))
    assert refused.status_code == 404  # the UBND's reporter does not see the ward's targets


def test_the_list_runs_a_bounded_number_of_queries(client, clerk, superior, admin_user, world,
                                                   django_assert_max_num_queries):
    for year in (2026,):
        for number in range(3):
            target = create_target(ward=world.ward, actor=clerk, year=year, indicator=Indicator.CUSTOM,
                                   name=f"Chỉ tiêu {number}", unit="hộ", target_value=10)
            record_actual(target, actor=clerk, day=D(2026, 1, 5), value=number, source="x")
        create_target(ward=world.ward, actor=clerk, year=year, indicator=Indicator.MEMBERS_ADMITTED, target_value=3)
    for number in range(5):
        ward = make_org(world.district, f"Đảng ủy phường Thêm {number}", Kind.WARD_COMMITTEE)
        create_target(ward=ward, actor=admin_user, year=2026, indicator=Indicator.MEETINGS_HELD, target_value=12)
    client.force_login(superior)
    client.get(reverse("target_list"), {"year": 2026})
    with django_assert_max_num_queries(10):
        response = client.get(reverse("target_list"), {"year": 2026})
    assert len(response.context["rows"]) == 9
