"""The grading pages and API over HTTP: a chi bộ's table entered by the office, the results with the year before
beside, the export, the dossier, who sees what; a decision over the quota refused with nothing kept."""

import datetime
import io

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.services import issue_api_token
from gradings.models import Grade, Grading
from gradings.services import decide_gradings
from members.models import PartyMember, Status
from org.models import Person

D = datetime.date


def _auth(user):
    key, _token = issue_api_token(user=user)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def _members(world, cell, count, start=0):
    rows = []
    for number in range(start, start + count):
        person = Person.objects.create(organization=cell, full_name=f"Đảng viên {number:02d}",
                                       search_name=f"dang vien {number:02d}")
        rows.append(PartyMember.objects.create(person=person, organization=cell, status=Status.OFFICIAL,
                                               status_since=D(2000, 1, 1)))
    return rows


def test_the_office_enters_a_chi_bos_decision_and_the_results_show_both_years(client, clerk, world):
    members = _members(world, world.cell, 5)
    year = timezone.localdate().year
    decide_gradings(ward=world.ward, actor=clerk, year=year - 1, decided_on=D(year - 1, 12, 20),
                    decisions=[{"member": m, "score": 80} for m in members])
    client.force_login(clerk)
    url = reverse("grading_enter", args=[world.cell.pk, year, "decided"])
    form = {"decided_on": f"{timezone.localdate():%d/%m/%Y}"}
    for number, member in enumerate(members):
        form[f"{member.pk}-score"] = "95" if number == 0 else "80"
        form[f"{member.pk}-exceeded_share"] = "40"
        form[f"{member.pk}-all_on_time"] = "on"
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Grading.objects.filter(year=year, grade=Grade.EXCELLENT).count() == 1
    page = client.get(reverse("grading_list"), {"ward": world.ward.pk, "year": year})
    rows = page.context["rows"]
    cell_row = next(row for row in rows if row.unit == world.cell)
    assert cell_row.pairs[:2] == [(1, 0), (4, 5)]  # excellent, good: this year / the year before
    assert rows[0].unit is None and rows[0].pairs[:2] == [(1, 0), (4, 5)]  # the whole Đảng bộ
    export = client.get(reverse("grading_export"), {"ward": world.ward.pk, "year": year})
    book = load_workbook(io.BytesIO(export.content))
    assert {"Theo chi bộ", "Đảng viên"} <= set(book.sheetnames)
    assert client.get(members[0].get_absolute_url()).content.decode().count("Hoàn thành xuất sắc nhiệm vụ") >= 1


def test_over_the_quota_through_the_api_nothing_is_kept(client, clerk, world):
    members = _members(world, world.cell, 5)
    body = {"ward": str(world.ward.pk), "year": 2025, "stage": "decided", "decided_on": "2025-12-20",
            "rows": [{"member": str(m.pk), "score": 95, "exceeded_share": 40} for m in members[:2]]
            + [{"member": str(m.pk), "score": 80} for m in members[2:]]}
    response = client.post("/api/v1/gradings", body, content_type="application/json", **_auth(clerk))
    assert response.status_code == 400 and "Vượt tỷ lệ" in response.json()["detail"]
    assert not Grading.objects.exists()
    body["rows"][1] = {"member": str(members[1].pk), "score": 80}
    response = client.post("/api/v1/gradings", body, content_type="application/json", **_auth(clerk))
    assert response.status_code == 201 and [row["grade"] for row in response.json()][:2] == ["excellent", "good"]


def test_who_sees_which_gradings(client, clerk, cell_secretary, outsider, secretary, world):
    ones, twos = _members(world, world.cell, 2), _members(world, world.cell2, 2, start=10)
    decide_gradings(ward=world.ward, actor=clerk, year=2024, decided_on=D(2024, 12, 20),
                    decisions=[{"member": m, "grade": Grade.GOOD} for m in ones + twos])
    listed = client.get("/api/v1/gradings?year=2024", **_auth(cell_secretary)).json()
    assert {row["member"] for row in listed["items"]} == {str(m.pk) for m in ones}  # her chi bộ only
    assert client.get("/api/v1/gradings?year=2024", **_auth(outsider)).json()["count"] == 0
    assert client.get("/api/v1/gradings?year=2024", **_auth(secretary)).json()["count"] == 4
    client.force_login(cell_secretary)
    assert client.get(reverse("grading_enter", args=[world.cell.pk, 2025, "proposed"])).status_code == 200
    assert client.get(reverse("grading_enter", args=[world.cell.pk, 2025, "decided"])).status_code == 403
    assert client.get(reverse("grading_enter", args=[world.cell2.pk, 2025, "proposed"])).status_code == 404
    client.force_login(outsider)
    assert client.get(reverse("grading_enter", args=[world.cell.pk, 2025, "decided"])).status_code == 404
    body = {"ward": str(world.ward.pk), "year": 2025, "stage": "decided", "decided_on": "2025-12-20",
            "rows": [{"member": str(ones[0].pk), "score": 80}]}
    assert client.post("/api/v1/gradings", body, content_type="application/json",
                       **_auth(outsider)).status_code == 404
    assert not Grading.objects.filter(year=2025).exists()
