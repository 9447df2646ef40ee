"""The rules of a task: where it belongs, its period, its status moved by progress notes, who may report."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from audit.models import LogEntry
from core.versions import StaleVersion
from work.models import Period, Task, TaskStatus, period_label, period_start
from work.services import create_task, report_progress, update_task

D = datetime.date


@pytest.mark.parametrize(("period", "day", "start", "label"), [
    (Period.MONTH, D(2021, 7, 15), D(2021, 7, 1), "Tháng 7/2021"),
    (Period.QUARTER, D(2021, 8, 31), D(2021, 7, 1), "Quý 3/2021"),
    (Period.QUARTER, D(2026, 12, 3), D(2026, 10, 1), "Quý 4/2026"),
    (Period.YEAR, D(2026, 12, 3), D(2026, 1, 1), "Năm 2026"),
])
def test_a_task_belongs_to_the_month_quarter_or_year_its_day_falls_in(period, day, start, label):
    assert period_start(period, day) == start
    assert period_label(period, start) == label


def test_a_clerk_gives_a_task_to_a_ward_body_and_it_is_audited(world, clerk, mttq):
    task = create_task(ward=world.ward, actor=clerk, text="  Rà soát kế hoạch thu thuế  ", lead_unit=world.ubnd,
                       supporting_units=[mttq, world.cell], start=D(2021, 7, 9), due_on=D(2021, 7, 31))
    assert (task.text, task.period_start, task.status) == ("Rà soát kế hoạch thu thuế", D(2021, 7, 1),
                                                           TaskStatus.NOT_STARTED)
    assert set(task.supporting_units.all()) == {mttq, world.cell}
    entry = LogEntry.objects.get(action="work.task.created", object_id=str(task.pk))
    assert entry.actor == clerk and entry.organization == world.ward


def test_without_a_lead_unit_the_party_committee_leads_it(world, clerk):
    task = create_task(ward=world.ward, actor=clerk, text="Ban hành nghị quyết chuyên đề", lead_body="standing",
                       due_on=D(2021, 7, 31))
    assert task.lead_unit == world.ward and task.lead_label == "Ban Thường vụ Đảng ủy"
    with pytest.raises(ValidationError, match="Chỉ ghi cơ quan của Đảng ủy"):
        create_task(ward=world.ward, actor=clerk, text="Việc", lead_unit=world.ubnd, lead_body="office")


def test_a_task_stays_within_its_ward(world, clerk, outsider):
    with pytest.raises(ValidationError, match="không thuộc Đảng ủy phường Sài Đồng"):
        create_task(ward=world.ward, actor=clerk, text="Việc", lead_unit=world.other_group)
    with pytest.raises(ValidationError, match="Đơn vị phối hợp không thuộc"):
        create_task(ward=world.ward, actor=clerk, text="Việc", lead_unit=world.ubnd,
                    supporting_units=[world.other_group])
    with pytest.raises(PermissionDenied):
        create_task(ward=world.ward, actor=outsider, text="Việc", lead_unit=world.ubnd)
    with pytest.raises(ValidationError, match="Chương trình công tác là của một Đảng ủy"):
        create_task(ward=world.cell, actor=clerk, text="Việc")
    assert not Task.objects.exists()


def test_a_deadline_before_the_period_and_an_empty_text_are_refused(world, clerk):
    with pytest.raises(ValidationError, match="Thời hạn không được trước đầu kỳ"):
        create_task(ward=world.ward, actor=clerk, text="Việc", start=D(2021, 7, 1), due_on=D(2021, 6, 30))
    with pytest.raises(ValidationError, match="Hãy ghi nội dung"):
        create_task(ward=world.ward, actor=clerk, text="   ")
    with pytest.raises(ValidationError, match="Nhiệm vụ từ cuộc họp được giao khi ghi cuộc họp"):
        create_task(ward=world.ward, actor=clerk, text="Việc", source="meeting")
    with pytest.raises(ValidationError, match="hãy chọn văn bản hoặc ghi số"):
        create_task(ward=world.ward, actor=clerk, text="Việc", source="document")


def test_the_unit_reports_progress_and_completing_on_time_is_done(tasks, reporter):
    report_progress(tasks.ubnd, actor=reporter, note="Đã họp triển khai", day=D(2021, 7, 5),
                    status=TaskStatus.IN_PROGRESS)
    report_progress(tasks.ubnd, actor=reporter, note="Hoàn thành", day=D(2021, 7, 31), status=TaskStatus.DONE)
    task = Task.objects.get(pk=tasks.ubnd.pk)
    assert (task.status, task.completed_on) == (TaskStatus.DONE, D(2021, 7, 31))
    assert [p.status for p in task.progress.all()] == [TaskStatus.IN_PROGRESS, TaskStatus.DONE]
    entry = LogEntry.objects.filter(action="work.task.progress", object_id=str(task.pk)).latest("created")
    assert entry.data["status"] == {"old": "Đang thực hiện", "new": "Hoàn thành"} and entry.actor == reporter


def test_completing_the_day_after_the_deadline_is_done_late(tasks, reporter):
    report_progress(tasks.ubnd, actor=reporter, note="Xong", day=D(2021, 8, 1), status=TaskStatus.DONE)
    assert Task.objects.get(pk=tasks.ubnd.pk).status == TaskStatus.DONE_LATE


def test_a_status_outside_the_workflow_is_refused_and_nothing_is_kept(tasks, clerk):
    report_progress(tasks.ubnd, actor=clerk, note="Hủy theo chỉ đạo", status=TaskStatus.CANCELLED)
    with pytest.raises(ValidationError, match="Không chuyển được nhiệm vụ từ “Hủy” sang “Đang thực hiện”"):
        report_progress(tasks.ubnd, actor=clerk, note="Làm lại", status=TaskStatus.IN_PROGRESS)
    assert tasks.ubnd.progress.count() == 1


def test_a_note_dated_after_today_or_empty_is_refused(tasks, clerk):
    with pytest.raises(ValidationError, match="không được sau hôm nay"):
        report_progress(tasks.ubnd, actor=clerk, note="Sẽ làm",
                        day=timezone.localdate() + datetime.timedelta(days=1))
    with pytest.raises(ValidationError, match="Hãy ghi nội dung tiến độ"):
        report_progress(tasks.ubnd, actor=clerk, note=" ")
    assert not tasks.ubnd.progress.exists()


def test_a_reporter_reports_only_on_the_tasks_its_body_leads(tasks, reporter, cell_secretary):
    with pytest.raises(PermissionDenied):
        report_progress(tasks.mttq, actor=reporter, note="Không phải việc của UBND")
    with pytest.raises(PermissionDenied):
        report_progress(tasks.own, actor=reporter, note="Việc của Đảng ủy")
    with pytest.raises(PermissionDenied):
        report_progress(tasks.ubnd, actor=cell_secretary, note="Chi bộ không chủ trì việc này")
    with pytest.raises(PermissionDenied):
        update_task(tasks.ubnd, actor=reporter, text="Sửa nội dung")
    assert not Task.objects.filter(progress__isnull=False).exists()


def test_a_correction_is_audited_field_by_field_and_a_stale_one_is_refused(tasks, clerk, world, mttq):
    version = tasks.ubnd.version
    diff = update_task(tasks.ubnd, actor=clerk, version=version, due_on=D(2021, 8, 15), supporting_units=[mttq])
    assert diff == {"due_on": {"old": "2021-07-31", "new": "2021-08-15"},
                    "supporting_units": {"old": [], "new": [mttq.name]}}
    assert LogEntry.objects.filter(action="work.task.updated", object_id=str(tasks.ubnd.pk)).count() == 1
    with pytest.raises(StaleVersion):
        update_task(tasks.ubnd, actor=clerk, version=version, text="Bản cũ")
    assert Task.objects.get(pk=tasks.ubnd.pk).text.startswith("Triển khai")
    assert update_task(tasks.ubnd, actor=clerk, due_on=D(2021, 8, 15)) == {}


def test_a_progress_note_makes_a_new_version(tasks, clerk):
    version = Task.objects.get(pk=tasks.ubnd.pk).version
    report_progress(tasks.ubnd, actor=clerk, note="Đang làm", version=version)
    with pytest.raises(StaleVersion):
        report_progress(tasks.ubnd, actor=clerk, note="Bản đã cũ", version=version)
