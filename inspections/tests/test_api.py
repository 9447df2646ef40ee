"""The inspection API: list with its filters, create, read with its ETag, patch (correct, move, conclude, name the
document) all or nothing, follow-ups, planned versus done per quarter; errors in Vietnamese naming the field."""

import datetime

from django.utils import timezone

from accounts.services import issue_api_token
from audit.models import LogEntry
from inspections.models import FollowUp, Inspection, InspectionProgram, InspectionStatus

D = datetime.date


def _auth(user):
    key, _token = issue_api_token(user=user)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_the_list_filters_by_year_quarter_status_and_program(client, clerk, program):
    headers = _auth(clerk)
    listed = client.get("/api/v1/inspections?year=2021&quarter=3", **headers).json()
    assert listed["count"] == 3
    by_subject = {item["subject_name"]: item for item in listed["items"]}
    assert by_subject["Chi bộ số 1"]["quarter_label"] == "Quý III/2021"
    assert by_subject["đảng viên Đặng Thị Dung"]["title"] == "Giám sát thường xuyên"
    assert client.get("/api/v1/inspections?year=2021&program=committee", **headers).json()["count"] == 1
    assert client.get("/api/v1/inspections?year=2021&status=concluded", **headers).json()["count"] == 0
    assert client.get("/api/v1/inspections?quarter=5", **headers).status_code == 422
    summary = client.get("/api/v1/inspections/summary?year=2021", **headers).json()
    assert [(row["quarter"], row["planned"], row["done"]) for row in summary] == [
        (1, 0, 0), (2, 1, 0), (3, 3, 0), (4, 0, 0), (None, 4, 0)]


def test_a_new_item_through_the_api_and_its_refusals(client, clerk, inspector, world, member):
    body = {"ward": str(world.ward.pk), "program": "inspection", "year": 2021, "quarter": 3,
            "content": "Kiểm tra đảng viên khi có dấu hiệu vi phạm", "subject_member": str(member.pk),
            "team_lead": str(world.hung.pk), "team": [str(world.hung.pk)]}
    response = client.post("/api/v1/inspections", body, content_type="application/json", **_auth(inspector))
    assert response.status_code == 201, response.content
    item = response.json()
    assert item["subject_member"] == str(member.pk) and item["team"][0]["full_name"] == "Nguyễn Văn Hùng"
    refused = client.post("/api/v1/inspections", {**body, "program": "committee"}, content_type="application/json",
                          **_auth(inspector))
    assert refused.status_code == 403
    both = client.post("/api/v1/inspections", {**body, "subject_organization": str(world.cell.pk)},
                       content_type="application/json", **_auth(clerk))
    assert both.status_code == 400 and "một tổ chức đảng hoặc một đảng viên" in both.json()["detail"]
    stranger = client.post("/api/v1/inspections", {**body, "team": [str(world.stranger.pk)]},
                           content_type="application/json", **_auth(clerk))
    assert stranger.status_code in (400, 404)
    assert Inspection.objects.count() == 1


def test_patch_concludes_with_if_match_and_is_all_or_nothing(client, clerk, program):
    headers = _auth(clerk)
    url = f"/api/v1/inspections/{program.cell.pk}"
    read = client.get(url, **headers)
    etag = read["ETag"]
    today = timezone.localdate()
    refused = client.patch(url, {"period_covered": "Năm 2020", "status": "concluded", "conclusion": "",
                                 "concluded_on": str(today)}, content_type="application/json",
                           HTTP_IF_MATCH=etag, **headers)
    assert refused.status_code == 400 and "kết luận" in refused.content.decode()
    program.cell.refresh_from_db()
    assert program.cell.period_covered == "" and program.cell.status == InspectionStatus.PLANNED  # nothing kept
    response = client.patch(url, {"period_covered": "Năm 2020", "status": "concluded", "conclusion": "Tốt",
                                  "concluded_on": "2021-09-15"}, content_type="application/json",
                            HTTP_IF_MATCH=etag, **headers)
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["concluded_on"]) == ("concluded", "2021-09-15")
    assert response.json()["period_covered"] == "Năm 2020"
    stale = client.patch(url, {"content": "Sửa"}, content_type="application/json", HTTP_IF_MATCH=etag, **headers)
    assert stale.status_code == 412
    follow_up = client.post(f"{url}/follow-ups", {"text": "Kiện toàn sổ sách", "due_on": "2021-10-15"},
                            content_type="application/json", **headers)
    assert follow_up.status_code == 201 and follow_up.json()["overdue"] is True
    done = client.post(f"/api/v1/inspections/follow-ups/{follow_up.json()['id']}/done",
                       {"done_on": "2021-10-10", "result": "Đã kiện toàn"}, content_type="application/json",
                       **headers)
    assert done.status_code == 200 and done.json()["overdue"] is False
    assert FollowUp.objects.get().done_on == D(2021, 10, 10)
    assert LogEntry.objects.filter(object_id=str(program.cell.pk), action="inspections.inspection.concluded").exists()


def test_moves_through_the_api(client, inspector, program):
    headers = _auth(inspector)
    url = f"/api/v1/inspections/{program.member.pk}"
    started = client.patch(url, {"status": "in_progress"}, content_type="application/json", **headers)
    assert started.status_code == 200 and started.json()["started_on"] == str(timezone.localdate())
    wrong = client.patch(url, {"status": "bogus"}, content_type="application/json", **headers)
    assert wrong.status_code == 422
    cancelled = client.patch(url, {"status": "cancelled"}, content_type="application/json", **headers)
    assert cancelled.json()["status"] == "cancelled"
    assert client.patch(f"/api/v1/inspections/{program.committee.pk}", {"status": "in_progress"},
                        content_type="application/json", **headers).status_code == 403


def test_the_other_wards_clerk_neither_reads_nor_changes(client, outsider, program):
    headers = _auth(outsider)
    assert client.get("/api/v1/inspections?year=2021", **headers).json()["count"] == 0
    url = f"/api/v1/inspections/{program.cell.pk}"
    assert client.get(url, **headers).status_code == 404
    assert client.patch(url, {"content": "x"}, content_type="application/json", **headers).status_code == 404
    assert client.post(f"{url}/follow-ups", {"text": "x", "due_on": "2021-10-15"}, content_type="application/json",
                       **headers).status_code == 404
    assert Inspection.objects.get(pk=program.cell.pk).content.startswith("Kiểm tra việc thực hiện")


def test_a_program_value_outside_the_list_is_refused_by_name(client, clerk, world):
    response = client.post("/api/v1/inspections", {"ward": str(world.ward.pk), "program": "district", "year": 2021,
                                                   "quarter": 1, "content": "x", "subject_organization":
                                                       str(world.cell.pk)},
                           content_type="application/json", **_auth(clerk))
    assert response.status_code == 422 and "program" in response.content.decode()
    assert InspectionProgram.COMMITTEE in [choice.value for choice in InspectionProgram]
