"""The work program's API: tasks listed with their filters, given, corrected under If-Match, reported on."""

import datetime
import json

from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import LogEntry
from org.tests.test_api_people import bearer
from work.models import Task, TaskStatus

D = datetime.date


def call(client, user, method, url, body=None, **headers):
    kwargs = {"data": json.dumps(body, default=str), "content_type": "application/json"} if body is not None else {}
    return getattr(client, method)(url, **kwargs, **bearer(client, user), **headers)


def test_the_list_filters_as_the_page_does(client, clerk, world, tasks):
    def ids(query=""):
        response = call(client, clerk, "get", f"/api/v1/tasks{query}")
        assert response.status_code == 200, response.content
        return {item["id"] for item in response.json()["items"]}

    assert ids() == {str(tasks.ubnd.pk), str(tasks.mttq.pk), str(tasks.own.pk)}
    assert ids(f"?organization={world.ubnd.pk}") == {str(tasks.ubnd.pk)}
    assert ids("?month=2021-09&status=not_started") == {str(tasks.own.pk)}
    assert ids("?overdue=true") == {str(tasks.ubnd.pk), str(tasks.mttq.pk), str(tasks.own.pk)}
    assert call(client, clerk, "get", "/api/v1/tasks?month=2021-7").status_code == 422
    assert call(client, clerk, "get", "/api/v1/tasks?status=finished").status_code == 422
    assert call(client, clerk, "get", f"/api/v1/tasks?organization={world.other_group.pk}").status_code == 404


def test_a_task_is_given_read_with_its_etag_and_corrected(client, clerk, world, mttq):
    response = call(client, clerk, "post", "/api/v1/tasks", {
        "text": "Rà soát tiêu chí phường văn minh đô thị", "lead_unit": str(world.ubnd.pk),
        "supporting_units": [str(mttq.pk)], "due_on": "2021-07-31", "source": "document",
        "source_note": "Công văn 339-CV/QU",
    })
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["ward"]["id"], body["period_label"], body["status"], body["overdue"]) == (
        str(world.ward.pk), "Tháng 7/2021", "not_started", True)
    url = f"/api/v1/tasks/{body['id']}"
    etag = call(client, clerk, "get", url)["ETag"]
    response = call(client, clerk, "patch", url, {"due_on": "2021-08-31", "supporting_units": []},
                    HTTP_IF_MATCH=etag)
    assert response.status_code == 200 and response.json()["supporting_units"] == []
    stale = call(client, clerk, "patch", url, {"text": "Bản cũ"}, HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    assert Task.objects.get(pk=body["id"]).due_on == D(2021, 8, 31)


def test_a_bad_task_is_refused_naming_the_field(client, clerk, world):
    response = call(client, clerk, "post", "/api/v1/tasks", {"text": "Việc", "lead_unit": str(world.ubnd.pk),
                                                             "start": "2021-07-01", "due_on": "2021-06-01"})
    assert response.status_code == 400 and "due_on" in json.dumps(response.json())
    response = call(client, clerk, "post", "/api/v1/tasks", {"text": "Việc"})
    assert response.status_code == 400 and "ward" in json.dumps(response.json())
    assert not Task.objects.exists()


def test_the_unit_reports_progress_and_the_detail_shows_it(client, reporter, tasks):
    response = call(client, reporter, "post", f"/api/v1/tasks/{tasks.ubnd.pk}/progress",
                    {"note": "Đã triển khai", "day": "2021-07-05", "status": "in_progress"})
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "in_progress" and response.json()["author"] == "ubnd"
    detail = call(client, reporter, "get", f"/api/v1/tasks/{tasks.ubnd.pk}").json()
    assert detail["status"] == TaskStatus.IN_PROGRESS and [p["note"] for p in detail["progress"]] == ["Đã triển khai"]
    refused = call(client, reporter, "post", f"/api/v1/tasks/{tasks.ubnd.pk}/progress",
                   {"note": "Hủy", "status": "not_started"})
    assert refused.status_code == 400 and "Không chuyển được" in json.dumps(refused.json(), ensure_ascii=False)
    assert LogEntry.objects.filter(action="work.task.progress").count() == 1


def test_a_progress_note_goes_with_its_file_and_the_file_comes_back(client, reporter, outsider, tasks):
    from work.tests.test_pages import PDF_BYTES

    url = f"/api/v1/tasks/{tasks.ubnd.pk}/progress/upload"
    refused = client.post(url, {"note": "Ảnh", "file": SimpleUploadedFile("anh.exe", b"MZ\x90\x00")},
                          **bearer(client, reporter))
    assert refused.status_code == 400 and "file" in refused.json()["detail"]
    assert not tasks.ubnd.progress.exists()
    response = client.post(url, {"note": "Đã hoàn thành", "day": "2021-07-20", "status": "done",
                                 "file": SimpleUploadedFile("bao-cao.pdf", PDF_BYTES)}, **bearer(client, reporter))
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["file_name"]) == ("done", "bao-cao.pdf")
    download = client.get(body["file_url"], **bearer(client, reporter))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF_BYTES
    assert client.get(body["file_url"], **bearer(client, outsider)).status_code == 404
    assert client.post(url, {"note": "Khác", "file": SimpleUploadedFile("b.pdf", PDF_BYTES)},
                       **bearer(client, outsider)).status_code == 404
    detail = call(client, reporter, "get", f"/api/v1/tasks/{tasks.ubnd.pk}").json()
    assert [p["file_url"] for p in detail["progress"]] == [body["file_url"]]
