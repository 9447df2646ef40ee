"""Party badges (Huy hiệu Đảng, docs/rules.md §5): the members' badge list for the next occasion becomes the ward's
proposal (one per occasion: proposing twice proposes once), and the decision, when it comes, an award (a Commendation
of kind Huy hiệu Đảng whose recipients are the members, each with the badge's years). Atomic and audited."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit.services import log_action
from commendations.models import AwardKind, BadgeProposal, Commendation, ProposalStatus, ProposedBadge, Recipient
from commendations.services import check_commendation
from core.scoping import require_perm
from members.lists import badge_period
from members.models import PartyMember
from org.models import WARD_KINDS, Organization


def held_badges(members) -> set[tuple]:
    """(member id, years) of the badges `members` already hold."""
    return set(Recipient.objects.filter(member__in=members, badge_years__isnull=False)
               .values_list("member_id", "badge_years"))


@transaction.atomic
def propose_badges(*, ward: Organization, actor, today: datetime.date | None = None) -> BadgeProposal:
    """The ward's proposal for the next occasion: the members on its roll whose Party age reaches a milestone since
    the previous occasion (the members' badge list), less the badges they already hold. Once an occasion."""
    require_perm(actor, "commendations.change", ward)
    if ward.kind not in WARD_KINDS:
        raise ValidationError({"ward": "Đề nghị tặng Huy hiệu Đảng được lập ở Đảng ủy phường, xã."})
    since, occasion, milestones = badge_period(today or timezone.localdate())
    existing = BadgeProposal.objects.filter(ward=ward, occasion=occasion).first()
    if existing is not None:
        return existing
    members = list(PartyMember.objects.under(ward)
                   .badge_candidates(since, occasion, milestones).select_related("person"))
    held = held_badges(members)
    entries = [(member, member.badge_reached(since, occasion, milestones)) for member in members]
    entries = [(member, years) for member, years in entries if years and (member.pk, years) not in held]
    if not entries:
        raise ValidationError(f"Không có đảng viên nào của {ward.name} đủ tuổi Đảng nhận Huy hiệu dịp "
                              f"{occasion:%d/%m/%Y}.")
    proposal = BadgeProposal.objects.create(ward=ward, occasion=occasion)
    ProposedBadge.objects.bulk_create([ProposedBadge(proposal=proposal, member=member, years=years)
                                       for member, years in entries])
    log_action("commendations.badges.proposed", actor=actor, obj=proposal, organization=ward, data={
        "occasion": str(occasion),
        "members": [{"member": str(member.pk), "name": member.person.full_name, "years": years}
                    for member, years in entries]})
    return proposal


@transaction.atomic
def award_badges(proposal: BadgeProposal, *, actor, awarding_body: str, decided_on: datetime.date,
                 decision_no: str = "", presented_on: datetime.date | None = None) -> Commendation:
    """The decision came: each proposed member holds the badge (a Commendation of kind Huy hiệu Đảng)."""
    proposal = BadgeProposal.objects.select_for_update().select_related("ward").get(pk=proposal.pk)
    require_perm(actor, "commendations.change", proposal.ward)
    if proposal.status == ProposalStatus.AWARDED:
        raise ValidationError("Đề nghị này đã có quyết định tặng.")
    if not (awarding_body or "").strip():
        raise ValidationError({"awarding_body": "Hãy ghi cấp quyết định tặng (ví dụ: Ban Thường vụ Thành ủy)."})
    if decided_on > timezone.localdate():
        raise ValidationError({"decided_on": "Ngày quyết định không được sau hôm nay."})
    entries = list(proposal.entries.select_related("member__person"))
    held = held_badges([entry.member for entry in entries])
    twice = [entry.member.person.full_name for entry in entries if (entry.member_id, entry.years) in held]
    if twice:
        raise ValidationError(f"Đã nhận Huy hiệu này: {', '.join(twice)}.")
    commendation = Commendation(
        ward=proposal.ward, awarding_body=awarding_body.strip(), kind=AwardKind.BADGE, decided_on=decided_on,
        reason=f"Tặng Huy hiệu Đảng dịp {proposal.occasion:%d/%m/%Y}", decision_no=(decision_no or "").strip(),
        presented_on=presented_on)
    check_commendation(commendation)
    commendation.full_clean()
    commendation.save(force_insert=True)
    Recipient.objects.bulk_create([
        Recipient(commendation=commendation, collective=False, person=entry.member.person, member=entry.member,
                  badge_years=entry.years, name=entry.member.person.full_name, order=order)
        for order, entry in enumerate(entries)])
    proposal.status, proposal.commendation = ProposalStatus.AWARDED, commendation
    proposal.save(update_fields=["status", "commendation"])
    log_action("commendations.badges.awarded", actor=actor, obj=commendation, organization=proposal.ward, data={
        "proposal": str(proposal.pk), "decision_no": commendation.decision_no, "decided_on": str(decided_on),
        "members": [{"member": str(entry.member_id), "name": entry.member.person.full_name, "years": entry.years}
                    for entry in entries]})
    return commendation
