"""A ward's Ban Chấp hành of five in the 2020–2025 term, a chi bộ with three official members, two candidates whose
chi bộ resolutions are passed and a probationary member whose chi bộ proposed recognition: the world of a regular
session like Sài Đồng's of 28/06/2021 (seed 000)."""

import datetime
import zoneinfo

import pytest

from documents import services as documents_services
from members.models import EventKind, PartyMember
from members.services import record_event, register_candidate
from org.models import Committee, CommitteeKind, CommitteeMember, Person, Position, Term, Title

D = datetime.date
K = EventKind
HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
SESSION_AT = datetime.datetime(2021, 6, 28, 14, 0, tzinfo=HANOI)


def person(organization, name, born):
    from core.search import fold

    return Person.objects.create(organization=organization, full_name=name, search_name=fold(name), gender="male",
                                 date_of_birth=born)


@pytest.fixture
def session(world, admin_user):
    """A namespace: the committee, its five members (the first the Bí thư), the chi bộ's official members, the
    candidates and the probationary member."""

    class Session:
        pass

    s = Session()
    s.term = Term.objects.create(organization=world.ward, name="2020–2025", start_date=D(2020, 6, 20))
    s.bch = Committee.objects.create(organization=world.ward, kind=CommitteeKind.EXECUTIVE, term=s.term)
    names = ["Nguyễn Văn An", "Trần Thị Bích", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em"]
    s.members = [person(world.ward, name, D(1970 + i, 3, 1)) for i, name in enumerate(names)]
    for seat in s.members:
        CommitteeMember.objects.create(committee=s.bch, person=seat, start_date=D(2020, 6, 20))
    Position.objects.create(person=s.members[0], organization=world.ward, title=Title.SECRETARY,
                            start_date=D(2020, 6, 20))
    s.secretary = s.members[0]

    s.candidates = []
    for name in ("Vũ Minh Khoa", "Đỗ Thu Lan"):
        candidate = register_candidate(person=person(world.cell, name, D(1996, 5, 5)), organization=world.cell,
                                       day=D(2021, 2, 1), actor=admin_user)
        record_event(candidate, kind=K.AWARENESS_COURSE, day=D(2021, 3, 15), actor=admin_user)
        record_event(candidate, kind=K.CELL_ADMISSION_RESOLUTION, day=D(2021, 6, 10), actor=admin_user,
                     votes_for=3, voters_total=3)
        s.candidates.append(candidate)

    probationary = register_candidate(person=person(world.cell, "Bùi Văn Nam", D(1990, 1, 1)),
                                      organization=world.cell, day=D(2019, 9, 2), actor=admin_user)
    for kind, day, fields in (
        (K.AWARENESS_COURSE, D(2019, 10, 1), {}),
        (K.CELL_ADMISSION_RESOLUTION, D(2020, 3, 2), {"votes_for": 3, "voters_total": 3}),
        (K.WARD_ADMISSION_RESOLUTION, D(2020, 3, 20), {"votes_for": 13, "voters_total": 15}),
        (K.ADMISSION_DECISION, D(2020, 5, 11), {"decision_no": "120-QĐ/QU"}),
        (K.CEREMONY, D(2020, 6, 5), {}),
        (K.CELL_RECOGNITION_RESOLUTION, D(2021, 6, 15), {"votes_for": 3, "voters_total": 3}),
    ):
        record_event(probationary, kind=kind, day=day, actor=admin_user, **fields)
    s.probationary = probationary
    for member in (*s.candidates, probationary):
        member.refresh_from_db()
    return s


@pytest.fixture
def ward_2026(world, admin_user):
    """The 2025–2030 term opened on 20/8/2025 with a Ban Chấp hành of five and a Ban Thường vụ of three; the QĐ
    register of the term starts after 07 (the ward adopted the system mid-term); a chi bộ of three official
    members."""

    class Ward:
        pass

    w = Ward()
    w.term = Term.objects.create(organization=world.ward, name="2025–2030", start_date=D(2025, 8, 20))
    w.bch = Committee.objects.create(organization=world.ward, kind=CommitteeKind.EXECUTIVE, term=w.term)
    w.btv = Committee.objects.create(organization=world.ward, kind=CommitteeKind.STANDING, term=w.term)
    names = ["Nguyễn Thị Hạnh", "Trần Văn Bảo", "Lê Thị Cúc", "Phạm Văn Duy", "Hoàng Thị Én"]
    w.people = [person(world.ward, name, D(1970 + i, 3, 1)) for i, name in enumerate(names)]
    for index, seat in enumerate(w.people):
        CommitteeMember.objects.create(committee=w.bch, person=seat, start_date=w.term.start_date)
        if index < 3:
            CommitteeMember.objects.create(committee=w.btv, person=seat, start_date=w.term.start_date)
    Position.objects.create(person=w.people[0], organization=world.ward, title=Title.SECRETARY,
                            start_date=w.term.start_date)
    documents_services.set_sequence_start(organization=world.ward, term=w.term, code="QĐ", last_number=7,
                                          actor=admin_user)
    return w


CELL_DAY_2026 = D(2026, 9, 15)


def candidate_after_chi_bo(world, admin_user, name="Vũ Thị Mai", cell_day=CELL_DAY_2026):
    member = register_candidate(person=person(world.cell, name, D(1998, 4, 4)), organization=world.cell,
                                day=D(2026, 3, 2), actor=admin_user)
    record_event(member, kind=K.AWARENESS_COURSE, day=D(2026, 5, 11), actor=admin_user)
    record_event(member, kind=K.CELL_ADMISSION_RESOLUTION, day=cell_day, actor=admin_user, votes_for=3,
                 voters_total=3)
    return PartyMember.objects.get(pk=member.pk)
