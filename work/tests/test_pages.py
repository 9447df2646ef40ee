"""The pages of the work program, over HTTP: the list and its filters in a bounded number of queries, a task given
and corrected, progress reported with a file, the month carried over."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from audit.models import LogEntry
from work.models import Progress, Source, Task, TaskStatus
from work.services import create_task, report_progress

D = datetime.date
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_the_list_filters_by_unit_status_month_and_overdue(client, clerk, world, tasks):
    report_progress(tasks.mttq, actor=clerk, note="Xong", day=D(2021, 7, 19), status=TaskStatus.DONE)
    client.force_login(clerk)

    def listed(**params):
        return {task.pk for task in client.get(reverse("task_list"), params).context["page"]}

    assert listed() == {tasks.ubnd.pk, tasks.mttq.pk, tasks.own.pk}
    assert listed(organization=world.ubnd.pk) == {tasks.ubnd.pk}
    assert listed(status="open") == {tasks.ubnd.pk, tasks.own.pk}
    assert listed(status="done") == {tasks.mttq.pk}
    assert listed(month="2021-07") == {tasks.ubnd.pk, tasks.mttq.pk}  # the quarter's is due in September
    assert listed(month="2021-09") == {tasks.own.pk}
    assert listed(overdue="1") == {tasks.ubnd.pk, tasks.own.pk}  # 2021 is long past
    assert client.get(reverse("task_list"), {"month": "2021-13"}).status_code == 404
    assert client.get(reverse("task_list"), {"organization": world.other_group.pk}).status_code == 404


def test_overdue_tasks_stand_out(client, clerk, world, tasks):
    client.force_login(clerk)
    page = client.get(reverse("task_list")).content.decode()
    assert f'<tr data-task="{tasks.ubnd.pk}" class="overdue">' in page and "Quá hạn" in page


def test_the_list_runs_a_bounded_number_of_queries(client, clerk, world, django_assert_max_num_queries):
    for number in range(60):
        create_task(ward=world.ward, actor=clerk, text=f"Việc {number}", lead_unit=world.ubnd,
                    supporting_units=[world.cell], due_on=D(2021, 7, 1) + datetime.timedelta(days=number % 28))
    client.force_login(clerk)
    client.get(reverse("task_list"))  # the session and the grants, once
    with django_assert_max_num_queries(9):
        response = client.get(reverse("task_list"), {"month": "2021-07"})
    assert len(response.context["page"]) == 50 and response.context["page"].paginator.count == 60


def test_a_clerk_gives_a_task_from_the_form(client, clerk, world, mttq):
    client.force_login(clerk)
    assert client.get(reverse("task_create")).status_code == 200
    response = client.post(reverse("task_create"), {
        "text": "Tổ chức tốt công tác tuyển sinh đầu cấp", "lead_unit": world.ubnd.pk.hex,
        "supporting_units": [mttq.pk.hex], "period": "month", "start": "09/07/2021", "due_on": "31/07/2021",
        "source": Source.DOCUMENT, "source_note": "Kế hoạch 52/KH-UBND",
    })
    task = Task.objects.get()
    assert response.url == task.get_absolute_url()
    assert (task.lead_unit, task.period_start, list(task.supporting_units.all())) == (world.ubnd, D(2021, 7, 1),
                                                                                       [mttq])


def test_a_refused_task_names_the_field_and_keeps_nothing(client, clerk, world):
    client.force_login(clerk)
    response = client.post(reverse("task_create"), {
        "text": "Việc", "lead_unit": world.ubnd.pk.hex, "period": "month", "start": "09/07/2021",
        "due_on": "30/06/2021", "source": Source.PROGRAM,
    })
    assert response.status_code == 200 and not Task.objects.exists()
    assert "Thời hạn không được trước đầu kỳ (01/07/2021)" in response.context["form"].errors["due_on"][0]


def test_a_second_clerk_editing_the_same_task_is_refused(client, clerk, tasks, world):
    client.force_login(clerk)
    form = client.get(reverse("task_edit", args=[tasks.ubnd.pk])).context["form"]
    data = {name: form[name].value() or "" for name in ("text", "lead_unit", "lead_body", "due_on", "source_note",
                                                         "version")}
    data["due_on"] = "15/08/2021"
    assert client.post(reverse("task_edit", args=[tasks.ubnd.pk]), data).status_code == 302
    data["due_on"] = "20/08/2021"
    response = client.post(reverse("task_edit", args=[tasks.ubnd.pk]), data)
    assert response.status_code == 200 and "vừa được người khác sửa" in response.content.decode()
    assert Task.objects.get(pk=tasks.ubnd.pk).due_on == D(2021, 8, 15)


def test_the_unit_reports_done_with_a_file_and_only_readers_of_the_task_get_it(client, reporter, mttq_reporter,
                                                                                tasks):
    client.force_login(reporter)
    version = Task.objects.get(pk=tasks.ubnd.pk).version
    response = client.post(reverse("task_detail", args=[tasks.ubnd.pk]), {
        "day": timezone.localdate().strftime("%d/%m/%Y"), "note": "Đã hoàn thành, gửi báo cáo",
        "status": TaskStatus.DONE, "version": version, "file": SimpleUploadedFile("bao-cao.pdf", PDF_BYTES),
    })
    assert response.status_code == 302
    task = Task.objects.get(pk=tasks.ubnd.pk)
    assert task.status == TaskStatus.DONE_LATE  # its deadline was 31/07/2021
    progress = Progress.objects.get()
    url = reverse("task_progress_file", args=[task.pk, progress.pk])
    assert b"".join(client.get(url).streaming_content) == PDF_BYTES
    client.force_login(mttq_reporter)
    assert client.get(url).status_code == 404
    assert client.get(reverse("task_progress_file", args=[tasks.mttq.pk, progress.pk])).status_code == 404


def test_a_refused_upload_keeps_nothing(client, reporter, tasks):
    client.force_login(reporter)
    response = client.post(reverse("task_detail", args=[tasks.ubnd.pk]), {
        "day": timezone.localdate().strftime("%d/%m/%Y"), "note": "Báo cáo", "status": TaskStatus.DONE,
        "file": SimpleUploadedFile("virus.exe", b"MZ\x90\x00"),
    })
    assert response.status_code == 400 and "không thuộc loại được lưu" in response.content.decode()
    assert not Progress.objects.exists() and Task.objects.get(pk=tasks.ubnd.pk).status == TaskStatus.NOT_STARTED


def test_the_clerk_carries_the_month_over_from_the_list(client, clerk, world, tasks):
    client.force_login(clerk)
    page = client.get(reverse("task_list"), {"month": "2021-07"}).content.decode()
    assert "Chuyển nhiệm vụ chưa hoàn thành của tháng 7/2021 sang tháng sau" in page
    for _ in range(2):
        response = client.post(reverse("task_carry_over"), {"ward": world.ward.pk, "month": "2021-07"})
        assert response.url == f"{reverse('task_list')}?ward={world.ward.pk}&month=2021-08"
    assert Task.objects.filter(source=Source.CARRIED).count() == 2
    assert LogEntry.objects.filter(action="work.tasks.carried_over").count() == 1
    carried = Task.objects.get(carried_from=tasks.ubnd)
    detail = client.get(carried.get_absolute_url()).content.decode()
    assert "Tháng 7/2021" in detail and "Tháng 8/2021" in detail


def test_a_reader_sees_no_carry_over_button_and_cannot_post_it(client, secretary, world, tasks):
    client.force_login(secretary)
    assert reverse("task_carry_over") not in client.get(reverse("task_list"), {"month": "2021-07"}).content.decode()
    assert client.post(reverse("task_carry_over"), {"ward": world.ward.pk, "month": "2021-07"}).status_code == 403
    assert not Task.objects.filter(source=Source.CARRIED).exists()


def test_the_dashboard_counts_each_wards_tasks(client, clerk, superior, world, tasks):
    report_progress(tasks.mttq, actor=clerk, note="Xong", status=TaskStatus.DONE)
    client.force_login(superior)
    rows = {row["unit"]: row for row in client.get(reverse("dashboard")).context["rows"]}
    assert (rows[world.ward]["tasks_open"], rows[world.ward]["tasks_overdue"]) == (2, 2)
    assert rows[world.ward]["tasks_done"] == 1  # done today, this year (late: its deadline was in 2021)
    assert (rows[world.other_ward]["tasks_open"], rows[world.other_ward]["tasks_overdue"]) == (1, 1)
    client.force_login(clerk)
    page = client.get(reverse("dashboard")).content.decode()
    assert f'href="{reverse("task_list")}?overdue=1">2</a>' in page
