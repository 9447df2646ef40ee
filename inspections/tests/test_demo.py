"""The demo's inspection programs: Sài Đồng's UBKT has a 2021 program with quarter III items, one conclusion issued
as 01-KL/UBKTĐU, and this year's program with its current quarter under way."""

from django.utils import timezone

from inspections.models import FollowUp, Inspection, InspectionProgram, InspectionStatus, quarter_of
from org.models import Organization


def test_saidongs_ubkt_has_a_2021_program_with_quarter_three_items(demo):
    ward = Organization.objects.get(code="saidong")
    ubkt_2021 = Inspection.objects.filter(ward=ward, program=InspectionProgram.INSPECTION, year=2021)
    assert ubkt_2021.filter(quarter=3).count() == 2
    summary = ubkt_2021.quarter_summary()
    assert [(row.planned, row.done) for row in summary] == [(1, 1), (1, 1), (2, 2), (1, 1), (5, 5)]
    issued = ubkt_2021.get(conclusion_document__isnull=False)
    assert issued.conclusion_document.symbol == "01-KL/UBKTĐU" and issued.subject_member is not None
    assert Inspection.objects.filter(ward=ward, program=InspectionProgram.COMMITTEE, year=2021, quarter=3).count() == 1


def test_this_years_current_quarter_is_under_way_and_a_follow_up_is_overdue(demo):
    today = timezone.localdate()
    current = Inspection.objects.get(ward__code="saidong", year=today.year, quarter=quarter_of(today))
    assert current.status == InspectionStatus.IN_PROGRESS
    assert FollowUp.objects.filter(inspection__ward__code="saidong").overdue(today).count() == 1
