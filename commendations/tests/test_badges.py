"""Party badges (docs/rules.md §5): the badge list for the next occasion becomes the ward's proposal (once an
occasion), the decision an award; the dossier shows the badges held; a badge is not given twice."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from audit.models import LogEntry
from commendations.badges import award_badges, propose_badges
from commendations.models import AwardKind, BadgeProposal, Commendation, ProposalStatus
from members.lists import badge_period
from members.models import PartyMember, Status
from members.rules import add_months
from org.models import Person

D = datetime.date


@pytest.fixture
def veterans(world):
    """Three official members of Sài Đồng: one reaching 30 years of Party age the day before the next occasion, one
    40 years, one reaching nothing by then; and one of Bồ Đề reaching 30."""
    _since, occasion, _milestones = badge_period(timezone.localdate())

    def member(name, organization, years, days_before=1):
        person = Person.objects.create(organization=organization, full_name=name, search_name=name.lower())
        base = add_months(occasion, -12 * years) - datetime.timedelta(days=days_before)
        return PartyMember.objects.create(person=person, organization=organization, status=Status.OFFICIAL,
                                          status_since=base, admitted_on=base, age_base_on=base)

    return {"thirty": member("Lê Văn Ba Mươi", world.cell, 30), "forty": member("Trần Thị Bốn Mươi", world.cell2, 40),
            "none": member("Phạm Văn Chưa", world.cell, 30, days_before=400),
            "other": member("Ngô Văn Bồ Đề", world.other_group, 30)}


def test_the_badge_list_becomes_a_proposal_once_an_occasion(world, clerk, veterans):
    proposal = propose_badges(ward=world.ward, actor=clerk)
    assert {(entry.member_id, entry.years) for entry in proposal.entries.all()} == {
        (veterans["thirty"].pk, 30), (veterans["forty"].pk, 40)}
    assert proposal.occasion == badge_period(timezone.localdate())[1]
    assert propose_badges(ward=world.ward, actor=clerk) == proposal  # twice is once
    assert BadgeProposal.objects.count() == 1
    assert LogEntry.objects.filter(action="commendations.badges.proposed").count() == 1


def test_the_decision_awards_the_badges_and_the_dossier_shows_them(client, world, clerk, veterans):
    proposal = propose_badges(ward=world.ward, actor=clerk)
    commendation = award_badges(proposal, actor=clerk, awarding_body="Ban Thường vụ Thành ủy Hà Nội",
                                decision_no="1234-QĐ/TU", decided_on=timezone.localdate())
    assert commendation.kind == AwardKind.BADGE
    counted = Commendation.objects.with_counts().get(pk=commendation.pk)
    assert (counted.collectives, counted.individuals) == (0, 2)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.commendation) == (ProposalStatus.AWARDED, commendation)
    with pytest.raises(ValidationError):
        award_badges(proposal, actor=clerk, awarding_body="x", decided_on=timezone.localdate())
    client.force_login(clerk)
    page = client.get(veterans["thirty"].get_absolute_url()).content.decode()
    assert "Huy hiệu 30 năm tuổi Đảng" in page and "1234-QĐ/TU" in page
    assert "Chưa nhận Huy hiệu Đảng nào" in client.get(veterans["none"].get_absolute_url()).content.decode()


def test_a_badge_held_is_not_proposed_again(world, clerk, veterans):
    today = timezone.localdate()
    award_badges(propose_badges(ward=world.ward, actor=clerk), actor=clerk, awarding_body="Thành ủy",
                 decided_on=today)
    BadgeProposal.objects.all().delete()  # as if the proposal were made again for the same occasion
    with pytest.raises(ValidationError) as error:
        propose_badges(ward=world.ward, actor=clerk)
    assert "Không có đảng viên nào" in str(error.value)


def test_only_the_office_proposes_and_awards(world, clerk, secretary, outsider, veterans):
    for actor in (secretary, outsider):
        with pytest.raises(PermissionDenied):
            propose_badges(ward=world.ward, actor=actor)
    proposal = propose_badges(ward=world.ward, actor=clerk)
    with pytest.raises(PermissionDenied):
        award_badges(proposal, actor=secretary, awarding_body="Thành ủy", decided_on=timezone.localdate())
    assert not Commendation.objects.exists()


def test_the_pages_propose_and_award(client, world, clerk, secretary, outsider, veterans):
    client.force_login(clerk)
    response = client.post(reverse("badge_propose"), {"ward": world.ward.pk})
    proposal = BadgeProposal.objects.get()
    assert response["Location"] == proposal.get_absolute_url()
    page = client.get(proposal.get_absolute_url())
    assert "Lê Văn Ba Mươi" in page.content.decode() and page.context["form"] is not None
    client.force_login(secretary)
    assert client.get(proposal.get_absolute_url()).context["form"] is None
    assert client.post(proposal.get_absolute_url(), {"awarding_body": "x"}).status_code == 403
    client.force_login(outsider)
    assert client.get(proposal.get_absolute_url()).status_code == 404
    assert client.post(reverse("badge_propose"), {"ward": world.ward.pk}).status_code == 404
    client.force_login(clerk)
    response = client.post(proposal.get_absolute_url(), {"awarding_body": "Ban Thường vụ Thành ủy Hà Nội",
                                                          "decided_on": f"{timezone.localdate():%d/%m/%Y}"})
    commendation = Commendation.objects.get()
    assert response["Location"] == commendation.get_absolute_url()
    assert "2 cá nhân" in client.get(commendation.get_absolute_url()).content.decode()


def test_a_badge_decisions_list_is_not_rewritten(world, clerk, veterans):
    commendation = award_badges(propose_badges(ward=world.ward, actor=clerk), actor=clerk, awarding_body="Thành ủy",
                                decided_on=timezone.localdate())
    from commendations.services import update_commendation

    with pytest.raises(ValidationError):
        update_commendation(commendation, actor=clerk, recipients={"named_individuals": ["Người khác"]})
    assert commendation.recipients.filter(badge_years__isnull=False).count() == 2
    update_commendation(commendation, actor=clerk, decision_no="1234-QĐ/TU")  # its details still correctable
    with pytest.raises(ValidationError):  # presented before decided
        award_badges(BadgeProposal.objects.create(ward=world.ward, occasion=D(2099, 2, 3)), actor=clerk,
                     awarding_body="Thành ủy", decided_on=timezone.localdate(),
                     presented_on=timezone.localdate() - datetime.timedelta(days=1))
