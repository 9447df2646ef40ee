"""A member of Sài Đồng's first chi bộ, and Sài Đồng's UBKT program of 2021 (seed 000: "thực hiện công tác kiểm tra,
giám sát theo kế hoạch quý III năm 2021")."""

import datetime

import pytest

from inspections.models import InspectionKind, InspectionMode, InspectionProgram
from inspections.services import plan_inspection
from members.models import PartyMember, Status

D = datetime.date


@pytest.fixture
def member(world):
    return PartyMember.objects.create(person=world.dung, organization=world.cell, status=Status.OFFICIAL,
                                      status_since=D(2000, 3, 2))


@pytest.fixture
def program(world, clerk, member):
    """Four items of 2021: the UBKT's inspection of chi bộ 1 (quarter III) and supervision of a member (quarter III),
    one of quarter II; the Đảng ủy's supervision of chi bộ 2 (quarter III)."""

    class Program_:
        pass

    p = Program_()
    p.cell = plan_inspection(ward=world.ward, actor=clerk, program=InspectionProgram.INSPECTION, year=2021, quarter=3,
                             content="Kiểm tra việc thực hiện nhiệm vụ kiểm tra, giám sát của chi bộ",
                             subject_organization=world.cell, team_lead=world.hung)
    p.member = plan_inspection(ward=world.ward, actor=clerk, program=InspectionProgram.INSPECTION, year=2021, quarter=3,
                               kind=InspectionKind.SUPERVISION, mode=InspectionMode.REGULAR,
                               content="Giám sát việc thực hiện quy định những điều đảng viên không được làm",
                               subject_member=member)
    p.q2 = plan_inspection(ward=world.ward, actor=clerk, program=InspectionProgram.INSPECTION, year=2021, quarter=2,
                           content="Kiểm tra việc thu, nộp, quản lý đảng phí", subject_organization=world.cell2)
    p.committee = plan_inspection(ward=world.ward, actor=clerk, program=InspectionProgram.COMMITTEE, year=2021,
                                  quarter=3, kind=InspectionKind.SUPERVISION,
                                  content="Giám sát việc lãnh đạo thực hiện nghị quyết",
                                  subject_organization=world.cell2)
    return p
