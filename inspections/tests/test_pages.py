"""The inspection pages over HTTP: the program with planned versus done per quarter, an item planned through the form,
started, concluded with a follow-up that is then done; the UBKT writes only its own program; the export is a real
workbook; the list's queries do not grow with its rows."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from audit.models import LogEntry
from inspections.models import FollowUp, Inspection, InspectionProgram, InspectionStatus, quarter_of
from inspections.services import conclude_inspection, move_inspection, plan_inspection

D = datetime.date


def test_the_program_page_shows_planned_versus_done_per_quarter(client, clerk, program, world):
    client.force_login(clerk)
    response = client.get(reverse("inspection_list"), {"year": 2021, "ward": world.ward.pk})
    assert response.status_code == 200
    summary = response.context["summary"]
    assert [(row.planned, row.done) for row in summary] == [(0, 0), (1, 0), (3, 0), (0, 0), (4, 0)]
    assert {item.pk for item in response.context["page"]} == {i.pk for i in Inspection.objects.all()}
    html = response.content.decode()
    assert "Quý III" in html and "Kế hoạch và kết quả theo quý" in html
    only_ubkt = client.get(reverse("inspection_list"), {"year": 2021, "program": InspectionProgram.INSPECTION})
    assert [row.planned for row in only_ubkt.context["summary"]] == [0, 1, 2, 0, 3]
    assert client.get(reverse("inspection_list"), {"year": 2020}).context["summary"][4].planned == 0


def test_a_clerk_plans_starts_and_concludes_an_item_through_the_pages(client, clerk, world):
    today = timezone.localdate()
    quarter = quarter_of(today)
    client.force_login(clerk)
    response = client.post(f"{reverse('inspection_create')}?ward={world.ward.pk}", {
        "program": InspectionProgram.INSPECTION, "year": str(today.year), "quarter": str(quarter), "kind": "inspection",
        "mode": "thematic", "subject_organization": world.cell.pk.hex,
        "content": "Kiểm tra việc chấp hành Điều lệ Đảng", "team_lead": world.hung.pk.hex, "team": [world.hung.pk.hex]})
    item = Inspection.objects.get()
    assert response.status_code == 302 and response["Location"] == item.get_absolute_url()
    client.post(reverse("inspection_move", args=[item.pk]), {"status": InspectionStatus.IN_PROGRESS,
                                                              "version": item.version})
    item.refresh_from_db()
    assert (item.status, item.started_on) == (InspectionStatus.IN_PROGRESS, today)
    refused = client.post(reverse("inspection_conclude", args=[item.pk]), {
        "concluded_on": f"{today:%d/%m/%Y}", "conclusion": "", "version": item.version})
    assert refused.status_code == 400 and "Kết luận" in refused.content.decode()
    response = client.post(reverse("inspection_conclude", args=[item.pk]), {
        "concluded_on": f"{today:%d/%m/%Y}", "conclusion": "Chi bộ chấp hành tốt; còn thiếu sót về sổ sách.",
        "follow_up": "Kiện toàn sổ ghi biên bản sinh hoạt", "follow_up_due_on": f"{today:%d/%m/%Y}",
        "version": item.version})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.concluded_on) == (InspectionStatus.CONCLUDED, today)
    follow_up = FollowUp.objects.get()
    assert "Kiện toàn sổ ghi biên bản" in client.get(item.get_absolute_url()).content.decode()
    client.post(reverse("inspection_follow_up_done", args=[follow_up.pk]), {"done_on": f"{today:%d/%m/%Y}",
                                                                            "result": "Đã bổ sung"})
    follow_up.refresh_from_db()
    assert follow_up.done_on == today
    summary = client.get(reverse("inspection_list")).context["summary"]
    assert summary[quarter - 1].all_done and summary[4].done == 1
    assert set(LogEntry.objects.filter(object_id__in=[str(item.pk), str(follow_up.pk)])
               .values_list("action", flat=True)) == {
        "inspections.inspection.created", "inspections.inspection.status", "inspections.inspection.concluded",
        "inspections.follow_up.created", "inspections.follow_up.done"}


def test_a_bad_form_names_the_field_and_keeps_nothing(client, clerk, world, member):
    client.force_login(clerk)
    response = client.post(f"{reverse('inspection_create')}?ward={world.ward.pk}", {
        "program": InspectionProgram.INSPECTION, "year": "2021", "quarter": "3", "kind": "inspection",
        "mode": "thematic",
        "subject_organization": world.cell.pk.hex, "subject_member": member.pk.hex, "content": "Kiểm tra"})
    assert response.status_code == 200
    assert "một tổ chức đảng hoặc một đảng viên" in response.content.decode()
    assert not Inspection.objects.exists()


def test_the_ubkt_offers_only_its_own_program_and_cannot_write_the_party_committees(client, inspector, program,
                                                                                      world):
    client.force_login(inspector)
    form = client.get(f"{reverse('inspection_create')}?ward={world.ward.pk}").context["form"]
    assert [value for value, _label in form.fields["program"].choices] == [InspectionProgram.INSPECTION]
    assert client.get(reverse("inspection_edit", args=[program.committee.pk])).status_code == 403
    assert client.post(reverse("inspection_move", args=[program.committee.pk]),
                       {"status": InspectionStatus.IN_PROGRESS}).status_code == 403
    assert client.get(reverse("inspection_edit", args=[program.cell.pk])).status_code == 200
    detail = client.get(program.committee.get_absolute_url())
    assert detail.status_code == 200 and detail.context["conclusion_form"] is None


def test_the_secretary_reads_and_writes_nothing_the_chi_bo_secretary_and_the_other_ward_see_nothing(
        client, secretary, cell_secretary, outsider, program):
    client.force_login(secretary)
    detail = client.get(program.cell.get_absolute_url())
    assert detail.status_code == 200 and not detail.context["can_write"]
    assert client.get(reverse("inspection_create")).status_code == 403
    for user in (cell_secretary, outsider):
        client.force_login(user)
        assert client.get(program.cell.get_absolute_url()).status_code == 404
        assert client.post(reverse("inspection_conclude", args=[program.cell.pk]),
                           {"concluded_on": "15/09/2021", "conclusion": "x"}).status_code == 404
    client.force_login(outsider)
    assert list(client.get(reverse("inspection_list"), {"year": 2021}).context["page"]) == []
    client.force_login(cell_secretary)
    assert client.get(reverse("inspection_list")).status_code == 403


def test_the_export_is_the_program_and_its_quarters_in_a_workbook(client, clerk, program, world):
    client.force_login(clerk)
    response = client.get(reverse("inspection_export"), {"year": 2021, "ward": world.ward.pk})
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    items, quarters = book["Chương trình"], book["Theo quý"]
    rows = list(items.iter_rows(min_row=3, values_only=True))
    assert len(rows) == 4 and {row[4] for row in rows} >= {"Chi bộ số 1", "đảng viên Đặng Thị Dung"}
    totals = list(quarters.iter_rows(min_row=3, values_only=True))
    assert [row[1:4] for row in totals] == [("Quý I", 0, 0), ("Quý II", 1, 0), ("Quý III", 3, 0), ("Quý IV", 0, 0),
                                           ("Cả năm", 4, 0)]
    assert LogEntry.objects.filter(action="inspections.program.exported").count() == 1


@pytest.mark.parametrize("items", [3, 30])
def test_the_program_page_costs_the_same_queries_however_many_items(client, clerk, world, items):
    for number in range(items):
        plan_inspection(ward=world.ward, actor=clerk, program=InspectionProgram.INSPECTION, year=2021,
                        quarter=number % 4 + 1,
                        content=f"Kiểm tra {number}", subject_organization=world.cell)
    client.force_login(clerk)
    client.get(reverse("inspection_list"), {"year": 2021})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("inspection_list"), {"year": 2021})
    assert response.status_code == 200
    assert len(queries) == 8, [query["sql"][:150] for query in queries]


def test_the_members_dossier_shows_the_inspections_that_concerned_them_to_who_may_read_both(
        client, clerk, cell_secretary, program, member):
    client.force_login(clerk)
    response = client.get(member.get_absolute_url())
    assert response.status_code == 200
    [section] = [section for section in response.context["sections"] if section.template.startswith("inspections/")]
    assert [item.pk for item in section.context["inspections"]] == [program.member.pk]
    assert "Giám sát việc thực hiện quy định những điều đảng viên không được làm" in response.content.decode()
    client.force_login(cell_secretary)  # reads the dossier, not the ward's inspection programs
    response = client.get(member.get_absolute_url())
    assert response.status_code == 200
    assert not [section for section in response.context["sections"] if section.template.startswith("inspections/")]
    assert 'id="inspections"' not in response.content.decode()


def test_the_dashboards_count_this_years_program_and_the_overdue_follow_ups(client, clerk, cell_secretary,
                                                                           superior, world, program):
    today = timezone.localdate()
    plan = {"ward": world.ward, "actor": clerk, "program": InspectionProgram.INSPECTION, "year": today.year,
            "quarter": quarter_of(today), "subject_organization": world.cell}
    done = plan_inspection(**plan, content="Kiểm tra A")
    plan_inspection(**plan, content="Kiểm tra B")
    cancelled = plan_inspection(**plan, content="Kiểm tra C")
    move_inspection(cancelled, status=InspectionStatus.CANCELLED, actor=clerk)
    conclude_inspection(done, conclusion="Tốt", concluded_on=today, actor=clerk)
    conclude_inspection(program.cell, conclusion="Thiếu sót", concluded_on=D(2021, 9, 15), actor=clerk,
                        follow_ups=[("Khắc phục", D(2021, 10, 15))])  # of 2021, and still overdue
    client.force_login(clerk)
    response = client.get(reverse("dashboard"))
    assert response.context["totals"]["inspections_planned"] == 2
    assert response.context["totals"]["inspections_done"] == 1
    assert response.context["totals"]["follow_ups_overdue"] == 1
    assert 'data-stat="inspections_done"' in response.content.decode()
    client.force_login(superior)
    rows = client.get(reverse("dashboard")).context["rows"]
    ward = next(row for row in rows if row["unit"] == world.ward)
    assert (ward["inspections_planned"], ward["inspections_done"], ward["follow_ups_overdue"]) == (2, 1, 1)
    assert "Kiểm tra, giám sát đã kết luận" in client.get(reverse("dashboard")).content.decode()
    client.force_login(cell_secretary)  # the programs are the ward's: nothing of them on the chi bộ's dashboard
    response = client.get(reverse("dashboard"))
    assert response.context["totals"]["inspections_planned"] == 0
    assert 'data-stat="inspections_done"' not in response.content.decode()


def test_a_strange_number_in_the_address_is_not_an_error(client, clerk, program):
    client.force_login(clerk)
    for url in (reverse("inspection_list"), reverse("grading_list"), reverse("commendation_list")):
        assert client.get(url, {"year": "²", "quarter": "³"}).status_code == 200
    assert client.post(reverse("inspection_move", args=[program.cell.pk]),
                       {"status": "in_progress", "version": "²"}).status_code == 302
