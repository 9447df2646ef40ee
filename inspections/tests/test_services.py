"""The inspection programs' services: who writes which program, the subject, the status moves, the conclusion and its
follow-ups, planned versus done per quarter, the conclusion issued through the registry (…-KL/UBKTĐU)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from audit.models import LogEntry
from documents.models import DocumentStatus
from documents.services import approve_document, issue_document
from inspections import services
from inspections.models import FollowUp, Inspection, InspectionProgram, InspectionStatus
from org.models import Person, Term

D = datetime.date


def test_the_ubkt_writes_its_own_program_and_only_reads_the_party_committees(world, inspector, program):
    item = services.plan_inspection(ward=world.ward, actor=inspector, program=InspectionProgram.INSPECTION, year=2021,
                                    quarter=4, content="Kiểm tra tài chính đảng", subject_organization=world.cell)
    assert item.program == InspectionProgram.INSPECTION and item.status == InspectionStatus.PLANNED
    with pytest.raises(PermissionDenied):
        services.plan_inspection(ward=world.ward, actor=inspector, program=InspectionProgram.COMMITTEE, year=2021,
                                 quarter=4,
                                 content="Giám sát", subject_organization=world.cell)
    with pytest.raises(PermissionDenied):
        services.move_inspection(program.committee, status=InspectionStatus.IN_PROGRESS, actor=inspector)
    services.move_inspection(program.cell, status=InspectionStatus.IN_PROGRESS, actor=inspector)


def test_the_secretary_and_the_other_wards_clerk_write_neither_program(world, secretary, outsider, program):
    for actor in (secretary, outsider):
        with pytest.raises(PermissionDenied):
            services.plan_inspection(ward=world.ward, actor=actor, program=InspectionProgram.INSPECTION, year=2021,
                                     quarter=4,
                                     content="Kiểm tra", subject_organization=world.cell)
        with pytest.raises(PermissionDenied):
            services.conclude_inspection(program.cell, conclusion="Tốt", concluded_on=D(2021, 9, 20), actor=actor)
    assert Inspection.objects.filter(quarter=4).count() == 0


def test_an_item_has_one_subject_within_the_ward_and_a_team_of_its_people(world, clerk, member):
    plan = {"ward": world.ward, "actor": clerk, "program": InspectionProgram.INSPECTION, "year": 2021, "quarter": 3,
            "content": "Kiểm tra"}
    with pytest.raises(ValidationError) as error:
        services.plan_inspection(**plan)
    assert "một tổ chức đảng hoặc một đảng viên" in str(error.value)
    with pytest.raises(ValidationError):
        services.plan_inspection(**plan, subject_organization=world.cell, subject_member=member)
    with pytest.raises(ValidationError) as error:
        services.plan_inspection(**plan, subject_organization=world.other_ward)
    assert "không thuộc Đảng ủy phường Sài Đồng" in str(error.value)
    with pytest.raises(ValidationError) as error:
        services.plan_inspection(**plan, subject_organization=world.cell, team=[world.stranger])
    assert "Trần Văn Bình" in str(error.value)
    with pytest.raises(ValidationError) as error:
        services.plan_inspection(**{**plan, "quarter": 5}, subject_organization=world.cell)
    assert "Quý" in str(error.value)
    with pytest.raises(ValidationError):
        services.plan_inspection(**{**plan, "ward": world.cell}, subject_organization=world.cell)
    assert not Inspection.objects.exists()
    item = services.plan_inspection(**plan, subject_organization=world.cell, team_lead=world.hung,
                                    team=[world.hung, world.dung])
    assert sorted(p.full_name for p in item.team.all()) == ["Nguyễn Văn Hùng", "Đặng Thị Dung"]
    entry = LogEntry.objects.get(action="inspections.inspection.created")
    assert entry.organization == world.ward and entry.data["changes"]["quarter"]["new"] == 3


def test_starting_sets_the_first_day_and_a_concluded_item_moves_no_more(program, clerk):
    item = services.move_inspection(program.cell, status=InspectionStatus.IN_PROGRESS, actor=clerk, day=D(2021, 8, 2))
    assert item.started_on == D(2021, 8, 2)
    with pytest.raises(ValidationError) as error:
        services.conclude_inspection(item, conclusion="Chi bộ thực hiện tốt", concluded_on=D(2021, 8, 1), actor=clerk)
    assert "trước ngày bắt đầu" in str(error.value)
    with pytest.raises(ValidationError):
        services.conclude_inspection(item, conclusion="", concluded_on=D(2021, 9, 1), actor=clerk)
    with pytest.raises(ValidationError):
        services.conclude_inspection(item, conclusion="Tốt", concluded_on=timezone.localdate() + datetime.timedelta(1),
                                     actor=clerk)
    item = services.conclude_inspection(item, conclusion="Chi bộ thực hiện tốt", concluded_on=D(2021, 9, 15),
                                        actor=clerk, follow_ups=[("Bổ sung sổ ghi biên bản", D(2021, 10, 15))])
    assert (item.status, item.concluded_on, item.ended_on) == (InspectionStatus.CONCLUDED, D(2021, 9, 15),
                                                               D(2021, 9, 15))
    assert item.follow_ups.get().text == "Bổ sung sổ ghi biên bản"
    for status in (InspectionStatus.PLANNED, InspectionStatus.CANCELLED, InspectionStatus.IN_PROGRESS):
        with pytest.raises(ValidationError):
            services.move_inspection(item, status=status, actor=clerk)
    with pytest.raises(ValidationError):
        services.conclude_inspection(item, conclusion="Lại", concluded_on=D(2021, 9, 20), actor=clerk)
    entry = LogEntry.objects.get(action="inspections.inspection.concluded")
    assert entry.data["status"] == {"old": InspectionStatus.IN_PROGRESS, "new": InspectionStatus.CONCLUDED}


def test_a_cancelled_item_is_not_concluded_and_leaves_the_plan(program, clerk):
    services.move_inspection(program.q2, status=InspectionStatus.CANCELLED, actor=clerk)
    with pytest.raises(ValidationError):
        services.conclude_inspection(program.q2, conclusion="Tốt", concluded_on=D(2021, 6, 30), actor=clerk)
    summary = Inspection.objects.filter(year=2021, program=InspectionProgram.INSPECTION).quarter_summary()
    assert [(row.planned, row.done) for row in summary] == [(0, 0), (0, 0), (2, 0), (0, 0), (2, 0)]
    assert summary[1].cancelled == 1


def test_planned_versus_done_per_quarter_and_for_the_year(program, clerk):
    services.conclude_inspection(program.cell, conclusion="Tốt", concluded_on=D(2021, 9, 15), actor=clerk)
    services.move_inspection(program.member, status=InspectionStatus.IN_PROGRESS, actor=clerk, day=D(2021, 9, 1))
    summary = Inspection.objects.filter(year=2021).quarter_summary()
    q3, year = summary[2], summary[4]
    assert (q3.label, q3.planned, q3.done, q3.in_progress, q3.not_started, q3.percent) == ("Quý III", 3, 1, 1, 1, 33)
    assert (year.label, year.planned, year.done) == ("Cả năm", 4, 1)
    assert not q3.all_done
    services.conclude_inspection(program.member, conclusion="Chấp hành tốt", concluded_on=D(2021, 9, 20),
                                 actor=clerk)
    services.conclude_inspection(program.committee, conclusion="Đạt", concluded_on=D(2021, 9, 25), actor=clerk)
    assert Inspection.objects.filter(year=2021).quarter_summary()[2].all_done


def test_an_item_is_late_once_its_quarter_ended_unconcluded(program):
    assert program.cell.is_late(D(2021, 10, 1))
    assert not program.cell.is_late(D(2021, 9, 30))


def test_follow_ups_come_after_the_conclusion_and_are_overdue_until_done(program, clerk, inspector):
    with pytest.raises(ValidationError):
        services.add_follow_up(program.cell, text="Sửa", due_on=D(2021, 10, 1), actor=clerk)
    services.conclude_inspection(program.cell, conclusion="Còn thiếu sót", concluded_on=D(2021, 9, 15), actor=clerk)
    with pytest.raises(ValidationError) as error:
        services.add_follow_up(program.cell, text="Sửa", due_on=D(2021, 9, 1), actor=clerk)
    assert "trước ngày kết luận" in str(error.value)
    follow_up = services.add_follow_up(program.cell, text="Kiện toàn sổ sách", due_on=D(2021, 10, 15),
                                       actor=inspector)
    assert list(FollowUp.objects.overdue(D(2021, 10, 16))) == [follow_up]
    assert follow_up.is_overdue(D(2021, 10, 16)) and not follow_up.is_overdue(D(2021, 10, 15))
    with pytest.raises(ValidationError):
        services.complete_follow_up(follow_up, done_on=D(2021, 9, 1), actor=clerk)
    done = services.complete_follow_up(follow_up, done_on=D(2021, 10, 20), result="Đã bổ sung", actor=inspector)
    assert done.done_on == D(2021, 10, 20) and not FollowUp.objects.overdue(D(2021, 10, 21)).exists()
    with pytest.raises(ValidationError):
        services.complete_follow_up(follow_up, done_on=D(2021, 10, 21), actor=clerk)
    entry = LogEntry.objects.get(action="inspections.follow_up.done")
    assert entry.data["late"] is True


def test_a_correction_logs_what_changed_and_refuses_a_stale_version(program, clerk):
    item = program.cell
    diff = services.update_inspection(item, actor=clerk, version=item.version, quarter=4,
                                      period_covered="Năm 2020", team=[Person.objects.get(full_name="Đặng Thị Dung")])
    assert diff["quarter"] == {"old": 3, "new": 4} and diff["team"] == {"old": [], "new": ["Đặng Thị Dung"]}
    with pytest.raises(ValidationError) as error:
        services.update_inspection(item, actor=clerk, version=item.version, quarter=2)  # the version read before
    assert error.value.code == "stale"
    with pytest.raises(ValidationError):
        services.update_inspection(item, actor=clerk, conclusion="Chưa kết luận mà đã sửa")
    assert Inspection.objects.get(pk=item.pk).quarter == 4


def test_the_ubkts_conclusion_is_issued_through_the_registry_in_its_own_register(world, clerk, secretary, program):
    Term.objects.create(organization=world.ward, name="2020–2025", start_date=D(2020, 6, 20))
    services.conclude_inspection(program.cell, conclusion="Chi bộ thực hiện tốt", concluded_on=D(2021, 9, 15),
                                 actor=clerk)
    document = services.draft_conclusion(program.cell, actor=clerk, signer="Nguyễn Văn Hùng")
    assert (document.doc_type, document.status, document.issuer_code) == ("conclusion", DocumentStatus.DRAFT,
                                                                          "UBKTĐU")
    assert Inspection.objects.get(pk=program.cell.pk).conclusion_document == document
    with pytest.raises(ValidationError):
        services.draft_conclusion(program.cell, actor=clerk)
    approve_document(document, actor=secretary)
    issued = issue_document(document, day=D(2021, 9, 16), actor=clerk)
    assert issued.symbol == "01-KL/UBKTĐU"
    # The Đảng ủy's own conclusions are numbered in its register.
    services.conclude_inspection(program.committee, conclusion="Đạt", concluded_on=D(2021, 9, 25), actor=clerk)
    assert services.draft_conclusion(program.committee, actor=clerk).issuer_code == "ĐU"


def test_only_the_office_drafts_a_conclusion_document_and_only_once_concluded(program, clerk, inspector):
    with pytest.raises(ValidationError):
        services.draft_conclusion(program.cell, actor=clerk)
    services.conclude_inspection(program.cell, conclusion="Tốt", concluded_on=D(2021, 9, 15), actor=inspector)
    with pytest.raises(PermissionDenied):  # the registry is the office's
        services.draft_conclusion(program.cell, actor=inspector)
    assert Inspection.objects.get(pk=program.cell.pk).conclusion_document is None


def test_putting_an_item_back_to_planned_clears_its_first_day(program, clerk):
    item = services.move_inspection(program.cell, status=InspectionStatus.IN_PROGRESS, actor=clerk, day=D(2021, 8, 2))
    item = services.move_inspection(item, status=InspectionStatus.PLANNED, actor=clerk)
    assert item.started_on is None
    services.conclude_inspection(item, conclusion="Tốt", concluded_on=D(2021, 9, 1), actor=clerk)
