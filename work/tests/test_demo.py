"""The demo's work program: the key tasks of seeds 000 and 004 are tasks of Sài Đồng and Cự Khối with their units;
seed 002's targets of Cầu Ông Lãnh give its shares."""

import datetime

from django.urls import reverse

from accounts.models import User
from org.models import Organization
from tests.test_scoping_matrix import token_for
from work.models import Source, Target, Task, TaskStatus

D = datetime.date


def test_the_seed_key_tasks_are_tasks_of_their_wards_with_their_units(demo):
    saidong = Task.objects.filter(ward__code="saidong", source=Source.MEETING, period_start=D(2021, 7, 1))
    assert saidong.count() == 6
    assert sorted(saidong.values_list("lead_unit__code", flat=True)) == [
        "saidong", "saidong-mttq", "saidong-ubnd", "saidong-ubnd", "saidong-ubnd", "saidong-ubnd"]
    assert saidong.filter(text__contains="Công văn 339-CV/QU").get().lead_unit.code == "saidong-ubnd"
    cukhoi = Task.objects.filter(ward__code="cukhoi", source=Source.MEETING, due_on=D(2021, 1, 31))
    assert sorted(cukhoi.values_list("lead_unit__code", flat=True)) == [
        "cukhoi", "cukhoi", "cukhoi-nct", "cukhoi-ubnd", "cukhoi-ubnd"]


def test_the_demo_shows_progress_a_carried_task_and_this_months_list(demo):
    ward = Organization.objects.get(code="saidong")
    july = Task.objects.filter(ward=ward, source=Source.MEETING, period_start=D(2021, 7, 1))
    statuses = sorted(july.values_list("status", flat=True))
    assert statuses.count(TaskStatus.DONE) == 3 and TaskStatus.DONE_LATE in statuses
    carried = Task.objects.filter(ward=ward, source=Source.CARRIED)
    assert carried.count() == 2  # the one in progress (done in August) and the one not started
    assert carried.get(carried_from__text__startswith="Tiếp tục tăng cường").status == TaskStatus.DONE
    assert Task.objects.filter(ward=ward).overdue().filter(lead_unit__code="saidong-mttq").exists()


def test_the_demo_gives_seed_002s_shares_on_the_page_and_in_the_api(client, demo):
    client.force_login(User.objects.get(username="cauonglanh"))
    page = client.get(reverse("target_list"), {"year": 2020}).content.decode()
    assert "36,26%" in page and "138,5%" in page and "4.000.000.000 đồng" in page and "18 người" in page
    items = client.get("/api/v1/targets?year=2020", **token_for(client, "cauonglanh")).json()["items"]
    shares = {item["indicator"]: (item["percent"], item["percent_text"], item["actual"]) for item in items}
    assert shares == {"budget_revenue": (36.26, "36,26%", "4000000000.00"), "military_callup": (138.5, "138,5%",
                                                                                               "18.00")}


def test_longbien_sees_no_target_of_cau_ong_lanh_nor_saidong_ubnd_any(client, demo):
    for username in ("longbien", "saidong-ubnd"):
        items = client.get("/api/v1/targets?year=2020", **token_for(client, username)).json()["items"]
        assert items == [], username
    target = Target.objects.filter(ward__code="cauonglanh").first()
    client.force_login(User.objects.get(username="saidong"))
    assert client.get(target.get_absolute_url()).status_code == 404
