"""The ward's bodies that lead tasks, their reporters, and a few tasks of July 2021 (Sài Đồng's, seed 000)."""

import datetime

import pytest

from accounts.permissions import Role
from conftest import make_org, make_user
from org.models import Kind
from work.services import create_task

D = datetime.date


@pytest.fixture
def mttq(world):
    unit = make_org(world.ward, "Ủy ban MTTQ phường Sài Đồng", Kind.FATHERLAND_FRONT)
    unit.refresh_from_db()
    return unit


@pytest.fixture
def reporter(world):
    """The UBND's reporter (role unit_reporter on the UBND)."""
    return make_user("ubnd", world.ubnd, Role.UNIT_REPORTER)


@pytest.fixture
def mttq_reporter(mttq):
    return make_user("mttq", mttq, Role.UNIT_REPORTER)


@pytest.fixture
def tasks(world, clerk, mttq):
    """A namespace: the UBND's task and the MTTQ's of July 2021, the Đảng ủy's own, and one of the other ward."""

    class Tasks:
        pass

    t = Tasks()
    t.ubnd = create_task(ward=world.ward, actor=clerk, text="Triển khai thí điểm chính quyền đô thị từ 01/7/2021",
                         lead_unit=world.ubnd, start=D(2021, 7, 1), due_on=D(2021, 7, 31), source="document",
                         source_note="Công văn 339-CV/QU ngày 25/6/2021 của Quận ủy")
    t.mttq = create_task(ward=world.ward, actor=clerk, text="Sơ kết 6 tháng đầu năm 2021 các đoàn thể",
                         lead_unit=mttq, start=D(2021, 7, 1), due_on=D(2021, 7, 20))
    t.own = create_task(ward=world.ward, actor=clerk, text="Kiểm tra, giám sát theo kế hoạch quý III",
                        lead_body="inspection", period="quarter", start=D(2021, 7, 1), due_on=D(2021, 9, 30))
    other_clerk = make_user("otherclerk", world.other_ward, Role.WARD_CLERK)
    t.other = create_task(ward=world.other_ward, actor=other_clerk, text="Việc của phường Bồ Đề",
                          lead_unit=world.other_group, start=D(2021, 7, 1), due_on=D(2021, 7, 31))
    return t


@pytest.fixture
def committee(world):
    """The ward's Ban Chấp hành of the 2020–2025 term (no seats: its meetings have an empty roster)."""
    from org.models import Committee, CommitteeKind, Term

    term = Term.objects.create(organization=world.ward, name="2020–2025", start_date=D(2020, 6, 20))
    return Committee.objects.create(organization=world.ward, kind=CommitteeKind.EXECUTIVE, term=term)


@pytest.fixture
def enter_meeting(world, clerk, committee):
    """enter_meeting(key_tasks=[...]): the ward's session of 28/06/2021 with those key tasks."""
    import zoneinfo

    from meetings.models import MeetingKind
    from meetings.services import MeetingRecord, create_meeting

    def enter(**fields):
        starts_at = datetime.datetime(2021, 6, 28, 14, tzinfo=zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh"))
        record = MeetingRecord(organization=world.ward, committee=committee, kind=MeetingKind.REGULAR,
                               starts_at=starts_at, place="Phòng họp A3", chair=world.hung, **fields)
        return create_meeting(record, actor=clerk)

    return enter
