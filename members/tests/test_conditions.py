"""The conditions of an admission on a candidate's dossier (docs/rules.md §1.1–§1.5): checked where the rule is firm,
flagged where it has exceptions or the system cannot tell (education, papers, introducers); overdue steps say by how
much."""

import datetime

from members import services
from members.conditions import admission_conditions, education_reaches_secondary
from members.lifecycle import Lifecycle
from members.models import DossierDocument, EventKind
from org.models import Person

D = datetime.date
K = EventKind


def test_education_as_written_is_read_against_lower_secondary():
    assert education_reaches_secondary("12/12") and education_reaches_secondary("9/12")
    assert education_reaches_secondary("Đại học") and education_reaches_secondary("THCS")
    assert education_reaches_secondary("7/12") is False and education_reaches_secondary("Tiểu học") is False
    assert education_reaches_secondary("") is None and education_reaches_secondary("biết đọc") is None


def test_the_dossier_shows_each_condition_and_how_late_an_overdue_step_is(client, world, clerk):
    person = Person.objects.create(organization=world.cell, full_name="Mai Thị Hồ Sơ", search_name="mai thi ho so",
                                   date_of_birth=D(2000, 2, 1), education="7/12")
    member = services.register_candidate(person=person, organization=world.cell, day=D(2025, 9, 1), actor=clerk)
    services.record_event(member, kind=K.AWARENESS_COURSE, day=D(2025, 10, 6), actor=clerk)
    services.record_event(member, kind=K.DOSSIER_DOCUMENT, day=D(2025, 11, 3), actor=clerk,
                          document=DossierDocument.APPLICATION)
    services.record_event(member, kind=K.CELL_ADMISSION_RESOLUTION, day=D(2026, 1, 12), actor=clerk, votes_for=3,
                          voters_total=3)
    lifecycle = Lifecycle(member.events.all(), date_of_birth=person.date_of_birth)
    conditions = {c.label: c for c in admission_conditions(lifecycle, education="7/12", on=D(2026, 6, 1))}
    assert conditions["Tuổi"].ok and "25 tuổi 11 tháng vào ngày 12/01/2026" in conditions["Tuổi"].detail
    assert conditions["Học vấn"].ok is False
    assert conditions["Lớp bồi dưỡng nhận thức về Đảng"].ok
    assert conditions[DossierDocument.APPLICATION.label].ok
    assert conditions[DossierDocument.PERSONAL_HISTORY.label].ok is False
    introducers = conditions["Người giới thiệu"]
    assert introducers.ok is False and "Chưa ghi người giới thiệu" in introducers.detail

    client.force_login(clerk)
    page = client.get(member.get_absolute_url()).content.decode()
    assert 'id="conditions"' in page and "chưa tốt nghiệp trung học cơ sở" in page
    assert "Quá hạn" in page and "ngày làm việc</span>" in page  # 60 working days from 12/01/2026 have passed


def test_a_paper_older_than_twelve_months_at_the_vote_is_flagged_for_checking(world, clerk):
    """The age of the dossier's papers (MembershipRules.dossier_paper_months [U]): a personal history received more
    than 12 months before the chi bộ votes is flagged, not refused."""
    person = Person.objects.create(organization=world.cell, full_name="Hà Thị Cũ", search_name="ha thi cu",
                                   date_of_birth=D(1999, 2, 1), education="12/12")
    member = services.register_candidate(person=person, organization=world.cell, day=D(2024, 1, 8), actor=clerk)
    services.record_event(member, kind=K.DOSSIER_DOCUMENT, day=D(2024, 2, 5), actor=clerk,
                          document=DossierDocument.PERSONAL_HISTORY)
    services.record_event(member, kind=K.DOSSIER_DOCUMENT, day=D(2025, 3, 3), actor=clerk,
                          document=DossierDocument.APPLICATION)
    lifecycle = Lifecycle(member.events.all(), date_of_birth=person.date_of_birth)
    conditions = {c.label: c for c in admission_conditions(lifecycle, education="12/12", on=D(2025, 4, 1))}
    old = conditions[DossierDocument.PERSONAL_HISTORY.label]
    assert old.ok is None and "đã quá 12 tháng vào ngày xét 01/04/2025" in old.detail
    assert conditions[DossierDocument.APPLICATION.label].ok is True
