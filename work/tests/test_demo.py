"""The demo's work program: the key tasks of seeds 000 and 004 are tasks of Sài Đồng and Cự Khối with their units."""

import datetime

from org.models import Organization
from work.models import Source, Task, TaskStatus

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
